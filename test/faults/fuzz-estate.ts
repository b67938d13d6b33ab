import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogFiles } from '../support/catalog-fixtures';
import { buildServiceInput, createIntegration, createService, createTeam } from '../support/factories';
import type { TestApp } from '../support/test-app';
import type { FuzzPools } from './fuzz-values';

/**
 * Every table a request may write, restored between cases so that each case starts from the
 * seeded estate (estate_change only grows: caches keyed by the estate's revision stay honest).
 */
const ESTATE_TABLES = [
  'team',
  'service',
  'integration',
  'data_entity',
  'data_field',
  'unified_entity',
  'unified_field',
  'unified_schema_version',
  'entity_mapping',
  'field_mapping',
  'scoring_profile',
  'migration_plan',
  'api_token',
  'audit_event',
];

const SNAPSHOT_SCHEMA = 'fuzz_seed';

/**
 * A small realistic estate: the estate.yaml catalog (teams, services, integrations, their
 * entities and fields), a few more services, a published unified schema, suggested and
 * confirmed mappings, a saved scoring profile, a migration plan and tokens.
 */
export async function seedEstate(
  t: TestApp,
): Promise<{ pools: FuzzPools; tokens: { viewer: string; editor: string } }> {
  const catalog = catalogFiles('estate');
  const imported = await t.gqlOk<{ importCatalog: { ok: boolean; errors: unknown[] } }>(
    `mutation($files: [CatalogFileInput!]!) { importCatalog(files: $files) { ok errors { message } } }`,
    { files: catalog },
  );
  if (!imported.importCatalog.ok) throw new Error(`seed catalog refused: ${JSON.stringify(imported.importCatalog)}`);
  await createTeam(t, 'platform', 'Platform');
  await createService(t, { key: 'hubspot', name: 'HubSpot', category: 'CRM', vendor: 'HubSpot' });
  await createService(t, { key: 'legacy-crm', name: 'Legacy CRM', lifecycle: 'RETIRING', criticality: 'LOW' });
  await createService(t, { key: 'warehouse', name: 'Warehouse', kind: 'DATA_STORE', annualCost: null });
  await createService(t, { key: 'retired-tool', name: 'Retired Tool', lifecycle: 'RETIRED' });
  await t.gqlOk(`mutation { deleteService(key: "retired-tool") { key } }`);
  await createIntegration(t, 'legacy-crm', 'hubspot', 'ETL');
  await createIntegration(t, 'hubspot', 'warehouse', 'EVENT');
  await t.gqlOk(
    `mutation($entities: [DataEntityInput!]!) { putServiceSchema(serviceKey: "hubspot", entities: $entities) { level } }`,
    {
      entities: [
        {
          name: 'Company',
          recordCount: 12000,
          fields: [
            { name: 'id', type: 'STRING', identifier: true },
            { name: 'name', type: 'STRING' },
            { name: 'domain', type: 'STRING', description: 'The company website' },
            { name: 'numberofemployees', type: 'INTEGER' },
          ],
        },
        {
          name: 'Person',
          fields: [
            { name: 'vid', type: 'STRING', identifier: true },
            { name: 'firstname', type: 'STRING' },
            { name: 'email', type: 'STRING' },
            { name: 'lifecyclestage', type: 'ENUM', enumValues: ['lead', 'customer'] },
          ],
        },
      ],
    },
  );
  await t.gqlOk(`mutation($content: String!) { importUnifiedSchema(content: $content) { entityCount } }`, {
    content: fs.readFileSync(path.join(__dirname, '../fixtures/unified/crm.unified.yaml'), 'utf8'),
  });
  await t.gqlOk(`mutation { publishUnifiedSchema(note: "seed") { version } }`);
  // A draft that differs from the published version, so that publishing can succeed.
  await t.gqlOk(
    `mutation { putUnifiedSchema(mode: MERGE, entities: [{ name: "support.Ticket", fields: [{ name: "subject", type: TEXT }] }]) { level } }`,
  );
  for (const key of ['hubspot', 'salesforce-crm']) {
    await t.gqlOk(`mutation($key: String!) { suggestMappings(serviceKey: $key) { suggested } }`, { key });
  }
  await t.gqlOk(`mutation { confirmMappings(minConfidence: 0.9, serviceKey: "hubspot") { confirmed } }`);
  await t.gqlOk(
    `mutation { saveScoringProfile(input: { name: "lean", baseCurrency: "EUR", weights: [{ factor: ANNUAL_COST, weight: 60 }],
      exchangeRates: [{ currency: "USD", rate: 0.9 }] }) { version } }`,
  );
  await t.gqlOk(
    `mutation { planMigration(input: { name: "Seed plan", top: 3, waveCapacity: { services: 1 } }) { id } }`,
  );
  const secret = async (input: string) =>
    (await t.gqlOk<{ createApiToken: { secret: string } }>(`mutation { createApiToken(input: ${input}) { secret } }`))
      .createApiToken.secret;
  const tokens = {
    viewer: await secret(`{ name: "fuzz viewer", role: VIEWER }`),
    editor: await secret(`{ name: "fuzz editor", role: EDITOR, team: "platform" }`),
  };
  return { pools: await readPools(t, catalog), tokens };
}

