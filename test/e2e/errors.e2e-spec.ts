import request from 'supertest';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app';
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

  it('refuses the NUL character anywhere in a request, naming where, before any SQL runs', async () => {
    let viaVariable: any;
    const statements = await t.countStatements(async () => {
      viaVariable = await t.gql(UPSERT_SERVICE, { input: buildServiceInput({ name: 'a\u0000b' }) });
    });
    expect(viaVariable.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'input.name' });
    expect(statements).toBe(0);
    const viaLiteral = await t.gql(`{ service(key: "x\\u0000") { key } }`);
    expect(viaLiteral.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const viaFilter = await t.gql(`query($s: String) { services(filter: { search: $s }) { totalCount } }`, {
      s: 'x\u0000',
    });
    expect(viaFilter.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 's' });
  });

  it('refuses well-formed cursors whose content was tampered with', async () => {
    const forge = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    const tampered: [string, object | null][] = [
      [forge(['NAME_ASC', 'a', 'not-a-uuid']), null],
      [forge(['UPDATED_AT_ASC', 'soon', '5f0c6a43-7a51-4a07-9d0e-2d6bb0f3c1aa']), { field: 'UPDATED_AT' }],
    ];
    for (const [after, orderBy] of tampered) {
      const result = await t.gql(
        `query($after: String, $orderBy: ServiceOrder) { services(after: $after, orderBy: $orderBy) { totalCount } }`,
        { after, orderBy },
      );
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'after' });
    }
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

  it('answers refusals made before execution with HTTP 400, never 500 (found by fuzzing)', async () => {
    // The body is sent as text: JSON.stringify and supertest recurse, and cannot write the deep variable.
    const post = (body: object | string) =>
      request(t.app.getHttpServer())
        .post('/graphql')
        .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
        .set('Content-Type', 'application/json')
        .send(typeof body === 'string' ? body : JSON.stringify(body));
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const refusals: [string, object | string][] = [
      [
        'too complex',
        { query: `{ teams(first: 100) { edges { node { services(first: 100) { edges { node { key name } } } } } } }` },
      ],
      ['NUL in a literal', { query: `{ service(key: "x\\u0000") { key } }` }],
      ['NUL in a variable', { query: `query($k: String!) { service(key: $k) { key } }`, variables: { k: 'x\u0000' } }],
      // Variables are coerced to price the query, before execution would coerce them.
      [
        'variable of the wrong type',
        { query: `query($f: Int!) { services(first: $f) { totalCount } }`, variables: { f: 'x' } },
      ],
      [
        'variable nested deeper than the call stack',
        `{"query":"query($k: [String!]!) { simulateRetirement(serviceKeys: $k) { annualSavings { amount } } }","variables":{"k":${deep}}}`,
      ],
      ['unknown operation name', { query: `query A { me { name } }`, operationName: 'B' }],
    ];
    for (const [what, body] of refusals) {
      const response = await post(body);
      expect({ what, status: response.status, code: response.body.errors?.[0]?.extensions?.code }).toEqual({
        what,
        status: 400,
        code: expect.stringMatching(/^(BAD_USER_INPUT|OPERATION_RESOLUTION_FAILURE)$/),
      });
    }
  });

  it('prices impact analysis: once per service in a page is allowed, impact nested in impact is refused', async () => {
    const once = await t.gql(
      `{ services(first: 100) { edges { node { impact(maxDepth: 20) { distance path service { key } } } } } }`,
    );
    expect(once.errors).toBeUndefined();
    const nested = await t.gql(`{ services(first: 30) { edges { node { impact(maxDepth: 20) {
      service { impact(maxDepth: 20) { service { key } } } } } } } }`);
    expect(nested.errors?.[0].message).toMatch(/too complex/);
  });

  it('GET /health reports the database, /health/live the process', async () => {
    const ready = await request(t.app.getHttpServer()).get('/health');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    const live = await request(t.app.getHttpServer()).get('/health/live');
    expect(live.body).toEqual({ status: 'ok' });
  });
});
