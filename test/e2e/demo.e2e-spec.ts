import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CLI_CALLER } from '../../src/cli/cli-caller';
import { generateDemoEstate } from '../../src/demo/demo-estate';
import { loadDemoEstate, type DemoLoadSummary } from '../../src/demo/demo-loader';
import { createTestApp, type TestApp } from '../support/test-app';

const CLI = path.resolve(__dirname, '../../bin/estate.js');

const CANDIDATES = `{ retirementCandidates(first: 10) {
  totalCount
  edges { node { rank service { key } retirement { score factors { name contribution reason } } } } } }`;
const PLAN = `mutation { planMigration(input: {name: "x", top: 30, waveCapacity: {services: 10}}) {
  serviceCount waveCount annualSavings { amount currency } waves { number services { key } } } }`;

interface Candidates {
  retirementCandidates: {
    totalCount: number;
    edges: {
      node: {
        rank: number;
        service: { key: string };
        retirement: { score: number; factors: { name: string; contribution: number; reason: string }[] };
      };
    }[];
  };
}

describe('estate demo', () => {
  let t: TestApp;
  let summary: DemoLoadSummary;
  const phases = new Set<string>();

  beforeAll(async () => {
    t = await createTestApp();
    const estate = generateDemoEstate({ services: 120, seed: 3 });
    summary = await loadDemoEstate(t.dataSource, estate, CLI_CALLER, (phase) => phases.add(phase));
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes the whole estate and reports its progress', async () => {
    const [counts] = await t.dataSource.query<Record<string, number>[]>(
      `SELECT (SELECT count(*) FROM service)::int AS services, (SELECT count(*) FROM integration)::int AS integrations,
              (SELECT count(*) FROM data_field)::int AS fields,
              (SELECT count(*) FROM field_mapping WHERE status = 'CONFIRMED')::int AS mappings`,
    );
    expect(counts).toEqual({
      services: 120,
      integrations: summary.integrations,
      fields: summary.fields,
      mappings: summary.confirmedMappings,
    });
    expect(summary.teams).toBe(40);
    expect(summary.unifiedSchemaVersion).toBe(1);
    expect([...phases]).toEqual(
      expect.arrayContaining(['teams', 'services', 'unified', 'entities', 'fields', 'integrations', 'mappings']),
    );
  });

  it('ranks redundant long-tail tools above the critical hubs, with factors', async () => {
    const { retirementCandidates } = await t.gqlOk<Candidates>(CANDIDATES);
    expect(retirementCandidates.totalCount).toBeGreaterThan(100);
    const top = retirementCandidates.edges.map((e) => e.node);
    expect(top.map((n) => n.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const node of top) expect(node.retirement.factors.length).toBeGreaterThan(5);
    const keys = top.map((n) => n.service.key);
    expect(keys).not.toContain('salesforce');
    expect(keys).not.toContain('workday');
    const redundant = top.filter((n) =>
      n.retirement.factors.some((f) => f.name === 'REDUNDANCY' && /also supplied by other services/.test(f.reason)),
    );
    expect(redundant.length).toBeGreaterThanOrEqual(7);
  });

  it('plans a migration of the top candidates', async () => {
    const { planMigration } = await t.gqlOk<any>(PLAN);
    expect(planMigration.serviceCount).toBe(30);
    expect(planMigration.waveCount).toBeGreaterThanOrEqual(3);
    expect(Number(planMigration.annualSavings.amount)).toBeGreaterThan(0);
  });

  it('the CLI refuses a database that already holds services (exit 1)', () => {
    const run = spawnSync(process.execPath, [CLI, 'demo', '--services', '50'], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/already holds 120 services/);
  });

  it('the CLI refuses a bad --services (exit 2)', () => {
    const run = spawnSync(process.execPath, [CLI, 'demo', '--services', 'many'], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--services must be an integer/);
  });
});
