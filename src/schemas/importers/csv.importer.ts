import { enumMember } from '../../common/enums';
import { CsvError, parse } from 'csv-parse/sync';
import { FieldType, PiiClass, type EntitySpec, type FieldSpec } from '../schema.types';
import { SchemaImportError, type ImportedSchema, type ImportMessage, type ImportOptions } from './import.types';

const REQUIRED = ['entity', 'field'];
const KNOWN = [
  ...REQUIRED,
  'type',
  'description',
  'nullable',
  'pii',
  'identifier',
  'enum',
  'reference',
  'entity_description',
];
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/**
 * Entities from a CSV with one row per field and a header naming the columns
 * (any order, case-insensitive): `entity` and `field` are required; `type`
 * (a normalised type such as DECIMAL, or the source's own such as
 * varchar(255)), `description`, `nullable` (true/false/yes/no/1/0),
 * `pii` (a PII class, or empty to classify automatically), `identifier`,
 * `enum` (values separated by `|`), `reference` (target entity) and
 * `entity_description` are optional. Comma, semicolon or tab separated.
 */
export function importCsv(content: string, options: ImportOptions = {}): ImportedSchema {
  const text = content.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text);
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof rows;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    throw new SchemaImportError([{ message: `invalid CSV: ${error.message.replace(/^Invalid [^:]*: /, '')}`, line }]);
  }
  if (!rows.length) throw new SchemaImportError([{ line: 1, message: 'the CSV is empty; a header row is required' }]);
  const header = rows[0].record.map((h) => h.toLowerCase().replace(/[\s-]+/g, '_'));
  const missing = REQUIRED.filter((r) => !header.includes(r));
  if (missing.length) {
    throw new SchemaImportError([
      {
        line: rows[0].info.lines,
        message: `the header must name the columns ${missing.map((m) => `"${m}"`).join(' and ')} (found: ${rows[0].record.join(', ')})`,
      },
    ]);
  }
  const warnings: ImportMessage[] = [];
  const unknown = header.filter((h) => !KNOWN.includes(h));
  if (unknown.length) warnings.push({ line: rows[0].info.lines, message: `columns ignored: ${unknown.join(', ')}` });
  const column = (name: string) => header.indexOf(name);
  const errors: ImportMessage[] = [];
  const entities = new Map<string, EntitySpec>();

  rows.slice(1).forEach(({ record, info }, i) => {
    const line = info.lines;
    const cell = (name: string) => {
      const index = column(name);
      return index === -1 ? '' : (record[index] ?? '').trim();
    };
    const problem = (name: string, message: string) =>
      errors.push({ line, column: column(name) + 1, message: `${name}: ${message}` });
    const entityName = cell('entity');
    const fieldName = cell('field');
    if (!entityName) problem('entity', 'must not be empty');
    if (!fieldName) problem('field', 'must not be empty');
    const field: FieldSpec = { name: fieldName, description: cell('description') || null };
    const type = cell('type');
    if (type) {
      const upper = type.toUpperCase();
      const known = enumMember(FieldType, upper);
      if (known) field.type = known;
      else field.sourceType = type;
    }
    for (const flag of ['nullable', 'identifier'] as const) {
      const value = cell(flag).toLowerCase();
      if (!value) continue;
      if (TRUE.has(value) || FALSE.has(value)) field[flag] = TRUE.has(value);
      else problem(flag, `must be true or false (got "${cell(flag)}")`);
    }
    const pii = cell('pii')
      .toUpperCase()
      .replace(/[\s-]+/g, '_');
    if (pii && pii !== 'NONE') {
      field.piiClass = enumMember(PiiClass, pii);
      if (!field.piiClass)
        problem('pii', `must be one of ${Object.values(PiiClass).join(', ')} or empty (got "${cell('pii')}")`);
    }
    const values = cell('enum');
    if (values)
      field.enumValues = values
        .split('|')
        .map((v) => v.trim())
        .filter(Boolean);
    const reference = cell('reference');
    if (reference) {
      field.referenceTarget = reference;
      field.type ??= FieldType.REFERENCE;
    }
    if (!entityName || !fieldName) return;
    const key = entityName.toLowerCase();
    const entity = entities.get(key) ?? { name: entityName, description: null, fields: [] };
    entities.set(key, entity);
    entity.description ??= cell('entity_description') || null;
    if (entity.fields.some((f) => f.name.toLowerCase() === fieldName.toLowerCase())) {
      errors.push({
        line,
        column: column('field') + 1,
        message: `field: "${entityName}.${fieldName}" is listed twice`,
      });
      return;
    }
    entity.fields.push(field);
    if (i % 1000 === 999) options.onProgress?.('rows', i + 1, rows.length - 1);
  });
  options.onProgress?.('rows', rows.length - 1, rows.length - 1);
  if (errors.length) throw new SchemaImportError(errors.slice(0, 100));
  if (!entities.size) throw new SchemaImportError([{ line: 2, message: 'the CSV has a header but no rows' }]);
  return { entities: [...entities.values()], warnings, source: 'CSV' };
}

/** The separator used in the header line: comma, semicolon (European spreadsheets) or tab. */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}
