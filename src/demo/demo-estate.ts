import {
  ApiStyle,
  AuthMethod,
  ChangeEvents,
  Criticality,
  DataStructure,
  IntegrationMechanism,
  Lifecycle,
  ServiceKind,
  SpecFormat,
} from '../inventory/inventory.enums';
import { FieldType, PiiClass, type EntitySpec, type FieldSpec } from '../schemas/schema.types';
import type { UnifiedEntitySpec } from '../unified/unified.types';
import { KNOWN_FLOWS, KNOWN_SYSTEMS, SALESFORCE, WAREHOUSE, WORKDAY, type KnownSystem } from './demo-systems';
import { DEMO_UNIFIED_SCHEMA } from './demo-unified';
import { seededRandom } from '../common/seeded-random';
import { BREADTH_SEED, widenEstate, type DemoBreadth } from './demo-breadth';
import { LONG_TAIL_ARCHETYPES, MISC_ENTITIES, type Archetype } from './demo-long-tail';

/**
 * A deterministic, realistic estate for `estate demo`: the well-known systems with their real
 * objects, a long tail of small tools that hold the same customer, contact and employee data,
 * integrations around three hubs (Salesforce, Workday, the warehouse), a unified schema and
 * confirmed mappings. Pure: the same options always give the same estate.
 */
export interface DemoOptions {
  /** Services in total, the well-known systems included. */
  services: number;
  seed: number;
  /** Wider data than the demo's own (the benchmarks' estate); left out, the demo as `estate demo` loads it. */
  breadth?: DemoBreadth;
}

export const DEFAULT_DEMO_OPTIONS: DemoOptions = { services: 1200, seed: 1 };
export const MIN_DEMO_SERVICES = KNOWN_SYSTEMS.length;
/** Ten times the default: the size the benchmarks load as their 10× estate. */
export const MAX_DEMO_SERVICES = 12_000;

export interface DemoTeam {
  key: string;
  name: string;
  description: string;
  contactEmail: string;
}

/** The shape of the GraphQL ServiceInput. */
export interface DemoService {
  key: string;
  name: string;
  description: string | null;
  kind: ServiceKind;
  vendor: string | null;
  category: string;
  ownerTeam: string;
  lifecycle: Lifecycle;
  criticality: Criticality | null;
  annualCost: { amount: string; currency: string } | null;
  licensedSeats: number | null;
  monthlyActiveUsers: number | null;
  contractRenewalDate: string | null;
  tags: string[];
  dataAccess: {
    apiStyle?: ApiStyle | null;
    machineReadableSpec?: boolean | null;
    specFormat?: SpecFormat | null;
    bulkExport?: boolean | null;
    changeEvents?: ChangeEvents | null;
    dataStructure?: DataStructure | null;
    authMethod?: AuthMethod | null;
  } | null;
}

export interface DemoIntegration {
  source: string;
  target: string;
  mechanism: IntegrationMechanism;
}

export interface DemoSchema {
  serviceKey: string;
  entities: EntitySpec[];
}

/** A confirmed mapping: serviceKey.entity.field → unifiedEntity.unifiedField. */
export interface DemoMapping {
  serviceKey: string;
  entity: string;
  field: string;
  unifiedEntity: string;
  unifiedField: string;
  systemOfRecord: boolean;
}

export interface DemoEstate {
  teams: DemoTeam[];
  services: DemoService[];
  integrations: DemoIntegration[];
  schemas: DemoSchema[];
  unifiedSchema: UnifiedEntitySpec[];
  mappings: DemoMapping[];
}

const TEAM_NAMES = [
  'Sales Operations', 'People Systems', 'Marketing Technology', 'Customer Care', 'Developer Experience',
  'Workplace IT', 'Finance Systems', 'Security Engineering', 'Data Platform', 'Legal Operations',
  'Payments Core', 'Checkout', 'Risk', 'Fraud Prevention', 'Credit', 'Collections', 'Merchant Onboarding',
  'Merchant Experience', 'Shopping App', 'Identity', 'Consent and Privacy', 'Analytics Engineering', 'Treasury',
  'Accounting', 'Procurement', 'Observability', 'Cloud Platform', 'Growth', 'Rewards', 'Pricing', 'Settlement',
  'Disputes', 'Compliance', 'Partner Integrations', 'Search', 'Notifications', 'Machine Learning', 'Underwriting',
  'Internal Tools', 'Enterprise Architecture',
]; // prettier-ignore

