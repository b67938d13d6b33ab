/** One SQL statement of a script, without its terminating semicolon, and where it starts in the script. */
export interface SqlStatement {
  text: string;
  offset: number;
}

/**
 * Splits an SQL script into statements at the semicolons that end them,
 * skipping those inside quotes ('…', "…", `…`), dollar quotes ($tag$…$tag$),
 * and comments (--, #, nested /* … *\/). psql meta-commands (`\connect`,
 * `\restrict` in pg_dump output) and COPY … FROM stdin data are dropped.
 * MySQL's backslash escapes in strings are honoured when `backslashEscapes`.
 */
export function splitSqlStatements(script: string, backslashEscapes = false): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  const push = (end: number) => {
    const raw = script.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim()) statements.push({ text: raw.trim(), offset: start + lead });
  };
  while (i < n) {
    const c = script[i];
    const next = script[i + 1];
    if (c === '-' && next === '-') i = endOfLine(script, i);
    else if (c === '#' && backslashEscapes) i = endOfLine(script, i);
    else if (c === '/' && next === '*') i = endOfBlockComment(script, i);
    else if (c === "'" || c === '"' || c === '`')
      i = endOfQuoted(script, i, c, backslashEscapes || isEString(script, i));
    else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i, i + 64));
      if (tag && !/[A-Za-z0-9_]/.test(script[i - 1] ?? '')) {
        const close = script.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? n : close + tag[0].length;
      } else i++;
    } else if (c === '\\' && atLineStart(script, i)) {
      // A psql meta-command: the rest of the line.
      i = endOfLine(script, i);
      start = i;
    } else if (c === ';') {
      push(i);
      i++;
      if (/^COPY\b[\s\S]*\bFROM\s+stdin\b/i.test(statements[statements.length - 1]?.text ?? '')) {
        statements.pop();
        const end = script.indexOf('\n\\.', i);
        i = end === -1 ? n : endOfLine(script, end + 1);
      }
      start = i;
    } else i++;
  }
  push(n);
  return statements;
}

function endOfLine(script: string, i: number): number {
  const end = script.indexOf('\n', i);
  return end === -1 ? script.length : end + 1;
}

function endOfBlockComment(script: string, i: number): number {
  let depth = 0;
  while (i < script.length) {
    if (script[i] === '/' && script[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (script[i] === '*' && script[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return script.length;
}

function endOfQuoted(script: string, i: number, quote: string, backslashEscapes: boolean): number {
  i++;
  while (i < script.length) {
    const c = script[i];
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === quote) {
      if (script[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return script.length;
}

/** PostgreSQL E'…' strings take backslash escapes. */
function isEString(script: string, i: number): boolean {
  return script[i] === "'" && /[eE]/.test(script[i - 1] ?? '') && !/[A-Za-z0-9_]/.test(script[i - 2] ?? '');
}

function atLineStart(script: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (script[j] === ' ' || script[j] === '\t')) j--;
  return j < 0 || script[j] === '\n';
}

/** The statement's first words, with leading comments removed: `CREATE TABLE`, `ALTER TABLE`, … */
export function leadingWords(statement: string, count = 3): string {
  const stripped = statement.replace(/^(\s+|--[^\n]*\n?|#[^\n]*\n?|\/\*[\s\S]*?\*\/)+/, '');
  return stripped.split(/\s+/, count).join(' ').toUpperCase();
}
