/*
 * A report as a small tree of blocks, written once and printed as HTML or as Markdown, so that the
 * two formats cannot drift apart in what they say. Text in the tree is plain (unescaped); each
 * printer escapes it for its own format.
 */

/** A run of text: plain, bold, monospace, or a link to an anchor inside the same document. */
export type Span = string | { strong: string } | { code: string } | { text: string; anchor: string };

export type Text = Span | Span[];

export interface Column {
  title: string;
  numeric?: boolean;
  /** Keys and dates: a line break inside them would misread. */
  nowrap?: boolean;
}

export interface Stat {
  label: string;
  value: string;
  detail?: string;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; id?: string }
  | { kind: 'paragraph'; text: Text; tone?: 'meta' | 'note' }
  | { kind: 'list'; items: Text[] }
  | { kind: 'table'; columns: Column[]; rows: Text[][]; note?: string }
  | { kind: 'stats'; items: Stat[] }
  | { kind: 'figure'; svg: string; caption: string }
  | { kind: 'group'; tag: 'header' | 'section' | 'footer' | 'div'; id?: string; className?: string; blocks: Block[] };

export interface ReportDocument {
  title: string;
  blocks: Block[];
}

export function heading(level: 1 | 2 | 3, text: string, id?: string): Block {
  return { kind: 'heading', level, text, id };
}

export function paragraph(text: Text, tone?: 'meta' | 'note'): Block {
  return { kind: 'paragraph', text, tone };
}

export function section(id: string | undefined, blocks: Block[], className?: string): Block {
  return { kind: 'group', tag: 'section', id, className, blocks };
}

/** A table of at most `limit` rows, saying how many more there are. */
export function cappedTable(columns: Column[], rows: Text[][], limit: number, what: string): Block {
  if (rows.length <= limit) return { kind: 'table', columns, rows };
  const more = rows.length - limit;
  return {
    kind: 'table',
    columns,
    rows: rows.slice(0, limit),
    note: `… and ${more.toLocaleString('en-US')} more ${what} (all of them are in the JSON report).`,
  };
}

export function spans(text: Text): Span[] {
  return Array.isArray(text) ? text : [text];
}
