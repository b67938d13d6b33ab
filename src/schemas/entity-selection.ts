import {
  getNamedType,
  isObjectType,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLType,
} from 'graphql';
import { decodeCursor } from '../common/cursor';
import { MAX_PAGE_SIZE } from '../common/graphql/pagination';
import { fieldsSelected, sameArguments, type Operation } from '../common/graphql/selection';

/** The order of entities in a service and of fields in an entity, as cursors name it. */
export const POSITION_ORDER = 'POSITION_ASC';

/** A page in position order: `first` rows after the row at (position, id). */
export interface PositionPage {
  first: number;
  after?: { position: number; id: string };
}

export const PAGE_INFO_KEYS = ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'] as const;
export type PageInfoKey = (typeof PAGE_INFO_KEYS)[number];

/** What a selection asks of a connection: which parts, and of its nodes. */
export interface ConnectionPlan<Node> {
  page: PositionPage;
  /** Null: `edges` is not selected. */
  edges: { cursor: boolean; node: Node | null } | null;
  /** Null: `pageInfo` is not selected. */
  pageInfo: PageInfoKey[] | null;
  totalCount: boolean;
}

/** Selectable scalars of a DataField, by GraphQL name. */
export const FIELD_COLUMNS = [
  'id',
  'name',
  'sourceType',
  'type',
  'nullable',
  'identifier',
  'description',
  'enumValues',
  'referenceTarget',
  'isArray',
  'piiClass',
  'piiReason',
] as const;
export type FieldColumn = (typeof FIELD_COLUMNS)[number];

/** Selectable scalars of a DataEntity, by GraphQL name. */
export const ENTITY_COLUMNS = ['id', 'name', 'description', 'recordCount', 'containsPii', 'identifierFields'] as const;
export type EntityColumn = (typeof ENTITY_COLUMNS)[number];

export interface FieldNodePlan {
  columns: FieldColumn[];
}

export interface EntityNodePlan {
  columns: EntityColumn[];
  fields: ConnectionPlan<FieldNodePlan> | null;
}

export type EntityConnectionPlan = ConnectionPlan<EntityNodePlan>;

/**
 * What `entities(first, after) { … }` asks for, when all of it can be read by one SQL statement
 * (entityConnectionsSql): the connection's parts, the entities' own scalars, and their `fields`
 * connection with the fields' scalars. Null when anything else is selected (an entity's service,
 * a field's mappings), under @include/@skip, the same field twice with different arguments, or with
 * arguments the resolvers would refuse: the resolvers then answer as ever, errors included.
 *
 * The plan names fields, not aliases: the value read is the field's, whatever it is called.
 */
export function planEntityConnection(
  info: GraphQLResolveInfo,
  args: { first: number; after?: string | null },
): EntityConnectionPlan | null {
  return planEntities(info.fieldNodes, info.returnType, args, info);
}

/**
 * planEntityConnection for `entities` selected by `fieldNodes` (of type `returnType`) further down the
 * operation — e.g. under a page of services, read ahead by the page's resolver — with `args` as the
 * request gives them.
 */
export function planEntities(
  fieldNodes: readonly FieldNode[],
  returnType: unknown,
  args: Record<string, unknown>,
  info: Operation,
): EntityConnectionPlan | null {
  const page = positionPage(args);
  const type = connectionType(returnType);
  if (!page || !type) return null;
  return planConnection(fieldNodes, type, page, info, (nodes, nodeType) => {
    const selected = selectedFields(nodes, nodeType, info);
    if (!selected) return null;
    const columns: EntityColumn[] = [];
    let fields: ConnectionPlan<FieldNodePlan> | null = null;
    for (const [name, fieldNodes] of selected) {
      if (name === 'fields') {
        const fieldArgs = sameArguments(nodeType, name, fieldNodes, info);
        const fieldsPage = fieldArgs && positionPage(fieldArgs);
        const fieldsType = connectionType(nodeType.getFields()[name]?.type);
        if (!fieldsPage || !fieldsType) return null;
        fields = planConnection(fieldNodes, fieldsType, fieldsPage, info, (leafNodes, leafType) => {
          const leaves = selectedFields(leafNodes, leafType, info);
          if (!leaves || ![...leaves.keys()].every(isFieldColumn)) return null;
          return { columns: [...leaves.keys()] as FieldColumn[] };
        });
        if (!fields) return null;
      } else if (isEntityColumn(name)) {
        columns.push(name);
      } else {
        return null;
      }
    }
    return { columns, fields };
  });
}