async function readPools(t: TestApp, catalog: { path: string; content: string }[]): Promise<FuzzPools> {
  const column = async (sql: string) => (await t.dataSource.query<{ v: string }[]>(sql)).map((row) => row.v);
  const idsOf = (table: string) => column(`SELECT id::text AS v FROM ${table} ORDER BY id`);
  const ids: Record<string, string[]> = {};
  for (const table of [
    'service',
    'team',
    'integration',
    'data_entity',
    'data_field',
    'unified_entity',
    'unified_field',
    'field_mapping',
    'entity_mapping',
    'migration_plan',
    'api_token',
  ]) {
    ids[table] = await idsOf(table);
  }
  ids.import = await column(`SELECT DISTINCT import_id::text AS v FROM audit_event WHERE import_id IS NOT NULL`);
  const cursors: string[] = [];
  for (const query of [
    `{ services(first: 2) { pageInfo { endCursor } } }`,
    `{ teams(first: 1) { pageInfo { endCursor } } }`,
    `{ auditEvents(first: 2) { pageInfo { endCursor } } }`,
    `{ mappings(first: 2) { pageInfo { endCursor } } }`,
    `{ retirementCandidates(first: 2) { pageInfo { endCursor } } }`,
    `{ dataFields(first: 2) { pageInfo { endCursor } } }`,
  ]) {
    const data = await t.gqlOk<Record<string, { pageInfo: { endCursor: string | null } }>>(query);
    const cursor = Object.values(data)[0].pageInfo.endCursor;
    if (cursor) cursors.push(cursor);
  }
  const fixtures = (folder: string) =>
    fs.readdirSync(folder).map((name) => fs.readFileSync(path.join(folder, name), 'utf8'));
  const documents = await t.gqlOk<{ json: string; yaml: string }>(
    `{ json: unifiedSchemaDocument(format: JSON) yaml: unifiedSchemaDocument(format: YAML) }`,
  );
  const serviceKeys = await column(`SELECT key::text AS v FROM service ORDER BY key`);
  return {
    serviceKeys,
    teamKeys: await column(`SELECT key::text AS v FROM team ORDER BY key`),
    ids,
    names: [
      ...(await column(`SELECT DISTINCT name::text AS v FROM data_entity`)),
      ...(await column(`SELECT DISTINCT name::text AS v FROM data_field LIMIT 20`)),
      ...(await column(`SELECT name::text AS v FROM service`)),
    ],
    unifiedEntityNames: await column(`SELECT name::text AS v FROM unified_entity`),
    profiles: await column(`SELECT DISTINCT name::text AS v FROM scoring_profile`),
    cursors,
    contents: {
      schema: fixtures(path.join(__dirname, '../fixtures/schemas')),
      unified: [...fixtures(path.join(__dirname, '../fixtures/unified')), documents.json, documents.yaml],
      catalog: catalog.map((file) => file.content),
    },
    catalogPaths: catalog.map((file) => file.path),
    templates: inputTemplates(catalog),
  };
}