const PREFIXES = [
  'Nordics', 'DACH', 'UK', 'US', 'APAC', 'Benelux', 'Iberia', 'France', 'Partner', 'Merchant', 'Enterprise', 'SMB',
  'Field', 'Inside', 'Channel', 'Key Account', 'Onboarding', 'Renewals', 'Events', 'Campus', 'Graduate', 'Contractor',
  'Vendor', 'Regional', 'Global', 'Legacy', 'Pilot', 'Project Atlas', 'Project Orion', 'Project Falcon', 'Ops',
  'Finance', 'HR', 'Recruiting', 'Support', 'Success', 'Growth', 'Product', 'Quality', 'Facilities',
]; // prettier-ignore

const SMALL_SAAS = [
  'Airtable', 'Smartsheet', 'Typeform', 'SurveyMonkey', 'Trello', 'Asana', 'Monday.com', 'Notion', 'Pipedrive',
  'Zoho', 'Freshdesk', 'Help Scout', 'Mailchimp', 'Calendly', 'Miro', 'Harvest', 'Toggl', 'Expensify', 'Lattice',
  'Culture Amp', 'Hootsuite', 'Gong', 'Outreach', 'Salesloft', 'ZoomInfo', 'Clearbit', 'Front', 'Podio', 'Basecamp',
  'Wrike', 'ClickUp', 'Coda', 'Zapier', 'Retool', 'Softr', 'Jotform', 'Eventbrite', 'Personio', 'BambooHR', 'Gusto',
]; // prettier-ignore

const CURRENCIES: [string, number][] = [
  ['USD', 70],
  ['EUR', 20],
  ['GBP', 6],
  ['SEK', 4],
];

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '');
}

