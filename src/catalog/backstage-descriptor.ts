import { appendTo } from '../common/multimap';
import type { EntitySpec } from '../schemas/schema.types';
import { scalarText } from '../schemas/importers/document';
import { SchemaFormat } from '../schemas/importers/import.types';
import { pointerToken } from '../schemas/importers/import.types';
import {
  itemAt,
  noteFileRead,
  readSchemaText,
  wholeFileDocument,
  type CatalogBundle,
  type IntegrationDeclaration,
  type ReadCatalogFile,
} from './catalog-bundle';
import { placeIn, pointerOfPath, resolveRelative, type Place, type SourceDocument } from './catalog-source';
import { isObject } from './estate-descriptor';

/** Kinds of Backstage's software catalog that describe an estate. */
export const BACKSTAGE_KINDS = ['Component', 'System', 'API', 'Resource', 'Group', 'User', 'Domain', 'Location'];

/** A Backstage entity as read, before its relations are resolved. */
export interface BackstageEntity {
  kind: string;
  namespace: string;
  name: string;
  value: Record<string, unknown>;
  document: SourceDocument;
}

/** Backstage lifecycles (free text there; these three are its documented ones) in Estate's terms. */
const LIFECYCLES: Record<string, string> = {
  production: 'ACTIVE',
  experimental: 'PLANNED',
  deprecated: 'DEPRECATED',
  planned: 'PLANNED',
  active: 'ACTIVE',
  retiring: 'RETIRING',
  retired: 'RETIRED',
};

type AnnotationValue = (text: string) => unknown;
const text: AnnotationValue = (v) => v.trim();
const vocabulary: AnnotationValue = (v) =>
  v
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
const whole: AnnotationValue = (v) => (/^\s*\d+\s*$/.test(v) ? Number(v) : v);
const yesNo: AnnotationValue = (v) => ({ true: true, yes: true, false: false, no: false })[v.trim().toLowerCase()] ?? v;
/** `48000 EUR`, `EUR 48000`, `48,000.50 EUR`. */
const money: AnnotationValue = (v) => {
  const parts = v.trim().split(/\s+/);
  const currency = parts.find((p) => /^[A-Za-z]{3}$/.test(p));
  const amount = parts.find((p) => p !== currency);
  return parts.length === 2 && currency && amount && /^\d[\d,]*(\.\d+)?$/.test(amount)
    ? { amount: amount.replace(/,/g, ''), currency: currency.toUpperCase() }
    : { amount: v, currency: '' };
};

/** Resource types that hold data (Backstage's own examples: database, s3-bucket, cluster), by word. */
const DATA_STORE_WORDS = new Set([
  'database',
  'db',
  'datastore',
  'warehouse',
  'lake',
  'bucket',
  'storage',
  's3',
  'table',
]);

function holdsData(type: unknown): boolean {
  return (
    typeof type === 'string' &&
    type
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .some((word) => DATA_STORE_WORDS.has(word))
  );
}

/** Estate's annotations on Components and Resources, and the ServiceInput field each one sets. */
export const ESTATE_ANNOTATIONS: Record<string, { path: string; read: AnnotationValue }> = {
  'estate.dev/kind': { path: 'kind', read: vocabulary },
  'estate.dev/vendor': { path: 'vendor', read: text },
  'estate.dev/category': { path: 'category', read: text },
  'estate.dev/criticality': { path: 'criticality', read: vocabulary },
  'estate.dev/annual-cost': { path: 'annualCost', read: money },
  'estate.dev/licensed-seats': { path: 'licensedSeats', read: whole },
  'estate.dev/monthly-active-users': { path: 'monthlyActiveUsers', read: whole },
  'estate.dev/contract-renewal-date': { path: 'contractRenewalDate', read: text },
  'estate.dev/api-style': { path: 'dataAccess.apiStyle', read: vocabulary },
  'estate.dev/machine-readable-spec': { path: 'dataAccess.machineReadableSpec', read: yesNo },
  'estate.dev/spec-format': { path: 'dataAccess.specFormat', read: vocabulary },
  'estate.dev/bulk-export': { path: 'dataAccess.bulkExport', read: yesNo },
  'estate.dev/change-events': { path: 'dataAccess.changeEvents', read: vocabulary },
  'estate.dev/data-structure': { path: 'dataAccess.dataStructure', read: vocabulary },
  'estate.dev/auth-method': { path: 'dataAccess.authMethod', read: vocabulary },
  'estate.dev/rate-limit-per-minute': { path: 'dataAccess.rateLimitPerMinute', read: whole },
};

