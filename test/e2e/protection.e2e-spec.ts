import { Client } from 'pg';
import request from 'supertest';
import { createTeam } from '../support/factories';
import { createTestApp, TEST_ADMIN_TOKEN, type GraphQLResponse, type TestApp } from '../support/test-app';

describe('API protection: refused before any SQL runs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'sales');
  });
  afterAll(() => t.close());

  const post = () => request(t.app.getHttpServer()).post('/graphql').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`);

  /** Runs an HTTP-level attempt and checks that the app issued no SQL meanwhile. */
  async function withoutSql<T>(attempt: () => Promise<T>): Promise<T> {
    let result: T | undefined;
    const statements = await t.countStatements(async () => {
      result = await attempt();
    });
    expect(statements).toBe(0);
    return result as T;
  }

  async function refused(query: string): Promise<GraphQLResponse> {
    let body: GraphQLResponse = {};
    const statements = await t.countStatements(async () => {
      body = await t.gql(query);
    });
    expect(statements).toBe(0);
    expect(body.data ?? null).toBeNull();
    return body;
  }

  it('aliases: at most 15', async () => {
    const aliases = Array.from({ length: 101 }, (_, i) => `a${i}: me { name }`).join(' ');
    const body = await refused(`{ ${aliases} }`);
    expect(body.errors?.[0].message).toMatch(/Aliases limit of 15 exceeded, found 101/);
    expect(
      (await t.gql(`{ ${aliases.split(' me { name }').slice(0, 15).join(' me { name }')} me { name } }`)).errors,
    ).toBeUndefined();
  });

  it('depth: at most 15; deep introspection is refused too', async () => {
    const level = (inner: string) => `ownerTeam { services(first: 1) { edges { node { ${inner} } } } }`;
    const body = await refused(`{ service(key: "x") { ${level(level(level(level('key'))))} } }`);
    expect(body.errors?.[0].message).toMatch(/depth limit of 15 exceeded, found 18/);
    expect((await t.gql(`{ service(key: "x") { ${level(level(level('key')))} } }`)).errors).toBeUndefined();

    const introspection = await refused(
      `{ __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }`,
    );
    expect(introspection.errors?.[0].message).toMatch(/introspection depth|depth limit/i);
  });

  it('aliases of __typename count too; fragments do not hide repeated fields', async () => {
    const typenames = Array.from({ length: 40 }, (_, i) => `t${i}: __typename`).join(' ');
    expect((await refused(`{ ${typenames} }`)).errors?.[0].message).toMatch(/Aliases limit of 15 exceeded, found 40/);
    const inline = `{ me { ${'... on Actor { name } '.repeat(100)} } }`;
    expect((await refused(inline)).errors?.[0].message).toMatch(/"name" is selected 100 times/);
  });

  it('chains through unpaged integration lists are priced', async () => {
    const chain = (depth: number): string => (depth === 0 ? 'key' : `downstream { target { ${chain(depth - 1)} } }`);
    const body = await refused(`{ service(key: "x") { ${chain(6)} } }`);
    expect(body.errors?.[0].message).toMatch(/too complex/);
    expect(
      (
        await t.gql(
          `{ services(first: 100) { edges { node { upstream { source { key } } downstream { target { key } } } } } }`,
        )
      ).errors,
    ).toBeUndefined();
  });

  it('directives: at most 10', async () => {
    const body = await refused(`{ me { name ${'@include(if: true) '.repeat(50)} } }`);
    expect(body.errors?.[0].message).toMatch(/Directives limit of 10 exceeded, found 50/);
  });

  it('duplicated fields: one field at most 5 times in a selection set', async () => {
    const body = await refused(`{ me { ${'name '.repeat(500)} } }`);
    expect(body.errors?.[0].message).toBe('Field "name" is selected 500 times in one selection set; the limit is 5.');
  });

  it('tokens: at most 1000', async () => {
    // 400 aliased __typename selections of 3 tokens each (aliases of __typename do not count as aliases).
    const fields = Array.from({ length: 400 }, (_, i) => `f${i}: __typename`).join(' ');
    const body = await refused(`{ ${fields} }`);
    expect(body.errors?.[0].message).toMatch(/more th\w+ 1000 tokens/);
  });

  it('cost: pages multiply, and an over-cost query says by how much', async () => {
    const body = await refused(
      `{ teams(first: 100) { edges { node { services(first: 100) { edges { node { key name description } } } } } } }`,
    );
    expect(body.errors?.[0].message).toMatch(/too complex: \d+ > 25000/);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxComplexity: 25000 });
  });

  it('field suggestions are hidden', async () => {
    const body = await refused(`{ servicez { totalCount } }`);
    expect(JSON.stringify(body)).not.toMatch(/Did you mean|"services"/);
  });

  it('batched requests are refused', async () => {
    const response = await withoutSql(() =>
      post().send(Array.from({ length: 12 }, () => ({ query: '{ me { name } }' }))),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body ?? response.text)).toMatch(/batch/i);
  });

  it('GET is refused for mutations, and for queries without a CSRF-safe header', async () => {
    const server = t.app.getHttpServer();
    const auth = `Bearer ${TEST_ADMIN_TOKEN}`;
    const simple = await withoutSql(() =>
      request(server).get('/graphql').query({ query: '{ me { name } }' }).set('Authorization', auth),
    );
    expect(simple.status).toBe(400);
    expect(simple.text).toMatch(/CSRF/i);
    const mutation = await withoutSql(() =>
      request(server)
        .get('/graphql')
        .query({ query: 'mutation { upsertTeam(input: { key: "x", name: "X" }) { outcome } }' })
        .set('Authorization', auth)
        .set('apollo-require-preflight', 'true'),
    );
    expect(mutation.status).toBe(405);
    expect(await t.dataSource.query(`SELECT 1 FROM team WHERE key = 'x'`)).toEqual([]);
  });

  it('url-encoded and text POSTs are refused', async () => {
    const form = await withoutSql(() => post().type('form').send({ query: '{ me { name } }' }));
    expect(form.status).toBe(400);
    const text = await withoutSql(() => post().set('Content-Type', 'text/plain').send('{"query":"{ me { name } }"}'));
    expect(text.status).toBe(400);
  });

  it('bodies over 10 MiB are refused without a token, over 64 MiB with one', async () => {
    const large = JSON.stringify({ query: '{ me { name } }', variables: { huge: 'x'.repeat(11 * 1024 * 1024) } });
    const anonymous = await withoutSql(() =>
      request(t.app.getHttpServer()).post('/graphql').set('Content-Type', 'application/json').send(large),
    );
    expect(anonymous.status).toBe(413);
    const tooLarge = JSON.stringify({ query: '{ me { name } }', variables: { huge: 'x'.repeat(65 * 1024 * 1024) } });
    const response = await withoutSql(() => post().set('Content-Type', 'application/json').send(tooLarge));
    expect(response.status).toBe(413);
  });

  it('introspection is on outside production', async () => {
    expect((await t.gql(`{ __schema { queryType { name } } }`)).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
  });
});

describe('API protection: rate limit and timeouts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        ESTATE_RATE_LIMIT_PER_MINUTE: '20',
        // Connections are held 1 s by stuck statements, three times the wait for one: whatever the machine's
        // speed, requests past the pool's ten wait long enough to be refused.
        ESTATE_STATEMENT_TIMEOUT_MS: '1000',
        ESTATE_POOL_TIMEOUT_MS: '300',
        NODE_ENV: 'production',
      },
    });
    await createTeam(t, 'sales');
  });
  afterAll(() => t.close());

  it('limits requests per token and says when to retry; other tokens are not affected', async () => {
    const viewer = (await t.gqlOk(`mutation { createApiToken(input: { name: "v", role: VIEWER }) { secret } }`))
      .createApiToken.secret as string;
    const codes: string[] = [];
    for (let i = 0; i < 25; i++) {
      const body = await t.gqlAs(viewer, `{ me { name } }`);
      codes.push(body.errors?.[0].extensions?.code ?? 'OK');
      if (body.errors)
        expect(body.errors[0].extensions).toMatchObject({ limit: 20, retryAfterSeconds: expect.any(Number) });
    }
    expect(codes.filter((c) => c === 'OK')).toHaveLength(20);
    expect(codes.slice(20)).toEqual(Array(5).fill('RATE_LIMITED'));
    expect((await t.gql(`{ me { name } }`)).errors).toBeUndefined();

    // The same token spelled differently is the same token.
    const respelled = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('Authorization', `bEaReR    ${viewer}  `)
      .send({ query: '{ me { name } }' });
    expect(respelled.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  it('bounds made-up tokens from one address: at most 5 times the per-token limit', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 110; i++) {
      const body = await t.gqlAs(`est_made-up-${i}`, `{ me { name } }`);
      codes.push(body.errors?.[0].extensions?.code ?? 'OK');
    }
    expect(codes).toContain('RATE_LIMITED');
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(100);
  });

  it('introspection is off in production', async () => {
    const body = await t.gql(`{ __schema { queryType { name } } }`);
    expect(body.errors?.[0].message).toMatch(/introspection/i);
  });

  it('a stuck query fails fast with SERVICE_UNAVAILABLE, and so does a request that finds no free connection', async () => {
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE service IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const stuck = await t.gql(`mutation { deleteService(key: "nothing") { key } }`);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(stuck.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(stuck.errors?.[0].message).toMatch(/statement timeout/);

      // Ten stuck requests hold the whole pool for 1 s; more requests wait 300 ms for a connection, then fail.
      const burst = await Promise.all(
        Array.from({ length: 14 }, () => t.gql(`{ services(first: 1) { edges { node { key } } } }`)),
      );
      const messages = burst.map((b) => b.errors?.[0]?.message ?? 'OK');
      expect(messages.some((m) => /No database connection became free/.test(m))).toBe(true);
      expect(burst.every((b) => b.errors?.[0].extensions?.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect((await t.gql(`{ services(first: 1) { totalCount } }`)).errors).toBeUndefined();
  });
});
