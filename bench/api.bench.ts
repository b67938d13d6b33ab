/**
 * The API benchmark (issue #9): Estate over HTTP, as deployed, against the limit of a hand-written
 * server, on the demo estate widened to a large organisation's breadth (BENCH_BREADTH) at 1× and 10×.
 *
 * - Estate runs as its own process (`NODE_ENV=production node dist/src/main.js`, default log level),
 *   the raw baseline (bench/raw-server.ts: node:http + pg, one SQL statement per request) as another,
 *   both on the same scratch database; autocannon in this process drives them over loopback.
 * - Queries, each at concurrency 10: warm-up, then 3 timed runs, median of each figure:
 *   Q1 a service by key with its owner; Q2/Q3 a page of 20/100 services with owner, entities and
 *   fields; Q4 the top 50 retirement candidates with factors; Q5 full-text search; M2 a single
 *   upsert. M1, the bulk import of 1,200 services, is one request at a time (warm-up + 3, median).
 * - SQL statements per request: from Estate's own completion log line (`sqlStatements`), in a pass
 *   of its own after the timed runs, by a second Estate process with ESTATE_SQL_COUNTS=true (counting
 *   follows every promise of a request, which costs CPU; production leaves it off, as the timed runs do).
 * - Server CPU (/proc/<pid>/stat), its PostgreSQL backends' CPU, peak RSS (VmHWM, reset per run).
 *
 *   npm run bench:api                  # embedded PostgreSQL in a scratch folder
 *   DATABASE_URL=postgres://… npm run bench:api
 *   BENCH_SECONDS=5 BENCH_SCALES=1     # seconds per timed run; only the 1× estate
 *
 * Prints its figures and writes them to bench/RESULTS.md.
 */
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { encodeCursor } from '../src/common/cursor';
import { BENCH_BREADTH } from '../src/demo/demo-breadth';
import type { DemoService } from '../src/demo/demo-estate';
import { DEMO_SCALES, demoEstateLabel, loadDemoDataset, thousands, type DemoDataset } from './datasets/demo-dataset';
import { ADMIN_TOKEN, Results, startBenchDatabase } from './harness';
import { loadAverage, measure, type LoadRequest, type RunFigures } from './load';
import { BackendCpu, cpuSeconds, peakRssMiB, resetPeakRss, startEstateProcess, startRawProcess } from './processes';
import type { ServerProcess } from './processes';
import { StatementLog, type StatementCounts } from './statement-log';

const CONNECTIONS = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Math.max(1, Math.round(SECONDS / 2));
const REPEATS = 3;
/** Timed runs taken again when other work on the machine interfered (see BUSY_MACHINE_CORES). */
const RETRIES = 3;
const IMPORT_ROWS = 1200;
/** Requests of each query sent, one at a time, to the counting Estate. */
const COUNTED_REQUESTS = 20;
/** Page cursors spread over the estate, so that requests read all of it, not one cached page. */
const PAGE_STARTS = 60;
const SEARCHES = ['customer', 'tracker', 'salesforce', 'staff roster', 'invoice', 'planner', 'hr', 'crm', 'nordics'];

const PAGE = `query Page($first: Int!, $after: String) {
  services(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      key name kind lifecycle criticality annualCost { amount currency }
      ownerTeam { key name }
      entities(first: 5) { edges { node { name fields(first: 10) { edges { node { name type } } } } } }
    } }
  } }`;
const SERVICE = `query Service($key: String!) { service(key: $key) {
  key name description kind lifecycle criticality annualCost { amount currency } tags
  ownerTeam { key name contactEmail } } }`;
const CANDIDATES = `query Candidates { retirementCandidates(first: 50) {
  totalCount
  edges { node {
    rank service { key name annualCost { amount currency } }
    retirement { score confidence disposition factors { name value weight contribution missing reason } }
  } } } }`;
const SEARCH = `query Search($search: String!) { services(first: 20, filter: { search: $search }) {
  totalCount edges { node { key name vendor category lifecycle } } } }`;
const UPSERT = `mutation Upsert($input: ServiceInput!) { upsertService(input: $input) { outcome service { key version } } }`;
const IMPORT = `mutation Import($input: [ServiceInput!]!) { importServices(input: $input) { ok created updated unchanged } }`;

