import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../src/config/config';
import { createDataSource } from '../src/database/data-source';
import { openDatabaseServer } from '../src/database/database-server';
import { migrateUp } from '../src/database/migrate';
import { createApp } from '../src/server';
import { DEMO_DATASET_NOTE, DEMO_SCALES, type DemoScale } from './datasets/demo-dataset';

export const ADMIN_TOKEN = `bench-admin-${process.pid}-0123456789abcdef`;

export interface BenchDatabase {
  /** An empty database of Estate's current schema, for this process alone. */
  databaseUrl: string;
  /** Where the database runs, for the results' header. */
  where: string;
  stop(): Promise<void>;
}

export interface BenchApp extends BenchDatabase {
  /** The GraphQL endpoint. */
  url: string;
}

/** Databases made by this process so far: each gets its own name. */
let benchDatabases = 0;

/**
 * A scratch database (in the embedded PostgreSQL, or on DATABASE_URL), migrated to Estate's
 * schema and dropped on stop.
 */
export async function startBenchDatabase(): Promise<BenchDatabase> {
  const config = loadConfig(process.env);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-bench-'));
  fs.chmodSync(scratch, 0o755);
  const server = await openDatabaseServer({ databaseUrl: config.databaseUrl, dataDir: scratch }, console);
  const database = `estate_bench_${process.pid}_${benchDatabases++}`;
  const admin = new URL(server.url);
  admin.pathname = '/postgres';
  const adminClient = new Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE ${database}`);
  const benchUrl = new URL(server.url);
  benchUrl.pathname = `/${database}`;
  const dataSource = createDataSource(benchUrl.toString());
  await dataSource.initialize();
  try {
    await migrateUp(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return {
    databaseUrl: benchUrl.toString(),
    where: config.databaseUrl ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL',
    stop: async () => {
      await adminClient.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await adminClient.end();
      await server.stop();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * Estate on a scratch database (see startBenchDatabase), listening on loopback, with rate limits
 * out of the way: benchmarks measure throughput, not the per-token limit.
 */
export async function startBenchApp(): Promise<BenchApp> {
  const database = await startBenchDatabase();
  process.env.LOG_LEVEL = 'warn';
  process.env.ESTATE_ADMIN_TOKEN = ADMIN_TOKEN;
  process.env.ESTATE_RATE_LIMIT_PER_MINUTE = '1000000';
  const app = await createApp(database.databaseUrl);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  return {
    ...database,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await app.close();
      await database.stop();
    },
  };
}

export async function gql(url: string, query: string, variables?: object): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 2000));
  return body.data;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summary(latencies: number[], wallMs: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    reqPerSec: (sorted.length / wallMs) * 1000,
  };
}

/** Collects result lines (printed as they come) and writes them under a header to bench/<file>. */
export class Results {
  private readonly lines: string[] = [];

  say(line: string): void {
    console.log(line);
    this.lines.push(line);
  }

  write(
    file: string,
    title: string,
    where: string,
    setup = 'Client and server in one process, over loopback HTTP.',
  ): void {
    const header = [
      `# ${title}`,
      '',
      `Run with \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${where}, ` +
        `${os.cpus().length} CPUs. ${setup}`,
      '',
    ];
    fs.writeFileSync(path.join(__dirname, '..', '..', 'bench', file), [...header, ...this.lines, ''].join('\n'));
  }
}

/** How a benchmark over the demo estate's scales reports what it measured. */
export interface DemoScalesReport<F> {
  /** Written to bench/<file>, under # <title>. */
  file: string;
  title: string;
  /** How the figures were measured: said above the table. */
  method: string;
  /** The result table, and any lines that follow it. */
  table(all: F[]): string[];
  /** The figures compared from 1× to 10×, by name, in the order they are said. */
  scaled(figures: F): Record<string, number>;
  /** Said after the comparison, once every scale has run. */
  afterScaling?(): string;
}

/**
 * Measures at each of DEMO_SCALES, smallest first; then says how, the demo dataset's note, the
 * table and how each figure grew from 1× to 10×, and writes it all to bench/<file>.
 */
export async function benchDemoScales<F>(
  measure: (scale: DemoScale, results: Results) => Promise<{ figures: F; where: string }>,
  report: DemoScalesReport<F>,
): Promise<void> {
  const results = new Results();
  const all: F[] = [];
  let where = '';
  for (const scale of DEMO_SCALES) {
    const measured = await measure(scale, results);
    all.push(measured.figures);
    where = measured.where;
  }
  results.say('');
  results.say(report.method);
  results.say('');
  results.say(DEMO_DATASET_NOTE);
  results.say('');
  for (const line of report.table(all)) results.say(line);
  const [one, ten] = all.map((figures) => report.scaled(figures));
  const ratios = Object.keys(one).map((name) => `${name} ×${(ten[name] / one[name]).toFixed(1)}`);
  const after = report.afterScaling ? ` ${report.afterScaling()}` : '';
  results.say('');
  results.say(`Scaling 1× → 10×: ${ratios.join(', ')} (linear would be ×10).${after}`);
  results.write(report.file, report.title, where);
}