export function generateDemoEstate(options: DemoOptions = DEFAULT_DEMO_OPTIONS): DemoEstate {
  const { services: total, seed } = options;
  if (!Number.isSafeInteger(total) || total < MIN_DEMO_SERVICES || total > MAX_DEMO_SERVICES)
    throw new RangeError(
      `services must be an integer from ${MIN_DEMO_SERVICES} to ${MAX_DEMO_SERVICES} (got ${total})`,
    );
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer (got ${seed})`);
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const weighted = <T>(choices: readonly (readonly [T, number])[]): T => {
    let r = random() * choices.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, weight] of choices) if ((r -= weight) < 0) return value;
    return choices[choices.length - 1][0];
  };

  const teams: DemoTeam[] = TEAM_NAMES.map((name) => ({
    key: slug(name),
    name,
    description: `${name}: owns services of the demo estate.`,
    contactEmail: `${slug(name)}@example.com`,
  }));

  const services: DemoService[] = KNOWN_SYSTEMS.map(knownService);
  const schemas: DemoSchema[] = KNOWN_SYSTEMS.map((s) => ({
    serviceKey: s.key,
    entities: s.entities.map((e) => ({
      name: e.name,
      description: e.description,
      recordCount: e.records,
      mappedTo: e.to ?? null,
      fields: parseFields(e.fields),
    })),
  }));
  const mappings: DemoMapping[] = KNOWN_SYSTEMS.flatMap(knownMappings);
  const integrations = new Map<string, DemoIntegration>();
  const connect = (source: string, target: string, mechanism: IntegrationMechanism) => {
    if (source !== target) integrations.set(`${source}>${target}>${mechanism}`, { source, target, mechanism });
  };
  for (const [source, target, mechanism] of KNOWN_FLOWS) connect(source, target, mechanism as IntegrationMechanism);

  const usedKeys = new Set(services.map((s) => s.key));
  const uniqueKey = (name: string) => {
    const base = slug(name);
    let key = base;
    for (let n = 2; usedKeys.has(key); n++) key = `${base}-${n}`;
    usedKeys.add(key);
    return key;
  };

  const longTail: { key: string; archetypes: Archetype[] }[] = [];
  for (let i = services.length; i < total; i++) {
    const primary = weighted(LONG_TAIL_ARCHETYPES.map((a) => [a, a.weight] as const));
    const archetypes = [primary];
    if (random() < 0.35) {
      const second = pick(LONG_TAIL_ARCHETYPES);
      if (second !== primary) archetypes.push(second);
    }
    const kind = weighted([
      [ServiceKind.INTERNAL, 55],
      [ServiceKind.SAAS, 37],
      [ServiceKind.DATA_STORE, 5],
      [ServiceKind.PLATFORM, 3],
    ]);
    const vendor = kind === ServiceKind.SAAS ? pick(SMALL_SAAS) : null;
    const noun = pick(primary.nouns);
    const name = vendor ? `${pick(PREFIXES)} ${noun} (${vendor})` : `${pick(PREFIXES)} ${noun}`;
    const key = uniqueKey(name);
    const team = weighted(teams.map((t, n) => [t.key, primary.teams.includes(t.key) ? 12 : 1 + (n % 3)] as const));
    services.push(longTailService(key, name, kind, vendor, primary, team));
    longTail.push({ key, archetypes });

    const entities: EntitySpec[] = [];
    const mapped = random() < 0.6;
    for (const archetype of archetypes) {
      const entityName = uniqueName(pick(archetype.entityNames), entities);
      const fields: FieldSpec[] = [{ name: 'id', type: FieldType.STRING, identifier: true }];
      for (const field of archetype.fields) {
        if (random() > field.presence) continue;
        const fieldName = pick(field.names);
        if (fields.some((f) => f.name.toLowerCase() === fieldName.toLowerCase())) continue;
        fields.push({ name: fieldName, type: field.type, piiClass: field.pii ?? null });
        if (mapped && random() < 0.9)
          mappings.push({
            serviceKey: key,
            entity: entityName,
            field: fieldName,
            unifiedEntity: archetype.unifiedEntity,
            unifiedField: field.unified,
            systemOfRecord: false,
          });
      }
      if (random() < 0.6) fields.push({ name: pick(['notes', 'comments', 'remarks']), type: FieldType.TEXT });
      if (random() < 0.3) fields.push({ name: pick(['custom_fields', 'extra', 'payload']), type: FieldType.JSON });
      if (random() < 0.7) fields.push({ name: 'updated_at', type: FieldType.DATETIME });
      entities.push({
        name: entityName,
        description: random() < 0.5 ? `${archetype.unifiedEntity} records kept by ${name}.` : null,
        recordCount: random() < 0.8 ? Math.round(10 ** (1 + 4 * random())) : null,
        mappedTo: archetype.unifiedEntity,
        fields,
      });
    }
    if (random() < 0.4) {
      const misc = pick(MISC_ENTITIES);
      if (!entities.some((e) => e.name.toLowerCase() === misc.name.toLowerCase()))
        entities.push({ name: misc.name, description: null, recordCount: null, fields: parseFields(misc.fields) });
    }
    schemas.push({ serviceKey: key, entities });

    if (primary.hub === SALESFORCE && random() < 0.65)
      connect(
        SALESFORCE,
        key,
        pick([IntegrationMechanism.API, IntegrationMechanism.FILE, IntegrationMechanism.MANUAL]),
      );
    if (primary.hub === WORKDAY && random() < 0.65)
      connect(WORKDAY, key, pick([IntegrationMechanism.API, IntegrationMechanism.FILE]));
    if (random() < 0.45) connect(key, WAREHOUSE, IntegrationMechanism.ETL);
    if (random() < 0.15) connect('okta', key, IntegrationMechanism.API);
    if (random() < 0.1) connect(key, 'slack', IntegrationMechanism.EVENT);
  }
  // Peer flows among the long tail: a few tools feed many (spreadsheets everyone reads), most feed none.
  const peerFlows = Math.round(longTail.length * 1.45);
  for (let n = 0; n < peerFlows && longTail.length > 1; n++) {
    const source = longTail[Math.floor(longTail.length * random() ** 2.2)].key;
    const target = pick(longTail).key;
    connect(
      source,
      target,
      weighted([
        [IntegrationMechanism.API, 40],
        [IntegrationMechanism.FILE, 25],
        [IntegrationMechanism.ETL, 10],
        [IntegrationMechanism.EVENT, 10],
        [IntegrationMechanism.MANUAL, 15],
      ]),
    );
  }

  const estate: DemoEstate = {
    teams,
    services,
    integrations: [...integrations.values()],
    schemas,
    unifiedSchema: DEMO_UNIFIED_SCHEMA,
    mappings,
  };
  return options.breadth
    ? widenEstate(estate, options.breadth, KNOWN_SYSTEMS.length, seededRandom(seed ^ BREADTH_SEED))
    : estate;

  function longTailService(
    key: string,
    name: string,
    kind: ServiceKind,
    vendor: string | null,
    archetype: Archetype,
    ownerTeam: string,
  ): DemoService {
    const saas = kind === ServiceKind.SAAS;
    const seats = saas && random() < 0.85 ? Math.round(3 * 150 ** random()) : null;
    const usage = random() ** 1.6;
    const users =
      random() < 0.12 ? null : seats !== null ? Math.round(seats * usage) : Math.round(2 + 600 * usage * random());
    const cost =
      random() < 0.1 ? null : Math.round(Math.min(450_000, (saas ? 1800 : 900) / (1 - random()) ** 0.85) / 100) * 100;
    const lifecycle = weighted([
      [Lifecycle.ACTIVE, 84],
      [Lifecycle.DEPRECATED, 8],
      [Lifecycle.RETIRING, 3],
      [Lifecycle.PLANNED, 3],
      [Lifecycle.RETIRED, 2],
    ]);
    return {
      key,
      name,
      description: random() < 0.6 ? `${archetype.purpose} for the ${ownerTeam.replace(/-/g, ' ')} team.` : null,
      kind,
      vendor,
      category: archetype.category,
      ownerTeam,
      lifecycle,
      criticality: weighted([
        [Criticality.LOW, 45],
        [Criticality.MEDIUM, 33],
        [Criticality.HIGH, 8],
        [null, 14],
      ]),
      annualCost: cost === null ? null : { amount: cost.toFixed(2), currency: weighted(CURRENCIES) },
      licensedSeats: seats,
      monthlyActiveUsers: users,
      contractRenewalDate: saas && cost !== null ? isoDay('2026-01-01', Math.floor(random() * 730)) : null,
      tags: [archetype.category.toLowerCase(), ...(archetype.pii && random() < 0.5 ? ['gdpr'] : [])],
      dataAccess: random() < 0.14 ? null : longTailAccess(saas),
    };
  }

  function longTailAccess(saas: boolean): DemoService['dataAccess'] {
    const apiStyle = weighted<ApiStyle | null>([
      [ApiStyle.NONE, saas ? 8 : 18],
      [ApiStyle.FILE_EXPORT, saas ? 17 : 22],
      [ApiStyle.SOAP, 4],
      [ApiStyle.REST, saas ? 55 : 38],
      [ApiStyle.GRAPHQL, 5],
      [null, 10],
    ]);
    const api = apiStyle === ApiStyle.REST || apiStyle === ApiStyle.GRAPHQL;
    const spec = api ? random() < 0.45 : apiStyle === ApiStyle.SOAP ? random() < 0.6 : false;
    return {
      apiStyle,
      machineReadableSpec: random() < 0.15 ? null : spec,
      specFormat: spec
        ? apiStyle === ApiStyle.GRAPHQL
          ? SpecFormat.GRAPHQL_SDL
          : apiStyle === ApiStyle.SOAP
            ? SpecFormat.WSDL
            : SpecFormat.OPENAPI
        : null,
      bulkExport: random() < 0.2 ? null : random() < 0.45,
      changeEvents: weighted<ChangeEvents | null>([
        [ChangeEvents.NONE, 55],
        [ChangeEvents.WEBHOOKS, api ? 25 : 3],
        [ChangeEvents.CDC, 3],
        [null, 17],
      ]),
      dataStructure: weighted<DataStructure | null>([
        [DataStructure.STRUCTURED, 45],
        [DataStructure.SEMI_STRUCTURED, 30],
        [DataStructure.UNSTRUCTURED, 10],
        [null, 15],
      ]),
      authMethod: weighted<AuthMethod | null>([
        [AuthMethod.OAUTH2, 20],
        [AuthMethod.API_KEY, 25],
        [AuthMethod.BASIC, 15],
        [AuthMethod.SAML, 10],
        [AuthMethod.NONE, 5],
        [null, 25],
      ]),
    };
  }
}

function knownService(s: KnownSystem): DemoService {
  return {
    key: s.key,
    name: s.name,
    description: `${s.name}: ${s.category} system of the demo estate.`,
    kind: s.kind,
    vendor: s.vendor,
    category: s.category,
    ownerTeam: s.ownerTeam,
    lifecycle: s.lifecycle,
    criticality: s.criticality,
    annualCost: { amount: s.annualCost.toFixed(2), currency: 'USD' },
    licensedSeats: s.seats,
    monthlyActiveUsers: s.users,
    contractRenewalDate: s.renewal,
    tags: s.tags,
    dataAccess: { ...s.access, specFormat: s.access.specFormat ?? null },
  };
}

function knownMappings(s: KnownSystem): DemoMapping[] {
  return s.entities.flatMap((e) =>
    e.to && e.map
      ? e.map.split(/\s+/).map((pair) => {
          const [field, unifiedField] = pair.split('=');
          return {
            serviceKey: s.key,
            entity: e.name,
            field,
            unifiedEntity: e.to!,
            unifiedField,
            systemOfRecord: s.systemOfRecord ?? false,
          };
        })
      : [],
  );
}

const MODIFIER_TYPES: Record<string, FieldType> = {
  text: FieldType.TEXT,
  int: FieldType.INTEGER,
  decimal: FieldType.DECIMAL,
  bool: FieldType.BOOLEAN,
  date: FieldType.DATE,
  datetime: FieldType.DATETIME,
  enum: FieldType.ENUM,
  ref: FieldType.REFERENCE,
  json: FieldType.JSON,
};
const MODIFIER_PII: Record<string, [PiiClass, FieldType?]> = {
  email: [PiiClass.EMAIL],
  phone: [PiiClass.PHONE],
  person: [PiiClass.PERSON_NAME],
  address: [PiiClass.POSTAL_ADDRESS],
  birth: [PiiClass.BIRTH_DATE, FieldType.DATE],
  natid: [PiiClass.NATIONAL_ID],
};

/** "Id:id Name Email:email Amount:decimal" → field specs (see SystemEntity). */
export function parseFields(text: string): FieldSpec[] {
  return text
    .trim()
    .split(/\s+/)
    .map((token) => {
      const [name, ...modifiers] = token.split(':');
      const field: FieldSpec = { name, type: FieldType.STRING, identifier: false, piiClass: null };
      for (const modifier of modifiers) {
        if (modifier === 'id') field.identifier = true;
        else if (MODIFIER_TYPES[modifier]) field.type = MODIFIER_TYPES[modifier];
        else if (MODIFIER_PII[modifier]) {
          const [pii, type] = MODIFIER_PII[modifier];
          field.piiClass = pii;
          if (type) field.type = type;
        } else throw new Error(`unknown field modifier "${modifier}" in "${token}"`);
      }
      return field;
    });
}

function uniqueName(name: string, entities: EntitySpec[]): string {
  let candidate = name;
  for (let n = 2; entities.some((e) => e.name.toLowerCase() === candidate.toLowerCase()); n++)
    candidate = `${name}_${n}`;
  return candidate;
}

function isoDay(start: string, days: number): string {
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
