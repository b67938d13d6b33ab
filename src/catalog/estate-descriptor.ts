import { enumMember } from '../common/enums';
import { SqlDialect } from '../schemas/importers/sql-ddl.importer';
import { scalarText } from '../schemas/importers/document';
import { importEstateJson } from '../schemas/importers/estate-json.importer';
import { SchemaFormat, SchemaImportError } from '../schemas/importers/import.types';
import {
  itemAt,
  noteFileRead,
  readSchemaText,
  wholeFileDocument,
  type CatalogBundle,
  type ReadCatalogFile,
} from './catalog-bundle';
import { placeIn, pointerOfPath, resolveRelative, type SourceDocument } from './catalog-source';

/** The apiVersion of Estate's own descriptor (`estate.yaml`). */
export const ESTATE_API_VERSION = 'estate/v1';

const TEAM_KEYS = ['apiVersion', 'kind', 'key', 'name', 'description', 'contactEmail'];
/** ServiceInput's fields, with the service kind called `type` (`kind` names the document). */
const SERVICE_FIELDS = [
  'key',
  'name',
  'type',
  'ownerTeam',
  'lifecycle',
  'description',
  'vendor',
  'category',
  'criticality',
  'annualCost',
  'licensedSeats',
  'monthlyActiveUsers',
  'contractRenewalDate',
  'tags',
  'links',
  'dataAccess',
];
const SERVICE_KEYS = ['apiVersion', 'kind', ...SERVICE_FIELDS, 'integrations', 'entities', 'schema'];
const INTEGRATION_KEYS = ['source', 'target', 'mechanism', 'frequency', 'description'];
const SCHEMA_KEYS = ['file', 'format', 'sqlDialect', 'maxDepth'];

/**
 * Reads one `estate/v1` document (a Team or a Service) into the bundle. Shapes are checked here
 * only as far as translating needs; the values are validated later, as any input is.
 */
export function readEstateDocument(
  document: SourceDocument,
  value: Record<string, unknown>,
  read: ReadCatalogFile,
  bundle: CatalogBundle,
): void {
  const place = placeIn(document);
  const at = (path: string) => placeIn(document, pointerOfPath(path));
  if (value.kind === 'Team') {
    if (unknownKeys(value, TEAM_KEYS, document, bundle)) return;
    const { apiVersion: _a, kind: _k, ...team } = value;
    bundle.teams.push(itemAt(team as never, place, at));
    return;
  }
  if (value.kind !== 'Service') {
    bundle.errors.push({
      place: placeIn(document, '/kind'),
      message: `kind must be Team or Service for ${ESTATE_API_VERSION} (got ${JSON.stringify(value.kind ?? null)})`,
    });
    return;
  }
  if (unknownKeys(value, SERVICE_KEYS, document, bundle)) return;
  const service: Record<string, unknown> = {};
  for (const field of SERVICE_FIELDS)
    if (value[field] !== undefined) service[field === 'type' ? 'kind' : field] = value[field];
  bundle.services.push(
    itemAt(
      service,
      place,
      (path) => at(path === 'kind' ? 'type' : path),
      (path) => (path === 'kind' ? 'type' : undefined),
    ),
  );
  const key = typeof value.key === 'string' ? value.key : undefined;
  if (!key) return; // Reported when the service is validated; its integrations and data need its key.
  readIntegrations(key, value.integrations, document, bundle);
  readData(key, value, document, read, bundle);
}

function readIntegrations(key: string, list: unknown, document: SourceDocument, bundle: CatalogBundle): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) {
    bundle.errors.push({ place: placeIn(document, '/integrations'), message: 'must be a list of integrations' });
    return;
  }
  list.forEach((raw, i) => {
    const base = `/integrations/${i}`;
    if (!isObject(raw)) return bundle.errors.push({ place: placeIn(document, base), message: 'must be a mapping' });
    const extra = Object.keys(raw).filter((k) => !INTEGRATION_KEYS.includes(k));
    if (extra.length) {
      bundle.errors.push({
        place: placeIn(document, `${base}/${extra[0]}`),
        message: unknownKeyMessage(extra, INTEGRATION_KEYS),
      });
      return;
    }
    const hasSource = raw.source !== undefined;
    if (hasSource === (raw.target !== undefined)) {
      bundle.errors.push({
        place: placeIn(document, base),
        message:
          'give either target (data flows from this service to it) or source (data flows from it to this service)',
      });
      return;
    }
    const other = (hasSource ? raw.source : raw.target) as string;
    if (typeof other === 'string' && other.toLowerCase() === key.toLowerCase()) {
      bundle.errors.push({
        place: placeIn(document, `${base}/${hasSource ? 'source' : 'target'}`),
        message: 'an integration connects two different services',
      });
      return;
    }
    const value = {
      source: hasSource ? other : key,
      target: hasSource ? key : other,
      mechanism: raw.mechanism,
      frequency: raw.frequency,
      description: raw.description as string | null | undefined,
    };
    // The service's own end was checked with the service; problems with the other end point at it.
    const ownEnd = hasSource ? 'target' : 'source';
    bundle.integrations.push(
      itemAt(value, placeIn(document, base), (path) =>
        placeIn(document, path === ownEnd ? '/key' : `${base}${pointerOfPath(path)}`),
      ),
    );
  });
}

