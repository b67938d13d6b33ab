import type { ProfileRef } from '../scoring/scoring.service';
import { UsageError } from './usage-error';

export interface Column {
  title: string;
  align: 'left' | 'right';
  /** Cap on the column's width; longer cells end in "…". */
  max?: number;
}

const GAP = '  ';

/**
 * Aligned columns under their titles. With `width`, the last column takes what the others leave
 * of it (at least 16), so that lines fit a terminal of that width.
 */
export function textTable(columns: Column[], rows: string[][], width?: number): string {
  const cells = rows.map((r) => r.map(oneLine));
  const widths = columns.map((c, i) =>
    Math.min(c.max ?? Infinity, Math.max(length(c.title), ...cells.map((r) => length(r[i])))),
  );
  if (width !== undefined) {
    const fixed = widths.slice(0, -1).reduce((sum, w) => sum + w + GAP.length, 0);
    widths[widths.length - 1] = Math.min(widths[widths.length - 1], Math.max(width - fixed, 16));
  }
  const line = (r: string[]) =>
    r
      .map((text, i) => {
        const cut = truncate(text, widths[i]);
        const padding = ' '.repeat(widths[i] - length(cut));
        return columns[i].align === 'right' ? padding + cut : cut + padding;
      })
      .join(GAP)
      .trimEnd();
  return `${[line(columns.map((c) => c.title)), ...cells.map(line)].join('\n')}\n`;
}

/** Names come from users: a line break or tab in one must not break a line of output. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Length in code points, so that an accented or astral character counts once. */
function length(text: string): number {
  return Array.from(text).length;
}

function truncate(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length <= width
    ? text
    : `${chars
        .slice(0, width - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * A profile's name, as common/validators' KEY_PATTERN (text-table.spec.ts holds them equal): that
 * module loads class-validator, a fifth of what `estate --help` would load, for one expression.
 */
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** `--profile name` or `name@version`. */
export function parseProfileRef(value: string): ProfileRef {
  const at = value.lastIndexOf('@');
  const name = at < 0 ? value : value.slice(0, at);
  const version = at < 0 ? undefined : value.slice(at + 1);
  if (!PROFILE_NAME.test(name) || (version !== undefined && !/^\d+$/.test(version)))
    throw new UsageError(`--profile must be a profile name, optionally with @version (got "${value}")`);
  return { name, version: version === undefined ? undefined : Number(version) };
}
