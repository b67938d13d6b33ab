import { asObject, parseDocument, scalarText } from './document';
import { pointerToken, SchemaImportError, type ImportedSchema, type ImportOptions } from './import.types';
import { dereferenceInPlace } from './references';
import { SchemaFlattener } from './schema-fields';
import type { EntitySpec } from '../schema.types';

interface Dialect {
  source: string;
  /** Where the named schemas live, as pointer tokens. */
  schemasAt: string[];
}

/**
 * Entities and fields from an OpenAPI 3.0/3.1/3.2 or Swagger 2.0 document
 * (JSON or YAML): every named schema with properties (`components.schemas`,
 * `definitions`) is an entity; see SchemaFlattener for how properties become
 * fields.
 */
export function importOpenApi(content: string, options: ImportOptions = {}): ImportedSchema {
  const document = asObject(parseDocument(content));
  if (!document) throw new SchemaImportError([{ pointer: '', message: 'an OpenAPI document is a JSON/YAML object' }]);
  const dialect = dialectOf(document);
  const schemas = namedSchemas(document, dialect);
  const at = `/${dialect.schemasAt.join('/')}`;
  if (!schemas || !Object.keys(schemas).length) {
    throw new SchemaImportError([
      { pointer: at, message: `the document defines no schemas (${dialect.schemasAt.join('.')})` },
    ]);
  }
  dereferenceInPlace(document);
  // Dereferencing replaced $ref objects (the container itself, were it one), so read the named schemas again.
  const named = namedSchemas(document, dialect)!;
  return entitiesOfNamedSchemas(named, at, dialect.source, options);
}

/** Shared with the JSON Schema importer: named schemas → entities, with progress and located problems. */
export function entitiesOfNamedSchemas(
  named: Record<string, unknown>,
  at: string,
  source: string,
  options: ImportOptions,
  extra: { name: string; schema: Record<string, unknown>; pointer: string }[] = [],
): ImportedSchema {
  const names = new Map<object, string>();
  for (const { name, schema } of extra) names.set(schema, name);
  for (const [name, schema] of Object.entries(named)) {
    const object = asObject(schema);
    if (object && !names.has(object)) names.set(object, name);
  }
  const flattener = new SchemaFlattener(names, options.maxDepth);
  const list = [
    ...extra,
    ...Object.entries(named).flatMap(([name, schema]) => {
      const object = asObject(schema);
      return object ? [{ name, schema: object, pointer: `${at}/${pointerToken(name)}` }] : [];
    }),
  ];
  const entities: EntitySpec[] = [];
  let notEntities = 0;
  list.forEach(({ name, schema, pointer }, i) => {
    const entity = flattener.entity(name, schema, pointer);
    if (entity) entities.push(entity);
    else notEntities++;
    if (i % 50 === 49 || i === list.length - 1) options.onProgress?.('schemas', i + 1, list.length);
  });
  if (flattener.errors.length) throw new SchemaImportError(flattener.errors);
  const warnings = [...flattener.warnings, ...flattener.summary()];
  if (notEntities) {
    warnings.push({
      pointer: at,
      message: `${notEntities} schemas without properties (enums, scalars, arrays, maps) are field types, not entities`,
    });
  }
  if (!entities.length)
    throw new SchemaImportError([{ pointer: at, message: 'no schema with properties to import as an entity' }]);
  return { entities, warnings, source };
}

function namedSchemas(document: Record<string, unknown>, dialect: Dialect): Record<string, unknown> | undefined {
  return asObject(dialect.schemasAt.reduce<unknown>((node, token) => asObject(node)?.[token], document));
}

function dialectOf(document: Record<string, unknown>): Dialect {
  if (document.swagger !== undefined) {
    if (scalarText(document.swagger) !== '2.0') {
      throw new SchemaImportError([
        {
          pointer: '/swagger',
          message: `unsupported Swagger version "${scalarText(document.swagger)}" (supported: 2.0)`,
        },
      ]);
    }
    return { source: 'Swagger 2.0', schemasAt: ['definitions'] };
  }
  if (document.openapi !== undefined) {
    const version = scalarText(document.openapi);
    if (!/^3\.[012]\.\d+/.test(version)) {
      throw new SchemaImportError([
        {
          pointer: '/openapi',
          message: `unsupported OpenAPI version "${version}" (supported: 3.0, 3.1, 3.2 and Swagger 2.0)`,
        },
      ]);
    }
    return { source: `OpenAPI ${version}`, schemasAt: ['components', 'schemas'] };
  }
  throw new SchemaImportError([
    { pointer: '', message: 'not an OpenAPI document: it has neither an "openapi" nor a "swagger" version field' },
  ]);
}
