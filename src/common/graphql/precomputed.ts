import { isObjectType, type GraphQLSchema } from 'graphql';

/**
 * Marks values computed ahead of execution, so that the resolvers of their fields do not run:
 * - `{ [PRECOMPUTED]: true, … }`: every field of the object is read from it by name, as in JSON
 *   that PostgreSQL built for a whole selection (src/schemas/entity-json.sql.ts);
 * - `{ [PRECOMPUTED]: { field: value } }` on a model object: those fields only (see precompute).
 * `$` cannot begin a GraphQL name, so no field or alias can clash.
 */
export const PRECOMPUTED = '$precomputed';

/** Gives `field` of `model` its value ahead of execution: its resolver will not run for this object. */
export function precompute(model: object, field: string, value: unknown): void {
  const target = model as { [PRECOMPUTED]?: Record<string, unknown> | true };
  const values = target[PRECOMPUTED];
  if (values === true) return;
  if (values) values[field] = value;
  else target[PRECOMPUTED] = { [field]: value };
}

/** The resolver @nestjs/graphql gives every plain field of a code-first type: it reads the property. */
const NEST_PROPERTY_READER = 'rootFieldResolver';

/**
 * Prepares the resolvers of `schema` for execution, in place:
 * - A plain field reads its property without a resolver, as graphql-js does by default, instead of
 *   through the function Nest gives each (which differs only in returning an output field's
 *   `defaultValue`, which Estate's output types never set). graphql-jit then compiles the read inline.
 * - Every other resolver steps aside for a precomputed value (see PRECOMPUTED); otherwise it runs
 *   as before, at the cost of one property check per call.
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
      const name = field.name;
      field.resolve = (source, args, context, info) => {
        const precomputed = (source as { [PRECOMPUTED]?: unknown } | null | undefined)?.[PRECOMPUTED];
        if (precomputed === undefined) return resolve(source, args, context, info);
        if (precomputed === true) return (source as Record<string, unknown>)[name];
        const values = precomputed as Record<string, unknown>;
        return name in values ? values[name] : resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
