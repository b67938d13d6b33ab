import type { DataDictionary, DictionaryCoverage, DictionaryEntity, DictionaryField } from './data-dictionary.types';
import { dictionaryTitle } from './json-schema';
import { aboutDictionary } from './prose';

/**
 * The dictionary as GitHub-flavoured Markdown: the version and its coverage, then a section per
 * entity (by name) with a table of its fields (by name) and the services that supply each field,
 * systems of record first. Field and service names are code spans, so they read exactly as stored.
 */
export function toMarkdown(dictionary: DataDictionary): string {
  const blocks = [
    `# Data dictionary: ${text(dictionaryTitle(dictionary))}`,
    text(aboutDictionary(dictionary, 'markdown')),
    coverageTable(dictionary.entities.length, dictionary.coverage),
    ...dictionary.entities.flatMap(entitySection),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function coverageTable(entities: number, coverage: DictionaryCoverage): string {
  return table(
    ['Entities', 'Fields', 'With a source', 'Single source', 'Conflicting masters', 'Without a source'],
    [
      [
        entities,
        coverage.fields,
        coverage.withSource,
        coverage.singleSource,
        coverage.conflictingMasters,
        coverage.withoutSource,
      ].map(String),
    ],
    true,
  );
}

function entitySection(entity: DictionaryEntity): string[] {
  const synonyms = entity.synonyms.length ? [`Synonyms: ${entity.synonyms.map((s) => text(s)).join(', ')}.`] : [];
  if (!entity.fields.length) return [`## ${text(entity.name)}`, ...description(entity), ...synonyms, '_No fields._'];
  return [
    `## ${text(entity.name)}`,
    ...description(entity),
    [...synonyms, `Coverage: ${coverageInWords(entity.coverage)}.`].join('\n'),
    fieldTable(entity.fields),
    suppliersList(entity),
  ];
}

function description(entity: DictionaryEntity): string[] {
  return entity.description ? [text(entity.description)] : [];
}

function coverageInWords(c: DictionaryCoverage): string {
  return (
    `${count(c.fields, 'field')}, ${c.withSource} with a source (${c.singleSource} from a single service), ` +
    `${c.conflictingMasters} with conflicting systems of record, ${c.withoutSource} without a source`
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function fieldTable(fields: DictionaryField[]): string {
  return table(
    ['Field', 'Type', 'Required', 'PII', 'Allowed values', 'Synonyms', 'Suppliers', 'Description'],
    fields.map((f) => [
      code(f.name, true),
      f.type ?? '—',
      f.required ? 'yes' : '',
      f.piiClass ?? '',
      f.allowedValues.map((v) => code(v, true)).join(', '),
      f.synonyms.map((s) => text(s)).join(', '),
      String(f.coverage.services),
      text(f.description ?? ''),
    ]),
  );
}

/** Per field, its suppliers with their source fields, systems of record first; then the fields nobody supplies. */
function suppliersList(entity: DictionaryEntity): string {
  const supplied = entity.fields.filter((f) => f.suppliers.length);
  const unsupplied = entity.fields.filter((f) => !f.suppliers.length);
  const lines = [`### ${text(entity.name)}: suppliers`, ''];
  if (!supplied.length) lines.push('No field has a supplier yet.');
  for (const field of supplied) {
    const conflict = field.coverage.conflictingMasters ? ' (conflicting systems of record)' : '';
    lines.push(`- ${code(field.name)}${conflict}`);
    for (const s of field.suppliers) {
      const role = s.systemOfRecord ? ', system of record' : '';
      const source = code(`${s.entity}.${s.field}`);
      lines.push(`  - ${code(s.serviceKey)} (${text(s.serviceName)}, ${s.lifecycle}): ${source}${role}`);
    }
  }
  if (supplied.length && unsupplied.length) {
    lines.push('', `Without a supplier: ${unsupplied.map((f) => code(f.name)).join(', ')}.`);
  }
  return lines.join('\n');
}

function table(header: string[], rows: string[][], numeric = false): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`.replace(/ {2,}\|/g, ' |');
  return [line(header), line(header.map(() => (numeric ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** On one line, without control characters. */
function oneLine(value: string): string {
  return value.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

/**
 * Prose shown as written: no HTML, no broken table, no line taken for a heading, list or quote.
 * Other Markdown (emphasis, links) is left as the author wrote it.
 */
function text(value: string): string {
  return oneLine(value)
    .replace(/[\\<>|#]/g, (c) => `\\${c}`)
    .replace(/^([-+*=]|\d+[.)])/, '\\$1');
}

/**
 * A code span that shows `value` exactly: fenced by more backticks than it holds in a row. In a
 * table cell a pipe is escaped even inside code, which GitHub-flavoured Markdown reads as a pipe.
 */
function code(value: string, inTable = false): string {
  const clean = oneLine(value);
  if (!clean) return '';
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  const body = inTable ? clean.replace(/\|/g, '\\|') : clean;
  return `${fence}${pad}${body}${pad}${fence}`;
}
