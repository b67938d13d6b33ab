import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { migrateDownOnce, migrateUp } from '../../src/database/migrate';
import { CHECKED_VOCABULARIES } from '../../src/inventory/inventory.enums';
import { SCHEMA_CHECKED_VOCABULARIES } from '../../src/schemas/schema.types';
import { UNIFIED_CHECKED_VOCABULARIES } from '../../src/unified/unified.types';
import { MAPPING_CHECKED_VOCABULARIES } from '../../src/unified/mapping.types';
import { createTestDatabase } from '../support/test-database';

describe('database schema', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource(database.url);
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('entities and migrations agree: the schema builder has nothing to change', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it.each(
    Object.entries({
      ...CHECKED_VOCABULARIES,
      ...SCHEMA_CHECKED_VOCABULARIES,
      ...UNIFIED_CHECKED_VOCABULARIES,
      ...MAPPING_CHECKED_VOCABULARIES,
    }),
  )('CHECK constraint %s allows exactly the TypeScript vocabulary', async (constraint, vocabulary) => {
    const rows: { def: string }[] = await dataSource.query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1`,
      [constraint],
    );
    expect(rows).toHaveLength(1);
    const allowed = [...rows[0].def.matchAll(/'([A-Z0-9_]+)'::text/g)].map((m) => m[1]).sort();
    expect(allowed).toEqual(Object.values(vocabulary).sort());
  });

  it('every migration reverts and re-applies cleanly', async () => {
    const applied = async () =>
      (await dataSource.query<{ name: string }[]>(`SELECT name FROM estate_migrations ORDER BY id`)).map((r) => r.name);
    const before = await applied();
    expect(before.length).toBeGreaterThan(0);
    for (let i = 0; i < before.length; i++) await migrateDownOnce(dataSource);
    expect(await applied()).toEqual([]);
    const tables: unknown[] = await dataSource.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('team', 'service', 'integration', 'api_token', 'audit_event', 'data_entity', 'data_field', 'unified_entity', 'unified_field', 'unified_schema_version', 'entity_mapping', 'field_mapping', 'scoring_profile', 'estate_change', 'migration_plan')`,
    );
    expect(tables).toHaveLength(0);
    await migrateUp(dataSource);
    expect(await applied()).toEqual(before);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toEqual([]);
  });
});
