export type Changes = Record<string, { before: unknown; after: unknown }>;

/**
 * The fields that differ between two states of a record, each with its value
 * before and after. A missing state (creation, removal) contributes nulls.
 * Values compare structurally, object key order ignored.
 */
export function diff(before: object | null, after: object | null): Changes {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const changes: Changes = {};
  for (const field of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
    const was = b[field] ?? null;
    const is = a[field] ?? null;
    if (canonical(was) !== canonical(is)) changes[field] = { before: was, after: is };
  }
  return changes;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** True when two values are equal field by field (object key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}