/** Inline `entities`, or a `schema.file` beside the descriptor; neither leaves the service's data alone. */
function readData(
  key: string,
  value: Record<string, unknown>,
  document: SourceDocument,
  read: ReadCatalogFile,
  bundle: CatalogBundle,
): void {
  if (value.entities !== undefined && value.schema !== undefined) {
    bundle.errors.push({ place: placeIn(document, '/schema'), message: 'give entities or schema, not both' });
    return;
  }
  if (value.entities !== undefined) {
    try {
      const imported = importEstateJson(JSON.stringify({ entities: value.entities }));
      bundle.warnings.push(
        ...imported.warnings.map((w) => ({ place: placeIn(document, w.pointer ?? ''), message: w.message })),
      );
      bundle.schemas.push(
        itemAt(
          { serviceKey: key, entities: imported.entities, source: `${document.file} (inline entities)` },
          placeIn(document, '/entities'),
          (path) => placeIn(document, pointerOfPath(path)),
        ),
      );
    } catch (error) {
      if (!(error instanceof SchemaImportError)) throw error;
      bundle.errors.push(
        ...error.problems.map((p) => ({ place: placeIn(document, p.pointer ?? '/entities'), message: p.message })),
      );
    }
    return;
  }
  if (value.schema === undefined) return;
  const schema = value.schema;
  if (!isObject(schema) || typeof schema.file !== 'string' || !schema.file.trim()) {
    bundle.errors.push({
      place: placeIn(document, '/schema'),
      message: 'schema must be a mapping with file: <path relative to this file>',
    });
    return;
  }
  const extra = Object.keys(schema).filter((k) => !SCHEMA_KEYS.includes(k));
  if (extra.length) {
    bundle.errors.push({
      place: placeIn(document, `/schema/${extra[0]}`),
      message: unknownKeyMessage(extra, SCHEMA_KEYS),
    });
    return;
  }
  const options = schemaOptions(schema, document, bundle);
  if (!options) return;
  const path = resolveRelative(document.file, schema.file);
  const content = path === undefined ? undefined : read(path);
  if (path === undefined || content === undefined) {
    bundle.errors.push({
      place: placeIn(document, '/schema/file'),
      message:
        path === undefined
          ? `schema.file must be a path relative to this file (got ${schema.file})`
          : `schema file ${path} does not exist`,
    });
    return;
  }
  noteFileRead(bundle, path);
  const imported = readSchemaText(
    content,
    options.format,
    { ...options, fileName: path },
    wholeFileDocument(path, content),
    undefined,
    bundle,
  );
  if (!imported) return;
  bundle.schemas.push(
    itemAt(
      { serviceKey: key, entities: imported.entities, source: `${imported.source} (${path})` },
      placeIn(document, '/schema/file'),
      () => placeIn(document, '/schema/file'),
    ),
  );
}

function schemaOptions(
  schema: Record<string, unknown>,
  document: SourceDocument,
  bundle: CatalogBundle,
): { format?: SchemaFormat; sqlDialect?: SqlDialect; maxDepth?: number } | undefined {
  const format = schema.format === undefined ? undefined : enumMember(SchemaFormat, scalarText(schema.format));
  const sqlDialect =
    schema.sqlDialect === undefined ? undefined : enumMember(SqlDialect, scalarText(schema.sqlDialect));
  const maxDepth = schema.maxDepth;
  const problems: { pointer: string; message: string }[] = [];
  if (schema.format !== undefined && !format)
    problems.push({
      pointer: '/schema/format',
      message: `format must be one of ${Object.values(SchemaFormat).join(', ')}`,
    });
  if (schema.sqlDialect !== undefined && !sqlDialect)
    problems.push({
      pointer: '/schema/sqlDialect',
      message: `sqlDialect must be one of ${Object.values(SqlDialect).join(', ')}`,
    });
  if (
    maxDepth !== undefined &&
    !(Number.isInteger(maxDepth) && (maxDepth as number) >= 1 && (maxDepth as number) <= 10)
  )
    problems.push({ pointer: '/schema/maxDepth', message: 'maxDepth must be a whole number from 1 to 10' });
  bundle.errors.push(...problems.map((p) => ({ place: placeIn(document, p.pointer), message: p.message })));
  return problems.length ? undefined : { format, sqlDialect, maxDepth: maxDepth as number | undefined };
}

function unknownKeys(
  value: Record<string, unknown>,
  known: string[],
  document: SourceDocument,
  bundle: CatalogBundle,
): boolean {
  const extra = Object.keys(value).filter((k) => !known.includes(k));
  if (!extra.length) return false;
  bundle.errors.push({ place: placeIn(document, `/${extra[0]}`), message: unknownKeyMessage(extra, known) });
  return true;
}

function unknownKeyMessage(extra: string[], known: string[]): string {
  const listed = known.filter((k) => k !== 'apiVersion' && k !== 'kind');
  return `unknown key${extra.length > 1 ? 's' : ''} ${extra.join(', ')} (known: ${listed.join(', ')})`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
