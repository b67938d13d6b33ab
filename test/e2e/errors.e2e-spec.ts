import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app';
import { UPSERT_SERVICE, buildServiceInput, createTeam } from '../support/factories';

describe('errors and operations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'platform');
  });
  afterAll(() => t.close());

  it('reports every invalid field of an input with its path', async () => {
    const input = buildServiceInput({
      key: '-bad',
      annualCost: { amount: '-5', currency: 'eur' },
      links: [{ title: 'Docs', url: 'not a url' }],
      contractRenewalDate: '2027-02-30',
    });
    const result = await t.gql(UPSERT_SERVICE, { input });
    // The Date scalar refuses 2027-02-30 during variable coercion, before validation.
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toContain('YYYY-MM-DD');

    const second = await t.gql(UPSERT_SERVICE, { input: { ...input, contractRenewalDate: null } });
    const extensions = second.errors?.[0].extensions;
    expect(extensions?.code).toBe('BAD_USER_INPUT');
    expect(extensions?.problems.map((p: { path: string }) => p.path).sort()).toEqual([
      'input.annualCost.amount',
      'input.annualCost.currency',
      'input.key',
      'input.links[0].url',
    ]);
  });

  it('never shows SQL, stack traces or driver messages', async () => {
    // Break the database under the app: the next statement fails inside PostgreSQL.
    await t.dataSource.query(`ALTER TABLE service RENAME COLUMN vendor TO vendor_gone`);
    try {
      const result = await t.gql(`{ services(first: 1) { edges { node { key } } } }`);
      expect(result.errors?.[0]).toMatchObject({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      const text = JSON.stringify(result.errors?.map((e) => ({ message: e.message, extensions: e.extensions })));
      expect(text).not.toMatch(/vendor|column|SELECT|stack|at .*\.ts/i);
    } finally {
      await t.dataSource.query(`ALTER TABLE service RENAME COLUMN vendor_gone TO vendor`);
    }
  });

  it('refuses queries that are too expensive before running them', async () => {
    const result = await t.gql(`{ teams(first: 100) { edges { node { services(first: 100) { edges { node {
      key name description upstream { source { key name } } downstream { target { key name } } } } } } } } }`);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/too complex/);
  });

  it('GET /health reports the database, /health/live the process', async () => {
    const ready = await request(t.app.getHttpServer()).get('/health');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    const live = await request(t.app.getHttpServer()).get('/health/live');
    expect(live.body).toEqual({ status: 'ok' });
  });
});
