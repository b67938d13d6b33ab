import { performance } from 'node:perf_hooks';

/**
 * A whole enterprise estate for the scoring benchmark, written straight into an empty, migrated
 * Estate database: teams, services with costs, usage and data-access profiles, their entities and
 * fields, integrations with a few hubs, a unified schema and mappings onto it.
 *
 * Every row comes from set-based SQL (INSERT … SELECT over generate_series) in one transaction.
 * Each value is a pure function of the seed and the row's numbers (hashtextextended), ids included
 * (md5 of the same), so a size and a seed always give the same estate, byte for byte.
 */
export interface ScoringEstateSize {
  services: number;
  fieldsPerService: number;
  integrations: number;
  unifiedFields: number;
  seed?: number;
}

export const KLARNA_ESTATE: ScoringEstateSize = {
  services: 1200,
  fieldsPerService: 50,
  integrations: 3000,
  unifiedFields: 600,
};

/** pg.Client, pg.PoolClient, a TypeORM DataSource or QueryRunner: the seed is one multi-statement query. */
export interface SqlClient {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Seeds `size` into an empty migrated database and returns how long it took. The statements go as
 * one simple-protocol query, which PostgreSQL runs as one transaction on one connection (even from
 * a pool): all of it is written or none.
 */
export async function seedScoringEstate(client: SqlClient, size: ScoringEstateSize): Promise<{ seconds: number }> {
  const sql = scoringEstateStatements(size)
    .map((s) => s.sql)
    .join(';\n');
  const started = performance.now();
  await client.query(sql);
  return { seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Vocabularies

/** A list written as "a | b | c" across lines. */
const list = (text: string): string[] =>
  text
    .split('|')
    .map((item) => item.trim())
    .filter(Boolean);

const TEAM_NAMES = list(`
  Payments Core | Checkout | Risk | Fraud Prevention | Credit | Collections | Merchant Onboarding |
  Merchant Experience | Shopping App | Customer Care | Identity | Consent and Privacy | Data Platform |
  Analytics Engineering | Finance Systems | Treasury | Accounting | Procurement | People Systems | Workplace IT |
  Security Engineering | Observability | Developer Experience | Cloud Platform | Networking | Marketing Technology |
  Growth | Rewards | Pricing | Settlement | Disputes | Compliance | Legal Operations | Partner Integrations | Search |
  Notifications | Machine Learning | Underwriting | Internal Tools | Enterprise Architecture`);
const SAAS_VENDORS = list(`
  Salesforce | Workday | ServiceNow | Atlassian | Zendesk | HubSpot | SAP | Oracle | Microsoft | Adobe | Slack | Okta |
  Snowflake | Datadog | Coupa | DocuSign | Box | Dropbox | Zoom | Asana | Monday.com | Notion | Figma | GitHub | GitLab |
  PagerDuty | Greenhouse | BambooHR | Gusto | NetSuite | Xero | Braze | Segment | Amplitude | Mixpanel | Intercom |
  Freshworks | Twilio | Stripe | Marketo`);
const PLATFORM_VENDORS = list(`
  AWS | Google Cloud | Microsoft Azure | Confluent | Databricks | Elastic | Cloudflare | HashiCorp | Red Hat | MongoDB |
  PostgreSQL | Redis`);
const CATEGORIES = list(`
  CRM | HR | Finance | Payments | Risk | Support | Marketing | Analytics | Engineering | Security | Legal | Procurement |
  Collaboration | Identity | Observability | Data`);
const DOMAINS = list(`
  Checkout | Ledger | Payouts | Onboarding | Fraud | Credit | Collections | Notifications | Pricing | Catalog | Search |
  Identity | Consent | Reporting | Settlement | Disputes | Refunds | Merchant | Shopping | Rewards | Underwriting | KYC |
  AML | Treasury`);
const SERVICE_NOUNS = list('Service | API | Gateway | Engine | Portal | Hub | Scheduler | Processor | Tracker');
const STORE_NOUNS = list('Warehouse | Database | Lake | Mart | Store | Cache');
const REGIONS = list('EU | US | APAC | UK | Nordics');

/** What entities are about. 40 words, so entity k of a service takes subject (base + 7k) mod 40: all distinct. */
const SUBJECTS = list(`
  customer | account | contact | person | employee | user | order | invoice | payment | refund | product | price |
  subscription | contract | ticket | case | lead | opportunity | campaign | merchant | transaction | ledger entry |
  shipment | address | document | project | task | vendor | supplier | department | asset | license | device | session |
  event | message | review | dispute | chargeback | settlement`);
const SUBJECT_STEP = 7;

/**
 * Field attributes: "words: TYPE [PII_CLASS]". None is an identifier's name (id, uuid, key,
 * "<subject> id"), and no two run together into the same word, so names stay unique in every style.
 * 9 of 80 hold personal data: about a tenth of all fields.
 */
const ATTRIBUTES = list(`
  name: STRING | title: STRING | status: ENUM | type: ENUM | code: STRING | description: TEXT | notes: TEXT |
  email: STRING EMAIL | phone: STRING PHONE | first name: STRING PERSON_NAME | last name: STRING PERSON_NAME |
  birth date: DATE BIRTH_DATE | street address: STRING POSTAL_ADDRESS | ip address: STRING IP_ADDRESS |
  iban: STRING BANK_ACCOUNT | card last four: STRING PAYMENT_CARD | city: STRING | country: STRING |
  postal code: STRING | region: STRING | currency: STRING | amount: DECIMAL | total: DECIMAL | price: DECIMAL |
  tax: DECIMAL | discount: DECIMAL | balance: DECIMAL | quantity: INTEGER | count: INTEGER | version: INTEGER |
  sequence: INTEGER | score: DECIMAL | rank: INTEGER | priority: ENUM | stage: ENUM | source: ENUM | channel: ENUM |
  category: ENUM | created at: DATETIME | updated at: DATETIME | deleted at: DATETIME | closed at: DATETIME |
  due date: DATE | start date: DATE | end date: DATE | effective date: DATE | last login: DATETIME |
  is active: BOOLEAN | is deleted: BOOLEAN | is verified: BOOLEAN | opt in: BOOLEAN | archived: BOOLEAN |
  owner: REFERENCE | parent: REFERENCE | assignee: REFERENCE | created by: REFERENCE | account ref: REFERENCE |
  metadata: JSON | attributes: JSON | custom fields: JSON | payload: JSON | attachment: BINARY | thumbnail: BINARY |
  website: STRING | industry: ENUM | language: STRING | timezone: STRING | locale: STRING | reference number: STRING |
  external ref: STRING | label: STRING | comment: TEXT | reason: TEXT | summary: TEXT | url: STRING | tags: STRING |
  size: INTEGER | duration: INTEGER | percentage: DECIMAL | color: STRING`).map((entry) => {
  const [words, kind] = entry.split(':');
  const [type, pii = null] = kind.trim().split(' ');
  return { words, type, pii };
});
const ATTRIBUTE_COUNT = ATTRIBUTES.length;

// ---------------------------------------------------------------------------------------------
// SQL building blocks

const lit = (value: string | null): string => (value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`);
const textArray = (values: readonly (string | null)[]): string => `(ARRAY[${values.map(lit).join(', ')}]::text[])`;
/** values[1 + floor(r × n)]: a uniform pick from a list. */
const oneOf = (values: readonly string[], r: string): string =>
  `${textArray(values)}[1 + floor(${r} * ${values.length})::int]`;

/** CASE over cumulative weights: `r` must be a column (it is read once per branch). */
function weighted(r: string, choices: readonly (readonly [string | null, number])[]): string {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let cumulative = 0;
  const branches = choices.slice(0, -1).map(([value, weight]) => {
    cumulative += weight;
    return `WHEN ${r} < ${cumulative / total} THEN ${lit(value)}`;
  });
  return `(CASE ${branches.join(' ')} ELSE ${lit(choices[choices.length - 1][0])} END)`;
}

/** A phrase of attribute words in a naming style: 0 snake_case, 1 camelCase, 2 PascalCase, 3 runtogether. */
function styled(words: string, style: string): string {
  const pascal = `replace(initcap(${words}), ' ', '')`;
  return `(CASE ${style} WHEN 0 THEN replace(${words}, ' ', '_') WHEN 1 THEN lower(left(${pascal}, 1)) || substr(${pascal}, 2) WHEN 2 THEN ${pascal} ELSE replace(${words}, ' ', '') END)`;
}

const ENUM_VALUE_SETS = [
  ['ACTIVE', 'INACTIVE', 'PENDING'],
  ['LOW', 'MEDIUM', 'HIGH', 'URGENT'],
  ['NEW', 'OPEN', 'CLOSED', 'ARCHIVED'],
  ['WEB', 'MOBILE', 'EMAIL', 'PHONE', 'IN_STORE'],
];
const enumValues = (i: string): string =>
  `(CASE ${i} % ${ENUM_VALUE_SETS.length} ${ENUM_VALUE_SETS.map((set, n) => `WHEN ${n} THEN ${textArray(set)}`).join(' ')} END)`;

const PG_TYPES: Record<string, string> = {
  STRING: 'varchar(255)',
  TEXT: 'text',
  INTEGER: 'int8',
  DECIMAL: 'numeric(18,2)',
  BOOLEAN: 'bool',
  DATE: 'date',
  DATETIME: 'timestamptz',
  ENUM: 'varchar(32)',
  REFERENCE: 'uuid',
  JSON: 'jsonb',
  BINARY: 'bytea',
};
const pgType = (type: string): string =>
  `(CASE ${type} ${Object.entries(PG_TYPES)
    .map(([t, pg]) => `WHEN ${lit(t)} THEN ${lit(pg)}`)
    .join(' ')} END)`;

/** Fixed timestamps: the estate does not depend on when it was seeded. */
const EPOCH = `timestamptz '2024-01-01 00:00:00+00'`;
const SEEDED_AT = `timestamptz '2025-06-01 00:00:00+00'`;

interface Statement {
  step: string;
  sql: string;
}

function checkSize(size: ScoringEstateSize): Required<ScoringEstateSize> {
  const checked = { seed: 1, ...size };
  for (const [name, value] of Object.entries(checked))
    if (!Number.isSafeInteger(value) || (name !== 'seed' && value < 0))
      throw new Error(`scoring estate: ${name} must be a non-negative integer, not ${value}`);
  return checked;
}

/**
 * The seed's statements in order, each with a label. `seedScoringEstate` sends them as one query;
 * run them one by one inside BEGIN … COMMIT on one connection to time each step.
 */
export function scoringEstateStatements(size: ScoringEstateSize): Statement[] {
  const { services: S, fieldsPerService: F, integrations: I, unifiedFields: U, seed } = checkSize(size);
  const teams = S === 0 ? 0 : Math.max(1, Math.round(S / 30));
  const unifiedEntities = U === 0 ? 0 : Math.max(1, Math.round(U / 10));
  // Unified fields by popularity rank: popular ones (supplied by many services), niche ones
  // (supplied by a few specialist services: often one, sometimes none) and dark ones (supplied by none).
  const popular = Math.ceil(U * 0.6);
  const niche = Math.floor(U * 0.3);

  const key = (tag: string, parts: string[]) =>
    [lit(`${tag}:${seed}`), ...parts.map((p) => `(${p})`)].join(` || ':' || `);
  /** A pseudo-random number in [0, 1) for this tag and row. */
  const r = (tag: string, ...parts: string[]) =>
    `((hashtextextended(${key(tag, parts)}, 0) & 9007199254740991)::float8 / 9007199254740992)`;
  /** The id of a row: the same numbers give the same id, so foreign keys need no join. */
  const id = (tag: string, ...parts: string[]) => `md5(${key(tag, parts)})::uuid`;

  const kind = (rKind: string) =>
    weighted(rKind, [
      ['SAAS', 45],
      ['INTERNAL', 30],
      ['PLATFORM', 13],
      ['DATA_STORE', 12],
    ]);
  /** Per service: its entities, naming style, subjects, data habits and mapping maturity. */
  const serviceShape = (s: string) => `
    SELECT least(3 + floor(5 * ${r('entities', s)})::int, greatest(${F}, 1)) AS entities,
           floor(4 * ${r('style', s)})::int AS style,
           floor(${SUBJECTS.length} * ${r('subjects', s)})::int AS subject_base,
           ${kind(r('kind', s))} AS kind,
           0.02 + 0.3 * power(${r('opaque', s)}, 3) AS opaque_share,
           0.15 + 0.9 * ${r('documented', s)} AS described_share,
           ${r('maturity', s)} AS maturity
    OFFSET 0`;
  /** Entity k of a service: its subject and the range [lo, hi) of the service's fields it holds (skewed). */
  const entityShape = (s: string, k: string) => `
    SELECT (sv.subject_base + ${SUBJECT_STEP} * ${k}) % ${SUBJECTS.length} AS subject_i,
           ${textArray(SUBJECTS)}[1 + (sv.subject_base + ${SUBJECT_STEP} * ${k}) % ${SUBJECTS.length}] AS subject,
           floor(${F} * power(${k}::float8 / sv.entities, 0.77))::int AS lo,
           floor(${F} * power((${k} + 1)::float8 / sv.entities, 0.77))::int AS hi,
           floor(${ATTRIBUTE_COUNT} * ${r('attribute', s, k)})::int AS attribute_base,
           ${r('identified', s, k)} AS r_identified,
           ${r('id-name', s, k)} AS r_id_name
    OFFSET 0`;

  const statements: Statement[] = [];
  const add = (step: string, sql: string) => statements.push({ step, sql });

  add(
    'settings',
    `SELECT set_config('statement_timeout', '0', true), set_config('synchronous_commit', 'off', true),
            set_config('work_mem', '256MB', true)`,
  );
  add(
    'empty check',
    `DO $$ BEGIN
       IF EXISTS (SELECT FROM team) OR EXISTS (SELECT FROM service) OR EXISTS (SELECT FROM unified_entity) THEN
         RAISE EXCEPTION 'the scoring estate is seeded into an empty database only';
       END IF;
     END $$`,
  );

  const teamWidth = Math.max(2, String(teams).length);
  add(
    'teams',
    `INSERT INTO team (id, key, name, description, contact_email, created_at, updated_at)
     SELECT ${id('team', 'n')}, 'team-' || lpad(n::text, ${teamWidth}, '0'),
            ${textArray(TEAM_NAMES)}[1 + (n - 1) % ${TEAM_NAMES.length}]
              || CASE WHEN n > ${TEAM_NAMES.length} THEN ' ' || ((n - 1) / ${TEAM_NAMES.length} + 1) ELSE '' END,
            'Owns services of the synthetic scoring estate.',
            'team-' || lpad(n::text, ${teamWidth}, '0') || '@example.com',
            ${EPOCH}, ${EPOCH}
     FROM generate_series(1, ${teams}) n`,
  );

  const serviceWidth = Math.max(5, String(S).length);
  add(
    'services',
    `INSERT INTO service (id, key, name, description, kind, vendor, category, owner_team_id, lifecycle, criticality,
                          annual_cost_amount, annual_cost_currency, licensed_seats, monthly_active_users,
                          contract_renewal_date, tags, api_style, machine_readable_spec, spec_format, bulk_export,
                          change_events, data_structure, auth_method, rate_limit_per_minute, created_at, updated_at)
     SELECT ${id('svc', 'n')}, 'svc-' || lpad(n::text, ${serviceWidth}, '0'),
            CASE a.kind
              WHEN 'SAAS' THEN a.vendor || ' ' || a.category
                || CASE WHEN d.r_name < 0.3 THEN ' ' || ${oneOf(REGIONS, 'd.r_name / 0.3')} ELSE '' END
              WHEN 'DATA_STORE' THEN ${oneOf(DOMAINS, 'd.r_name')} || ' ' || ${oneOf(STORE_NOUNS, 'd.r_name2')}
              ELSE ${oneOf(DOMAINS, 'd.r_name')} || ' ' || ${oneOf(SERVICE_NOUNS, 'd.r_name2')}
            END,
            CASE WHEN d.r_described < 0.7 THEN a.category || ' ' || lower(replace(a.kind, '_', ' '))
              || ' of the synthetic scoring estate.' END,
            a.kind, a.vendor, a.category,
            md5('team:${seed}:' || (1 + floor(${teams} * power(d.r_team, 1.4))::int))::uuid,
            a.lifecycle, a.criticality,
            b.cost, CASE WHEN b.cost IS NOT NULL THEN ${weighted('d.r_currency', [
              ['USD', 86],
              ['EUR', 9],
              ['GBP', 5],
            ])} END,
            b.seats,
            CASE WHEN d.r_users < 0.12 THEN NULL
                 WHEN d.r_users < 0.15 THEN 0
                 WHEN b.seats > 0 THEN round(b.seats * 1.1 * power(d.r_users2, 0.7))::int
                 ELSE round(3 * power(20000, d.r_users2))::int END,
            CASE WHEN a.kind = 'SAAS' AND b.cost IS NOT NULL THEN date '2026-01-01' + floor(730 * d.r_renewal)::int END,
            array_remove(ARRAY[lower(a.category),
                               CASE WHEN d.r_tags < 0.25 THEN 'gdpr' END,
                               CASE WHEN d.r_tags2 < 0.15 THEN 'sox' END,
                               CASE WHEN d.r_tags2 > 0.8 THEN 'customer-facing' END], NULL),
            a.api_style, b.spec,
            CASE WHEN b.spec THEN CASE a.api_style
              WHEN 'GRAPHQL' THEN 'GRAPHQL_SDL'
              WHEN 'SOAP' THEN 'WSDL'
              WHEN 'FILE_EXPORT' THEN 'JSON_SCHEMA'
              ELSE ${weighted('d.r_spec_format', [
                ['OPENAPI', 80],
                ['ODATA', 7],
                ['JSON_SCHEMA', 5],
                ['ASYNCAPI', 3],
                ['OTHER', 5],
              ])} END END,
            CASE WHEN d.r_bulk < 0.1 THEN NULL
                 WHEN a.kind = 'DATA_STORE' THEN d.r_bulk < 0.85 ELSE d.r_bulk < 0.5 END,
            CASE WHEN a.kind = 'DATA_STORE' THEN ${weighted('d.r_events', [
              [null, 10],
              ['NONE', 35],
              ['WEBHOOKS', 10],
              ['CDC', 45],
            ])} ELSE ${weighted('d.r_events', [
              [null, 10],
              ['NONE', 45],
              ['WEBHOOKS', 34],
              ['CDC', 11],
            ])} END,
            ${weighted('d.r_structure', [
              [null, 10],
              ['STRUCTURED', 61],
              ['SEMI_STRUCTURED', 20],
              ['UNSTRUCTURED', 9],
            ])},
            ${weighted('d.r_auth', [
              [null, 10],
              ['OAUTH2', 29],
              ['OIDC', 11],
              ['SAML', 11],
              ['API_KEY', 16],
              ['BASIC', 7],
              ['MTLS', 8],
              ['NONE', 3],
              ['OTHER', 5],
            ])},
            CASE WHEN a.kind = 'SAAS' AND a.api_style IN ('REST', 'GRAPHQL') AND d.r_rate < 0.6
                 THEN (ARRAY[60, 100, 300, 600, 1000, 6000])[1 + floor(10 * d.r_rate)::int] END,
            ${EPOCH} - d.r_created * interval '2500 days',
            ${EPOCH} - d.r_created * interval '2500 days' + d.r_updated * interval '500 days'
     FROM generate_series(1, ${S}) n
     CROSS JOIN LATERAL (
       SELECT ${r('kind', 'n')} AS r_kind, ${r('name', 'n')} AS r_name, ${r('name2', 'n')} AS r_name2,
              ${r('vendor', 'n')} AS r_vendor, ${r('category', 'n')} AS r_category,
              ${r('described', 'n')} AS r_described, ${r('team', 'n')} AS r_team,
              ${r('lifecycle', 'n')} AS r_lifecycle, ${r('criticality', 'n')} AS r_criticality,
              ${r('cost', 'n')} AS r_cost, ${r('cost-known', 'n')} AS r_cost_known, ${r('currency', 'n')} AS r_currency,
              ${r('seats', 'n')} AS r_seats, ${r('seats2', 'n')} AS r_seats2,
              ${r('users', 'n')} AS r_users, ${r('users2', 'n')} AS r_users2, ${r('renewal', 'n')} AS r_renewal,
              ${r('tags', 'n')} AS r_tags, ${r('tags2', 'n')} AS r_tags2,
              ${r('api', 'n')} AS r_api, ${r('spec', 'n')} AS r_spec, ${r('spec-format', 'n')} AS r_spec_format,
              ${r('bulk', 'n')} AS r_bulk, ${r('events', 'n')} AS r_events, ${r('structure', 'n')} AS r_structure,
              ${r('auth', 'n')} AS r_auth, ${r('rate', 'n')} AS r_rate,
              ${r('created', 'n')} AS r_created, ${r('updated', 'n')} AS r_updated
       OFFSET 0) d
     CROSS JOIN LATERAL (
       SELECT ${kind('d.r_kind')} AS kind,
              ${oneOf(CATEGORIES, 'd.r_category')} AS category,
              ${weighted('d.r_lifecycle', [
                ['ACTIVE', 83],
                ['DEPRECATED', 7],
                ['RETIRING', 5],
                ['PLANNED', 4],
                ['RETIRED', 1],
              ])} AS lifecycle,
              ${weighted('d.r_criticality', [
                [null, 10],
                ['LOW', 25],
                ['MEDIUM', 33],
                ['HIGH', 22],
                ['MISSION_CRITICAL', 10],
              ])} AS criticality,
              ${weighted('d.r_api', [
                [null, 10],
                ['NONE', 8],
                ['FILE_EXPORT', 10],
                ['SOAP', 8],
                ['REST', 55],
                ['GRAPHQL', 9],
              ])} AS api_style,
              CASE ${kind('d.r_kind')}
                WHEN 'SAAS' THEN ${oneOf(SAAS_VENDORS, 'd.r_vendor')}
                WHEN 'INTERNAL' THEN NULL
                ELSE CASE WHEN d.r_vendor < 0.7 THEN ${oneOf(PLATFORM_VENDORS, 'd.r_vendor / 0.7')} END
              END AS vendor
       OFFSET 0) a
     CROSS JOIN LATERAL (
       -- Long-tailed cost (Pareto, alpha 1): median about 4,000, a few in the millions.
       SELECT CASE WHEN d.r_cost_known >= 0.08
                   THEN round(least(25000000, 2000 / (1 - d.r_cost))::numeric / 100) * 100 END AS cost,
              CASE WHEN d.r_seats < CASE a.kind WHEN 'SAAS' THEN 0.15 WHEN 'INTERNAL' THEN 0.7 ELSE 0.6 END THEN NULL
                   WHEN d.r_seats2 < 0.015 THEN 0
                   ELSE round(5 * power(4000, d.r_seats2))::int END AS seats,
              CASE WHEN d.r_spec < 0.1 THEN NULL
                   WHEN a.api_style IN ('REST', 'GRAPHQL') THEN d.r_spec < 0.65
                   WHEN a.api_style = 'SOAP' THEN d.r_spec < 0.8
                   WHEN a.api_style = 'FILE_EXPORT' THEN d.r_spec < 0.2
                   WHEN a.api_style IS NULL THEN d.r_spec < 0.4
                   ELSE false END AS spec
       OFFSET 0) b`,
  );

  add(
    'data entities',
    `INSERT INTO data_entity (id, service_id, name, description, record_count, position, created_at, updated_at)
     SELECT ${id('ent', 's', 'k')}, ${id('svc', 's')},
            CASE sv.style WHEN 0 THEN replace(en.subject, ' ', '_')
                          WHEN 3 THEN 'tbl_' || replace(en.subject, ' ', '_')
                          ELSE replace(initcap(en.subject), ' ', '') END,
            CASE WHEN ${r('entity-described', 's', 'k')} < 0.6 THEN 'The ' || en.subject || ' records of svc-' || lpad(s::text, ${serviceWidth}, '0') || '.' END,
            CASE WHEN ${r('records-known', 's', 'k')} >= 0.1 THEN floor(power(10, 1 + 6 * ${r('records', 's', 'k')}))::bigint END,
            k, ${SEEDED_AT}, ${SEEDED_AT}
     FROM generate_series(1, ${S}) s
     CROSS JOIN LATERAL (${serviceShape('s')}) sv
     CROSS JOIN LATERAL generate_series(0, sv.entities - 1) k
     CROSS JOIN LATERAL (${entityShape('s', 'k')}) en`,
  );

  // Field 0 of an entity is its id column, declared an identifier in 3 entities of 4 (with the next
  // field too in 1 of 20). The others take consecutive attributes from the entity's base, so names
  // are distinct; past 80 fields they repeat with a suffix (_2, _3 …).
  const attributeWords = textArray(ATTRIBUTES.map((a) => a.words));
  const attributeTypes = textArray(ATTRIBUTES.map((a) => a.type));
  const attributePii = textArray(ATTRIBUTES.map((a) => a.pii));
  add(
    'data fields',
    `INSERT INTO data_field (id, entity_id, name, position, source_type, type, nullable, is_identifier, description,
                             enum_values, reference_target, is_array, pii_class, pii_reason, created_at, updated_at)
     SELECT ${id('fld', 's', 'j')}, ${id('ent', 's', 'k')},
            CASE WHEN f.pos = 0 THEN
                   CASE WHEN en.r_id_name < 0.5 THEN 'id'
                        WHEN en.r_id_name < 0.85 THEN ${styled(`en.subject || ' id'`, 'sv.style')}
                        WHEN en.r_id_name < 0.95 THEN 'uuid' ELSE 'key' END
                 ELSE ${styled('f.words', 'sv.style')}
                   || CASE WHEN f.pos > ${ATTRIBUTE_COUNT} THEN '_' || ((f.pos - 1) / ${ATTRIBUTE_COUNT} + 1) ELSE '' END
            END,
            f.pos,
            CASE WHEN sv.kind = 'DATA_STORE' THEN ${pgType('t.type')} END,
            t.type,
            f.pos > 0 AND f.r_misc < 0.8,
            (f.pos = 0 AND en.r_identified < 0.75) OR (f.pos = 1 AND en.r_identified < 0.05),
            CASE WHEN f.r_described < sv.described_share THEN
              CASE WHEN f.pos = 0 THEN 'Identifier of the ' || en.subject || '.'
                   ELSE 'The ' || f.words || ' of the ' || en.subject || '.' END END,
            CASE WHEN t.type = 'ENUM' THEN ${enumValues('f.attribute_i')} ELSE '{}' END,
            CASE WHEN t.type = 'REFERENCE' THEN
              replace(initcap(${textArray(SUBJECTS)}[1 + (f.attribute_i + s) % ${SUBJECTS.length}]), ' ', '') END,
            f.pos > 0 AND f.r_misc > 0.97,
            f.pii,
            CASE WHEN f.pii IS NOT NULL THEN 'name suggests ' || lower(replace(f.pii, '_', ' ')) END,
            ${SEEDED_AT}, ${SEEDED_AT}
     FROM generate_series(1, ${S}) s
     CROSS JOIN LATERAL (${serviceShape('s')}) sv
     CROSS JOIN LATERAL generate_series(0, sv.entities - 1) k
     CROSS JOIN LATERAL (${entityShape('s', 'k')}) en
     CROSS JOIN LATERAL generate_series(en.lo, en.hi - 1) j
     CROSS JOIN LATERAL (
       SELECT j - en.lo AS pos, a.i AS attribute_i,
              CASE WHEN j > en.lo THEN ${attributeWords}[1 + a.i] END AS words,
              CASE WHEN j > en.lo THEN ${attributeTypes}[1 + a.i] END AS attribute_type,
              CASE WHEN j > en.lo THEN ${attributePii}[1 + a.i] END AS pii,
              ${r('type', 's', 'j')} AS r_type, ${r('described', 's', 'j')} AS r_described,
              ${r('misc', 's', 'j')} AS r_misc
       FROM (SELECT (en.attribute_base + greatest(j - en.lo - 1, 0)) % ${ATTRIBUTE_COUNT} AS i) a
       OFFSET 0) f
     CROSS JOIN LATERAL (
       SELECT CASE WHEN f.pos = 0 THEN
                     CASE WHEN en.r_id_name >= 0.85 AND en.r_id_name < 0.95 THEN 'STRING'
                          WHEN f.r_type < 0.55 THEN 'STRING' ELSE 'INTEGER' END
                   WHEN f.r_type < sv.opaque_share THEN
                     CASE WHEN f.r_type < 0.8 * sv.opaque_share THEN 'JSON' ELSE 'BINARY' END
                   WHEN f.r_type < sv.opaque_share + 0.04 THEN 'STRING'
                   ELSE f.attribute_type END AS type
       OFFSET 0) t`,
  );

  add(
    'entity identifiers and personal data',
    `UPDATE data_entity e SET contains_pii = a.pii, identifier_fields = a.identifiers
     FROM (SELECT entity_id, bool_or(pii_class IS NOT NULL) AS pii,
                  coalesce(array_agg(name::text ORDER BY position) FILTER (WHERE is_identifier), '{}') AS identifiers
           FROM data_field GROUP BY entity_id) a
     WHERE e.id = a.entity_id AND (a.pii OR cardinality(a.identifiers) > 0)`,
  );

  // Integrations: services in a scrambled order; a source is a hub (log-uniform rank: the first few
  // feed hundreds of consumers) 40% of the time, any live service otherwise. Candidates that repeat
  // a live edge (uq_integration_edge) or loop are dropped; 30% spare ones make up for them.
  const candidates = Math.ceil(I * 1.3) + 100;
  add(
    'integrations',
    `WITH live AS MATERIALIZED (
       SELECT row_number() OVER (ORDER BY hashtextextended('hub:${seed}:' || key::text, 0), key)::int AS i, id, key::text AS key
       FROM service WHERE lifecycle <> 'RETIRED' AND deleted_at IS NULL
     ), live_count AS (SELECT count(*)::int AS l FROM live),
     candidate AS (
       SELECT n,
              CASE WHEN d.r_hub < 0.4 THEN least(live_count.l, floor(power(live_count.l, d.r_source))::int)
                   ELSE 1 + floor(live_count.l * d.r_source)::int END AS source_i,
              1 + floor(live_count.l * d.r_target)::int AS target_i,
              ${weighted('d.r_mechanism', [
                ['API', 48],
                ['FILE', 15],
                ['ETL', 15],
                ['EVENT', 17],
                ['MANUAL', 5],
              ])} AS mechanism,
              d.r_frequency, d.r_described
       FROM generate_series(1, ${candidates}) n
       CROSS JOIN live_count
       CROSS JOIN LATERAL (
         SELECT ${r('hub', 'n')} AS r_hub, ${r('source', 'n')} AS r_source, ${r('target', 'n')} AS r_target,
                ${r('mechanism', 'n')} AS r_mechanism, ${r('frequency', 'n')} AS r_frequency,
                ${r('described', 'n')} AS r_described
         OFFSET 0) d
       WHERE live_count.l >= 2
     ), edge AS (
       SELECT * FROM (
         SELECT DISTINCT ON (source_i, target_i, mechanism) *
         FROM candidate WHERE source_i <> target_i
         ORDER BY source_i, target_i, mechanism, n) distinct_edges
       ORDER BY n LIMIT ${I}
     )
     INSERT INTO integration (id, source_service_id, target_service_id, mechanism, frequency, description,
                              created_at, updated_at)
     SELECT ${id('int', 'e.n')}, src.id, tgt.id, e.mechanism,
            CASE WHEN e.r_frequency < 0.1 THEN NULL
                 WHEN e.mechanism IN ('API', 'EVENT') THEN
                   CASE WHEN e.r_frequency < 0.8 THEN 'REAL_TIME' ELSE 'ON_DEMAND' END
                 WHEN e.mechanism = 'MANUAL' THEN
                   CASE WHEN e.r_frequency < 0.5 THEN 'MONTHLY' ELSE 'ON_DEMAND' END
                 ELSE ${weighted('e.r_frequency', [
                   ['HOURLY', 30],
                   ['DAILY', 50],
                   ['WEEKLY', 12],
                   ['MONTHLY', 8],
                 ])} END,
            CASE WHEN e.r_described < 0.5 THEN lower(e.mechanism) || ' feed from ' || src.key || ' to ' || tgt.key END,
            ${EPOCH}, ${EPOCH}
     FROM edge e
     JOIN live src ON src.i = e.source_i
     JOIN live tgt ON tgt.i = e.target_i`,
  );

  if (unifiedEntities > 0) {
    add(
      'unified entities',
      `INSERT INTO unified_entity (id, name, description, created_at, updated_at)
       SELECT ${id('ue', 'i')},
              replace(initcap(${textArray(SUBJECTS)}[1 + i % ${SUBJECTS.length}]), ' ', '')
                || CASE WHEN i >= ${SUBJECTS.length} THEN (i / ${SUBJECTS.length} + 1)::text ELSE '' END,
              'The canonical ' || ${textArray(SUBJECTS)}[1 + i % ${SUBJECTS.length}] || '.',
              ${SEEDED_AT}, ${SEEDED_AT}
       FROM generate_series(0, ${unifiedEntities - 1}) i`,
    );
    add(
      'unified fields',
      `INSERT INTO unified_field (id, entity_id, name, position, type, description, required, pii_class, enum_values,
                                  created_at, updated_at)
       SELECT ${id('uf', 'f')}, ${id('ue', 'u.entity_i')},
              replace(${attributeWords}[1 + u.attribute_i], ' ', '_')
                || CASE WHEN u.pos >= ${ATTRIBUTE_COUNT} THEN '_' || (u.pos / ${ATTRIBUTE_COUNT} + 1) ELSE '' END,
              u.pos, ${attributeTypes}[1 + u.attribute_i],
              CASE WHEN u.r_described < 0.9 THEN 'The ' || ${attributeWords}[1 + u.attribute_i] || ' of a '
                || ${textArray(SUBJECTS)}[1 + u.entity_i % ${SUBJECTS.length}] || '.' END,
              u.pos < 2 OR u.r_described > 0.8,
              ${attributePii}[1 + u.attribute_i],
              CASE WHEN ${attributeTypes}[1 + u.attribute_i] = 'ENUM' THEN ${enumValues('u.attribute_i')} ELSE '{}' END,
              ${SEEDED_AT}, ${SEEDED_AT}
       FROM generate_series(0, ${U - 1}) f
       CROSS JOIN LATERAL (
         SELECT f % ${unifiedEntities} AS entity_i, f / ${unifiedEntities} AS pos,
                (floor(${ATTRIBUTE_COUNT} * ${r('unified-attribute', `f % ${unifiedEntities}`)})::int
                  + f / ${unifiedEntities}) % ${ATTRIBUTE_COUNT} AS attribute_i,
                ${r('unified-described', 'f')} AS r_described
         OFFSET 0) u`,
    );

    // One row per data entity at most: the unified entity of its subject, when the schema has one.
    add(
      'entity mappings',
      `INSERT INTO entity_mapping (id, data_entity_id, unified_entity_id, status, confidence, reasons, decided_by,
                                   decided_at, created_at, updated_at)
       SELECT ${id('em', 's', 'k')}, ${id('ent', 's', 'k')}, ${id('ue', 'en.subject_i')}, m.status,
              round((0.55 + 0.45 * m.r_confidence)::numeric, 3)::real,
              ARRAY['entity name matches ' || en.subject],
              CASE WHEN m.status <> 'SUGGESTED' THEN 'architect-' || lpad((1 + floor(12 * m.r_confidence))::text, 2, '0') END,
              CASE WHEN m.status <> 'SUGGESTED' THEN ${SEEDED_AT} + m.r_confidence * interval '300 days' END,
              ${SEEDED_AT}, ${SEEDED_AT}
       FROM generate_series(1, ${S}) s
       CROSS JOIN LATERAL (${serviceShape('s')}) sv
       CROSS JOIN LATERAL generate_series(0, sv.entities - 1) k
       CROSS JOIN LATERAL (${entityShape('s', 'k')}) en
       CROSS JOIN LATERAL (
         SELECT ${r('entity-mapping', 's', 'k')} AS r_status, ${r('entity-confidence', 's', 'k')} AS r_confidence
         OFFSET 0) d
       CROSS JOIN LATERAL (
         SELECT CASE WHEN d.r_status < 0.2 + 0.6 * sv.maturity THEN 'CONFIRMED'
                     WHEN d.r_status < 0.35 + 0.6 * sv.maturity THEN 'SUGGESTED'
                     WHEN d.r_status < 0.38 + 0.6 * sv.maturity THEN 'REJECTED' END AS status,
                d.r_confidence
         OFFSET 0) m
       WHERE m.status IS NOT NULL AND en.subject_i < ${unifiedEntities}`,
    );

    // Field mappings: one row per data field at most, so pairs are unique. A service's maturity sets
    // its confirmed share (0–70%, 35% on average); 20% are suggested and 3% rejected. Confirmed
    // targets are popular unified fields (skewed), or for 1 service in 7 a niche field of its own
    // choosing; suggestions and rejections go anywhere. In each unified field's confirmed sources
    // one is usually the system of record, and a few more claim to be (conflicting masters).
    add(
      'field mappings',
      `WITH unified AS MATERIALIZED (
         SELECT (row_number() OVER (ORDER BY hashtextextended('unified-rank:${seed}:' || f, 0), f) - 1)::int AS rank,
                ${id('uf', 'f')} AS id
         FROM generate_series(0, ${U - 1}) f
       ), mapping AS (
         SELECT s, j, m.status, d.r_confidence,
                CASE WHEN m.status <> 'CONFIRMED' THEN floor(${U} * d.r_target)::int
                     WHEN sv.specialist AND d.r_niche < 0.1 AND ${niche} > 0 THEN ${popular} + sv.niche_i
                     ELSE floor(${popular} * power(d.r_target, 1.6))::int END AS target_rank
         FROM generate_series(1, ${S}) s
         CROSS JOIN LATERAL (
           SELECT ${r('maturity', 's')} AS maturity, ${r('specialist', 's')} < 0.15 AS specialist,
                  floor(${niche} * ${r('niche', 's')})::int AS niche_i
           OFFSET 0) sv
         CROSS JOIN LATERAL generate_series(0, ${F - 1}) j
         CROSS JOIN LATERAL (
           SELECT ${r('mapping', 's', 'j')} AS r_status, ${r('mapping-target', 's', 'j')} AS r_target,
                  ${r('mapping-niche', 's', 'j')} AS r_niche, ${r('mapping-confidence', 's', 'j')} AS r_confidence
           OFFSET 0) d
         CROSS JOIN LATERAL (
           SELECT CASE WHEN d.r_status < 0.7 * sv.maturity THEN 'CONFIRMED'
                       WHEN d.r_status < 0.7 * sv.maturity + 0.2 THEN 'SUGGESTED'
                       WHEN d.r_status < 0.7 * sv.maturity + 0.23 THEN 'REJECTED' END AS status
           OFFSET 0) m
         WHERE m.status IS NOT NULL
       )
       INSERT INTO field_mapping (id, data_field_id, unified_field_id, status, confidence, reasons, transformation,
                                  is_system_of_record, decided_by, decided_at, created_at, updated_at)
       SELECT ${id('fm', 'm.s', 'm.j')}, ${id('fld', 'm.s', 'm.j')}, u.id, m.status,
              CASE m.status
                WHEN 'CONFIRMED' THEN CASE WHEN m.r_confidence >= 0.1 THEN round((0.6 + 0.4 * m.r_confidence)::numeric, 3)::real END
                WHEN 'SUGGESTED' THEN round((0.3 + 0.65 * m.r_confidence)::numeric, 3)::real
                ELSE round((0.05 + 0.55 * m.r_confidence)::numeric, 3)::real END,
              CASE WHEN m.status = 'CONFIRMED' AND m.r_confidence < 0.1 THEN '{}'
                   WHEN m.r_confidence < 0.5 THEN ARRAY['similar name', 'compatible type']
                   ELSE ARRAY['same name', 'compatible type', 'entity already mapped'] END,
              CASE WHEN m.status = 'CONFIRMED' AND m.r_confidence > 0.85 THEN '{"kind": "RENAME"}'::jsonb END,
              m.status = 'CONFIRMED' AND (
                (row_number() OVER (PARTITION BY m.status, m.target_rank ORDER BY m.r_confidence, m.s, m.j) = 1
                  AND ${r('system-of-record', 'm.target_rank')} < 0.7)
                OR m.r_confidence > 0.995),
              CASE WHEN m.status <> 'SUGGESTED' THEN 'architect-' || lpad((1 + m.s % 12)::text, 2, '0') END,
              CASE WHEN m.status <> 'SUGGESTED' THEN ${SEEDED_AT} + m.r_confidence * interval '300 days' END,
              ${SEEDED_AT}, ${SEEDED_AT}
       FROM mapping m
       JOIN unified u ON u.rank = m.target_rank`,
    );
  }

  add(
    'analyze',
    `ANALYZE team, service, integration, data_entity, data_field, unified_entity, unified_field, entity_mapping, field_mapping`,
  );
  return statements;
}
