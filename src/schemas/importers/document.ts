import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { lineAndColumn, SchemaImportError, type ImportMessage } from './import.types';

/** True when the text is JSON rather than YAML (JSON is tried first: it is much faster to parse). */
export function looksLikeJson(content: string): boolean {
  return /^\s*[{[]/.test(content);
}

/**
 * Parses a JSON or YAML document. Errors carry the line and column. YAML is
 * read with the core schema, so `2024-01-01` stays a string (an example or an
 * enum value), as JSON would have it.
 */
export function parseDocument(content: string): unknown {
  const text = content.replace(/^\uFEFF/, '');
  if (looksLikeJson(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw jsonError(text, error as Error);
    }
  }
  try {
    return load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    throw new SchemaImportError([
      {
        message: `invalid YAML: ${error.reason}`,
        line: error.mark ? error.mark.line + 1 : undefined,
        column: error.mark ? error.mark.column + 1 : undefined,
      },
    ]);
  }
}

function jsonError(text: string, error: Error): SchemaImportError {
  const reason = error.message.replace(/ in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
  const position = /position (\d+)/.exec(error.message);
  const location = position
    ? lineAndColumn(text, Number(position[1]))
    : /Unexpected end of JSON input/.test(error.message)
      ? lineAndColumn(text, text.length)
      : {};
  return new SchemaImportError([{ message: `invalid JSON: ${reason}`, ...location }]);
}

/** A JSON object (not an array, not null), or undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A scalar as text (a YAML `version: 2.0` is a number); objects as JSON, so messages never say [object Object]. */
export function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

/** A non-blank string at `pointer`, or undefined with an error recorded. */
export function requiredString(value: unknown, pointer: string, errors: ImportMessage[]): string | undefined {
  if (typeof value === 'string' && value.trim()) return value;
  errors.push({ pointer, message: 'must be a non-empty string' });
  return undefined;
}

/** A string or nothing (absent, null) at `pointer`; anything else is an error. */
export function optionalString(value: unknown, pointer: string, errors: ImportMessage[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  errors.push({ pointer, message: 'must be a string' });
  return null;
}

/** A warning naming the keys of `object` (at `pointer`) that are not `known`: they are read past, not lost silently. */
export function unknownKeys(
  object: Record<string, unknown>,
  known: readonly string[],
  pointer: string,
  warnings: ImportMessage[],
): void {
  const extra = Object.keys(object).filter((k) => !known.includes(k));
  if (extra.length) warnings.push({ pointer, message: `ignored: ${extra.join(', ')}` });
}