interface QueryFigures {
  id: string;
  what: string;
  estate: RunFigures;
  statements: StatementCounts | undefined;
  raw?: RunFigures;
  rerun: number;
}

interface ImportFigures {
  estateMs: number;
  rawMs: number;
  statements: StatementCounts | undefined;
  estateCpuMs: number;
  peakRssMiB: number;
}

interface ScaleFigures {
  dataset: DemoDataset;
  queries: QueryFigures[];
  import: ImportFigures;
  idleRssMiB: number;
  where: string;
}

const cycle = <T>(items: T[]) => {
  let n = 0;
  return () => items[n++ % items.length];
};

function graphql(tag: string, query: string, variables: () => object): LoadRequest {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, 'x-request-id': tag },
    next: () => ({ path: '/graphql', body: JSON.stringify({ query, variables: variables() }) }),
    wrong: (body) => !body.startsWith('{"data"') || body.includes('"errors"'),
  };
}

function rawPage(first: number, cursors: (string | null)[]): LoadRequest {
  const next = cycle(cursors);
  return {
    method: 'GET',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    next: () => {
      const after = next();
      return { path: `/services?first=${first}${after ? `&after=${after}` : ''}` };
    },
    wrong: (body) => !body.startsWith('{"data"'),
  };
}

async function post(server: ServerProcess, path: string, body: object, tag: string): Promise<any> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, 'x-request-id': tag },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as any;
  if (!response.ok || json.errors) throw new Error(`${path}: ${JSON.stringify(json).slice(0, 2000)}`);
  return json;
}

