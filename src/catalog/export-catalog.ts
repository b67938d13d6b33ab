import { dump } from 'js-yaml';
import { appendTo } from '../common/multimap';
import type { ServiceDescription } from '../inventory/service-record';
import { ESTATE_API_VERSION } from './estate-descriptor';

export interface ExportedField {
  name: string;
  type: string;
  sourceType: string | null;
  description: string | null;
  nullable: boolean;
  identifier: boolean;
  enumValues: string[];
  referenceTarget: string | null;
  isArray: boolean;
  piiClass: string | null;
  piiReason: string | null;
}

/** The live estate as `estate export` reads it. */
export interface EstateSnapshot {
  teams: { key: string; name: string; description: string | null; contactEmail: string | null }[];
  services: ServiceDescription[];
  integrations: {
    source: string;
    target: string;
    mechanism: string;
    frequency: string | null;
    description: string | null;
  }[];
  entities: {
    serviceKey: string;
    name: string;
    description: string | null;
    recordCount: number | null;
    fields: ExportedField[];
  }[];
}

export interface ExportOptions {
  /** Only the services of these teams (and those teams); all when empty. */
  teams?: string[];
  /** Leave the entities and fields out: the file then leaves each service's data as it is on import. */
  withoutData?: boolean;
}

/** What Estate's classifier decided is not written back: importing the file must decide it again, the same way. */
const SET_BY_HAND = 'set by hand';

/**
 * The estate as estate.yaml: one Team document per team, then one Service document per service with
 * the integrations that leave it and its entities inline. Importing the file into the same estate
 * changes nothing; importing it into an empty one rebuilds the teams, services, integrations and data.
 */
export function renderEstateYaml(snapshot: EstateSnapshot, options: ExportOptions = {}): string {
  const wanted = options.teams?.length ? new Set(options.teams.map((t) => t.toLowerCase())) : undefined;
  const services = snapshot.services.filter((s) => !wanted || wanted.has(s.ownerTeam.toLowerCase()));
  const teams = snapshot.teams.filter((t) => !wanted || wanted.has(t.key.toLowerCase()));
  const flowsFrom = groupBy(snapshot.integrations, (i) => i.source.toLowerCase());
  const entitiesOf = groupBy(snapshot.entities, (e) => e.serviceKey.toLowerCase());
  const documents: Record<string, unknown>[] = [
    ...teams.map((team) => ({ apiVersion: ESTATE_API_VERSION, kind: 'Team', ...present(team) })),
    ...services.map((service) => {
      const { kind, dataAccess, ...rest } = service;
      const document: Record<string, unknown> = {
        apiVersion: ESTATE_API_VERSION,
        kind: 'Service',
        key: rest.key,
        name: rest.name,
        type: kind,
        ...present(rest),
      };
      const access = present(dataAccess ?? {});
      if (Object.keys(access).length) document.dataAccess = access;
      const flows = flowsFrom.get(service.key.toLowerCase());
      if (flows) document.integrations = flows.map(({ source: _s, ...flow }) => present(flow));
      const entities = entitiesOf.get(service.key.toLowerCase());
      if (entities && !options.withoutData) document.entities = entities.map(exportedEntity);
      return document;
    }),
  ];
  const header = [
    `# Estate catalog: ${count(teams.length, 'team')}, ${count(services.length, 'service')}.`,
    '# yaml-language-server: $schema=https://estate.dev/schemas/estate-catalog.schema.json',
    '',
  ].join('\n');
  return `${header}${documents.map((d) => dump(d, { noRefs: true, lineWidth: 120 })).join('---\n')}`;
}

function exportedEntity(entity: EstateSnapshot['entities'][number]): Record<string, unknown> {
  return {
    name: entity.name,
    ...present({ description: entity.description, recordCount: entity.recordCount }),
    fields: entity.fields.map((f) => ({
      name: f.name,
      type: f.type,
      ...present({ sourceType: f.sourceType, description: f.description, referenceTarget: f.referenceTarget }),
      ...(f.nullable ? {} : { nullable: false }),
      ...(f.identifier ? { identifier: true } : {}),
      ...(f.isArray ? { isArray: true } : {}),
      ...(f.enumValues.length ? { enum: f.enumValues } : {}),
      ...(f.piiClass && f.piiReason === SET_BY_HAND ? { piiClass: f.piiClass } : {}),
    })),
  };
}

/** The entries that say something: not null, not empty lists. */
function present<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && !v.length)),
  ) as Partial<T>;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) appendTo(groups, keyOf(item), item);
  return groups;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
