/** What name lookups need of the unified schema: entities with their fields, as the draft holds them. */
export interface NamedEntity<F extends { name: string } = { name: string }> {
  name: string;
  synonyms?: string[];
  fields: F[];
}

export type FieldLookup<E extends NamedEntity> =
  { found: true; entity: E; field: E['fields'][number] } | { found: false; candidates: string[] };

const MAX_CANDIDATES = 10;

/**
 * The unified field `name` names: `Entity.field` (entity names may hold dots, `crm.Account`, and field
 * names are dotted paths, `addresses[].city`), case-insensitively; or a bare field name when exactly one
 * entity has such a field. Otherwise the qualified names it may have meant, best guesses first.
 */
export function findUnifiedField<E extends NamedEntity>(entities: readonly E[], name: string): FieldLookup<E> {
  const wanted = name.trim().toLowerCase();
  for (const entity of entities) {
    const prefix = `${entity.name.toLowerCase()}.`;
    if (!wanted.startsWith(prefix)) continue;
    const field = entity.fields.find((f) => f.name.toLowerCase() === wanted.slice(prefix.length));
    if (field) return { found: true, entity, field };
  }
  const bare = entities.flatMap((entity) =>
    entity.fields.filter((f) => f.name.toLowerCase() === wanted).map((field) => ({ entity, field })),
  );
  if (bare.length === 1) return { found: true, ...bare[0] };
  const last = wanted.slice(wanted.lastIndexOf('.') + 1);
  const qualified = entities.flatMap((e) => e.fields.map((f) => ({ entity: e, name: `${e.name}.${f.name}` })));
  const sameField = qualified.filter((q) => q.name.toLowerCase().endsWith(`.${last}`));
  const containing = qualified.filter((q) => last.length >= 3 && q.name.toLowerCase().includes(last));
  return {
    found: false,
    candidates: [...new Set([...sameField, ...containing].map((q) => q.name))].slice(0, MAX_CANDIDATES),
  };
}

/** The unified entity `name` names, case-insensitively, or by one of its synonyms when only one entity has it. */
export function findUnifiedEntity<E extends NamedEntity>(entities: readonly E[], name: string): E | null {
  const wanted = name.trim().toLowerCase();
  const exact = entities.find((e) => e.name.toLowerCase() === wanted);
  if (exact) return exact;
  const bySynonym = entities.filter((e) => e.synonyms?.some((s) => s.toLowerCase() === wanted));
  return bySynonym.length === 1 ? bySynonym[0] : null;
}
