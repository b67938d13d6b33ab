import { isObjectType, type GraphQLSchema } from 'graphql';

/**
 * Marks an object whose fields were computed ahead of execution, such as JSON that PostgreSQL built
 * for a whole selection (src/schemas/entity-json.sql.ts): each field is read from it by name, and the
 * field's resolver does not run. `$` cannot begin a GraphQL name, so no field or alias can clash.
 */
export const PRECOMPUTED = '$precomputed';

/**
 * Lets every resolver of `schema` step aside for a precomputed object (see PRECOMPUTED), in place.
 * For any other value the resolver runs as before; the cost is one property check per call.
 */
export function readPrecomputedFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context, info) =>
        isPrecomputed(source) ? source[info.fieldName] : resolve(source, args, context, info);
    }
  }
  return schema;
}

function isPrecomputed(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)[PRECOMPUTED] === true;
}
