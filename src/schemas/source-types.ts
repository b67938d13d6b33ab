import { FieldType } from './schema.types';

/** Source type names (SQL, JSON Schema, OpenAPI, SaaS vocabularies) → normalised type, checked in order. */
const PATTERNS: [RegExp, FieldType][] = [
  [/^(bool|boolean|bit|checkbox)$/i, FieldType.BOOLEAN],
  [
    /^(tinyint|smallint|int|int2|int4|int8|integer|bigint|serial|bigserial|smallserial|long|short|number\(\d+\))$/i,
    FieldType.INTEGER,
  ],
  [
    /^(numeric|decimal|number|float|float4|float8|double|double precision|real|money|currency|percent)(\(.*\))?$/i,
    FieldType.DECIMAL,
  ],
  [/^(date)$/i, FieldType.DATE],
  [
    /^(datetime|datetime2|timestamp|timestamptz|timestamp with(out)? time zone|date-time|time|timetz)(\(.*\))?$/i,
    FieldType.DATETIME,
  ],
  [/^(json|jsonb|object|map|hstore|xml|anytype|array)$/i, FieldType.JSON],
  [/^(bytea|blob|longblob|mediumblob|binary|varbinary|base64|byte|file|image)(\(.*\))?$/i, FieldType.BINARY],
  [/^(enum|picklist|multipicklist|set)(\(.*\))?$/i, FieldType.ENUM],
  [/^(reference|lookup|masterdetail|foreign key|id|uuid)$/i, FieldType.REFERENCE],
  [/^(text|longtext|mediumtext|clob|textarea|richtext|html|markdown)$/i, FieldType.TEXT],
];

/** The normalised type of a source type; STRING when nothing more specific is known. */
export function normaliseSourceType(sourceType: string | null | undefined): FieldType {
  const type = (sourceType ?? '').trim();
  for (const [pattern, normalised] of PATTERNS) if (pattern.test(type)) return normalised;
  return FieldType.STRING;
}
