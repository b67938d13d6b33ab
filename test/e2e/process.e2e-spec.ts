import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/**
 * The real entry point (`node dist/src/main.js`, built by `npm test`) on the
 * embedded PostgreSQL: starts, keeps data across restarts, stops cleanly.
 */
const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');
const CLI = path.join(__dirname, '..', '..', 'bin', 'estate.js');
const ADMIN = 'process-test-admin-token-0123456789';

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function start(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Running> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    ESTATE_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ESTATE_ADMIN_TOKEN: ADMIN,
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  for (const [name, value] of Object.entries(env)) if (value === '') delete env[name];
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Estate did not start in time:\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving GraphQL at (http:\/\/localhost:\d+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Estate exited with ${code} before serving:\n${output}`));
    });
  });
}

function stop(running: Running, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.on('exit', (code) => resolve(code));
    running.child.kill(signal);
  });
}

async function gql(url: string, query: string, token = ADMIN): Promise<any> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

/** Processes whose command line runs postgres on `dataDir`. */
function postgresProcessesOn(dataDir: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmdline.includes('postgres') && cmdline.includes(dataDir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('estate process with the embedded PostgreSQL', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-process-'));
    // As root the embedded server runs as the postgres user, which must reach the data folder.
    fs.chmodSync(scratch, 0o755);
  });
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('serves GraphQL, stops on SIGTERM without orphans, and keeps its data across a restart', async () => {
    const dataDir = path.join(scratch, 'data');
    const first = await start(dataDir);
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    const created = await gql(
      first.url,
      `mutation { upsertTeam(input: { key: "platform", name: "Platform" }) { outcome } }`,
    );
    expect(created.data.upsertTeam.outcome).toBe('CREATED');

    expect(await stop(first, 'SIGTERM')).toBe(0);
    expect(first.output()).toContain('Estate stopped');
    expect(postgresProcessesOn(dataDir)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await start(dataDir);
    const read = await gql(second.url, `{ team(key: "PLATFORM") { key name } }`);
    expect(read.data.team).toEqual({ key: 'platform', name: 'Platform' });
    expect(await stop(second, 'SIGINT')).toBe(0);
    expect(postgresProcessesOn(dataDir)).toEqual([]);
  });

  it('after a SIGKILL, the next start stops the orphaned PostgreSQL and finds the data; SIGHUP stops cleanly', async () => {
    const dataDir = path.join(scratch, 'killed');
    const first = await start(dataDir);
    await gql(first.url, `mutation { upsertTeam(input: { key: "survivor", name: "Survivor" }) { outcome } }`);
    await new Promise<void>((resolve) => {
      first.child.on('exit', () => resolve());
      first.child.kill('SIGKILL');
    });
    expect(postgresProcessesOn(dataDir).length).toBeGreaterThan(0);

    const second = await start(dataDir);
    expect(second.output()).toContain('stopping the orphaned embedded PostgreSQL');
    const read = await gql(second.url, `{ team(key: "survivor") { name } }`);
    expect(read.data.team).toEqual({ name: 'Survivor' });
    expect(await stop(second, 'SIGHUP')).toBe(0);
    expect(postgresProcessesOn(dataDir)).toEqual([]);
  });

  it('recreates its database when the data folder has none (a first start cut short after initdb)', async () => {
    const dataDir = path.join(scratch, 'nodb');
    const first = await start(dataDir);
    const port = Number(/embedded PostgreSQL listening on 127\.0\.0\.1:(\d+)/.exec(first.output())?.[1]);
    const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', password: 'estate', database: 'postgres' });
    await admin.connect();
    await admin.query('DROP DATABASE estate WITH (FORCE)');
    await admin.end();
    await stop(first, 'SIGTERM');

    const second = await start(dataDir);
    const created = await gql(
      second.url,
      `mutation { upsertTeam(input: { key: "fresh", name: "Fresh" }) { outcome } }`,
    );
    expect(created.data.upsertTeam.outcome).toBe('CREATED');
    expect(await stop(second, 'SIGTERM')).toBe(0);
  });

  it('without ESTATE_ADMIN_TOKEN, the first start prints an admin token once, and it works', async () => {
    const dataDir = path.join(scratch, 'bootstrap');
    const first = await start(dataDir, { ESTATE_ADMIN_TOKEN: '' });
    const secret = /first admin token[\s\S]*?(est_[A-Za-z0-9_-]{43})/.exec(first.output())?.[1];
    expect(secret).toBeDefined();
    const me = await gql(first.url, `{ me { name role } }`, secret);
    expect(me.data.me).toEqual({ name: 'initial admin', role: 'ADMIN' });
    expect(await stop(first, 'SIGTERM')).toBe(0);

    const second = await start(dataDir, { ESTATE_ADMIN_TOKEN: '' });
    expect(second.output()).not.toContain('first admin token');
    expect(await stop(second, 'SIGTERM')).toBe(0);
  });

  it('`estate token create` makes a token that the server then accepts', async () => {
    const dataDir = path.join(scratch, 'cli');
    const env: NodeJS.ProcessEnv = { ...process.env, ESTATE_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const cli = spawnSync(process.execPath, [CLI, 'token', 'create', '--role', 'viewer', '--name', 'dashboards'], {
      env,
      encoding: 'utf8',
    });
    expect(cli.status).toBe(0);
    const secret = cli.stdout.trim();
    expect(secret).toMatch(/^est_/);
    const running = await start(dataDir);
    const me = await gql(running.url, `{ me { name role } }`, secret);
    expect(me.data.me).toEqual({ name: 'dashboards', role: 'VIEWER' });
    expect(await stop(running, 'SIGTERM')).toBe(0);
  });

  it('with ESTATE_DEMO=1, an empty database starts with the demo estate, and a second start leaves it alone', async () => {
    const dataDir = path.join(scratch, 'demo');
    const first = await start(dataDir, { ESTATE_DEMO: '1' });
    const count = async (running: Running) =>
      (await gql(running.url, '{ services(first: 1) { totalCount } }')).data.services.totalCount as number;
    try {
      expect(first.output()).toMatch(/ESTATE_DEMO: loaded the demo estate \(1200 services\)/);
      expect(await count(first)).toBe(1200);
      const ranked = await gql(first.url, '{ retirementCandidates(first: 3) { edges { node { service { key } } } } }');
      expect(ranked.data.retirementCandidates.edges).toHaveLength(3);
    } finally {
      expect(await stop(first, 'SIGTERM')).toBe(0);
    }
    const second = await start(dataDir, { ESTATE_DEMO: '1' });
    try {
      expect(second.output()).toMatch(/ESTATE_DEMO: The database already holds 1200 services[^;]*; left as it is/);
      expect(await count(second)).toBe(1200);
    } finally {
      expect(await stop(second, 'SIGTERM')).toBe(0);
    }
  });

  it('refuses to boot with invalid configuration and names the variable', async () => {
    await expect(start(path.join(scratch, 'bad'), { PORT: 'eighty' })).rejects.toThrow(/PORT must be an integer/);
  });
});
