import { spans, type Block, type ReportDocument, type Text } from './document';
import { escapeMarkdown } from './format';

/** The same document as GitHub-flavoured Markdown: tables for tables, no charts (they need the HTML). */
export function toMarkdown(document: ReportDocument): string {
  const out: string[] = [];
  for (const block of document.blocks) writeBlock(block, out);
  return `${out.join('\n\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

function writeBlock(block: Block, out: string[]): void {
  switch (block.kind) {
    case 'heading':
      out.push(`${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`);
      return;
    case 'paragraph':
      out.push(block.tone === 'note' ? `_${inline(block.text)}_` : inline(block.text));
      return;
    case 'list':
      out.push(block.items.map((item) => `- ${inline(item)}`).join('\n'));
      return;
    case 'table':
      out.push(table(block.columns, block.rows));
      if (block.note) out.push(`_${escapeMarkdown(block.note)}_`);
      return;
    case 'stats': {
      const details = block.items.some((s) => s.detail);
      out.push(
        table(
          [{ title: 'Measure' }, { title: 'Value', numeric: true }, ...(details ? [{ title: 'Note' }] : [])],
          block.items.map((s) => [s.label, s.value, ...(details ? [s.detail ?? ''] : [])]),
        ),
      );
      return;
    }
    case 'figure':
      out.push(`_${escapeMarkdown(block.caption)} See the HTML report for charts._`);
      return;
    case 'group':
      for (const child of block.blocks) writeBlock(child, out);
      return;
  }
}

function table(columns: { title: string; numeric?: boolean }[], rows: Text[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map((c) => escapeMarkdown(c.title))),
    line(columns.map((c) => (c.numeric ? '---:' : '---'))),
    ...rows.map((row) => line(columns.map((_, i) => (row[i] === undefined ? '' : inline(row[i]))))),
  ].join('\n');
}

function inline(text: Text): string {
  return spans(text)
    .map((span) => {
      if (typeof span === 'string') return escapeMarkdown(span);
      if ('strong' in span) return span.strong === '' ? '' : `**${escapeMarkdown(span.strong)}**`;
      // A code span cannot hold an escaped backtick, so monospace text is printed as escaped plain text.
      if ('code' in span) return escapeMarkdown(span.code);
      return escapeMarkdown(span.text);
    })
    .join('');
}
