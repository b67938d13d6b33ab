import { SCHEMA_LIMITS } from '../change-set';
import { FieldType, type EntitySpec, type FieldSpec } from '../schema.types';
import { asObject } from './document';
import { pointerToken, type ImportMessage } from './import.types';

/** A JSON Schema / OpenAPI schema object, after `$ref`s are dereferenced in place. */
type Schema = Record<string, unknown>;

/** Nested objects are flattened to dotted paths this deep (`a.b.c.d`); deeper data is kept as one JSON field. */
export const DEFAULT_MAX_DEPTH = 4;

const IDENTIFIER_NAMES = new Set(['id', 'uuid', 'guid']);

/**
 * Turns named schemas (OpenAPI `components.schemas`, Swagger `definitions`,
 * JSON Schema `$defs`) into entities. `$ref`s must already be dereferenced in
 * place, so a reference to a named schema *is* that schema object: object
 * identity tells which named schema a property points at, and cycles are
 * object cycles.
 *
 * - `allOf` is merged (properties, required), also through chains.
 * - A property that points at a named schema with an identifier (`id`) is a
 *   REFERENCE to that entity; other nested objects are flattened to dotted
 *   paths down to `maxDepth`, then kept as one JSON field; recursion stops
 *   with a JSON field.
 * - `oneOf`/`anyOf`: `null` variants make the field nullable; an id string or
 *   one of several entities (Stripe's expandable fields) is a REFERENCE to
 *   `A | B`; scalar variants of one type keep that type; object variants are
 *   merged (every field nullable); anything else is JSON.
 * - Arrays mark their field (or every field flattened from their items) `isArray`.
 */
export class SchemaFlattener {
  readonly warnings: ImportMessage[] = [];
  readonly errors: ImportMessage[] = [];
  private readonly merged = new WeakMap<Schema, Schema>();
  private readonly unions = new WeakMap<Schema, Schema>();
  private readonly entityLike = new WeakSet<Schema>();
  private deepCount = 0;
  private recursiveCount = 0;

  constructor(
    /** The name of every named schema, by object identity. */
    private readonly names: Map<object, string>,
    private readonly maxDepth = DEFAULT_MAX_DEPTH,
  ) {
    for (const [schema, name] of names) {
      const properties = asObject(this.merge(schema as Schema).properties);
      if (properties && Object.keys(properties).some((p) => isIdentifierName(p, name))) {
        this.entityLike.add(schema as Schema);
      }
    }
  }

  /**
   * The entity a named schema describes, or undefined when it has no
   * properties (an enum, a scalar, an array, a free-form map).
   */
  entity(name: string, schema: Schema, pointer: string): EntitySpec | undefined {
    const merged = this.objectOf(this.merge(schema));
    if (!merged) return undefined;
    const fields: FieldSpec[] = [];
    const seen = new Set<string>();
    let left = 0;
    const add = (field: FieldSpec) => {
      const key = field.name.toLowerCase();
      if (seen.has(key)) {
        this.warnings.push({
          pointer,
          message: `field "${field.name}" appears twice (names are case-insensitive); the first is kept`,
        });
        return;
      }
      if (fields.length >= SCHEMA_LIMITS.fieldsPerEntity) {
        left++;
        return;
      }
      seen.add(key);
      fields.push(field);
    };
    this.properties(merged, [], pointer, true, false, 0, new Set([merged]), add);
    if (left) {
      this.warnings.push({
        pointer,
        message: `${left} fields beyond the first ${SCHEMA_LIMITS.fieldsPerEntity} are left out (lower maxDepth to keep fewer nested fields)`,
      });
    }
    for (const field of fields) {
      if (!field.name.includes('.') && isIdentifierName(field.name, name) && !field.isArray) field.identifier = true;
    }
    return {
      name,
      description: text(merged.description) ?? text(merged.title),
      fields,
    };
  }

  /** Notes made once per import rather than once per field. */
  summary(): ImportMessage[] {
    const notes: ImportMessage[] = [];
    if (this.deepCount) {
      notes.push({
        message: `${this.deepCount} nested objects deeper than ${this.maxDepth} levels are kept as JSON fields`,
      });
    }
    if (this.recursiveCount) {
      notes.push({ message: `${this.recursiveCount} recursive structures are kept as JSON fields where they recur` });
    }
    return notes;
  }

