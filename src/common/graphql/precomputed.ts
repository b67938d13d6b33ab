import { isObjectType, type GraphQLSchema } from 'graphql';

/**
 * Marks an object whose fields were computed ahead of execution, such as JSON that PostgreSQL built
 * for a whole selection (src/schemas/entity-json.sql.ts): each field is read from it by name, and the
 * field's resolver does not run. `$` cannot begin a GraphQL name, so no field or alias can clash.
 */
export const PRECOMPUTED = '$precomputed';

/** The resolver @nestjs/graphql gives every plain field of a code-first type: it reads the property. */
const NEST_PROPERTY_READER = 'rootFieldResolver';

/**
 * Prepares the resolvers of `schema` for execution, in place:
 * - A plain field reads its property without a resolver, as graphql-js does by default, instead of
 *   through the function Nest gives each (which differs only in returning an output field's
 *   `defaultValue`, which Estate's output types never set). graphql-jit then compiles the read inline.
 * - Every other resolver steps aside for a precomputed object (see PRECOMPUTED); for any other
 *   value it runs as before, at the cost of one property check per call.
 */
export function readPrecomputedFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      if (resolve.name === NEST_PROPERTY_READER) {
        field.resolve = undefined;
        continue;
      }
      field.resolve = (source, args, context, info) =>
        isPrecomputed(source) ? source[info.fieldName] : resolve(source, args, context, info);
    }
  }
  return schema;
}

function isPrecomputed(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)[PRECOMPUTED] === true;
}