/** Known-good inputs of the types whose rules a generated value rarely meets all at once. */
function inputTemplates(catalog: { path: string; content: string }[]): Record<string, unknown[]> {
  return {
    ServiceInput: [
      buildServiceInput({ key: 'fuzz-service', ownerTeam: 'platform' }),
      { key: 'hubspot', name: 'HubSpot', kind: 'SAAS', ownerTeam: 'platform' },
      { key: 'fuzz-minimal', name: 'Minimal', kind: 'INTERNAL', ownerTeam: 'finance-platform', tags: ['a', ' A '] },
    ],
    ServicePatch: [
      { name: 'Renamed' },
      { tags: ['x', 'y'], lifecycle: 'RETIRING' },
      { annualCost: null, vendor: null },
    ],
    TeamInput: [
      { key: 'fuzz-team', name: 'Fuzz Team', contactEmail: 'fuzz@example.com' },
      { key: 'platform', name: 'Platform' },
    ],
    IntegrationInput: [
      { source: 'hubspot', target: 'legacy-crm', mechanism: 'API', frequency: 'DAILY' },
      { source: 'legacy-crm', target: 'hubspot', mechanism: 'ETL' },
    ],
    DataEntityInput: [
      {
        name: 'Ticket',
        recordCount: 10,
        fields: [{ name: 'id', type: 'STRING', identifier: true }, { name: 'email' }],
      },
      {
        name: 'Company',
        fields: [
          { name: 'id', type: 'STRING', identifier: true },
          { name: 'name', sourceType: 'varchar(80)' },
        ],
      },
    ],
    DataFieldInput: [
      { name: 'status', type: 'ENUM', enumValues: ['open', 'closed'] },
      { name: 'owner.email', piiClass: 'EMAIL' },
    ],
    UnifiedEntityInput: [
      {
        name: 'crm.Account',
        fields: [
          { name: 'id', type: 'STRING', required: true },
          { name: 'name', type: 'STRING' },
        ],
      },
      { name: 'support.Ticket', synonyms: ['Case'], fields: [{ name: 'subject', type: 'TEXT' }] },
    ],
    UnifiedFieldInput: [
      { name: 'email', type: 'STRING', piiClass: 'EMAIL' },
      { name: 'addresses[].city', type: 'STRING' },
    ],
    PlanMigrationInput: [
      { name: 'Fuzz plan', top: 3, waveCapacity: { services: 2 } },
      {
        name: 'Fuzz plan',
        serviceKeys: ['legacy-crm', 'hubspot'],
        waveCapacity: { effort: 10 },
        startDate: '2027-01-01',
        waveLengthDays: 14,
        maxWaves: 3,
      },
      { name: 'Fuzz plan', minScore: 10, waveCapacity: { services: 1 }, profile: 'lean' },
    ],
    WaveCapacityInput: [{ services: 1 }, { effort: 5, services: 3 }],
    SaveScoringProfileInput: [
      { name: 'fuzz-profile', weights: [{ factor: 'API_ACCESS', weight: 5 }] },
      {
        name: 'lean',
        expectedVersion: 1,
        thresholds: { businessValue: 40 },
        exchangeRates: [{ currency: 'GBP', rate: 1.2 }],
      },
      { name: 'fuzz-copy', basedOn: 'lean', baseCurrency: 'USD', description: 'A copy' },
    ],
    ApiTokenInput: [
      { name: 'fuzz token', role: 'VIEWER' },
      { name: 'fuzz editor', role: 'EDITOR', team: 'platform', expiresAt: '2030-01-01T00:00:00Z' },
    ],
    TransformationInput: [
      { kind: 'RENAME' },
      { kind: 'CAST', fromType: 'STRING', toType: 'INTEGER' },
      { kind: 'UNIT', fromUnit: 'cents', toUnit: 'g' },
      { kind: 'ENUM_MAP', enumMap: [{ from: 'lead', to: 'LEAD' }] },
      { kind: 'EXPRESSION', expression: 'value' },
      { kind: 'SPLIT', separator: ' ', part: 0 },
    ],
    CatalogFileInput: catalog,
    MoneyInput: [{ amount: '100.00', currency: 'EUR' }],
    ServiceFilter: [
      { search: 'crm', lifecycle: ['ACTIVE'] },
      { ownerTeam: ['platform'], includeDeleted: true },
    ],
    RetirementFilter: [{ minScore: 10, lifecycles: ['ACTIVE', 'RETIRING'] }],
  };
}

