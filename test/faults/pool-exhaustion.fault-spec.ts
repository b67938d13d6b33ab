import { Client } from 'pg';
import type { FaultPostgres } from './support/fault-postgres';
import {
  estateOnFaultPostgres,
  eventually,
  succeeded,
  type EstateProcess,
  type GraphQLReply,
} from './support/estate-process';

const POOL_SIZE = 10;
const READ = `{ services(first: 5) { totalCount edges { node { key } } } }`;
const WRITE = `mutation($input: ServiceInput!) { upsertService(input: $input) { outcome service { version } } }`;

/**
 * Every pooled connection held by a transaction that cannot finish (each waits on a lock another
 * session holds): new requests fail within 5 s with a clear error, /health says degraded and why,
 * and everything works again once the lock is released — without restarting Estate.
 */
describe('connection pool exhausted by held transactions', () => {
  let pg: FaultPostgres;
  let app: EstateProcess;

  beforeAll(async () => {
    // Default settings: what matters is how Estate behaves out of the box.
    ({ pg, app } = await estateOnFaultPostgres('ops'));
  });
  afterAll(async () => {
    await app?.kill('SIGKILL');
    await pg?.destroy();
  });

  it('new requests fail within 5 s with SERVICE_UNAVAILABLE, /health is degraded, and all recovers on release', async () => {
    expect(await app.get('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const holder = new Client({ connectionString: pg.url });
    await holder.connect();
    let held: Promise<GraphQLReply>[] = [];
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE service IN ACCESS EXCLUSIVE MODE');
      // Each of these writes opens a transaction on a pooled connection and waits for the lock.
      held = Array.from({ length: POOL_SIZE }, (_, i) =>
        app.gql(WRITE, { input: { key: `held-${i}`, name: `Held ${i}`, kind: 'INTERNAL', ownerTeam: 'ops' } }),
      );
      await eventually(
        'every pooled connection waits on the lock',
        async () => {
          const [{ waiting }] = await pg.query<{ waiting: number }>(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity
             WHERE application_name = 'estate' AND wait_event_type = 'Lock'`,
          );
          return waiting === POOL_SIZE ? true : undefined;
        },
        5000,
      );

      const refused = await Promise.all([
        app.gql(READ),
        app.gql(READ),
        app.gql(WRITE, { input: { key: 'late', name: 'Late', kind: 'INTERNAL', ownerTeam: 'ops' } }),
      ]);
      for (const reply of refused) {
        expect(reply.ms).toBeLessThan(5000);
        expect(reply.body?.errors?.[0]).toMatchObject({
          message: expect.stringMatching(/no database connection/i),
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        });
      }
      console.log(`pool exhausted: requests failed after ${refused.map((r) => r.ms).join(', ')} ms`);

      const health = await app.get('/health');
      console.log(`/health while exhausted: ${health.status} in ${health.ms} ms: ${JSON.stringify(health.body)}`);
      expect(health.ms).toBeLessThan(5000);
      expect(health).toMatchObject({
        status: 503,
        body: { status: 'degraded', reason: expect.stringMatching(/pool exhausted/i) },
      });
      expect((await app.get('/health/live')).status).toBe(200);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }

    // The held requests finish now, and new ones are served again at once.
    const released = await Promise.all(held);
    expect(released.filter((r) => !succeeded(r)).map((r) => r.body)).toEqual([]);
    expect(succeeded(await app.gql(READ))).toBe(true);
    expect(await app.get('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(app.alive).toBe(true);
  });
});
