import { FieldType } from '../../schemas/schema.types';
import { compareNames } from '../unified-document';
import type { DataDictionary, DictionaryEntity, DictionaryField } from './data-dictionary.types';
import { aboutDictionary } from './prose';

/** A JSON Schema (or OpenAPI Schema Object) as plain JSON. */
export type JsonSchema = Record<string, unknown>;

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * Estate's own keywords. JSON Schema 2020-12 treats unknown keywords as annotations and OpenAPI
 * 3.1 allows `x-` extensions anywhere in a Schema Object, so both documents stay valid as they are;
 * a validator in strict mode (Ajv's default) wants them declared: `ajv.addVocabulary(DICTIONARY_KEYWORDS)`.
 */
export const DICTIONARY_KEYWORDS = [
  /** Root: `{ version, publishedAt, publishedBy, note }`. */
  'x-estate-version',
  /** Root, entity and field: how the fields are sourced. */
  'x-estate-coverage',
  /** Entity: the unified entity's name. */
  'x-estate-entity',
  /** Field: the unified field's name, a dotted path (`addresses[].city`). */
  'x-estate-field',
  /** Field: Estate's type (STRING, DECIMAL, REFERENCE, …), which `type` and `format` approximate. */
  'x-estate-type',
  /** Entity and field: other names for it. */
  'x-estate-synonyms',
  /** Field: the kind of personal data it holds (EMAIL, PHONE, …). */
  'x-estate-pii-class',
  /** Field: the services and their fields that supply it, systems of record first. */
  'x-estate-suppliers',
] as const;

/** `$id` of a version's schema: the same for the same version wherever it is rendered. */
export function dictionaryId(dictionary: DataDictionary): string {
  return `urn:estate:unified-schema:${dictionary.version === 'draft' ? 'draft' : `v${dictionary.version}`}`;
}

/**
 * The dictionary as a JSON Schema 2020-12 document: one `$defs` entry per unified entity, keyed by
 * its name. Fields are properties nested along their dotted paths (`addresses[].city` is the
 * `city` of each item of the array `addresses`), each with the JSON type, format and `enum` its
 * unified type and allowed values give, its description, and Estate's facts under `x-estate-*`.
 */
export function toJsonSchema(dictionary: DataDictionary): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: dictionaryId(dictionary),
    title: dictionaryTitle(dictionary),
    description: aboutDictionary(dictionary, 'jsonschema'),
    'x-estate-version': versionFacts(dictionary),
    'x-estate-coverage': dictionary.coverage,
    $defs: Object.fromEntries(dictionary.entities.map((entity) => [entity.name, entitySchema(entity)])),
  };
}

export function dictionaryTitle(dictionary: DataDictionary): string {
  const which = dictionary.version === 'draft' ? 'draft' : `version ${dictionary.version}`;
  return `Estate unified schema, ${which}`;
}

export function versionFacts(dictionary: DataDictionary): Record<string, unknown> {
  const { version, publishedAt, publishedBy, note } = dictionary;
  return { version, publishedAt, publishedBy, note };
}

/** One entity as an object schema: the `$defs` entry of JSON Schema and the component of OpenAPI. */
export function entitySchema(entity: DictionaryEntity): JsonSchema {
  return {
    title: entity.name,
    ...(entity.description ? { description: entity.description } : {}),
    ...objectSchema(pathTree(entity.fields).children),
    'x-estate-entity': entity.name,
    ...(entity.synonyms.length ? { 'x-estate-synonyms': entity.synonyms } : {}),
    'x-estate-coverage': entity.coverage,
  };
}

/**
 * A step of the fields' paths. `self` is the field whose path ends here (`tags`), `element` the
 * one whose path ends here with `[]` (`tags[]`: each item). A step that later steps go through
 * (`addresses` of `addresses[].city`) is an object, or an array of objects when marked as a list.
 */
interface PathNode {
  /** As the first field through it (by name) spells it; steps are matched case aside, as names are. */
  name: string;
  list: boolean;
  self?: DictionaryField;
  element?: DictionaryField;
  children: Map<string, PathNode>;
}

