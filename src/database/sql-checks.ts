/** `column IN ('A', 'B')` for a CHECK constraint, from a TypeScript string enum. */
export function inList(column: string, vocabulary: Record<string, string>): string {
  const values = Object.values(vocabulary).map((v) => `'${v}'`);
  return `${column} IN (${values.join(', ')})`;
}
