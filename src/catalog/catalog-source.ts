import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import type { ImportMessage } from '../schemas/importers/import.types';
import { withLocations } from '../schemas/importers/pointer-locations';

/** One file of a catalog, by its path (POSIX separators; relative paths resolve against it). */
export interface CatalogFile {
  path: string;
  content: string;
}

/** One YAML document of a catalog file, with the line its text starts on (0-based) in the file. */
export interface SourceDocument {
  file: string;
  /** Position of the document in its file (0-based). */
  index: number;
  /** The document's text; lines before it in the file are not part of it. */
  text: string;
  firstLine: number;
}

/** Where something was said: a JSON pointer into one document. */
export interface Place {
  document: SourceDocument;
  pointer: string;
  /** Lines to add to the located line: for text embedded in a block scalar, counted from the scalar's start. */
  innerLine?: number;
}

/** A problem or a remark about a catalog, at `file:line:column` when known. */
export interface CatalogMessage {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** A message not yet given a line: its place is located once, when the whole catalog has been read. */
export interface PlacedMessage {
  place: Place | { file: string; line?: number; column?: number };
  message: string;
}

/**
 * Splits a YAML stream into its documents. A line starting with `---` (or `...`) ends a document
 * whatever it is inside, as YAML defines it, so the split is exact; the marker is blanked rather
 * than removed, so that lines and columns stay those of the file.
 */
export function splitDocuments(file: string, content: string): SourceDocument[] {
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  const documents: SourceDocument[] = [];
  let start = 0;
  let buffer: string[] = [];
  const flush = () => {
    const text = buffer.join('\n');
    if (text.replace(/#[^\n]*/g, '').trim()) {
      documents.push({ file, index: documents.length, text, firstLine: start });
    }
  };
  lines.forEach((line, n) => {
    const marker = /^(---|\.\.\.)(\s|$)/.exec(line);
    if (!marker) return buffer.push(line);
    // Directives (`%YAML 1.2`) are part of the document their `---` starts: kept with it, marker and all.
    if (marker[1] === '---' && directivesOnly(buffer)) return buffer.push(line);
    flush();
    start = n;
    // `--- {a: 1}` keeps its content after the marker; `...` ends a document with nothing after it.
    buffer = [marker[1] === '---' ? `   ${line.slice(3)}` : ''];
  });
  flush();
  return documents;
}

/** Lines before any content that hold a directive and nothing else but comments and blank lines. */
function directivesOnly(lines: string[]): boolean {
  return lines.some((l) => l.startsWith('%')) && lines.every((l) => /^(%|#|\s*(#|$))/.test(l));
}

/**
 * Parses one document as YAML (core schema: dates stay strings); a syntax error comes back as a
 * message with its line in the file. Always YAML, never JSON first: `{a: 1}` is a YAML flow mapping.
 */
export function parseSourceDocument(document: SourceDocument): { value: unknown } | { problems: PlacedMessage[] } {
  try {
    return { value: load(document.text, { schema: CORE_SCHEMA }) };
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const mark = error.mark;
    return {
      problems: [
        {
          place: {
            file: document.file,
            line: mark ? mark.line + 1 + document.firstLine : undefined,
            column: mark ? mark.column + 1 : undefined,
          },
          message: `invalid YAML: ${error.reason}`,
        },
      ],
    };
  }
}

/** `document` at `pointer`. */
export function placeIn(document: SourceDocument, pointer = ''): Place {
  return { document, pointer };
}

/** `/annualCost/amount` for `annualCost.amount`, `/entities/2/fields/5` for `entities[2].fields[5]`. */
export function pointerOfPath(path: string): string {
  if (!path) return '';
  return `/${path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '')
    .split('.')
    .join('/')}`;
}

/** Gives every message its line and column, reading each document that has one once. */
export function locateMessages(messages: PlacedMessage[]): CatalogMessage[] {
  const byDocument = new Map<SourceDocument, { at: number; pointer: string; message: string }[]>();
  const located = new Array<CatalogMessage>(messages.length);
  messages.forEach((m, at) => {
    if (!('document' in m.place)) {
      located[at] = { ...m.place, message: m.message };
      return;
    }
    const list = byDocument.get(m.place.document) ?? [];
    list.push({ at, pointer: m.place.pointer, message: m.message });
    byDocument.set(m.place.document, list);
  });
  for (const [document, list] of byDocument) {
    const withLines = withLocations<ImportMessage>(
      document.text,
      list.map((m) => ({ pointer: m.pointer, message: m.message })),
    );
    withLines.forEach((m, i) => {
      const place = messages[list[i].at].place as Place;
      const line = m.line !== undefined ? m.line + document.firstLine + (place.innerLine ?? 0) : undefined;
      located[list[i].at] = {
        file: document.file,
        line,
        // Text embedded in a scalar starts at another column than the file's; its line is all that is known.
        column: place.innerLine !== undefined ? undefined : m.column,
        message: m.message,
      };
    });
  }
  return located;
}

/** `file:line:column: message`, as compilers print it. */
export function formatMessage(message: CatalogMessage): string {
  const where =
    message.line !== undefined
      ? `${message.file}:${message.line}${message.column !== undefined ? `:${message.column}` : ''}`
      : message.file;
  return `${where}: ${message.message}`;
}

/** Resolves `target` against the directory of `from` (POSIX paths); undefined for URLs and absolute paths. */
export function resolveRelative(from: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/')) return undefined;
  const parts = from.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!parts.length || parts[parts.length - 1] === '..') parts.push('..');
      else parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}
