/** The member of a string enum whose value is `value`, or undefined: for parsing text (CLI flags, CSV cells). */
export function enumMember<E extends Record<string, string>>(enumeration: E, value: string): E[keyof E] | undefined {
  const members: readonly string[] = Object.values(enumeration);
  return members.includes(value) ? (value as E[keyof E]) : undefined;
}