/** What Backstage calls the fields a service's are read from. */
const BACKSTAGE_FIELD_NAMES: Record<string, string> = {
  key: 'metadata.name',
  name: 'metadata.title',
  description: 'metadata.description',
  ownerTeam: 'spec.owner',
  lifecycle: 'spec.lifecycle',
  tags: 'metadata.tags',
  links: 'metadata.links',
};

/** What Backstage calls the fields a team's are read from (a Group's). */
const GROUP_FIELD_NAMES: Record<string, string> = {
  key: 'metadata.name',
  name: 'spec.profile.displayName',
  description: 'metadata.description',
  contactEmail: 'spec.profile.email',
};

/** What an API's type says about how its provider's data can be reached, unless annotations say otherwise. */
const API_ACCESS: Record<string, { apiStyle?: string; specFormat: string; mechanism: string }> = {
  openapi: { apiStyle: 'REST', specFormat: 'OPENAPI', mechanism: 'API' },
  graphql: { apiStyle: 'GRAPHQL', specFormat: 'GRAPHQL_SDL', mechanism: 'API' },
  asyncapi: { specFormat: 'ASYNCAPI', mechanism: 'EVENT' },
  grpc: { specFormat: 'OTHER', mechanism: 'API' },
};

/** An entity reference, `[kind:][namespace/]name`, with the kind and namespace it defaults to. */
export function parseEntityRef(ref: string, defaultKind: string, defaultNamespace = 'default') {
  const colon = ref.indexOf(':');
  const kind = colon > 0 ? ref.slice(0, colon) : defaultKind;
  const rest = colon > 0 ? ref.slice(colon + 1) : ref;
  const slash = rest.indexOf('/');
  return {
    kind: kind.toLowerCase(),
    namespace: (slash >= 0 ? rest.slice(0, slash) : defaultNamespace).toLowerCase(),
    name: slash >= 0 ? rest.slice(slash + 1) : rest,
  };
}

function refKey(kind: string, namespace: string, name: string): string {
  return `${kind}:${namespace}/${name}`.toLowerCase();
}

/**
 * Checks one document's envelope and keeps it for translation once every file is read (relations
 * point across files). Locations are followed at once (`follow`); kinds outside an estate are skipped.
 */
export function collectBackstageDocument(
  document: SourceDocument,
  value: Record<string, unknown>,
  bundle: CatalogBundle,
  entities: BackstageEntity[],
  follow: (path: string, from: Place) => void,
): void {
  const kind = value.kind;
  const metadata = value.metadata;
  if (typeof kind !== 'string' || !kind) {
    bundle.errors.push({ place: placeIn(document, '/kind'), message: 'kind must be a Backstage kind, e.g. Component' });
    return;
  }
  if (!BACKSTAGE_KINDS.includes(kind)) {
    bundle.warnings.push({
      place: placeIn(document, '/kind'),
      message: `skipped: kind ${kind} is not part of an estate (Estate reads ${BACKSTAGE_KINDS.join(', ')})`,
    });
    return;
  }
  if (!isObject(metadata) || typeof metadata.name !== 'string' || !metadata.name.trim()) {
    bundle.errors.push({
      place: placeIn(document, '/metadata/name'),
      message: 'metadata.name must be a non-empty string',
    });
    return;
  }
  const spec = isObject(value.spec) ? value.spec : {};
  if (kind === 'Location') return followLocation(document, spec, bundle, follow);
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : 'default';
  entities.push({ kind, namespace, name: metadata.name, value, document });
}

