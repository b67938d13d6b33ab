import { Client } from 'pg';
import type { FaultPostgres } from './support/fault-postgres';
import { estateOnFaultPostgres, eventually, succeeded, type EstateProcess } from './support/estate-process';

const READ = `{ services(first: 5) { totalCount edges { node { key ownerTeam { key } } } } }`;
const WRITE = `mutation($input: ServiceInput!) { upsertService(input: $input) { outcome service { version } } }`;

/** Connections killed by `pg_terminate_backend`: the request after the kill succeeds. */
describe('connections terminated by pg_terminate_backend', () => {
  let pg: FaultPostgres;
  let app: EstateProcess;
  let writes = 0;
  const write = () =>
    app.gql(WRITE, {
      input: { key: 'terminated', name: 'Terminated', kind: 'INTERNAL', ownerTeam: 'ops', tags: [`w${++writes}`] },
    });

  /** Opens `count` pooled connections (concurrent requests), then ends every one of Estate's sessions. */
  async function terminateAll(count: number, wait: boolean): Promise<number> {
    const warm = await Promise.all(Array.from({ length: count }, () => app.gql(READ)));
    expect(warm.every(succeeded)).toBe(true);
    const sessions = await pg.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = 'estate' AND pid <> pg_backend_pid()`,
    );
    expect(sessions.length).toBeGreaterThan(0);
    // With a timeout, pg_terminate_backend returns once the session is gone; without, as soon as it is signalled.
    await pg.query(
      wait
        ? `SELECT pg_terminate_backend(pid, 5000) FROM unnest($1::int[]) AS pid`
        : `SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`,
      [sessions.map((s) => s.pid)],
    );
    return sessions.length;
  }

  beforeAll(async () => {
    ({ pg, app } = await estateOnFaultPostgres('ops'));
  });
  afterAll(async () => {
    await app?.kill('SIGKILL');
    await pg?.destroy();
  });

  it.each([
    ['a read', true],
    ['a write', true],
    ['a read, sent before the sessions are gone', false],
    ['a write, sent before the sessions are gone', false],
  ] as const)('the next request, %s, succeeds', async (what, wait) => {
    for (let round = 0; round < 5; round++) {
      const killed = await terminateAll(1 + (round % 5) * 2, wait);
      const reply = what.startsWith('a read') ? await app.gql(READ) : await write();
      expect({ round, killed, reply: reply.body }).toEqual({ round, killed, reply: { data: expect.anything() } });
    }
  });

  it('a burst of requests right after every session is killed all succeed', async () => {
    for (let round = 0; round < 3; round++) {
      await terminateAll(10, false);
      const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? write() : app.gql(READ))));
      expect(burst.filter((r) => !succeeded(r)).map((r) => r.body)).toEqual([]);
    }
  });

  it('a session killed in the middle of a request fails that request only, clearly; the next succeeds', async () => {
    const waitingOnLock = `FROM pg_stat_activity
      WHERE application_name = 'estate' AND state = 'active' AND wait_event_type = 'Lock'`;
    // Hold a lock that Estate's write waits on, end its session while it waits, then let go.
    const holder = new Client({ connectionString: pg.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE service IN ACCESS EXCLUSIVE MODE');
      const pending = write();
      await eventually(
        'Estate waits on the lock',
        async () => ((await pg.query(`SELECT pid ${waitingOnLock}`)).length ? true : undefined),
        5000,
      );
      await pg.query(`SELECT pg_terminate_backend(pid) ${waitingOnLock}`);
      const failed = await pending;
      expect(failed.body?.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/database cannot be reached/),
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(succeeded(await write())).toBe(true);
    expect(succeeded(await app.gql(READ))).toBe(true);
    expect(app.unexpectedErrors()).toEqual([]);
    expect(app.alive).toBe(true);
  });
});
