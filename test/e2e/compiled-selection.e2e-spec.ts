import { createService, createTeam } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const PUT = `mutation($key: String!, $entities: [DataEntityInput!]!) {
  putServiceSchema(serviceKey: $key, entities: $entities) { level } }`;

/** n entities of (i + 1) × 2 fields each: pages of every size, and one entity with many fields. */
function entities(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    name: `Entity${i}`,
    description: i % 2 ? `Entity number ${i}` : null,
    recordCount: i === 0 ? 9_000_000_000 : i * 10,
    fields: Array.from({ length: (i + 1) * 2 }, (_, j) => ({
      name: j === 0 ? 'Id' : j === 1 ? 'Email' : `Field${j}`,
      sourceType: j === 1 ? 'email' : j % 3 ? 'string' : 'integer',
      identifier: j === 0,
      nullable: j !== 0,
      description: j % 4 ? null : `Field ${j} of ${i}`,
      enumValues: j === 5 ? ['A', 'B'] : [],
      referenceTarget: j === 7 ? 'Entity0' : null,
    })),
  }));
}

/**
 * `services { entities { … fields { … } } }` is answered by one SQL statement that builds the
 * response's JSON (src/schemas/entity-json.sql.ts) when the selection allows it. The same query with
 * an `@include(if: true)` inside `entities` cannot be read ahead and runs through the resolvers: both
 * must answer exactly the same, whatever the selection, page or cursor.
 */
describe('entities read in one statement as JSON, against the resolvers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'ops');
    for (const [key, n] of [
      ['alpha', 7],
      ['bravo', 0],
      ['charlie', 3],
      ['delta', 12],
    ] as const) {
      await createService(t, { key, ownerTeam: 'ops' });
      if (n > 0) await t.gqlOk(PUT, { key, entities: entities(n) });
    }
  });
  afterAll(() => t.close());

  /** The query as written, and as the resolvers answer it (a directive stops the read-ahead). */
  async function bothWays(query: string, variables: object = {}) {
    const resolvers = query.replace(/entities(\([^)]*\))? \{/, (m) => `${m} __typename @include(if: true) `);
    expect(resolvers).not.toBe(query);
    let compiled: unknown;
    const statements = await t.countStatements(async () => {
      compiled = await t.gqlOk(query, variables);
    });
    const reference = await t.gqlOk(resolvers, variables);
    // The directive's __typename is the only difference in the selection.
    expect(JSON.stringify(compiled)).toBe(JSON.stringify(stripTypename(reference)));
    return { data: compiled as any, statements };
  }

  const FULL = `query($first: Int!, $after: String, $fieldsFirst: Int!, $fieldsAfter: String) {
    services(first: 5) { edges { node { key
      entities(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { id name description recordCount containsPii identifierFields
          fields(first: $fieldsFirst, after: $fieldsAfter) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { id name sourceType type nullable identifier description enumValues
              referenceTarget isArray piiClass piiReason } } } } } } } } } }`;

  it('answers every part of entities and fields exactly as the resolvers do, in one statement for them all', async () => {
    const { data, statements } = await bothWays(FULL, { first: 5, fieldsFirst: 3 });
    const alpha = data.services.edges.find((e: any) => e.node.key === 'alpha').node.entities;
    expect(alpha.totalCount).toBe(7);
    expect(alpha.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(alpha.edges[0].node.recordCount).toBe(9_000_000_000);
    expect(alpha.edges[0].node.fields.edges.map((e: any) => e.node.name)).toEqual(['Id', 'Email']);
    const bravo = data.services.edges.find((e: any) => e.node.key === 'bravo').node.entities;
    expect(bravo).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: [],
    });
    // The page of services, then the entities with their fields.
    expect(statements).toBe(2);
  });

  it('pages on with the cursors it gives, entities and fields alike', async () => {
    const first = await bothWays(FULL, { first: 2, fieldsFirst: 2 });
    const delta = first.data.services.edges.find((e: any) => e.node.key === 'delta').node.entities;
    const next = await bothWays(FULL, { first: 2, after: delta.pageInfo.endCursor, fieldsFirst: 2 });
    const page2 = next.data.services.edges.find((e: any) => e.node.key === 'delta').node.entities;
    expect(page2.pageInfo.hasPreviousPage).toBe(true);
    expect(page2.edges.map((e: any) => e.node.name)).toEqual(['Entity2', 'Entity3']);
    const fieldsCursor = page2.edges[1].node.fields.pageInfo.endCursor;
    const fields = await bothWays(FULL, { first: 20, fieldsFirst: 10, fieldsAfter: fieldsCursor });
    const entity3 = fields.data.services.edges
      .find((e: any) => e.node.key === 'delta')
      .node.entities.edges.find((e: any) => e.node.name === 'Entity3').node.fields;
    expect(entity3.edges.map((e: any) => e.node.name)).toEqual([
      'Field2',
      'Field3',
      'Field4',
      'Field5',
      'Field6',
      'Field7',
    ]);
  });

  it.each([
    ['only a count', `{ services { edges { node { entities { totalCount } } } } }`],
    ['only page info', `{ services { edges { node { entities(first: 1) { pageInfo { endCursor hasNextPage } } } } } }`],
    ['edges without nodes', `{ services { edges { node { entities(first: 3) { edges { cursor } } } } } }`],
    [
      'fragments and aliases',
      `query { services { edges { node { key entities(first: 4) { ...Page } } } } }
       fragment Page on DataEntityConnection { all: edges { node { title: name ... on DataEntity {
         cols: fields(first: 2) { edges { node { name t: type } } } } } } count: totalCount }`,
    ],
    [
      'one field selected twice with the same arguments',
      `{ services { edges { node { entities(first: 2) { edges { node { fields(first: 3) { totalCount }
         fields(first: 3) { edges { node { name } } } } } } } } } }`,
    ],
  ])('the same answer for %s', async (_, query) => {
    const { statements } = await bothWays(query);
    expect(statements).toBeLessThanOrEqual(2);
  });

  it('leaves to the resolvers what one statement cannot answer, and their errors', async () => {
    // Two shapes of fields under one entity: the resolvers page each.
    const twoShapes = await t.gqlOk(`{ services { edges { node { key entities(first: 1) { edges { node {
      two: fields(first: 2) { edges { node { name } } } all: fields(first: 10) { totalCount } } } } } } } }`);
    const alpha = twoShapes.services.edges.find((e: any) => e.node.key === 'alpha').node.entities.edges[0].node;
    expect(alpha.two.edges).toHaveLength(2);
    expect(alpha.all.totalCount).toBe(2);
    // A field's entity, and a page too large: as ever.
    const nested = await t.gqlOk(`{ services { edges { node { entities(first: 1) { edges { node { fields(first: 1) {
      edges { node { entity { name } } } } } } } } } } }`);
    expect(JSON.stringify(nested)).toContain('"entity":{"name":"Entity0"}');
    const refused = await t.gql(`{ services { edges { node { entities(first: 1) { edges { node {
      fields(first: 1000) { totalCount } } } } } } } }`);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await t.gql(
      `{ services { edges { node { entities(first: 1, after: "nonsense") { totalCount } } } } }`,
    );
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'after' });
  });
});

function stripTypename(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripTypename);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '__typename')
        .map(([key, v]) => [key, stripTypename(v)]),
    );
  }
  return value;
}
