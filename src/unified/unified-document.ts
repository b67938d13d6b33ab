import { dump } from 'js-yaml';
import { enumMember } from '../common/enums';
import {
  asObject,
  optionalString,
  parseDocument,
  requiredString,
  scalarText,
  unknownKeys,
} from '../schemas/importers/document';
import { oversizeProblem } from '../schemas/importers/import-schema';
import { pointerOf, SchemaImportError, type ImportMessage } from '../schemas/importers/import.types';
import { withLocations } from '../schemas/importers/pointer-locations';
import { FieldType, PiiClass } from '../schemas/schema.types';
import { unifiedSchemaProblems } from './unified-change-set';
import type { UnifiedEntitySpec, UnifiedFieldSpec, UnifiedSchemaSpec } from './unified.types';

export type UnifiedDocumentFormat = 'json' | 'yaml';

/** Common spellings of types (JSON Schema's, SQL's, programmers'), beside the FieldType names themselves. */
const TYPE_SPELLINGS: Record<string, FieldType> = {
  str: FieldType.STRING,
  int: FieldType.INTEGER,
  long: FieldType.INTEGER,
  number: FieldType.DECIMAL,
  float: FieldType.DECIMAL,
  double: FieldType.DECIMAL,
  bool: FieldType.BOOLEAN,
  'date-time': FieldType.DATETIME,
  timestamp: FieldType.DATETIME,
  object: FieldType.JSON,
  array: FieldType.JSON,
  bytes: FieldType.BINARY,
};

const DOCUMENT_KEYS = ['entities'];
const ENTITY_KEYS = ['name', 'description', 'synonyms', 'fields'];
const FIELD_KEYS = ['name', 'type', 'description', 'synonyms', 'required', 'piiClass', 'enum', 'enumValues'];

/**
 * Reads a unified schema document, JSON or YAML:
 * `{ "entities": [ { "name", "description"?, "synonyms"?, "fields": [ { "name",
 * "type"?, "description"?, "synonyms"?, "required"?, "piiClass"?, "enum"? } ] } ] }`.
 * Every problem is reported with its JSON pointer and its line and column, and
 * the file is refused as a whole; unknown keys are read past with a warning.
 */
export function parseUnifiedSchema(content: string): { schema: UnifiedSchemaSpec; warnings: ImportMessage[] } {
  const tooLarge = oversizeProblem(Buffer.byteLength(content, 'utf8'));
  if (tooLarge) throw new SchemaImportError([{ message: tooLarge }]);
  if (!content.trim()) throw new SchemaImportError([{ line: 1, message: 'the file is empty' }]);
  const document = asObject(parseDocument(content));
  const list = document?.entities;
  if (!document || !Array.isArray(list)) {
    throw new SchemaImportError(
      withLocations(content, [{ pointer: '/entities', message: 'must be a list of entities' }]),
    );
  }
  const errors: ImportMessage[] = [];
  const warnings: ImportMessage[] = [];
  unknownKeys(document, DOCUMENT_KEYS, '', warnings);
  const entities = list.map((raw, i) => entity(raw, `/entities/${i}`, errors, warnings));
  // Names, bounds and duplicates are checked once every value has its type.
  if (!errors.length) {
    for (const problem of unifiedSchemaProblems(entities))
      errors.push({ pointer: documentPointer(problem.path, document), message: problem.message });
  }
  if (errors.length) throw new SchemaImportError(withLocations(content, errors.slice(0, 100)));
  return { schema: { entities }, warnings: withLocations(content, warnings) };
}

function entity(raw: unknown, at: string, errors: ImportMessage[], warnings: ImportMessage[]): UnifiedEntitySpec {
  const e = asObject(raw);
  if (!e) {
    errors.push({ pointer: at, message: 'must be an object' });
    return { name: '', fields: [] };
  }
  unknownKeys(e, ENTITY_KEYS, at, warnings);
  const name = requiredString(e.name, `${at}/name`, errors) ?? '';
  const description = optionalString(e.description, `${at}/description`, errors);
  const synonyms = textList(e.synonyms, `${at}/synonyms`, 'must be a list of words', errors);
  if (!Array.isArray(e.fields)) {
    errors.push({ pointer: `${at}/fields`, message: 'must be a list of fields' });
    return { name, description, synonyms, fields: [] };
  }
  const fields = e.fields.map((f, j) => field(f, `${at}/fields/${j}`, errors, warnings));
  return { name, description, synonyms, fields };
}