const isFieldColumn = (name: string): name is FieldColumn => (FIELD_COLUMNS as readonly string[]).includes(name);
const isEntityColumn = (name: string): name is EntityColumn => (ENTITY_COLUMNS as readonly string[]).includes(name);

function planConnection<Node>(
  nodes: readonly FieldNode[],
  type: GraphQLObjectType,
  page: PositionPage,
  info: Operation,
  planNode: (nodes: FieldNode[], type: GraphQLObjectType) => Node | null,
): ConnectionPlan<Node> | null {
  const selected = selectedFields(nodes, type, info);
  if (!selected) return null;
  const plan: ConnectionPlan<Node> = { page, edges: null, pageInfo: null, totalCount: false };
  for (const [name, fieldNodes] of selected) {
    const fieldType = type.getFields()[name].type;
    if (name === 'totalCount') {
      plan.totalCount = true;
    } else if (name === 'pageInfo') {
      const pageInfoType = objectTypeOf(fieldType);
      const keys = pageInfoType && selectedFields(fieldNodes, pageInfoType, info);
      if (!keys) return null;
      plan.pageInfo = [...keys.keys()] as PageInfoKey[];
    } else if (name === 'edges') {
      const edgeType = objectTypeOf(fieldType);
      const edge = edgeType && selectedFields(fieldNodes, edgeType, info);
      if (!edgeType || !edge) return null;
      plan.edges = { cursor: edge.has('cursor'), node: null };
      const nodeFields = edge.get('node');
      const nodeType = objectTypeOf(edgeType.getFields().node?.type);
      if (nodeFields) {
        plan.edges.node = nodeType && planNode(nodeFields, nodeType);
        if (!plan.edges.node) return null;
      }
    } else {
      return null;
    }
  }
  return plan;
}

/** fieldsSelected, refusing (null) fields `type` does not have and one field with different arguments. */
function selectedFields(
  nodes: readonly FieldNode[],
  type: GraphQLObjectType,
  info: Operation,
): Map<string, FieldNode[]> | null {
  const found = fieldsSelected(nodes, type, info);
  if (!found) return null;
  for (const [name, fieldNodes] of found) {
    if (!type.getFields()[name]) return null;
    if (fieldNodes.length > 1 && !sameArguments(type, name, fieldNodes, info)) return null;
  }
  return found;
}

/** `first` and `after` as the resolvers would accept them; null for anything they would refuse. */
export function positionPage(args: Record<string, unknown>): PositionPage | null {
  const { first, after, ...other } = args;
  if (Object.keys(other).length > 0) return null;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) return null;
  if (after === undefined || after === null) return { first };
  if (typeof after !== 'string') return null;
  try {
    const cursor = decodeCursor(after, POSITION_ORDER, 'numeric');
    const position = Number(cursor.value);
    if (cursor.value === null || !Number.isSafeInteger(position) || String(position) !== cursor.value) return null;
    return { first, after: { position, id: cursor.id } };
  } catch {
    return null;
  }
}

function connectionType(type: unknown): GraphQLObjectType | null {
  const named = objectTypeOf(type);
  return named && named.getFields().edges && named.getFields().pageInfo ? named : null;
}

/** The object type of a field's type, through non-null and list wrappers (null for scalars). */
function objectTypeOf(type: unknown): GraphQLObjectType | null {
  const named = type && getNamedType(type as GraphQLType);
  return isObjectType(named) ? named : null;
}