async function get(server: ServerProcess, path: string): Promise<any> {
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Cursors of PAGE_STARTS pages spread evenly over the live services in name order (null: the first page). */
async function pageCursors(client: Client, first: number): Promise<(string | null)[]> {
  const { rows } = await client.query<{ value: string; id: string }>(
    `SELECT lower(name) AS value, id FROM service WHERE deleted_at IS NULL ORDER BY lower(name), id`,
  );
  const last = rows.length - first; // no start past the last full page
  const starts = Array.from({ length: PAGE_STARTS }, (_, n) => Math.floor((n * last) / PAGE_STARTS));
  return [...new Set(starts)].map((at) =>
    at === 0 ? null : encodeCursor({ order: 'NAME_ASC', value: rows[at - 1].value, id: rows[at - 1].id }),
  );
}

/** Estate and the raw server must answer a page identically, or the comparison means nothing. */
async function checkSameAnswers(
  estate: ServerProcess,
  raw: ServerProcess,
  first: number,
  cursors: (string | null)[],
): Promise<void> {
  for (const after of [cursors[0], cursors[Math.floor(cursors.length / 2)], cursors[cursors.length - 1]]) {
    const ours = await post(estate, '/graphql', { query: PAGE, variables: { first, after } }, 'bench.check');
    const theirs = await get(raw, `/services?first=${first}${after ? `&after=${after}` : ''}`);
    if (!isDeepStrictEqual(ours, theirs)) {
      throw new Error(
        `Estate and the raw server answer page (first ${first}, after ${after}) differently:\n` +
          `${JSON.stringify(ours).slice(0, 1500)}\n${JSON.stringify(theirs).slice(0, 1500)}`,
      );
    }
  }
}

async function measureScale(scale: (typeof DEMO_SCALES)[number], results: Results): Promise<ScaleFigures> {
  const database = await startBenchDatabase();
  let estate: ServerProcess | undefined;
  let raw: ServerProcess | undefined;
  const client = new Client({ connectionString: database.databaseUrl });
  let backends: BackendCpu | undefined;
  try {
    const dataset = await loadDemoDataset(database.databaseUrl, scale, BENCH_BREADTH);
    results.say(
      `${demoEstateLabel(dataset)}: ${thousands(dataset.counts.entities)} entities, ` +
        `${thousands(dataset.counts.unifiedFields)} unified fields, ${thousands(dataset.counts.confirmedFieldMappings)} ` +
        `confirmed mappings; loaded in ${dataset.loadSeconds.toFixed(1)} s`,
    );
    await client.connect();
    backends = await BackendCpu.open(database.databaseUrl);
    estate = await startEstateProcess(database.databaseUrl, ADMIN_TOKEN);
    raw = await startRawProcess(database.databaseUrl, ADMIN_TOKEN);
    const idleRssMiB = peakRssMiB(estate.pid);

    const keys = (await client.query<{ key: string }>(`SELECT key::text AS key FROM service ORDER BY md5(key::text)`))
      .rows;
    const cursors20 = await pageCursors(client, 20);
    const cursors100 = await pageCursors(client, 100);
    await checkSameAnswers(estate, raw, 20, cursors20);
    await checkSameAnswers(estate, raw, 100, cursors100);

    const options = {
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      seconds: SECONDS,
      repeats: REPEATS,
      retries: RETRIES,
    };
    const queries: QueryFigures[] = [];
    const requests: LoadRequest[] = [];
    const run = async (id: string, what: string, request: LoadRequest, rawRequest?: LoadRequest) => {
      console.log(`${scale.label} ${id}: ${what} (load ${loadAverage()})`);
      const measured = await measure(estate!, backends!, request, options);
      const rawMeasured = rawRequest ? await measure(raw!, backends!, rawRequest, options) : undefined;
      requests.push(request);
      queries.push({
        id,
        what,
        estate: measured.median,
        statements: undefined,
        raw: rawMeasured?.median,
        rerun: measured.rerun + (rawMeasured?.rerun ?? 0),
      });
      const m = measured.median;
      console.log(
        `  ${m.reqPerSec.toFixed(0)} req/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms` +
          (rawMeasured ? `; raw ${rawMeasured.median.reqPerSec.toFixed(0)} req/s` : ''),
      );
    };

    const nextKey = cycle(keys.map((k) => k.key));
    const nextSearch = cycle(SEARCHES);
    const next20 = cycle(cursors20);
    const next100 = cycle(cursors100);
    await run(
      'Q1',
      'a service by key, with its owner',
      graphql('bench.Q1', SERVICE, () => ({ key: nextKey() })),
    );
    await run(
      'Q2',
      'a page of 20 services with owner, entities and fields',
      graphql('bench.Q2', PAGE, () => ({ first: 20, after: next20() })),
      rawPage(20, cursors20),
    );
    await run(
      'Q3',
      'a page of 100 services with owner, entities and fields',
      graphql('bench.Q3', PAGE, () => ({ first: 100, after: next100() })),
      rawPage(100, cursors100),
    );
    await run(
      'Q4',
      'top 50 retirement candidates with factors',
      graphql('bench.Q4', CANDIDATES, () => ({})),
    );
    await run(
      'Q5',
      'full-text search, 20 services and the total',
      graphql('bench.Q5', SEARCH, () => ({ search: nextSearch() })),
    );
    let upserts = 0;
    const upsertInput = (service: DemoService) => ({
      ...service,
      description: `${service.description ?? service.name} (bench upsert ${++upserts})`,
    });
    const nextService = cycle(dataset.services);
    await run(
      'M2',
      'upsertService of one service (a change each time)',
      graphql('bench.M2', UPSERT, () => ({ input: upsertInput(nextService()) })),
    );
    const imported = await measureImport(estate, raw, dataset.services);
    await estate.stop();
    estate = undefined;
    const counted = await countStatements(database.databaseUrl, requests, dataset.services);
    queries.forEach((q, n) => (q.statements = counted.get(requests[n].headers['x-request-id'])));
    imported.statements = counted.get('bench.M1');
    for (const q of queries) console.log(`  ${q.id}: ${statementsOf(q.statements)} SQL statements per request`);
    return { dataset, queries, import: imported, idleRssMiB, where: database.where };
  } finally {
    await estate?.stop();
    await raw?.stop();
    await backends?.close();
    await client.end().catch(() => undefined);
    await database.stop();
  }
}

/** IMPORT_ROWS services of the estate as new ones (keys and names made unique by `prefix`). */
function importRows(services: DemoService[], prefix: string) {
  return services.slice(0, IMPORT_ROWS).map((s, i) => ({ ...s, key: `${prefix}-${i}`, name: `${s.name} ${prefix}` }));
}

/**
 * SQL statements per request of each query (by its X-Request-Id tag) and of one M1 import: sent one at
 * a time to an Estate of its own that counts them (ESTATE_SQL_COUNTS=true), read from its log lines.
 */
async function countStatements(
  databaseUrl: string,
  requests: LoadRequest[],
  services: DemoService[],
): Promise<Map<string, StatementCounts>> {
  const counting = await startEstateProcess(databaseUrl, ADMIN_TOKEN, { ESTATE_SQL_COUNTS: 'true' });
  try {
    for (const request of requests) {
      for (let n = 0; n < COUNTED_REQUESTS; n++) {
        const { path, body } = request.next();
        const response = await fetch(`${counting.baseUrl}${path}`, {
          method: request.method,
          headers: request.headers,
          body,
        });
        const text = await response.text();
        if (request.wrong(text)) throw new Error(`${path} answered wrongly while counting: ${text.slice(0, 500)}`);
      }
    }
    await post(
      counting,
      '/graphql',
      { query: IMPORT, variables: { input: importRows(services, 'm1count') } },
      'bench.M1',
    );
    // The completion line is written after the response: give the last one a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return new StatementLog(counting.logFile).read();
  } finally {
    await counting.stop();
  }
}

/** M1: importServices of IMPORT_ROWS new services, one request at a time, against one multi-row INSERT. */
async function measureImport(
  estate: ServerProcess,
  raw: ServerProcess,
  services: DemoService[],
): Promise<ImportFigures> {
  const estateMs: number[] = [];
  const rawMs: number[] = [];
  const cpuMs: number[] = [];
  resetPeakRss(estate.pid);
  for (let run = 0; run <= REPEATS; run++) {
    const input = importRows(services, `m1r${run}`);
    const cpu = cpuSeconds(estate.pid);
    let started = performance.now();
    const { data } = await post(estate, '/graphql', { query: IMPORT, variables: { input } }, 'bench.M1');
    if (!data.importServices.ok || data.importServices.created !== IMPORT_ROWS)
      throw new Error(`M1 import did not create ${IMPORT_ROWS} services: ${JSON.stringify(data)}`);
    if (run > 0) {
      estateMs.push(performance.now() - started);
      cpuMs.push((cpuSeconds(estate.pid) - cpu) * 1000);
    }
    started = performance.now();
    const answer = await post(raw, '/services/import', importRows(services, `raw${run}`), 'raw');
    if (answer.created !== IMPORT_ROWS)
      throw new Error(`raw import did not create ${IMPORT_ROWS}: ${JSON.stringify(answer)}`);
    if (run > 0) rawMs.push(performance.now() - started);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    estateMs: median(estateMs),
    rawMs: median(rawMs),
    statements: undefined,
    estateCpuMs: median(cpuMs),
    peakRssMiB: peakRssMiB(estate.pid),
  };
}

const ms = (n: number) => (Number.isNaN(n) ? 'none in time' : `${n.toFixed(1)} ms`);
const cores = (n: number | null) => (n === null ? 'n/a' : n.toFixed(2));
const statementsOf = (s: StatementCounts | undefined) =>
  !s ? '?' : s.min === s.max ? String(s.min) : `${s.mean.toFixed(1)} (${s.min}–${s.max})`;

function report(all: ScaleFigures[], results: Results): void {
  const say = (line: string) => results.say(line);
  for (const figures of all) {
    const label = demoEstateLabel(figures.dataset);
    say(`\n## ${label}\n`);
    say(
      '| query | req/s | p50 | p95 | p99 | SQL statements / request | server CPU (cores) | server CPU / request | PostgreSQL CPU (cores) | peak RSS | other load (cores) |',
    );
    say('| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |');
    for (const q of figures.queries) {
      const e = q.estate;
      say(
        `| ${q.id} ${q.what} | ${e.reqPerSec.toFixed(0)} | ${ms(e.p50)} | ${ms(e.p95)} | ${ms(e.p99)} | ${statementsOf(q.statements)} | ` +
          `${cores(e.serverCores)} | ${e.serverCpuMsPerRequest.toFixed(2)} ms | ${cores(e.databaseCores)} | ` +
          `${e.peakRssMiB.toFixed(0)} MiB | ${cores(e.otherCores)} |`,
      );
    }
    const m1 = figures.import;
    say(
      `| M1 importServices of ${thousands(IMPORT_ROWS)} new services (one request at a time) | — | ${ms(m1.estateMs)} | — | — | ` +
        `${statementsOf(m1.statements)} | — | ${m1.estateCpuMs.toFixed(0)} ms | — | ${m1.peakRssMiB.toFixed(0)} MiB | — |`,
    );
    say(`\nEstate's RSS when idle after start: ${figures.idleRssMiB.toFixed(0)} MiB.\n`);
    say('Against the raw server (node:http + pg, one hand-written SQL statement that builds the JSON):\n');
    say(
      '| query | Estate req/s | raw req/s | Estate ÷ raw | Estate p50 / p99 | raw p50 / p99 | raw server CPU / request | raw PostgreSQL CPU (cores) |',
    );
    say('| --- | --: | --: | --: | --: | --: | --: | --: |');
    for (const q of figures.queries.filter((q) => q.raw)) {
      const e = q.estate;
      const r = q.raw!;
      say(
        `| ${q.id} | ${e.reqPerSec.toFixed(0)} | ${r.reqPerSec.toFixed(0)} | ${(e.reqPerSec / r.reqPerSec).toFixed(2)}× | ` +
          `${ms(e.p50)} / ${ms(e.p99)} | ${ms(r.p50)} / ${ms(r.p99)} | ${r.serverCpuMsPerRequest.toFixed(2)} ms | ${cores(r.databaseCores)} |`,
      );
    }
    say(
      `| M1 (time of one import; lower is better) | ${ms(m1.estateMs)} | ${ms(m1.rawMs)} (one multi-row INSERT) | ` +
        `${(m1.estateMs / m1.rawMs).toFixed(2)}× the time | | | | |`,
    );
    const reruns = figures.queries.reduce((n, q) => n + q.rerun, 0);
    say(
      `\nLoad average (1 min) at the start of each timed run: ${figures.queries.map((q) => `${q.id} ${q.estate.loadAverage}`).join('; ')}. ` +
        `Timed runs taken again because other work on the machine used > 0.25 cores: ${reruns}.`,
    );
  }
  if (all.length === 2) scaling(all[0], all[1], say);
}

function scaling(one: ScaleFigures, ten: ScaleFigures, say: (line: string) => void): void {
  const ratio = (a: number, b: number) => `×${(b / a).toFixed(2)}`;
  say(`\n## Scaling, 1× → 10×\n`);
  say('How each figure changes from the 1× to the 10× estate (×1.00: unchanged; ×10: linear in the estate).\n');
  say('| query | req/s | p50 | p99 | SQL statements | server CPU / request | peak RSS |');
  say('| --- | --: | --: | --: | --: | --: | --: |');
  for (const q of one.queries) {
    const t = ten.queries.find((x) => x.id === q.id)!;
    say(
      `| ${q.id} | ${ratio(q.estate.reqPerSec, t.estate.reqPerSec)} | ${ratio(q.estate.p50, t.estate.p50)} | ` +
        `${ratio(q.estate.p99, t.estate.p99)} | ${statementsOf(q.statements)} → ${statementsOf(t.statements)} | ` +
        `${ratio(q.estate.serverCpuMsPerRequest, t.estate.serverCpuMsPerRequest)} | ${ratio(q.estate.peakRssMiB, t.estate.peakRssMiB)} |`,
    );
  }
  say(
    `| M1 | — | ${ratio(one.import.estateMs, ten.import.estateMs)} | — | ${statementsOf(one.import.statements)} → ${statementsOf(ten.import.statements)} | ` +
      `${ratio(one.import.estateCpuMs, ten.import.estateCpuMs)} | ${ratio(one.import.peakRssMiB, ten.import.peakRssMiB)} |`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const results = new Results();
  const scales = process.env.BENCH_SCALES === '1' ? DEMO_SCALES.slice(0, 1) : DEMO_SCALES;
  const all: ScaleFigures[] = [];
  for (const scale of scales) all.push(await measureScale(scale, results));
  report(all, results);
  const minutes = (performance.now() - started) / 60_000;
  results.say(`\nThis benchmark took ${minutes.toFixed(1)} minutes.`);
  results.write(
    'RESULTS.md',
    'API benchmark',
    all[0].where,
    `Estate (\`NODE_ENV=production node dist/src/main.js\`, log level info) and the raw server as processes of their own, ` +
      `autocannon in the benchmark process, ${CONNECTIONS} connections, over loopback; warm-up ${WARMUP_SECONDS} s, ` +
      `then ${REPEATS} timed runs of ${SECONDS} s, median of each figure.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