  private properties(
    schema: Schema,
    path: string[],
    pointer: string,
    present: boolean,
    inArray: boolean,
    depth: number,
    stack: Set<Schema>,
    add: (field: FieldSpec) => void,
  ): void {
    const properties = asObject(schema.properties) ?? {};
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    for (const [name, value] of Object.entries(properties)) {
      const property = asObject(value);
      if (!property) continue;
      this.field(
        property,
        [...path, name],
        `${pointer}/properties/${pointerToken(name)}`,
        present && required.has(name),
        inArray,
        depth + 1,
        stack,
        add,
      );
    }
  }

  private field(
    raw: Schema,
    path: string[],
    pointer: string,
    required: boolean,
    inArray: boolean,
    depth: number,
    stack: Set<Schema>,
    add: (field: FieldSpec) => void,
  ): void {
    if (typeof raw.$ref === 'string') {
      this.errors.push({
        pointer,
        message: `cannot resolve $ref "${raw.$ref}" (only references within the file are followed)`,
      });
      return;
    }
    const name = path.join('.');
    const schema = this.merge(raw);
    const { variants, nullable: nullVariant } = this.variants(schema);
    const nullable = !required || nullVariant || isNullable(schema);
    const base = {
      name,
      nullable,
      description: text(raw.description) ?? text(schema.description) ?? text(schema.title),
      isArray: inArray,
    };
    if (variants.length > 1) {
      this.composition(schema, variants, { ...base, path, pointer, depth, stack, add });
      return;
    }
    const named = variants.length === 1 ? variants[0] : raw;
    const single = this.merge(named);
    const target = this.targetOf(named);

    if (isArraySchema(single)) {
      const items = asObject(single.items);
      if (!items) return add({ ...base, type: FieldType.JSON, sourceType: 'array', isArray: true });
      if (isArraySchema(this.merge(items))) {
        return add({ ...base, type: FieldType.JSON, sourceType: 'array of arrays', isArray: true });
      }
      return this.field(items, path, `${pointer}/items`, !nullable, true, depth, stack, (f) =>
        add({ ...f, nullable: f.nullable || nullable, description: f.description ?? base.description }),
      );
    }
    // A reference or a recursion is described by the property, not by the schema it points at.
    const own = { ...base, description: this.names.has(raw) ? null : text(raw.description) };
    if (target && this.entityLike.has(target.schema)) {
      return add({ ...own, type: FieldType.REFERENCE, sourceType: target.name, referenceTarget: target.name });
    }
    const object = this.objectOf(single);
    if (object) {
      const walk = { path, pointer, present: !nullable, depth, stack, add };
      return this.nested(object, target?.name ?? 'object', base, walk, own.description);
    }
    if (this.isObject(single)) return add({ ...base, type: FieldType.JSON, sourceType: target?.name ?? 'object' });
    add({ ...base, ...scalar(single, target?.name) });
  }

  /** The named schema a property points at: directly, or through a one-part allOf (how 3.0 adds a description to a $ref). */
  private targetOf(schema: Schema): { name: string; schema: Schema } | undefined {
    const name = this.names.get(schema);
    if (name) return { name, schema };
    const parts = Array.isArray(schema.allOf) ? (schema.allOf as unknown[]).map(asObject) : [];
    return parts.length === 1 && parts[0] ? this.targetOf(parts[0]) : undefined;
  }

  /**
   * The schema as an object with properties: itself, or the union of its
   * object variants (a polymorphic `oneOf` of objects); undefined otherwise.
   */
  private objectOf(schema: Schema): Schema | undefined {
    if (Object.keys(asObject(schema.properties) ?? {}).length) return schema;
    const { variants } = this.variants(schema);
    const objects = variants.map((v) => this.merge(v)).filter((v) => Object.keys(asObject(v.properties) ?? {}).length);
    if (!objects.length || objects.length < variants.length) return undefined;
    const known = this.unions.get(schema);
    if (known) return known;
    // A property in several variants with different schemas (e.g. a `kind` const per variant) becomes their anyOf.
    const alternatives = new Map<string, Schema[]>();
    for (const variant of objects) {
      for (const [name, value] of Object.entries(asObject(variant.properties)!)) {
        const list = alternatives.get(name) ?? [];
        const object = asObject(value);
        if (object && !list.includes(object)) list.push(object);
        alternatives.set(name, list);
      }
    }
    const properties: Schema = {};
    for (const [name, list] of alternatives) properties[name] = list.length === 1 ? list[0] : { anyOf: list };
    // A field present in only some variants is never required.
    const required = objects
      .map((v) => new Set(Array.isArray(v.required) ? (v.required as string[]) : []))
      .reduce((a, b) => new Set([...a].filter((r) => b.has(r))));
    const union: Schema = { type: 'object', description: schema.description, properties, required: [...required] };
    this.unions.set(schema, union);
    return union;
  }

