import { createFaultPostgres, type FaultPostgres } from './support/fault-postgres';
import { eventually, spawnEstate, succeeded, type EstateProcess } from './support/estate-process';

/** Estate started before its database: it waits, saying so, and comes up when the database does. */
describe('Estate started before PostgreSQL', () => {
  let pg: FaultPostgres;

  beforeAll(async () => {
    // Initialised, with the app's database created, then stopped.
    pg = await createFaultPostgres();
    await pg.stop('fast');
  });
  afterAll(() => pg?.destroy());

  it('waits for the database with retries and a log line, then comes up and serves', async () => {
    const app = await spawnEstate(pg.url);
    try {
      // It tries, fails, says so, and keeps waiting: alive, not serving.
      await waitingLogged(app);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(app.alive).toBe(true);
      expect(app.output()).not.toContain('Estate is serving GraphQL');
      const attempts = app.output().match(/waiting for the database/gi)?.length ?? 0;
      expect(attempts).toBeGreaterThanOrEqual(2);

      const startedAt = Date.now();
      await pg.start();
      await app.serving(30_000);
      const upAfter = Date.now() - startedAt;
      console.log(`Estate served ${upAfter} ms after the database started (${attempts} waits logged before)`);
      expect(upAfter).toBeLessThan(15_000);
      const created = await app.gql(`mutation { upsertTeam(input: { key: "late", name: "Late" }) { outcome } }`);
      expect(succeeded(created)).toBe(true);
      expect(await app.get('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    } finally {
      await app.kill('SIGKILL');
    }
  });

  it('gives up with a clear error and exit code 1 when the database does not come within ESTATE_DATABASE_WAIT_MS', async () => {
    await pg.stop('fast');
    const app = await spawnEstate(pg.url, { ESTATE_DATABASE_WAIT_MS: '2000' });
    try {
      const { code } = await app.exited;
      expect(code).toBe(1);
      expect(app.output()).toMatch(/database .*not reachable|could not reach the database/i);
    } finally {
      await app.kill('SIGKILL');
    }
  });

  it('stops at once, cleanly, on SIGTERM while it waits', async () => {
    await pg.stop('fast');
    const app = await spawnEstate(pg.url);
    try {
      await waitingLogged(app);
      const signalled = Date.now();
      app.child.kill('SIGTERM');
      expect(await app.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled).toBeLessThan(2000);
    } finally {
      await app.kill('SIGKILL');
    }
  });
});

/** Until Estate has logged that it waits for the database (20 s at most). */
function waitingLogged(app: EstateProcess): Promise<true> {
  return eventually(
    'a log line saying Estate waits for the database',
    () => Promise.resolve(/waiting for the database/i.test(app.output()) ? true : undefined),
    20_000,
  );
}
