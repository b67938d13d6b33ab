import { asObject, parseDocument } from './document';
import { SchemaImportError, type ImportedSchema, type ImportOptions } from './import.types';
import { entitiesOfNamedSchemas } from './openapi.importer';
import { dereferenceInPlace } from './references';

const DRAFTS: [RegExp, string][] = [
  [/draft-04\/schema/, 'JSON Schema draft-04'],
  [/draft-06\/schema/, 'JSON Schema draft-06'],
  [/draft-07\/schema/, 'JSON Schema draft-07'],
  [/draft\/2019-09\/schema/, 'JSON Schema 2019-09'],
  [/draft\/2020-12\/schema/, 'JSON Schema 2020-12'],
];

/**
 * Entities from a JSON Schema document (draft-04 to 2020-12, JSON or YAML):
 * the root schema is an entity when it has properties (named by its `title`,
 * else `entityName`), and so is every entry of `$defs` / `definitions` that
 * has properties.
 */
export function importJsonSchema(
  content: string,
  options: ImportOptions & { entityName?: string } = {},
): ImportedSchema {
  const document = asObject(parseDocument(content));
  if (!document) throw new SchemaImportError([{ pointer: '', message: 'a JSON Schema is a JSON/YAML object' }]);
  const dialect = typeof document.$schema === 'string' ? document.$schema : undefined;
  const source = dialect ? DRAFTS.find(([pattern]) => pattern.test(dialect))?.[1] : 'JSON Schema';
  if (!source) {
    throw new SchemaImportError([
      { pointer: '/$schema', message: `unsupported JSON Schema dialect "${dialect}" (supported: draft-04 to 2020-12)` },
    ]);
  }
  const key = asObject(document.$defs) ? '$defs' : 'definitions';
  dereferenceInPlace(document);
  const named = asObject(document[key]) ?? {};
  const rootName = stringOr(document.title) ?? options.entityName ?? 'Root';
  const root =
    asObject(document.properties) || document.allOf || document.oneOf || document.anyOf
      ? [{ name: rootName, schema: document, pointer: '' }]
      : [];
  if (!root.length && !Object.keys(named).length) {
    throw new SchemaImportError([
      { pointer: '', message: `the schema has no properties and no ${key} to import as entities` },
    ]);
  }
  return entitiesOfNamedSchemas(named, `/${key}`, source, options, root);
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
