import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../src/common/host';

/** A server under test, running as a process of its own so that its CPU and memory are its own. */
export interface ServerProcess {
  pid: number;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** What the server wrote to stdout and stderr (Estate's JSON log lines). */
  logFile: string;
  /** The `application_name` of its database connections, to find their PostgreSQL backends. */
  applicationName: string;
  stop(): Promise<void>;
}

const DIST = path.join(__dirname, '..');
const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux build Node supports

/**
 * Estate as it is deployed: `NODE_ENV=production node dist/src/main.js` on `databaseUrl` (already
 * migrated), logging at `info` (the default), which writes the completion line of each request
 * with its SQL statement count. Rate limits are out of the way: benchmarks measure throughput.
 */
export async function startEstateProcess(
  databaseUrl: string,
  adminToken: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  return startProcess(
    path.join(DIST, 'src', 'main.js'),
    {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'info',
      ESTATE_MIGRATE_ON_START: 'false',
      ESTATE_ADMIN_TOKEN: adminToken,
      ESTATE_RATE_LIMIT_PER_MINUTE: '100000000',
      ...env,
    },
    port,
    '/health',
    'estate',
  );
}

/** The hand-written baseline (bench/raw-server.ts) on the same database. */
export async function startRawProcess(databaseUrl: string, adminToken: string): Promise<ServerProcess> {
  const port = await freePort();
  return startProcess(
    path.join(DIST, 'bench', 'raw-server.js'),
    { NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(port), RAW_TOKEN: adminToken },
    port,
    '/health',
    'estate-bench-raw',
  );
}

async function startProcess(
  script: string,
  env: Record<string, string>,
  port: number,
  readyPath: string,
  applicationName: string,
): Promise<ServerProcess> {
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'estate-bench-log-')), 'server.log');
  const log = fs.openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = await Promise.race([exited.then(() => 'exited' as const), pause(100).then(() => 'waiting' as const)]);
    if (state === 'exited')
      throw new Error(`${script} exited before it was ready:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    const ready = await fetch(`${baseUrl}${readyPath}`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} was not ready within 60 s:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
  }
  return {
    pid: child.pid!,
    baseUrl,
    logFile,
    applicationName,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const stopped = await Promise.race([exited.then(() => true), pause(15_000).then(() => false)]);
        if (!stopped) child.kill('SIGKILL');
      }
      fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
    },
  };
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** CPU time (user + system) a process has used so far, in seconds; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Peak resident set size (VmHWM) in MiB since start or the last resetPeakRss. */
export function peakRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

/** Resets VmHWM to the current RSS (Linux: `5` to clear_refs), so that a peak is one phase's. */
export function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * CPU of PostgreSQL's side of a server: its backends (found by application_name), read from /proc
 * when PostgreSQL runs on this machine. Null when it does not (or /proc is not ours to read).
 */
export class BackendCpu {
  private constructor(
    private readonly client: Client,
    private readonly local: boolean,
  ) {}

  static async open(databaseUrl: string): Promise<BackendCpu> {
    const client = new Client({ connectionString: databaseUrl, application_name: 'estate-bench' });
    await client.connect();
    const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    const local =
      ['127.0.0.1', 'localhost', '::1'].includes(new URL(databaseUrl).hostname) && fs.existsSync(`/proc/${pid}/stat`);
    return new BackendCpu(client, local);
  }

  /** CPU seconds used so far by each backend of `applicationName`, by pid. */
  async snapshot(applicationName: string): Promise<Map<number, number> | null> {
    if (!this.local) return null;
    const { rows } = await this.client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
      [applicationName],
    );
    return new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]));
  }

  /** Seconds between two snapshots: backends that appeared in between count from zero. */
  static used(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
    if (!before || !after) return null;
    let total = 0;
    for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
    return total;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
