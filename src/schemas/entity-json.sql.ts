import { PRECOMPUTED } from '../common/graphql/precomputed';
import type { SqlParams } from '../database/sql-params';
import type {
  ConnectionPlan,
  EntityColumn,
  EntityConnectionPlan,
  EntityNodePlan,
  FieldColumn,
  FieldNodePlan,
  PageInfoKey,
} from './entity-selection';
import { POSITION_ORDER } from './entity-selection';

const ENTITY_SQL: Record<EntityColumn, (alias: string) => string> = {
  id: (e) => `${e}.id`,
  name: (e) => `${e}.name::text`,
  description: (e) => `${e}.description`,
  recordCount: (e) => `${e}.record_count`,
  containsPii: (e) => `${e}.contains_pii`,
  identifierFields: (e) => `${e}.identifier_fields`,
};

const FIELD_SQL: Record<FieldColumn, (alias: string) => string> = {
  id: (f) => `${f}.id`,
  name: (f) => `${f}.name::text`,
  sourceType: (f) => `${f}.source_type`,
  type: (f) => `${f}.type`,
  nullable: (f) => `${f}.nullable`,
  identifier: (f) => `${f}.is_identifier`,
  description: (f) => `${f}.description`,
  enumValues: (f) => `${f}.enum_values`,
  referenceTarget: (f) => `${f}.reference_target`,
  isArray: (f) => `${f}.is_array`,
  piiClass: (f) => `${f}.pii_class`,
  piiReason: (f) => `${f}.pii_reason`,
};

interface Level<Node> {
  table: string;
  alias: string;
  parentColumn: string;
  node: (plan: Node, alias: string, params: SqlParams) => string;
}

const FIELDS: Level<FieldNodePlan> = {
  table: 'data_field',
  alias: 'f',
  parentColumn: 'entity_id',
  node: (plan, f) => jsonObject(plan.columns.map((c) => [c, FIELD_SQL[c](f)])),
};

const ENTITIES: Level<EntityNodePlan> = {
  table: 'data_entity',
  alias: 'e',
  parentColumn: 'service_id',
  node: (plan, e, params) =>
    jsonObject([
      // The entity's fields connection is in the value: its resolver is not to run (see precomputed.ts).
      ...(plan.fields ? [[PRECOMPUTED, 'true'] as [string, string]] : []),
      ...plan.columns.map((c): [string, string] => [c, ENTITY_SQL[c](e)]),
      ...(plan.fields ? [['fields', connectionSql(plan.fields, FIELDS, `${e}.id`, params)] as [string, string]] : []),
    ]),
};

/**
 * ONE statement that answers `entities { … }` for a batch of services (`serviceIds`: the placeholder of a uuid[]) as the GraphQL
 * response's own JSON, built in PostgreSQL: per service its page of entities, per entity its page of
 * fields, each with the cursors, page info and counts asked for — no more columns or rows than the
 * selection names, and a result the same as the resolvers' (entities and fields in position order,
 * cursors as encodeCursor makes them). Rows: `parentId`, `connection`.
 */
export function entityConnectionsSql(plan: EntityConnectionPlan, serviceIds: string, params: SqlParams): string {
  return `SELECT p.id AS "parentId", ${connectionSql(plan, ENTITIES, 'p.id', params)} AS connection
    FROM unnest(${serviceIds}::uuid[]) AS p(id)`;
}

function connectionSql<Node>(
  plan: ConnectionPlan<Node>,
  level: Level<Node>,
  parentId: string,
  params: SqlParams,
): string {
  const { table, alias: a, parentColumn } = level;
  const { first, after } = plan.page;
  const afterSql = after
    ? ` AND (${a}.position, ${a}.id) > (${params.add(after.position)}::integer, ${params.add(after.id)}::uuid)`
    : '';
  const visible = `FILTER (WHERE ${a}.rn <= ${first})`;
  const cursor = cursorSql(a);
  const parts: [string, string][] = [];
  if (plan.edges) {
    const { node } = plan.edges;
    const edge = jsonObject([
      ...(plan.edges.cursor ? [['cursor', cursor] as [string, string]] : []),
      ...(node ? [['node', level.node(node, a, params)] as [string, string]] : []),
    ]);
    parts.push(['edges', `coalesce(json_agg(${edge} ORDER BY ${a}.rn) ${visible}, '[]'::json)`]);
  }
  if (plan.pageInfo) {
    const pageInfo: Record<PageInfoKey, string> = {
      hasNextPage: `count(*) > ${first}`,
      hasPreviousPage: after ? 'true' : 'false',
      startCursor: `(array_agg(${cursor} ORDER BY ${a}.rn) ${visible})[1]`,
      endCursor: `(array_agg(${cursor} ORDER BY ${a}.rn DESC) ${visible})[1]`,
    };
    parts.push(['pageInfo', jsonObject(plan.pageInfo.map((key) => [key, pageInfo[key]]))]);
  }
  if (plan.totalCount) {
    parts.push(['totalCount', `(SELECT count(*)::int FROM ${table} c WHERE c.${parentColumn} = ${parentId})`]);
  }
  if (parts.length === 0) return `'{}'::json`;
  // One more row than the page: whether a next page exists. GROUP BY (): one row, even for no entities.
  return `(SELECT ${jsonObject(parts)} FROM (
      SELECT ${a}.*, row_number() OVER (ORDER BY ${a}.position, ${a}.id) AS rn FROM (
        SELECT * FROM ${table} ${a} WHERE ${a}.${parentColumn} = ${parentId}${afterSql}
        ORDER BY ${a}.position, ${a}.id LIMIT ${first + 1}) ${a}) ${a} GROUP BY ())`;
}

/** encodeCursor({ order: POSITION_ASC, value: String(position), id }): base64url of the JSON array, unpadded. */
function cursorSql(a: string): string {
  const json = `'["${POSITION_ORDER}","' || ${a}.position::text || '","' || ${a}.id::text || '"]'`;
  return `translate(encode(convert_to(${json}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

function jsonObject(entries: [string, string][]): string {
  if (entries.length === 0) return `'{}'::json`;
  // json_build_object takes at most 100 arguments; a selection here has far fewer than 50 entries.
  return `json_build_object(${entries.map(([key, value]) => `'${key}', ${value}`).join(', ')})`;
}
