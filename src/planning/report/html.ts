import { spans, type Block, type ReportDocument, type Text } from './document';
import { escapeXml } from './format';

/*
 * One self-contained HTML document: inline style and inline SVG, no script, no fonts, no link to
 * anything outside it, so it can be mailed, archived or printed as it is.
 */

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1120px; padding: 32px 28px 48px; color: var(--ink); background: #fff;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 6px; }
p { margin: 6px 0 10px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
header { border-bottom: 3px solid var(--ink); padding-bottom: 12px; margin-bottom: 8px; }
footer { margin-top: 44px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12.5px; }
.meta { color: var(--muted); margin: 2px 0; }
.note { color: var(--muted); font-size: 12.5px; }
.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 10px; margin: 12px 0 4px; }
.stats div { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: #fff; }
.stats dt { color: var(--muted); font-size: 11.5px; text-transform: uppercase; letter-spacing: .04em; }
.stats dd { margin: 2px 0 0; font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.stats dd small { display: block; font-size: 12px; font-weight: 400; color: var(--muted); }
.table-wrap { overflow-x: auto; margin: 6px 0 4px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; border-bottom: 2px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fbfcfd; }
ul { margin: 4px 0 10px; padding-left: 20px; }
li { margin: 2px 0; }
figure { margin: 18px 0 26px; }
figure svg { display: block; width: 100%; max-width: 1000px; height: auto; }
figcaption { color: var(--muted); font-size: 12.5px; margin-top: 6px; max-width: 1000px; }
section.wave > h2 { border-bottom-color: var(--ink); }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 18px; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
  figure, tr, .stats div { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  a { color: inherit; }
}
`;

export function toHtml(document: ReportDocument): string {
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(document.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
  ];
  for (const block of document.blocks) writeBlock(block, out);
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

function writeBlock(block: Block, out: string[]): void {
  switch (block.kind) {
    case 'heading':
      out.push(`<h${block.level}${idAttribute(block.id)}>${escapeXml(block.text)}</h${block.level}>`);
      return;
    case 'paragraph':
      out.push(`<p${block.tone ? ` class="${block.tone}"` : ''}>${inline(block.text)}</p>`);
      return;
    case 'list':
      out.push(`<ul>${block.items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
      return;
    case 'table':
      writeTable(block, out);
      return;
    case 'stats':
      out.push(
        `<dl class="stats">${block.items
          .map(
            (s) =>
              `<div><dt>${escapeXml(s.label)}</dt><dd>${escapeXml(s.value)}${
                s.detail ? `<small>${escapeXml(s.detail)}</small>` : ''
              }</dd></div>`,
          )
          .join('')}</dl>`,
      );
      return;
    case 'figure':
      // The SVG comes from svg-charts, which escapes every piece of text it draws.
      out.push(`<figure>${block.svg}<figcaption>${escapeXml(block.caption)}</figcaption></figure>`);
      return;
    case 'group':
      out.push(`<${block.tag}${idAttribute(block.id)}${block.className ? ` class="${block.className}"` : ''}>`);
      for (const child of block.blocks) writeBlock(child, out);
      out.push(`</${block.tag}>`);
      return;
  }
}

function writeTable(block: Extract<Block, { kind: 'table' }>, out: string[]): void {
  const classes = block.columns.map((c) => {
    const names = [c.numeric ? 'num' : '', c.nowrap ? 'nowrap' : ''].filter((name) => name !== '');
    return names.length > 0 ? ` class="${names.join(' ')}"` : '';
  });
  out.push('<div class="table-wrap"><table>');
  out.push(
    `<thead><tr>${block.columns.map((c, i) => `<th${classes[i]}>${escapeXml(c.title)}</th>`).join('')}</tr></thead>`,
  );
  out.push('<tbody>');
  for (const row of block.rows) {
    out.push(`<tr>${row.map((cell, i) => `<td${classes[i] ?? ''}>${inline(cell)}</td>`).join('')}</tr>`);
  }
  out.push('</tbody></table></div>');
  if (block.note) out.push(`<p class="note">${escapeXml(block.note)}</p>`);
}

function inline(text: Text): string {
  return spans(text)
    .map((span) => {
      if (typeof span === 'string') return escapeXml(span).replace(/\r\n|\r|\n/g, '<br>');
      if ('strong' in span) return `<strong>${escapeXml(span.strong)}</strong>`;
      if ('code' in span) return `<code>${escapeXml(span.code)}</code>`;
      return `<a href="#${escapeXml(span.anchor)}">${escapeXml(span.text)}</a>`;
    })
    .join('');
}

function idAttribute(id: string | undefined): string {
  return id ? ` id="${escapeXml(id)}"` : '';
}