/** A row as text, but for when a token was last used: every request with a token sets it, after it answers. */
const ROW_TEXT = `(to_jsonb(x) - 'last_used_at')::text`;

/**
 * Counts and a hash of every row of the tables that make up the estate, successful audit
 * events and the estate's revision (bumped by every committed write to a scored table).
 */
export async function estateDigest(t: TestApp): Promise<Record<string, string>> {
  const parts = ESTATE_TABLES.filter((table) => table !== 'audit_event').map(
    (
      table,
    ) => `SELECT '${table}' AS name, count(*) || ':' || md5(coalesce(string_agg(${ROW_TEXT}, '|' ORDER BY ${ROW_TEXT}), '')) AS digest
                FROM ${table} x`,
  );
  parts.push(
    `SELECT 'audit_event' AS name, count(*) || ':' || md5(coalesce(string_agg(${ROW_TEXT}, '|' ORDER BY ${ROW_TEXT}), ''))
     FROM audit_event x WHERE outcome = 'SUCCESS'`,
    `SELECT 'estate_revision', coalesce(sum(weight), 0)::text FROM estate_change`,
  );
  const rows = await t.dataSource.query<{ name: string; digest: string }[]>(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

/** Copies the estate's tables aside, so that every case starts from the seeded estate. */
export async function snapshotEstate(t: TestApp): Promise<void> {
  await t.dataSource.query(`DROP SCHEMA IF EXISTS ${SNAPSHOT_SCHEMA} CASCADE; CREATE SCHEMA ${SNAPSHOT_SCHEMA}`);
  for (const table of ESTATE_TABLES) {
    await t.dataSource.query(`CREATE TABLE ${SNAPSHOT_SCHEMA}.${table} AS TABLE public.${table}`);
  }
}

/**
 * Puts the estate's tables back as snapshotted. Foreign keys and triggers (also those that keep
 * the audit trail and published versions immutable) are off while it runs (replica role), so the
 * order does not matter; the estate's revision is bumped by hand so that anything cached by
 * revision is read again.
 */
export async function restoreEstate(t: TestApp): Promise<void> {
  await t.dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    for (const table of ESTATE_TABLES) {
      await manager.query(`DELETE FROM public.${table}`);
      await manager.query(`INSERT INTO public.${table} SELECT * FROM ${SNAPSHOT_SCHEMA}.${table}`);
    }
    await manager.query(`INSERT INTO estate_change (txid) VALUES (txid_current()) ON CONFLICT (txid) DO NOTHING`);
  });
  // Every restore leaves the replaced rows dead: clear them now and then, or every query slows down.
  if (++restores % VACUUM_EVERY === 0) await t.dataSource.query(`VACUUM ${ESTATE_TABLES.join(', ')}`);
}

const VACUUM_EVERY = 25;
let restores = 0;