  private composition(
    schema: Schema,
    variants: Schema[],
    at: FieldSpec & {
      path: string[];
      pointer: string;
      depth: number;
      stack: Set<Schema>;
      add: (field: FieldSpec) => void;
    },
  ): void {
    const { path, pointer, depth, stack, add, ...base } = at;
    const keyword = Array.isArray(schema.oneOf) ? 'oneOf' : 'anyOf';
    const targets = variants
      .map((v) => this.targetOf(v))
      .map((t) => (t && this.entityLike.has(t.schema) ? t : undefined));
    const entities = [...new Set(targets.filter((t) => !!t).map((t) => t.name))];
    const others = variants.filter((_, i) => !targets[i]).map((v) => this.merge(v));
    const isScalar = (v: Schema) => !this.isObject(v) && !isArraySchema(v) && !this.objectOf(v);
    const kinds = others.filter(isScalar).map((v) => scalar(v, this.targetOf(v)?.name));
    const describe = `${keyword}(${[...entities, ...kinds.map((k) => k.sourceType)].join('|')})`;
    if (
      entities.length &&
      kinds.length === others.length &&
      kinds.every((k) => k.type === FieldType.STRING || k.type === FieldType.INTEGER)
    ) {
      // Stripe's expandable fields: the id, or the object it names.
      const target = entities.join(' | ');
      return add({ ...base, type: FieldType.REFERENCE, sourceType: describe, referenceTarget: target });
    }
    if (!entities.length && kinds.length === others.length) {
      const types = new Set(kinds.map((k) => k.type));
      if (types.size === 1) {
        const enumValues = [...new Set(kinds.flatMap((k) => k.enumValues ?? []))];
        return add({ ...base, type: kinds[0].type, sourceType: describe, enumValues });
      }
      return add({ ...base, type: FieldType.JSON, sourceType: describe });
    }
    const object = this.objectOf(schema);
    if (object && !entities.length) {
      return this.nested(object, keyword, base, { path, pointer, present: false, depth, stack, add });
    }
    add({ ...base, type: FieldType.JSON, sourceType: describe });
  }

  /**
   * Flattens an object's properties under the field's path, or keeps the
   * object as one JSON field (labelled `label`) where it recurs or is nested
   * deeper than maxDepth.
   */
  private nested(
    object: Schema,
    label: string,
    field: FieldSpec,
    walk: {
      path: string[];
      pointer: string;
      /** False when the object may be absent: then none of its fields is required. */
      present: boolean;
      depth: number;
      stack: Set<Schema>;
      add: (field: FieldSpec) => void;
    },
    recursionDescription = field.description,
  ): void {
    const { path, pointer, present, depth, stack, add } = walk;
    if (stack.has(object)) {
      this.recursiveCount++;
      return add({
        ...field,
        description: recursionDescription,
        type: FieldType.JSON,
        sourceType: `${label} (recursive)`,
      });
    }
    if (depth >= this.maxDepth) {
      this.deepCount++;
      return add({ ...field, type: FieldType.JSON, sourceType: label });
    }
    stack.add(object);
    this.properties(object, path, pointer, present, field.isArray ?? false, depth, stack, add);
    stack.delete(object);
  }

  /** The non-null variants of oneOf/anyOf (or the schema itself), and whether null is one of them. */
  private variants(schema: Schema): { variants: Schema[]; nullable: boolean } {
    const list = (
      Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined
    ) as unknown[] | undefined;
    if (!list) return { variants: [], nullable: false };
    const variants = list.map(asObject).filter((v): v is Schema => !!v);
    const nonNull = variants.filter(
      (v) => !(v.type === 'null' || (Array.isArray(v.enum) && v.enum.length === 1 && v.enum[0] === null)),
    );
    return { variants: nonNull, nullable: nonNull.length < variants.length };
  }

