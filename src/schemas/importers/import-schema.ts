import { importCsv } from './csv.importer';
import { asObject, looksLikeJson } from './document';
import { importEstateJson } from './estate-json.importer';
import { SchemaFormat, SchemaImportError, type ImportedSchema, type ImportOptions } from './import.types';
import { importJsonSchema } from './json-schema.importer';
import { importOpenApi } from './openapi.importer';
import { importSqlDdl, type SqlDialect } from './sql-ddl.importer';

/** The largest description a single import takes (25 MiB of text); larger files are refused, not truncated. */
export const MAX_SCHEMA_IMPORT_BYTES = 25 * 1024 * 1024;

/** Why a file of this many bytes is refused, or undefined when it is within the limit. */
export function oversizeProblem(bytes: number): string | undefined {
  if (bytes <= MAX_SCHEMA_IMPORT_BYTES) return undefined;
  return `the file has ${bytes.toLocaleString('en')} bytes; at most ${MAX_SCHEMA_IMPORT_BYTES.toLocaleString('en')} (${MAX_SCHEMA_IMPORT_BYTES / 1024 / 1024} MiB) can be imported at once`;
}

export interface SchemaImportOptions extends ImportOptions {
  /** SQL only: read as this dialect instead of detecting it. */
  sqlDialect?: SqlDialect;
  /** JSON Schema only: the name of the root entity when the schema has no title (e.g. the file name). */
  entityName?: string;
  /** The file's name, when known: its extension helps detect the format. */
  fileName?: string;
}

/** Reads a service's data description in the given format (or the detected one) as entities and fields. */
export function importSchema(
  content: string,
  format: SchemaFormat | undefined,
  options: SchemaImportOptions = {},
): ImportedSchema & { format: SchemaFormat } {
  const tooLarge = oversizeProblem(Buffer.byteLength(content, 'utf8'));
  if (tooLarge) throw new SchemaImportError([{ message: tooLarge }]);
  if (!content.trim()) throw new SchemaImportError([{ line: 1, message: 'the file is empty' }]);
  const chosen = format ?? detectSchemaFormat(content, options.fileName);
  const imported = importAs(chosen, content, options);
  return { ...imported, format: chosen };
}

function importAs(format: SchemaFormat, content: string, options: SchemaImportOptions): ImportedSchema {
  switch (format) {
    case SchemaFormat.OPENAPI:
      return importOpenApi(content, options);
    case SchemaFormat.JSON_SCHEMA:
      return importJsonSchema(content, options);
    case SchemaFormat.SQL_DDL:
      return importSqlDdl(content, { ...options, dialect: options.sqlDialect });
    case SchemaFormat.CSV:
      return importCsv(content, options);
    case SchemaFormat.ESTATE_JSON:
      return importEstateJson(content);
  }
}

/**
 * The format of a description, from its content (and its file name when
 * known): `.sql`/`.ddl` and `.csv` by extension; JSON/YAML documents by their
 * keys (`openapi`/`swagger` → OpenAPI, `entities` → Estate JSON, `$schema`,
 * `$defs`, `definitions` or `properties` → JSON Schema); SQL by its first
 * keyword; otherwise a header line with `entity` and `field` → CSV.
 */
export function detectSchemaFormat(content: string, fileName?: string): SchemaFormat {
  const extension = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (extension === 'sql' || extension === 'ddl') return SchemaFormat.SQL_DDL;
  if (extension === 'csv' || extension === 'tsv') return SchemaFormat.CSV;
  const head = content.slice(0, 64 * 1024);
  const document = looksLikeJson(head) || /^\s*(#[^\n]*\n\s*)*(---\s*\n)?["']?[\w$-]+["']?\s*:/.test(head);
  if (document) {
    const keys = topLevelKeys(head);
    if (keys.has('openapi') || keys.has('swagger')) return SchemaFormat.OPENAPI;
    if (keys.has('entities')) return SchemaFormat.ESTATE_JSON;
    if (['$schema', '$defs', 'definitions', 'properties', '$id'].some((k) => keys.has(k)))
      return SchemaFormat.JSON_SCHEMA;
  }
  if (/^\s*(CREATE\s+(TABLE|TYPE|DOMAIN|SCHEMA)|ALTER\s+TABLE)\b/im.test(head)) return SchemaFormat.SQL_DDL;
  const firstLine = head.split('\n', 1)[0].toLowerCase();
  if (/\bentity\b/.test(firstLine) && /\bfield\b/.test(firstLine)) return SchemaFormat.CSV;
  throw new SchemaImportError([
    {
      line: 1,
      message:
        'cannot tell the format: expected an OpenAPI/Swagger or JSON Schema document, Estate JSON ({"entities": …}), SQL DDL, or a CSV with an entity,field header; name it with the format argument',
    },
  ]);
}

/** Top-level keys of a JSON or YAML document from its first 64 KiB, without parsing all of it. */
function topLevelKeys(head: string): Set<string> {
  if (looksLikeJson(head)) {
    try {
      return new Set(Object.keys(asObject(JSON.parse(head)) ?? {}));
    } catch {
      // Cut off mid-document: read the keys at nesting depth 1.
      const keys = new Set<string>();
      let depth = 0;
      const token = /"((?:[^"\\]|\\.)*)"\s*:|[{}[\]]|"(?:[^"\\]|\\.)*"/g;
      for (let m = token.exec(head); m; m = token.exec(head)) {
        const t = m[0];
        if (t === '{' || t === '[') depth++;
        else if (t === '}' || t === ']') depth--;
        else if (m[1] !== undefined && depth === 1) keys.add(m[1]);
      }
      return keys;
    }
  }
  return new Set([...head.matchAll(/^["']?([\w$-]+)["']?\s*:/gm)].map((m) => m[1]));
}
