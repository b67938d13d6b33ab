import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../src/config/config';
import { openDatabaseServer } from '../src/database/database-server';
import { createApp } from '../src/server';

export const ADMIN_TOKEN = `bench-admin-${process.pid}-0123456789abcdef`;

export interface BenchApp {
  /** The GraphQL endpoint. */
  url: string;
  databaseUrl: string;
  /** Where the database runs, for the results' header. */
  where: string;
  stop(): Promise<void>;
}

/**
 * Estate on a scratch database (in the embedded PostgreSQL, or on DATABASE_URL),
 * listening on loopback, with rate limits out of the way: benchmarks measure
 * throughput, not the per-token limit.
 */
export async function startBenchApp(): Promise<BenchApp> {
  const config = loadConfig(process.env);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-bench-'));
  fs.chmodSync(scratch, 0o755);
  const server = await openDatabaseServer({ databaseUrl: config.databaseUrl, dataDir: scratch }, console);
  const database = `estate_bench_${process.pid}`;
  const admin = new URL(server.url);
  admin.pathname = '/postgres';
  const adminClient = new Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE ${database}`);
  const benchUrl = new URL(server.url);
  benchUrl.pathname = `/${database}`;

  process.env.LOG_LEVEL = 'warn';
  process.env.ESTATE_ADMIN_TOKEN = ADMIN_TOKEN;
  process.env.ESTATE_RATE_LIMIT_PER_MINUTE = '1000000';
  const app = await createApp(benchUrl.toString());
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    databaseUrl: benchUrl.toString(),
    where: config.databaseUrl ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL',
    stop: async () => {
      await app.close();
      await adminClient.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await adminClient.end();
      await server.stop();
      fs.rmSync(scratch, { recursive: true, force: true });
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

  write(file: string, title: string, where: string): void {
    const header = [
      `# ${title}`,
      '',
      `Run with \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${where}, ` +
        `${os.cpus().length} CPUs. Client and server in one process, over loopback HTTP.`,
      '',
    ];
    fs.writeFileSync(path.join(__dirname, '..', '..', 'bench', file), [...header, ...this.lines, ''].join('\n'));
  }
}