function field(raw: unknown, at: string, errors: ImportMessage[], warnings: ImportMessage[]): UnifiedFieldSpec {
  const f = asObject(raw);
  if (!f) {
    errors.push({ pointer: at, message: 'must be an object' });
    return { name: '' };
  }
  unknownKeys(f, FIELD_KEYS, at, warnings);
  const enumKey = f.enum !== undefined ? 'enum' : 'enumValues';
  const spec: UnifiedFieldSpec = {
    name: requiredString(f.name, `${at}/name`, errors) ?? '',
    type: fieldType(f.type, `${at}/type`, errors),
    description: optionalString(f.description, `${at}/description`, errors),
    synonyms: textList(f.synonyms, `${at}/synonyms`, 'must be a list of words', errors),
    piiClass: piiClass(f.piiClass, `${at}/piiClass`, errors),
    enumValues: textList(f[enumKey], `${at}/${enumKey}`, 'must be a list of values', errors),
  };
  if (f.required !== undefined && f.required !== null) {
    if (typeof f.required === 'boolean') spec.required = f.required;
    else errors.push({ pointer: `${at}/required`, message: 'must be true or false' });
  }
  return spec;
}

/** A FieldType by name (any case) or by a common spelling of one. */
function fieldTypeOf(spelling: string): FieldType | undefined {
  return enumMember(FieldType, spelling.toUpperCase()) ?? TYPE_SPELLINGS[spelling.toLowerCase()];
}

function fieldType(value: unknown, pointer: string, errors: ImportMessage[]): FieldType | null {
  if (value === undefined || value === null) return null;
  const type = typeof value === 'string' ? fieldTypeOf(value) : undefined;
  if (!type) {
    errors.push({
      pointer,
      message:
        `unknown type "${scalarText(value)}": use one of ${Object.values(FieldType).join(', ')} ` +
        `(or ${Object.keys(TYPE_SPELLINGS).join(', ')})`,
    });
  }
  return type ?? null;
}

function piiClass(value: unknown, pointer: string, errors: ImportMessage[]): PiiClass | null {
  if (value === undefined || value === null) return null;
  const pii = enumMember(PiiClass, scalarText(value).toUpperCase());
  if (!pii) errors.push({ pointer, message: `must be one of ${Object.values(PiiClass).join(', ')}` });
  return pii ?? null;
}

/** A list of words or values (numbers and booleans read as text, as YAML may give them); [] when not given. */
function textList(value: unknown, pointer: string, message: string, errors: ImportMessage[]): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v)))
    return value.map(String);
  errors.push({ pointer, message });
  return [];
}

/** The JSON pointer of an input path (`entities[3].fields[2].enumValues`), spelled as the document spells its keys. */
function documentPointer(path: string, document: Record<string, unknown>): string {
  const tokens: string[] = [];
  let node: unknown = document;
  for (const token of path.match(/[^.[\]]+/g) ?? []) {
    const object = asObject(node);
    const key = token === 'enumValues' && object?.enumValues === undefined ? 'enum' : token;
    tokens.push(key);
    node = Array.isArray(node) ? (node as unknown[])[Number(key)] : object?.[key];
  }
  return pointerOf(tokens);
}

/** Orders names as people read them (case aside), the same on every machine. */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The schema as a document `parseUnifiedSchema` reads back: entities by name,
 * fields in their stored order, attributes without a value left out. Ids are
 * Estate's own and are not written.
 */
export function formatUnifiedSchema(schema: UnifiedSchemaSpec, format: UnifiedDocumentFormat): string {
  const entities = [...schema.entities].sort((a, b) => compareNames(a.name, b.name)).map(entityDocument);
  const document = { entities };
  return format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : dump(document, { lineWidth: -1, noRefs: true });
}

function entityDocument(entity: UnifiedEntitySpec): Record<string, unknown> {
  return {
    name: entity.name,
    ...(entity.description ? { description: entity.description } : {}),
    ...(entity.synonyms?.length ? { synonyms: entity.synonyms } : {}),
    fields: entity.fields.map(fieldDocument),
  };
}

function fieldDocument(field: UnifiedFieldSpec): Record<string, unknown> {
  return {
    name: field.name,
    ...(field.type ? { type: field.type } : {}),
    ...(field.description ? { description: field.description } : {}),
    ...(field.synonyms?.length ? { synonyms: field.synonyms } : {}),
    ...(field.required ? { required: true } : {}),
    ...(field.piiClass ? { piiClass: field.piiClass } : {}),
    ...(field.enumValues?.length ? { enum: field.enumValues } : {}),
  };
}
