import type { EntitySpec } from '../schema.types';

/** Formats a service's data description can be imported from. */
export enum SchemaFormat {
  OPENAPI = 'OPENAPI',
  JSON_SCHEMA = 'JSON_SCHEMA',
  SQL_DDL = 'SQL_DDL',
  CSV = 'CSV',
  ESTATE_JSON = 'ESTATE_JSON',
}

/** Where in the imported file something is: 1-based line/column for text, a JSON pointer for documents. */
export interface SourceLocation {
  line?: number;
  column?: number;
  /** RFC 6901 pointer into a JSON/YAML document, e.g. `/components/schemas/Account/properties/owner`. */
  pointer?: string;
}

export interface ImportMessage extends SourceLocation {
  message: string;
}

export interface ImportedSchema {
  entities: EntitySpec[];
  /** What was skipped or approximated, so nothing is lost silently. */
  warnings: ImportMessage[];
  /** What the document said it was, e.g. `OpenAPI 3.1.0`, `PostgreSQL DDL`. */
  source: string;
}

/** Progress of a long import: `done` of `total` units of `phase` (bytes, schemas, statements, rows). */
export type ImportProgress = (phase: string, done: number, total: number) => void;

export interface ImportOptions {
  /** How deep nested objects are flattened into dotted paths before the rest is kept as JSON. */
  maxDepth?: number;
  onProgress?: ImportProgress;
}

/** The file cannot be imported; every problem says where it is. */
export class SchemaImportError extends Error {
  constructor(readonly problems: ImportMessage[]) {
    super(problems.map(describeLocation).join('; '));
    this.name = 'SchemaImportError';
  }
}

/** `line 3, column 7: …` / `at /components/schemas/A: …` / just the message. */
export function describeLocation(problem: ImportMessage): string {
  const where =
    problem.line !== undefined
      ? `line ${problem.line}${problem.column !== undefined ? `, column ${problem.column}` : ''}`
      : problem.pointer !== undefined
        ? `at ${problem.pointer || '/'}`
        : '';
  return where ? `${where}: ${problem.message}` : problem.message;
}

/** Escapes one JSON pointer token (RFC 6901). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${pointerToken(t)}`).join('');
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
