import type { FaultPostgres } from './support/fault-postgres';
import { estateOnFaultPostgres, eventually, type EstateProcess } from './support/estate-process';
import { errorSummary, startLoad } from './support/load';

/**
 * PostgreSQL restarted under a load of reads and writes: Estate never crashes, and once the database
 * is back, requests succeed again within 10 s without restarting Estate.
 */
describe('PostgreSQL restarted under load', () => {
  let pg: FaultPostgres;
  let app: EstateProcess;

  beforeAll(async () => {
    ({ pg, app } = await estateOnFaultPostgres('load'));
  });
  afterAll(async () => {
    await app?.kill('SIGKILL');
    await pg?.destroy();
  });

  it.each<['immediate' | 'fast', string]>([
    ['immediate', 'as on a crash: no checkpoint, crash recovery at start'],
    ['fast', 'sessions ended cleanly'],
  ])(
    'restart -m %s (%s): no crash, ≥ 99%% of requests succeed within 10 s of the database being back',
    async (mode) => {
      const load = startLoad(app, 'load');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const downAt = Date.now();
      await pg.stop(mode);
      // Readiness says why Estate cannot serve, at once and without hanging.
      const health = await eventually(
        '/health reports the database unreachable',
        async () => {
          const reply = await app.get('/health');
          return reply.status === 503 ? reply : undefined;
        },
        5000,
      );
      expect(health.body).toMatchObject({ status: 'degraded', reason: expect.stringMatching(/^database unreachable/) });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, downAt + 2000 - Date.now())));
      await pg.start();
      const backAt = Date.now();
      // Judged on the requests sent from 10 s after the database is back: 50 of them, however busy the machine.
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      await eventually(
        '50 requests sent from 10 s after the database was back',
        () => Promise.resolve(load.outcomes.filter((o) => o.started >= backAt + 10_000).length >= 50 || undefined),
        30_000,
      );
      const outcomes = await load.stop();

      expect(app.alive).toBe(true);
      const before = outcomes.filter((o) => o.ended < downAt);
      const after = outcomes.filter((o) => o.started >= backAt + 10_000);
      const afterOk = after.filter((o) => o.ok).length;
      const firstSuccess = Math.min(...outcomes.filter((o) => o.ok && o.started >= backAt).map((o) => o.ended));
      const lastFailure = Math.max(backAt, ...outcomes.filter((o) => !o.ok).map((o) => o.ended));
      const seconds = (at: number) => `${((at - backAt) / 1000).toFixed(2)} s`;
      console.log(
        [
          `restart -m ${mode}: database down for ${((backAt - downAt) / 1000).toFixed(1)} s; /health said: ${health.body.reason}`,
          `before: ${before.filter((o) => o.ok).length}/${before.length} ok; from 10 s after back: ${afterOk}/${after.length} ok`,
          `first success ${seconds(firstSuccess)}, last failure ${seconds(lastFailure)} after the database was back`,
          `failures answered within ${Math.max(0, ...outcomes.filter((o) => !o.ok).map((o) => o.ended - o.started))} ms`,
          errorSummary(outcomes),
        ].join('\n'),
      );
      expect(before.every((o) => o.ok)).toBe(true);
      // Requests that met the outage failed with a clear, retryable error, never a crash or a reset.
      const unclear = outcomes.filter((o) => !o.ok && !o.error?.startsWith('SERVICE_UNAVAILABLE: '));
      expect({ unclear: unclear.map((o) => o.error), logged: app.unexpectedErrors() }).toEqual({
        unclear: [],
        logged: [],
      });
      expect(afterOk / after.length).toBeGreaterThanOrEqual(0.99);
      expect(await app.get('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    },
  );
});
