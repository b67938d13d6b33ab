import type { GraphQLResolveInfo } from 'graphql';
import { encodeCursor } from '../common/cursor';
import type { ConnectionShape } from '../common/graphql/pagination';
import { selectedField } from '../common/graphql/selection';
import { POSITION_ORDER, positionPage } from './entity-selection';
import { DataFieldModel, type DataEntityModel } from './schema.model';
import type { DataFieldRow } from './schema.repository';

/** The page of fields that `entities { edges { node { fields(first, after) } } }` asks for. */
export interface FieldsPageShape {
  first: number;
  after?: string;
}

/** Fields read together with their entity, and the page shape they were read for. */
const prefetched = new WeakMap<DataEntityModel, { shape: FieldsPageShape; rows: DataFieldRow[] }>();

/**
 * The page of fields that the entities being resolved will ask for, when it can be read with them:
 * `fields` selected once (or always with the same arguments), with valid arguments. Null otherwise:
 * each entity's `fields` then loads (and validates, and reports) its own page.
 */
export function selectedFieldsPage(info: GraphQLResolveInfo): FieldsPageShape | null {
  const fields = selectedField(info, ['edges', 'node', 'fields']);
  if (!fields || !positionPage(fields.args)) return null;
  const { first, after } = fields.args as { first: number; after?: string | null };
  return after === undefined || after === null ? { first } : { first, after };
}

export function attachFields(entity: DataEntityModel, shape: FieldsPageShape, rows: DataFieldRow[]): DataEntityModel {
  prefetched.set(entity, { shape, rows });
  return entity;
}

/**
 * The entity's fields as a connection, when they were read with the entity for this page shape;
 * null when they were not (another shape, e.g. under an alias). Cursors are made only when asked for.
 */
export function prefetchedFields(
  entity: DataEntityModel,
  shape: FieldsPageShape,
  totalCount: () => Promise<number>,
): ConnectionShape<DataFieldModel> | null {
  const found = prefetched.get(entity);
  if (!found || found.shape.first !== shape.first || (found.shape.after ?? null) !== (shape.after ?? null)) return null;
  const visible = found.rows.slice(0, shape.first);
  const cursorOf = (row: DataFieldRow) =>
    encodeCursor({ order: POSITION_ORDER, value: String(row.position), id: row.id });
  return {
    edges: visible.map((row) => ({
      node: DataFieldModel.from(row),
      get cursor() {
        return cursorOf(row);
      },
    })),
    totalCount,
    pageInfo: {
      hasNextPage: found.rows.length > shape.first,
      hasPreviousPage: Boolean(shape.after),
      get startCursor() {
        return visible.length ? cursorOf(visible[0]) : null;
      },
      get endCursor() {
        return visible.length ? cursorOf(visible[visible.length - 1]) : null;
      },
    },
  };
}