  /** The schema with its `allOf` parts merged in (properties, required, type, description); memoised. */
  private merge(schema: Schema): Schema {
    const parts = Array.isArray(schema.allOf) ? (schema.allOf as unknown[]).map(asObject) : undefined;
    if (!parts) return schema;
    const known = this.merged.get(schema);
    if (known) return known;
    // A cycle through allOf (A allOf B, B allOf A) merges what it can and stops.
    this.merged.set(schema, schema);
    const result: Schema = { ...schema, allOf: undefined, properties: { ...(asObject(schema.properties) ?? {}) } };
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    for (const part of parts) {
      if (!part) continue;
      const merged = this.merge(part);
      Object.assign(result.properties as Schema, asObject(merged.properties) ?? {});
      for (const r of Array.isArray(merged.required) ? (merged.required as string[]) : []) required.add(r);
      for (const key of ['type', 'description', 'title', 'items', 'enum', 'format', 'oneOf', 'anyOf', 'nullable']) {
        if (result[key] === undefined && merged[key] !== undefined) result[key] = merged[key];
      }
    }
    result.required = [...required];
    if (!Object.keys(result.properties as Schema).length) delete result.properties;
    this.merged.set(schema, result);
    return result;
  }

  private isObject(schema: Schema): boolean {
    const types = typeList(schema);
    return (
      types.includes('object') ||
      (!types.length && (!!asObject(schema.properties) || !!asObject(schema.additionalProperties)))
    );
  }
}

function typeList(schema: Schema): string[] {
  const type = schema.type;
  const list = Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
  return list.filter((t) => t !== 'null');
}

function isNullable(schema: Schema): boolean {
  return (
    schema.nullable === true ||
    schema['x-nullable'] === true ||
    (Array.isArray(schema.type) && schema.type.includes('null'))
  );
}

function isArraySchema(schema: Schema): boolean {
  const types = typeList(schema);
  return types.includes('array') || (!types.length && schema.items !== undefined);
}

/** The type of a scalar schema from `type`, `format`, `enum` and `const`. */
function scalar(schema: Schema, named?: string): Pick<FieldSpec, 'type' | 'sourceType' | 'enumValues'> {
  const values = Array.isArray(schema.enum) ? schema.enum : schema.const !== undefined ? [schema.const] : undefined;
  const declared = typeList(schema);
  const types = declared.length || !values ? declared : [...new Set(values.filter((v) => v !== null).map(jsonType))];
  const format = typeof schema.format === 'string' ? schema.format : undefined;
  const described = `${types.join('|') || 'any'}${format ? `(${format})` : ''}`;
  const sourceType = named ?? described;
  if (values) {
    const enumValues = values.filter((v) => v !== null).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    if (enumValues.length) return { type: FieldType.ENUM, sourceType, enumValues };
  }
  if (types.length > 1) return { type: FieldType.JSON, sourceType };
  switch (types[0]) {
    case 'integer':
      return { type: FieldType.INTEGER, sourceType };
    case 'number':
      return { type: FieldType.DECIMAL, sourceType };
    case 'boolean':
      return { type: FieldType.BOOLEAN, sourceType };
    case 'object':
    case undefined:
      return { type: format ? stringType(format, schema) : FieldType.JSON, sourceType };
    default:
      return { type: stringType(format, schema), sourceType };
  }
}

function jsonType(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

function stringType(format: string | undefined, schema: Schema): FieldType {
  switch (format) {
    case 'int32':
    case 'int64':
    case 'integer':
      return FieldType.INTEGER;
    case 'decimal':
    case 'double':
    case 'float':
    case 'number':
      return FieldType.DECIMAL;
    case 'date':
      return FieldType.DATE;
    case 'date-time':
    case 'datetime':
    case 'unix-time':
      return FieldType.DATETIME;
    case 'binary':
    case 'byte':
    case 'base64':
      return FieldType.BINARY;
    default:
      return schema.contentEncoding === 'base64' ? FieldType.BINARY : FieldType.STRING;
  }
}

function isIdentifierName(field: string, entity: string): boolean {
  const lower = field.toLowerCase();
  if (IDENTIFIER_NAMES.has(lower)) return true;
  const squashed = entity.toLowerCase().replace(/[^a-z0-9]/g, '');
  return lower.replace(/[^a-z0-9]/g, '') === `${squashed}id`;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}
