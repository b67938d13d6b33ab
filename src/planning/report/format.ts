/*
 * Text and number formatting shared by the report renderers. Everything here is deterministic:
 * a fixed locale, no time zone (dates are printed in UTC) and no clock.
 */

const LOCALE = 'en-US';

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// C0 control characters other than tab, line feed and carriage return are not allowed in XML at all.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text safe inside XML/HTML element content and quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(XML_FORBIDDEN, '').replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}

/** Characters that mean something to GitHub-flavoured Markdown; a backslash makes each literal. */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~!&#]/g;

/** Text shown literally by a Markdown renderer, on one line (table cells and headings). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '')
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '<br>');
}

const INTEGER = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Shown where a value is unknown. */
export const UNKNOWN = '—';

export function formatCount(value: number): string {
  return INTEGER.format(value);
}

/** A 0–100 score with one decimal. */
export function formatScore(value: number | null): string {
  return value === null ? UNKNOWN : ONE_DECIMAL.format(value);
}

export function formatPoints(value: number): string {
  return ONE_DECIMAL.format(value);
}

export function formatPercent(part: number, whole: number): string {
  return whole === 0 ? UNKNOWN : `${ONE_DECIMAL.format((100 * part) / whole)}%`;
}

/** A signed difference, e.g. "+7.7". */
export function formatDelta(value: number): string {
  const text = ONE_DECIMAL.format(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** Amounts in one currency: full ("$1,234,567") and abbreviated for axes ("$1.2M"). */
export interface Money {
  full: (amount: number | null) => string;
  short: (amount: number) => string;
}

export function money(currency: string): Money {
  let format: Intl.NumberFormat | null = null;
  try {
    format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency, maximumFractionDigits: 0 });
  } catch {
    // Not an ISO 4217 code: print the number and the code as given.
  }
  const [prefix, suffix] = format ? affixes(format) : ['', ` ${currency}`];
  return {
    full: (amount) =>
      amount === null ? UNKNOWN : format ? format.format(amount) : `${INTEGER.format(amount)}${suffix}`,
    short: (amount) => `${amount < 0 ? '−' : ''}${prefix}${abbreviate(Math.abs(amount))}${suffix}`,
  };
}

/** What the currency format puts before and after the number. */
function affixes(format: Intl.NumberFormat): [string, string] {
  const parts = format.formatToParts(0);
  const number = parts.findIndex((p) => p.type === 'integer');
  const join = (from: number, to: number) =>
    parts
      .slice(from, to)
      .map((p) => p.value)
      .join('');
  return [join(0, number), join(number + 1, parts.length)];
}

const SCALES: [number, string][] = [
  [1, ''],
  [1e3, 'k'],
  [1e6, 'M'],
  [1e9, 'B'],
  [1e12, 'T'],
];

/** 950 → "950", 12_500 → "12.5k", 1_200_000 → "1.2M": three significant digits at most, no trailing ".0". */
export function abbreviate(value: number): string {
  let scale = SCALES.reduce((best, [size], i) => (value >= size ? i : best), 0);
  for (;;) {
    const [size, suffix] = SCALES[scale];
    const scaled = value / size;
    const rounded = scaled >= 99.95 ? Math.round(scaled) : Math.round(scaled * 10) / 10;
    // Rounding can carry into the next unit: 999_960 reads "1M", not "1,000k".
    if (rounded >= 1000 && scale < SCALES.length - 1) {
      scale += 1;
      continue;
    }
    return `${rounded >= 100 ? INTEGER.format(rounded) : rounded.toFixed(1).replace(/\.0$/, '')}${suffix}`;
  }
}

/** An ISO timestamp as "2025-03-01 14:05 UTC"; anything unparseable is returned as given. */
export function formatTimestamp(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "a, b, c and 7 more": the first `limit` items of a long list. */
export function capList(items: readonly string[], limit: number): string {
  if (items.length <= limit) return items.join(', ');
  return `${items.slice(0, limit).join(', ')} and ${formatCount(items.length - limit)} more`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
