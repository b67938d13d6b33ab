/**
 * Inventory benchmark: import 1,200 services over HTTP, then the latency of a
 * page of 100 services with owner team and integrations.
 *
 *   npm run bench                 # embedded PostgreSQL in a scratch folder
 *   DATABASE_URL=postgres://… npm run bench
 *
 * Prints its figures and writes them to bench/RESULTS.md.
 */
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { seededRandom } from './datasets/random';
import { gql, Results, startBenchApp, summary } from './harness';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 1200);
const INTEGRATIONS = Math.round(SERVICES * 2.5);
const TEAMS = 40;
const WARMUP = 30;
const SEQUENTIAL = 300;
const CONCURRENT_REQUESTS = 1000;
const CONCURRENCY = 10;

const PAGE_QUERY = `query($after: String) {
  services(first: 100, after: $after) {
    pageInfo { endCursor hasNextPage }
    edges { node {
      key name kind lifecycle annualCost { amount currency } tags
      ownerTeam { key name }
      upstream { mechanism source { key } }
      downstream { mechanism target { key } }
      dependents
    } }
  } }`;

function serviceRows(count: number): object[] {
  const next = seededRandom(42);
  const kinds = ['SAAS', 'SAAS', 'SAAS', 'INTERNAL', 'PLATFORM', 'DATA_STORE'];
  const categories = ['CRM', 'HR', 'Finance', 'Support', 'Marketing', 'Analytics', 'Engineering', 'Legal'];
  return Array.from({ length: count }, (_, i) => ({
    key: `svc-${String(i).padStart(5, '0')}`,
    name: `${categories[i % categories.length]} tool ${i}`,
    description: `Synthetic service ${i} for the inventory benchmark`,
    kind: kinds[Math.floor(next() * kinds.length)],
    vendor: `Vendor ${Math.floor(next() * 300)}`,
    category: categories[i % categories.length],
    ownerTeam: `team-${i % TEAMS}`,
    lifecycle: next() < 0.1 ? 'DEPRECATED' : 'ACTIVE',
    criticality: ['LOW', 'MEDIUM', 'HIGH'][Math.floor(next() * 3)],
    annualCost: { amount: (Math.floor(next() * 20_000_000) / 100).toFixed(2), currency: 'EUR' },
    licensedSeats: Math.floor(next() * 2000),
    monthlyActiveUsers: Math.floor(next() * 1500),
    tags: ['bench', categories[i % categories.length].toLowerCase()],
    links: [{ title: 'Runbook', url: `https://runbooks.example.com/svc-${i}` }],
    dataAccess: { apiStyle: 'REST', machineReadableSpec: next() < 0.5, bulkExport: next() < 0.5 },
  }));
}

async function main(): Promise<void> {
  const bench = await startBenchApp();
  const url = bench.url;
  const results = new Results();
  const say = (line: string) => results.say(line);

  try {
    for (let t = 0; t < TEAMS; t++) {
      await gql(url, `mutation($k: String!) { upsertTeam(input: { key: $k, name: $k }) { outcome } }`, {
        k: `team-${t}`,
      });
    }
    const rows = serviceRows(SERVICES);
    const IMPORT = `mutation($input: [ServiceInput!]!, $dryRun: Boolean) {
      importServices(input: $input, dryRun: $dryRun) { ok created updated unchanged } }`;
    const timeImport = async (label: string, input: object[], dryRun = false) => {
      const started = performance.now();
      const report = (await gql(url, IMPORT, { input, dryRun })).importServices;
      const ms = performance.now() - started;
      say(
        `| ${label} | ${ms.toFixed(0)} ms | created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged} |`,
      );
    };
    say(`## Import of ${SERVICES} services (one importServices request over HTTP)\n`);
    say('| run | time | outcome |');
    say('|---|---|---|');
    await timeImport('dry run, empty estate', rows, true);
    await timeImport('first import', rows);
    await timeImport('same rows again (no-op)', rows);
    await timeImport(
      'every row changed',
      rows.map((r: any) => ({ ...r, description: `${r.description} (v2)` })),
    );

    // Integrations are test data here, not a measured write path: one set-based INSERT.
    const client = new Client({ connectionString: bench.databaseUrl });
    await client.connect();
    await client.query(
      `INSERT INTO integration (source_service_id, target_service_id, mechanism)
       SELECT DISTINCT ON (s.id, t.id) s.id, t.id, 'API'
       FROM generate_series(1, $1) g
       JOIN LATERAL (SELECT id FROM service ORDER BY md5(g::text || 'a' || id::text) LIMIT 1) s ON true
       JOIN LATERAL (SELECT id FROM service ORDER BY md5(g::text || 'b' || id::text) LIMIT 1) t ON true
       WHERE s.id <> t.id`,
      [INTEGRATIONS],
    );
    const [{ count }] = (await client.query(`SELECT count(*)::int AS count FROM integration`)).rows;
    await client.end();

    // Cursors of the 12 pages, so that requests spread over the whole estate.
    const cursors: (string | null)[] = [null];
    for (;;) {
      const page = (await gql(url, PAGE_QUERY, { after: cursors[cursors.length - 1] })).services;
      if (!page.pageInfo.hasNextPage) break;
      cursors.push(page.pageInfo.endCursor);
    }
    const timed = async (i: number) => {
      const started = performance.now();
      await gql(url, PAGE_QUERY, { after: cursors[i % cursors.length] });
      return performance.now() - started;
    };
    for (let i = 0; i < WARMUP; i++) await timed(i);

    const sequential: number[] = [];
    let started = performance.now();
    for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await timed(i));
    const seq = summary(sequential, performance.now() - started);

    const concurrent: number[] = [];
    let issued = 0;
    started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (issued < CONCURRENT_REQUESTS) concurrent.push(await timed(issued++));
      }),
    );
    const conc = summary(concurrent, performance.now() - started);

    say(`\n## services(first: 100) with owner team, upstream/downstream integrations and dependents\n`);
    say(`${SERVICES} services, ${count} integrations, ${TEAMS} teams; ${cursors.length} distinct pages.\n`);
    say('| load | requests | p50 | p95 | p99 | req/s |');
    say('|---|---|---|---|---|---|');
    for (const [label, s] of [
      ['sequential (c1)', seq],
      [`concurrent (c${CONCURRENCY})`, conc],
    ] as const) {
      say(
        `| ${label} | ${s.requests} | ${s.p50.toFixed(1)} ms | ${s.p95.toFixed(1)} ms | ${s.p99.toFixed(1)} ms | ${s.reqPerSec.toFixed(0)} |`,
      );
    }
    results.write('RESULTS.md', 'Inventory benchmark', bench.where);
  } finally {
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
