import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Needs a Redis server: CI provides one (ESTATE_TEST_REDIS_URL, set by .ci/run).
 * On a machine with only Node and npm this file is skipped, and says so.
 */
const redisUrl = process.env.ESTATE_TEST_REDIS_URL;
const describeWithRedis = redisUrl ? describe : describe.skip;
if (!redisUrl) console.warn('rate-limit-redis: skipped; set ESTATE_TEST_REDIS_URL to a Redis server to run it');

describeWithRedis('rate limit shared through Redis (REDIS_URL)', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl!, ESTATE_RATE_LIMIT_PER_MINUTE: '10' };
    first = await createTestApp({ env });
    second = await createTestApp({ env, sameDatabaseAs: first });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('counts one token’s requests across two instances on one database', async () => {
    const secret = (
      await first.gqlOk(`mutation { createApiToken(input: { name: "shared", role: VIEWER }) { secret } }`)
    ).createApiToken.secret as string;
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const body = await (i % 2 === 0 ? first : second).gqlAs(secret, `{ me { name } }`);
      codes.push(body.errors?.[0].extensions?.code ?? 'OK');
    }
    expect(codes).toEqual([...Array(10).fill('OK'), 'RATE_LIMITED', 'RATE_LIMITED']);
  });
});

describe('rate limit when Redis is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1', ESTATE_RATE_LIMIT_PER_MINUTE: '2' } });
  });
  afterAll(() => t.close());

  it('lets requests through rather than failing them', async () => {
    for (let i = 0; i < 4; i++) expect((await t.gql(`{ me { name } }`)).errors).toBeUndefined();
  });
});