function pathTree(fields: DictionaryField[]): PathNode {
  const root: PathNode = { name: '', list: false, children: new Map() };
  for (const field of fields) {
    const steps = field.name.split('.');
    let node = root;
    steps.forEach((step, i) => {
      const list = step.endsWith('[]');
      const name = list ? step.slice(0, -2) : step;
      let child = node.children.get(name.toLowerCase());
      if (!child) {
        child = { name, list: false, children: new Map() };
        node.children.set(name.toLowerCase(), child);
      }
      child.list ||= list;
      if (i === steps.length - 1) child[list ? 'element' : 'self'] = field;
      node = child;
    });
  }
  return root;
}

function objectSchema(children: Map<string, PathNode>): JsonSchema {
  const nodes = [...children.values()].sort((a, b) => compareNames(a.name, b.name));
  const required = nodes.filter(isRequired).map((node) => node.name);
  return {
    type: 'object',
    properties: Object.fromEntries(nodes.map((node) => [node.name, nodeSchema(node)])),
    ...(required.length ? { required } : {}),
  };
}

/**
 * Required when its field is, or (for an object) when something inside it is: `a.b` required
 * means every record has an `a`. Inside a list it is the items that have what is required.
 */
function isRequired(node: PathNode): boolean {
  if (node.self?.required || node.element?.required) return true;
  return !node.list && [...node.children.values()].some(isRequired);
}

/**
 * Where fields go on through a step, their shape wins over the type of the field that ends there
 * (which `x-estate-type` still gives).
 */
function nodeSchema(node: PathNode): JsonSchema {
  const shape = node.children.size ? objectSchema(node.children) : undefined;
  if (!node.list) return withFacts(node.self, shape ?? valueSchema(node.self));
  return withFacts(node.self, { type: 'array', items: withFacts(node.element, shape ?? valueSchema(node.element)) });
}

function withFacts(field: DictionaryField | undefined, shape: JsonSchema): JsonSchema {
  if (!field) return shape;
  return {
    ...(field.description ? { description: field.description } : {}),
    ...shape,
    'x-estate-field': field.name,
    ...(field.type ? { 'x-estate-type': field.type } : {}),
    ...(field.synonyms.length ? { 'x-estate-synonyms': field.synonyms } : {}),
    ...(field.piiClass ? { 'x-estate-pii-class': field.piiClass } : {}),
    'x-estate-suppliers': field.suppliers,
    'x-estate-coverage': field.coverage,
  };
}

/** JSON type and format of each unified type; a field without a type may hold any JSON value. */
const TYPE_SCHEMAS: Record<FieldType, JsonSchema> = {
  [FieldType.STRING]: { type: 'string' },
  [FieldType.TEXT]: { type: 'string' },
  [FieldType.INTEGER]: { type: 'integer' },
  [FieldType.DECIMAL]: { type: 'number' },
  [FieldType.BOOLEAN]: { type: 'boolean' },
  [FieldType.DATE]: { type: 'string', format: 'date' },
  [FieldType.DATETIME]: { type: 'string', format: 'date-time' },
  [FieldType.ENUM]: { type: 'string' },
  // The identifier of another record: which entity it points at is not recorded.
  [FieldType.REFERENCE]: { type: 'string' },
  [FieldType.JSON]: {},
  [FieldType.BINARY]: { type: 'string', contentEncoding: 'base64' },
};

function valueSchema(field: DictionaryField | undefined): JsonSchema {
  if (!field) return {};
  const schema = field.type ? TYPE_SCHEMAS[field.type] : {};
  if (!field.allowedValues.length) return { ...schema };
  return { ...schema, enum: field.allowedValues.map((value) => typedValue(field.type, value)) };
}

/** Allowed values are stored as text: as numbers or booleans where the type wants them and they read as such. */
function typedValue(type: FieldType | null, value: string): string | number | boolean {
  if ((type === FieldType.INTEGER || type === FieldType.DECIMAL) && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) {
    const number = Number(value);
    if (Number.isFinite(number) && (type === FieldType.DECIMAL || Number.isInteger(number))) return number;
  }
  if (type === FieldType.BOOLEAN && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
