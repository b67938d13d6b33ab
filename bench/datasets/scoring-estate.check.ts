/**
 * Checks the scoring estate seed: for the Klarna-sized estate and ten times it, a fresh database
 * (dropped first if it exists), Estate's migrations, the seed, then row counts, a few shapes and
 * the time taken. Drops the databases afterwards.
 *
 *   npm run build && node dist/bench/datasets/scoring-estate.check.js
 *   SCORING_SEED_ADMIN_URL=postgres://user@host:5432/postgres …   # another server (default below)
 *   SCORING_SEED_STEPS=1 …                                        # also time each statement
 */
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createDataSource } from '../../src/database/data-source';
import { migrateUp } from '../../src/database/migrate';
import { KLARNA_ESTATE, scoringEstateStatements, seedScoringEstate, type ScoringEstateSize } from './scoring-estate';

const ADMIN_URL = process.env.SCORING_SEED_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TIME_STEPS = process.env.SCORING_SEED_STEPS === '1';

const TABLES = [
  'team',
  'service',
  'integration',
  'data_entity',
  'data_field',
  'unified_entity',
  'unified_field',
  'entity_mapping',
  'field_mapping',
];

/** What the scoring factors read, summarised: each should look like a real estate, not a uniform one. */
const SHAPES: Record<string, string> = {
  'services by lifecycle': `SELECT string_agg(lifecycle || ' ' || n, ', ' ORDER BY n DESC) FROM (SELECT lifecycle, count(*) n FROM service GROUP BY 1) x`,
  'services by kind': `SELECT string_agg(kind || ' ' || n, ', ' ORDER BY n DESC) FROM (SELECT kind, count(*) n FROM service GROUP BY 1) x`,
  'null criticality / cost / seats / users / api style / auth (%)': `
    SELECT concat_ws(' / ', round(100.0 * count(*) FILTER (WHERE criticality IS NULL) / count(*)),
      round(100.0 * count(*) FILTER (WHERE annual_cost_amount IS NULL) / count(*)),
      round(100.0 * count(*) FILTER (WHERE licensed_seats IS NULL) / count(*)),
      round(100.0 * count(*) FILTER (WHERE monthly_active_users IS NULL) / count(*)),
      round(100.0 * count(*) FILTER (WHERE api_style IS NULL) / count(*)),
      round(100.0 * count(*) FILTER (WHERE auth_method IS NULL) / count(*))) FROM service`,
  'annual cost p50 / p90 / p99 / max (currencies)': `
    SELECT concat_ws(' / ', percentile_disc(0.5) WITHIN GROUP (ORDER BY annual_cost_amount),
      percentile_disc(0.9) WITHIN GROUP (ORDER BY annual_cost_amount),
      percentile_disc(0.99) WITHIN GROUP (ORDER BY annual_cost_amount), max(annual_cost_amount))
      || ' (' || (SELECT string_agg(c || ' ' || n, ', ' ORDER BY n DESC) FROM (SELECT annual_cost_currency c, count(*) n
                  FROM service WHERE annual_cost_currency IS NOT NULL GROUP BY 1) x) || ')'
    FROM service`,
  'MAU = 0 / MAU > seats': `SELECT count(*) FILTER (WHERE monthly_active_users = 0) || ' / ' || count(*) FILTER (WHERE monthly_active_users > licensed_seats) FROM service`,
  'fields described / typed / pii / identifier (%)': `
    SELECT concat_ws(' / ', round(100.0 * count(description) / count(*)),
      round(100.0 * count(*) FILTER (WHERE type NOT IN ('JSON', 'BINARY')) / count(*)),
      round(100.0 * count(pii_class) / count(*)), round(100.0 * count(*) FILTER (WHERE is_identifier) / count(*)))
    FROM data_field`,
  'entities with identifier_fields / containing pii (%)': `
    SELECT round(100.0 * count(*) FILTER (WHERE cardinality(identifier_fields) > 0) / count(*)) || ' / '
      || round(100.0 * count(*) FILTER (WHERE contains_pii) / count(*)) FROM data_entity`,
  'field mappings confirmed / suggested / rejected (% of fields)': `
    SELECT concat_ws(' / ', round(100.0 * count(*) FILTER (WHERE status = 'CONFIRMED') / f.n, 1),
      round(100.0 * count(*) FILTER (WHERE status = 'SUGGESTED') / f.n, 1),
      round(100.0 * count(*) FILTER (WHERE status = 'REJECTED') / f.n, 1))
    FROM field_mapping, (SELECT greatest(count(*), 1) n FROM data_field) f GROUP BY f.n`,
  'unified fields by confirmed suppliers: none / one / several': `
    SELECT concat_ws(' / ', count(*) FILTER (WHERE n = 0), count(*) FILTER (WHERE n = 1), count(*) FILTER (WHERE n > 1))
    FROM (SELECT u.id, count(DISTINCT e.service_id) n FROM unified_field u
          LEFT JOIN field_mapping m ON m.unified_field_id = u.id AND m.status = 'CONFIRMED'
          LEFT JOIN data_field f ON f.id = m.data_field_id LEFT JOIN data_entity e ON e.id = f.entity_id
          GROUP BY u.id) x`,
  'systems of record': `SELECT count(*) FROM field_mapping WHERE is_system_of_record`,
  'consumers of the top 5 sources': `
    SELECT string_agg(n::text, ', ' ORDER BY n DESC) FROM (SELECT count(DISTINCT target_service_id) n
      FROM integration GROUP BY source_service_id ORDER BY n DESC LIMIT 5) x`,
  'integrations by mechanism': `SELECT string_agg(mechanism || ' ' || n, ', ' ORDER BY n DESC) FROM (SELECT mechanism, count(*) n FROM integration GROUP BY 1) x`,
};

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function freshMigratedDatabase(admin: Client, name: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const dataSource = createDataSource(databaseUrl(name));
  await dataSource.initialize();
  try {
    await migrateUp(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function timeSteps(client: Client, size: ScoringEstateSize): Promise<void> {
  await client.query('BEGIN');
  try {
    for (const { step, sql } of scoringEstateStatements(size)) {
      const started = performance.now();
      await client.query(sql);
      console.log(`    ${step.padEnd(40)} ${((performance.now() - started) / 1000).toFixed(2)} s`);
    }
  } finally {
    await client.query('ROLLBACK');
  }
}

async function check(admin: Client, name: string, size: ScoringEstateSize): Promise<void> {
  console.log(`\n${name}: ${JSON.stringify(size)}`);
  await freshMigratedDatabase(admin, name);
  const client = new Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    if (TIME_STEPS) await timeSteps(client, size);
    const { seconds } = await seedScoringEstate(client, size);
    console.log(`  seeded in ${seconds.toFixed(2)} s`);
    const counts = await client.query<Record<string, string>>(
      `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`,
    );
    for (const table of TABLES)
      console.log(`  ${table.padEnd(16)} ${Number(counts.rows[0][table]).toLocaleString('en-US')}`);
    for (const [label, sql] of Object.entries(SHAPES)) {
      const { rows } = await client.query<{ value: string }>(`SELECT (${sql}) AS value`);
      console.log(`  ${label}: ${rows[0].value}`);
    }
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const databases = ['scoring_seed_check', 'scoring_seed_check10'];
  try {
    await check(admin, databases[0], KLARNA_ESTATE);
    await check(admin, databases[1], {
      services: KLARNA_ESTATE.services * 10,
      fieldsPerService: KLARNA_ESTATE.fieldsPerService,
      integrations: KLARNA_ESTATE.integrations * 10,
      unifiedFields: KLARNA_ESTATE.unifiedFields * 10,
    });
  } finally {
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
