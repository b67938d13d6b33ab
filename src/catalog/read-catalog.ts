import { appendTo } from '../common/multimap';
import { scalarText } from '../schemas/importers/document';
import { collectBackstageDocument, translateBackstage, type BackstageEntity } from './backstage-descriptor';
import { emptyBundle, type CatalogBundle, type CatalogItem, type ReadCatalogFile } from './catalog-bundle';
import { parseSourceDocument, splitDocuments, type Place } from './catalog-source';
import { ESTATE_API_VERSION, isObject, readEstateDocument } from './estate-descriptor';

/** File names a folder walk picks up: Estate's descriptor and Backstage's. Other files are read when referenced. */
export const CATALOG_FILE_NAME = /(^|\/)(estate|catalog-info)\.ya?ml$|\.estate\.ya?ml$/i;

/** The most messages one catalog reports; more would drown the first ones. */
export const MAX_CATALOG_MESSAGES = 200;

/**
 * Reads catalog files — Estate's `estate/v1` documents and Backstage's `backstage.io/v1alpha1`
 * entities, any number per file — into one bundle of teams, services, integrations and schemas,
 * following Backstage Locations and schema references to relative files. Nothing is validated
 * against the database here; every problem found is kept with its place.
 */
export function readCatalog(roots: string[], read: ReadCatalogFile): CatalogBundle {
  const bundle = emptyBundle();
  const entities: BackstageEntity[] = [];
  const visited = new Set<string>();
  const queue: { path: string; from?: Place }[] = [...new Set(roots)].sort().map((path) => ({ path }));
  const follow = (path: string, from: Place) => queue.push({ path, from });
  while (queue.length) {
    const { path, from } = queue.shift()!;
    if (visited.has(path)) continue;
    visited.add(path);
    const content = read(path);
    if (content === undefined) {
      bundle.errors.push({
        place: from ?? { file: path },
        message: from ? `Location target ${path} does not exist` : 'no such file',
      });
      continue;
    }
    const documents = splitDocuments(path, content);
    bundle.files.push({ path, documents: documents.length });
    for (const document of documents) {
      const parsed = parseSourceDocument(document);
      if ('problems' in parsed) {
        bundle.errors.push(...parsed.problems);
        continue;
      }
      if (parsed.value === null || parsed.value === undefined) continue;
      if (!isObject(parsed.value)) {
        bundle.errors.push({ place: { document, pointer: '' }, message: 'a catalog document must be a mapping' });
        continue;
      }
      const apiVersion = parsed.value.apiVersion;
      if (apiVersion === ESTATE_API_VERSION) readEstateDocument(document, parsed.value, read, bundle);
      else if (typeof apiVersion === 'string' && /^backstage\.io\//.test(apiVersion))
        collectBackstageDocument(document, parsed.value, bundle, entities, follow);
      else {
        bundle.warnings.push({
          place: { document, pointer: apiVersion === undefined ? '' : '/apiVersion' },
          message:
            apiVersion === undefined
              ? `skipped: no apiVersion (Estate reads ${ESTATE_API_VERSION} and backstage.io/v1alpha1 documents)`
              : `skipped: apiVersion ${scalarText(apiVersion)}${typeof parsed.value.kind === 'string' ? ` (kind ${parsed.value.kind})` : ''} is not part of an estate`,
        });
      }
    }
    if (!documents.length) bundle.warnings.push({ place: { file: path }, message: 'the file holds no documents' });
  }
  translateBackstage(entities, read, bundle);
  reportDuplicates(bundle.teams, 'team', (t) => t.key, bundle);
  reportDuplicates(bundle.services, 'service', (s) => s.key, bundle);
  reportDuplicates(bundle.schemas, 'the data of service', (s) => s.serviceKey, bundle);
  return bundle;
}

/** Keys are case-insensitive; a key declared twice is an error at each place, since neither can win. */
function reportDuplicates<T>(
  items: CatalogItem<T>[],
  what: string,
  keyOf: (value: T) => unknown,
  bundle: CatalogBundle,
): void {
  const byKey = new Map<string, CatalogItem<T>[]>();
  for (const item of items) {
    const key = keyOf(item.value);
    if (typeof key !== 'string') continue;
    appendTo(byKey, key.toLowerCase(), item);
  }
  for (const [key, declared] of byKey) {
    if (declared.length < 2) continue;
    for (const item of declared)
      bundle.errors.push({ place: item.at('key'), message: `${what} ${key} is declared ${declared.length} times` });
  }
}
