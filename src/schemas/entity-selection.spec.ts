import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { encodeCursor } from '../common/cursor';
import { planEntityConnection, POSITION_ORDER, type EntityConnectionPlan } from './entity-selection';

const schema = buildSchema(`
  type Query { service: Service }
  type Service { key: String entities(first: Int = 20, after: String): DataEntityConnection! }
  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
  type DataEntityConnection { edges: [DataEntityEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type DataEntityEdge { cursor: String! node: DataEntity! }
  type DataEntity { id: ID! name: String! description: String service: Service
    fields(first: Int = 20, after: String): DataFieldConnection! }
  type DataFieldConnection { edges: [DataFieldEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type DataFieldEdge { cursor: String! node: DataField! }
  type DataField { id: ID! name: String! type: String! entity: DataEntity }
`);

/** The plan made for `entities` in `query`, as its resolver would make it. */
function planOf(query: string, variables: Record<string, unknown> = {}): EntityConnectionPlan | null {
  let plan: EntityConnectionPlan | null | undefined;
  const rootValue = {
    service: {
      entities: (args: { first: number; after?: string }, _: unknown, info: GraphQLResolveInfo) => {
        plan = planEntityConnection(info, args);
        return { edges: [], pageInfo: {}, totalCount: 0 };
      },
    },
  };
  const result = execute({ schema, document: parse(query), rootValue, variableValues: variables });
  if ('then' in result) throw new Error('expected a synchronous result');
  if (plan === undefined) throw new Error(`entities was not resolved: ${JSON.stringify(result.errors)}`);
  return plan;
}

const cursor = (position: number, id = '6f1c1f2e-4a5b-4c3d-8e9f-0a1b2c3d4e5f') =>
  encodeCursor({ order: POSITION_ORDER, value: String(position), id });

describe('planEntityConnection', () => {
  it('plans entities with their fields: the parts, columns and pages asked for', () => {
    const plan = planOf(`{ service { entities(first: 5) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { name id fields(first: 10) { edges { node { name type } } } } } } } }`);
    expect(plan).toEqual({
      page: { first: 5 },
      totalCount: true,
      pageInfo: ['hasNextPage', 'endCursor'],
      edges: {
        cursor: true,
        node: {
          columns: ['name', 'id'],
          fields: {
            page: { first: 10 },
            totalCount: false,
            pageInfo: null,
            edges: { cursor: false, node: { columns: ['name', 'type'] } },
          },
        },
      },
    });
  });

  it('reads through fragments, aliases and variables, and ignores __typename', () => {
    const direct = planOf(
      `{ service { entities(first: 3) { edges { node { name fields(first: 2) { totalCount } } } } } }`,
    );
    const indirect = planOf(
      `query($n: Int!) { service { entities(first: 3) { __typename ...E } } }
       fragment E on DataEntityConnection { list: edges { node { ... on DataEntity { title: name __typename
         fields(first: $n) { count: totalCount } } } } }`,
      { n: 2 },
    );
    expect(indirect).toEqual(direct);
    expect(direct?.edges?.node?.fields?.page).toEqual({ first: 2 });
  });

  it('merges a field selected twice with the same arguments', () => {
    const plan = planOf(`{ service { entities { edges { node { fields(first: 4) { totalCount }
      fields(first: 4) { edges { node { id } } } } } } } }`);
    expect(plan?.edges?.node?.fields).toMatchObject({ totalCount: true, edges: { node: { columns: ['id'] } } });
  });

  it('reads the position and id of an `after` cursor, at either level', () => {
    const id = '0d8b4c47-3a55-4d1c-9a59-5f3a1b2c4d6e';
    const plan = planOf(
      `query($a: String, $b: String) { service { entities(first: 2, after: $a) {
      edges { node { fields(first: 2, after: $b) { totalCount } } } } } }`,
      {
        a: cursor(7, id),
        b: cursor(0),
      },
    );
    expect(plan?.page).toEqual({ first: 2, after: { position: 7, id } });
    expect(plan?.edges?.node?.fields?.page.after?.position).toBe(0);
  });

  it.each([
    ['a field no column answers', `{ service { entities { edges { node { service { key } } } } } }`],
    [
      'a field of a field the statement cannot read',
      `{ service { entities { edges { node { fields { edges { node { entity { name } } } } } } } } }`,
    ],
    ['a directive', `{ service { entities { totalCount @include(if: true) } } }`],
    ['a directive on a fragment', `{ service { entities { ... @skip(if: false) { totalCount } } } }`],
    [
      'one field twice with different arguments',
      `{ service { entities { edges { node { a: fields(first: 1) { totalCount } b: fields(first: 2) { totalCount } } } } } }`,
    ],
    [
      'a page too large (the resolver refuses it)',
      `{ service { entities { edges { node { fields(first: 1000) { totalCount } } } } } }`,
    ],
    ['a page of none', `{ service { entities(first: 0) { totalCount } } }`],
    ['a cursor that is not one', `{ service { entities(after: "nonsense") { totalCount } } }`],
    [
      'a cursor of another order',
      `{ service { entities(after: "${encodeCursor({ order: 'NAME_ASC', value: 'a', id: '0d8b4c47-3a55-4d1c-9a59-5f3a1b2c4d6e' })}") { totalCount } } }`,
    ],
    [
      'a cursor whose position is not an integer',
      `{ service { entities(after: "${encodeCursor({ order: POSITION_ORDER, value: '1.5', id: '0d8b4c47-3a55-4d1c-9a59-5f3a1b2c4d6e' })}") { totalCount } } }`,
    ],
  ])('leaves %s to the resolvers (no plan)', (_, query) => {
    expect(planOf(query)).toBeNull();
  });
});