function followLocation(
  document: SourceDocument,
  spec: Record<string, unknown>,
  bundle: CatalogBundle,
  follow: (path: string, from: Place) => void,
): void {
  const targets: { target: unknown; pointer: string }[] = [];
  if (spec.target !== undefined) targets.push({ target: spec.target, pointer: '/spec/target' });
  if (Array.isArray(spec.targets))
    spec.targets.forEach((target, i) => targets.push({ target, pointer: `/spec/targets/${i}` }));
  else if (spec.targets !== undefined)
    bundle.errors.push({ place: placeIn(document, '/spec/targets'), message: 'spec.targets must be a list of paths' });
  for (const { target, pointer } of targets) {
    const place = placeIn(document, pointer);
    if (typeof target !== 'string' || !target.trim()) {
      bundle.errors.push({ place, message: 'a Location target must be a path' });
      continue;
    }
    const path = resolveRelative(document.file, target);
    if (path === undefined) {
      bundle.warnings.push({
        place,
        message: `not followed: ${target} (Estate reads files relative to the catalog, never URLs)`,
      });
    } else if (/[*?[]/.test(target)) {
      bundle.warnings.push({ place, message: `not followed: ${target} (glob patterns are not read; list the files)` });
    } else follow(path, place);
  }
}

interface Resolved {
  entity: BackstageEntity;
  spec: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** Translates the collected entities: Groups → teams; Components, Resources → services; relations → integrations. */
export function translateBackstage(entities: BackstageEntity[], read: ReadCatalogFile, bundle: CatalogBundle): void {
  const index = new Map<string, Resolved>();
  const reportedTwice = new Set<BackstageEntity>();
  for (const entity of entities) {
    const key = refKey(entity.kind, entity.namespace, entity.name);
    const seen = index.get(key);
    if (seen) {
      // Said once at each place: the first of three declarations is not reported twice.
      for (const e of [seen.entity, entity].filter((e) => !reportedTwice.has(e)))
        bundle.errors.push({
          place: placeIn(e.document, '/metadata/name'),
          message: `${entity.kind} ${entity.namespace}/${entity.name} is declared more than once`,
        });
      reportedTwice.add(seen.entity);
      continue;
    }
    index.set(key, {
      entity,
      spec: isObject(entity.value.spec) ? entity.value.spec : {},
      metadata: entity.value.metadata as Record<string, unknown>,
    });
  }
  const of = (kind: string) => [...index.values()].filter((r) => r.entity.kind === kind);
  const find = (ref: unknown, defaultKind: string, from: BackstageEntity) => {
    if (typeof ref !== 'string' || !ref.trim()) return undefined;
    const parsed = parseEntityRef(ref.trim(), defaultKind, from.namespace);
    return { ...parsed, entity: index.get(refKey(parsed.kind, parsed.namespace, parsed.name)) };
  };

  for (const group of of('Group')) {
    const profile = isObject(group.spec.profile) ? group.spec.profile : {};
    bundle.teams.push(
      itemAt(
        {
          key: group.entity.name,
          name: scalarText(profile.displayName ?? group.metadata.title ?? group.entity.name),
          description: (group.metadata.description as string | undefined) ?? null,
          contactEmail: (profile.email as string | undefined) ?? null,
        },
        placeIn(group.entity.document),
        (path) => placeIn(group.entity.document, pointerOfPath(GROUP_FIELD_NAMES[path] ?? '')),
        (path) => GROUP_FIELD_NAMES[path],
      ),
    );
  }

  const apis = readApis(of('API'), read, bundle);
  const providers = new Map<string, string[]>();
  const integrations = new Map<string, { value: IntegrationDeclaration; reasons: Set<string>; place: Place }>();
  const connect = (source: string, target: string, mechanism: string, reason: string, place: Place) => {
    if (source.toLowerCase() === target.toLowerCase()) return;
    const key = `${source}>${target}>${mechanism}`.toLowerCase();
    const known = integrations.get(key);
    if (known) known.reasons.add(reason);
    else integrations.set(key, { value: { source, target, mechanism }, reasons: new Set([reason]), place });
  };

  const services = [...of('Component'), ...of('Resource')];
  const consumers: { api: string; consumer: string; place: Place }[] = [];
  for (const service of services) {
    const { entity, spec } = service;
    const doc = entity.document;
    const fieldPlaces: Record<string, string> = {
      key: '/metadata/name',
      name: '/metadata/title',
      description: '/metadata/description',
    };
    const value: Record<string, unknown> = {
      key: entity.name,
      name: service.metadata.title ?? entity.name,
      description: service.metadata.description ?? null,
      kind: entity.kind === 'Resource' ? (holdsData(spec.type) ? 'DATA_STORE' : 'PLATFORM') : 'INTERNAL',
      ownerTeam: ownerOf(service, find, bundle),
      category: categoryOf(service, find),
    };
    fieldPlaces.ownerTeam = '/spec/owner';
    fieldPlaces.kind = '/spec/type';
    fieldPlaces.category = '/spec/system';
    const lifecycle = typeof spec.lifecycle === 'string' ? LIFECYCLES[spec.lifecycle.toLowerCase()] : undefined;
    if (lifecycle) value.lifecycle = lifecycle;
    else if (spec.lifecycle !== undefined)
      bundle.warnings.push({
        place: placeIn(doc, '/spec/lifecycle'),
        message: `lifecycle ${scalarText(spec.lifecycle)} is not one Estate knows (production, experimental, deprecated): imported as ACTIVE`,
      });
    fieldPlaces.lifecycle = '/spec/lifecycle';
    if (Array.isArray(service.metadata.tags)) value.tags = service.metadata.tags;
    fieldPlaces.tags = '/metadata/tags';
    if (Array.isArray(service.metadata.links)) {
      value.links = service.metadata.links.map((link: unknown) =>
        isObject(link) ? { title: link.title ?? link.url, url: link.url } : link,
      );
    }
    fieldPlaces.links = '/metadata/links';
    const annotated = applyAnnotations(service, value, fieldPlaces, bundle);

    for (const [i, ref] of list(spec.providesApis).entries()) {
      const api = find(ref, 'api', entity);
      const name = api?.entity?.entity.name ?? api?.name ?? String(ref);
      if (!api?.entity) {
        bundle.warnings.push({
          place: placeIn(doc, `/spec/providesApis/${i}`),
          message: `API ${String(ref)} is not in the catalog`,
        });
        continue;
      }
      appendTo(providers, name.toLowerCase(), entity.name);
      const access = API_ACCESS[String(api.entity.spec.type).toLowerCase()];
      if (access) inferAccess(value, access, annotated);
    }
    for (const [i, ref] of list(spec.consumesApis).entries()) {
      const api = find(ref, 'api', entity);
      const place = placeIn(doc, `/spec/consumesApis/${i}`);
      if (!api?.entity) bundle.warnings.push({ place, message: `API ${String(ref)} is not in the catalog` });
      else consumers.push({ api: api.entity.entity.name, consumer: entity.name, place });
    }
    for (const [field, sourceIsOther] of [
      ['dependsOn', true],
      ['dependencyOf', false],
    ] as const) {
      for (const [i, ref] of list(spec[field]).entries()) {
        const other = find(ref, 'component', entity);
        const place = placeIn(doc, `/spec/${field}/${i}`);
        if (!other || (other.kind !== 'component' && other.kind !== 'resource')) {
          bundle.errors.push({ place, message: `${field} must name Components or Resources (got ${String(ref)})` });
          continue;
        }
        const name = other.entity?.entity.name ?? other.name;
        const [source, target] = sourceIsOther ? [name, entity.name] : [entity.name, name];
        connect(source, target, 'API', `${target} depends on ${source}`, place);
      }
    }
    bundle.services.push(
      itemAt(
        value,
        placeIn(doc),
        (path) => {
          const prefix = Object.keys(fieldPlaces)
            .filter((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`))
            .sort((a, b) => b.length - a.length)[0];
          if (!prefix) return placeIn(doc);
          const base = fieldPlaces[prefix];
          // Lists (tags, links) keep their positions: `links[1].url` → /metadata/links/1/url.
          return placeIn(
            doc,
            base.startsWith('/metadata/annotations') ? base : `${base}${pointerOfPath(path.slice(prefix.length))}`,
          );
        },
        (path) => {
          const annotation = Object.entries(ESTATE_ANNOTATIONS).find(
            ([, a]) =>
              (path === a.path || path.startsWith(`${a.path}.`)) &&
              fieldPlaces[a.path]?.startsWith('/metadata/annotations'),
          );
          return annotation?.[0] ?? BACKSTAGE_FIELD_NAMES[path];
        },
      ),
    );
  }

  for (const { api, consumer, place } of consumers) {
    const providedBy = providers.get(api.toLowerCase());
    if (!providedBy) {
      bundle.warnings.push({
        place,
        message: `no component in the catalog provides API ${api}: no integration recorded`,
      });
      continue;
    }
    const mechanism = API_ACCESS[String(apis.get(api.toLowerCase())?.type).toLowerCase()]?.mechanism ?? 'API';
    for (const provider of providedBy) connect(provider, consumer, mechanism, `through API ${api}`, place);
  }
  for (const { value, reasons, place } of integrations.values()) {
    bundle.integrations.push(itemAt({ ...value, description: [...reasons].sort().join('; ') }, place, () => place));
  }

  for (const [provider, apiNames] of providersByService(providers)) {
    const read = apiNames.map((name) => apis.get(name)).filter((a) => a?.entities !== undefined) as ReadApi[];
    if (!read.length) continue;
    const entitiesByName = new Map<string, { entity: EntitySpec; api: string }>();
    for (const api of read) {
      for (const entity of api.entities!) {
        const first = entitiesByName.get(entity.name.toLowerCase());
        if (first) {
          bundle.warnings.push({
            place: api.place,
            message: `entity ${entity.name} of ${provider} is described by API ${first.api} and API ${api.name}: the first is kept`,
          });
        } else entitiesByName.set(entity.name.toLowerCase(), { entity, api: api.name });
      }
    }
    bundle.schemas.push(
      itemAt(
        {
          serviceKey: provider,
          entities: [...entitiesByName.values()].map((e) => e.entity),
          source: read.map((a) => `${a.source} (API ${a.name})`).join(', '),
        },
        read[0].place,
        () => read[0].place,
      ),
    );
  }
}

interface ReadApi {
  name: string;
  type: string;
  place: Place;
  entities?: EntitySpec[];
  source: string;
}

/** Each API's type and, for OpenAPI definitions, its entities and fields. */
function readApis(apis: Resolved[], read: ReadCatalogFile, bundle: CatalogBundle): Map<string, ReadApi> {
  const result = new Map<string, ReadApi>();
  for (const api of apis) {
    const doc = api.entity.document;
    const type = api.spec.type === undefined ? '' : scalarText(api.spec.type);
    const entry: ReadApi = { name: api.entity.name, type, place: placeIn(doc, '/spec/definition'), source: type };
    result.set(api.entity.name.toLowerCase(), entry);
    if (type.toLowerCase() !== 'openapi') {
      bundle.warnings.push({
        place: placeIn(doc, '/spec/type'),
        message: `API ${api.entity.name} is ${type || 'untyped'}: Estate reads the entities and fields of OpenAPI definitions only`,
      });
      continue;
    }
    const definition = definitionText(api, read, bundle);
    if (!definition) continue;
    const imported = readSchemaText(
      definition.content,
      SchemaFormat.OPENAPI,
      { fileName: definition.document.file },
      definition.document,
      definition.base,
      bundle,
    );
    if (imported) {
      entry.entities = imported.entities;
      entry.source = imported.source;
    }
  }
  return result;
}

/** The definition's text: inline (a block scalar in the entity's document) or `$text`/`$json`/`$yaml` of a relative file. */
function definitionText(
  api: Resolved,
  read: ReadCatalogFile,
  bundle: CatalogBundle,
): { content: string; document: SourceDocument; base?: Place } | undefined {
  const doc = api.entity.document;
  const definition = api.spec.definition;
  if (typeof definition === 'string') {
    return {
      content: definition,
      document: { file: doc.file, index: doc.index, text: definition, firstLine: 0 },
      // The value is found where its text starts (a block scalar's on the line below `definition: |`): line 1.
      base: { ...placeIn(doc, '/spec/definition'), innerLine: -1 },
    };
  }
  const placeholder = isObject(definition)
    ? Object.keys(definition).find((k) => ['$text', '$json', '$yaml'].includes(k))
    : undefined;
  if (!placeholder || !isObject(definition)) {
    bundle.errors.push({
      place: placeIn(doc, '/spec/definition'),
      message: 'spec.definition must be the API document as text, or {$text: <relative file>}',
    });
    return undefined;
  }
  const target = String(definition[placeholder]);
  const place = placeIn(doc, `/spec/definition/${pointerToken(placeholder)}`);
  const path = resolveRelative(doc.file, target);
  const content = path === undefined ? undefined : read(path);
  if (path === undefined || content === undefined) {
    bundle.errors.push({
      place,
      message:
        path === undefined
          ? `not read: ${target} (Estate reads files relative to the catalog, never URLs)`
          : `${path} does not exist`,
    });
    return undefined;
  }
  noteFileRead(bundle, path);
  return { content, document: wholeFileDocument(path, content) };
}

function ownerOf(
  service: Resolved,
  find: (
    ref: unknown,
    kind: string,
    from: BackstageEntity,
  ) => { kind: string; name: string; entity?: Resolved } | undefined,
  bundle: CatalogBundle,
): string | undefined {
  const owner = find(service.spec.owner, 'group', service.entity);
  const place = placeIn(service.entity.document, '/spec/owner');
  if (!owner) {
    bundle.errors.push({ place, message: 'spec.owner must name the Group that owns it' });
    return undefined;
  }
  if (owner.kind === 'group') return owner.entity?.entity.name ?? owner.name;
  if (owner.kind === 'user' && owner.entity) {
    const group = list(owner.entity.spec.memberOf)[0];
    const team = group === undefined ? undefined : find(group, 'group', owner.entity.entity);
    if (team) {
      bundle.warnings.push({
        place,
        message: `owned by user ${owner.name}: Estate's owners are teams, so the owner is their first group, ${team.name}`,
      });
      return team.entity?.entity.name ?? team.name;
    }
  }
  bundle.errors.push({
    place,
    message:
      owner.kind === 'user'
        ? `owner ${String(service.spec.owner)} is a User ${owner.entity ? 'who is in no Group' : 'not in the catalog'}; Estate's owners are teams (Groups)`
        : `owner ${String(service.spec.owner)} must be a Group`,
  });
  return undefined;
}

/** The business capability: the system's domain (or the system) by title. */
function categoryOf(
  service: Resolved,
  find: (ref: unknown, kind: string, from: BackstageEntity) => { name: string; entity?: Resolved } | undefined,
): string | null {
  const system = find(service.spec.system, 'system', service.entity);
  if (!system) return null;
  const domain = system.entity ? find(system.entity.spec.domain, 'domain', system.entity.entity) : undefined;
  const named = domain ?? system;
  return scalarText(named.entity?.metadata.title ?? named.entity?.entity.name ?? named.name);
}

/** Applies `estate.dev/*` annotations; returns the ServiceInput paths they set. */
function applyAnnotations(
  service: Resolved,
  value: Record<string, unknown>,
  fieldPlaces: Record<string, string>,
  bundle: CatalogBundle,
): Set<string> {
  const annotations = isObject(service.metadata.annotations) ? service.metadata.annotations : {};
  const set = new Set<string>();
  for (const [name, raw] of Object.entries(annotations)) {
    if (!name.startsWith('estate.dev/')) continue;
    const pointer = `/metadata/annotations/${pointerToken(name)}`;
    const known = ESTATE_ANNOTATIONS[name];
    if (!known) {
      bundle.warnings.push({
        place: placeIn(service.entity.document, pointer),
        message: `ignored: unknown annotation ${name} (Estate reads ${Object.keys(ESTATE_ANNOTATIONS).join(', ')})`,
      });
      continue;
    }
    const read = known.read(String(raw));
    if (known.path === 'annualCost' && isObject(read) && read.currency === '') {
      bundle.errors.push({
        place: placeIn(service.entity.document, pointer),
        message: `${name} must be an amount and a currency, e.g. "48000 EUR" (got ${String(raw)})`,
      });
      continue;
    }
    setPath(value, known.path, read);
    fieldPlaces[known.path] = pointer;
    set.add(known.path);
  }
  return set;
}

function inferAccess(
  value: Record<string, unknown>,
  access: { apiStyle?: string; specFormat: string },
  annotated: Set<string>,
): void {
  const dataAccess = (value.dataAccess ?? {}) as Record<string, unknown>;
  if (access.apiStyle && !annotated.has('dataAccess.apiStyle') && dataAccess.apiStyle === undefined)
    dataAccess.apiStyle = access.apiStyle;
  if (!annotated.has('dataAccess.specFormat') && dataAccess.specFormat === undefined)
    dataAccess.specFormat = access.specFormat;
  if (!annotated.has('dataAccess.machineReadableSpec')) dataAccess.machineReadableSpec = true;
  value.dataAccess = dataAccess;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.');
  if (!rest.length) {
    target[head] = value;
    return;
  }
  const child = isObject(target[head]) ? target[head] : {};
  target[head] = child;
  setPath(child, rest.join('.'), value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** provider → the APIs it provides, from api → providers. */
function providersByService(providers: Map<string, string[]>): Map<string, string[]> {
  const byService = new Map<string, string[]>();
  for (const [api, services] of [...providers].sort(([a], [b]) => a.localeCompare(b))) {
    for (const service of services) appendTo(byService, service, api);
  }
  return byService;
}
