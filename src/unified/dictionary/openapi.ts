import type { DataDictionary } from './data-dictionary.types';
import { dictionaryTitle, entitySchema, versionFacts, type JsonSchema } from './json-schema';
import { aboutDictionary } from './prose';

export const OPENAPI_VERSION = '3.1.0';

/** What OpenAPI allows as a component's name. */
const COMPONENT_NAME = /^[a-zA-Z0-9._-]+$/;

/**
 * The dictionary as an OpenAPI 3.1 document: the same entity schemas as the JSON Schema, under
 * `components.schemas`, and no operations (`paths: {}`). Component names are the entity names
 * with what OpenAPI does not allow in a name replaced by `_` (a suffix `_2`, `_3`, … where two
 * would meet); `x-estate-entity` keeps the name itself.
 */
export function toOpenApi(dictionary: DataDictionary): JsonSchema {
  const names = componentNames(dictionary.entities.map((e) => e.name));
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: dictionaryTitle(dictionary),
      version: String(dictionary.version),
      description: aboutDictionary(dictionary, 'openapi'),
    },
    'x-estate-version': versionFacts(dictionary),
    'x-estate-coverage': dictionary.coverage,
    paths: {},
    components: {
      schemas: Object.fromEntries(dictionary.entities.map((entity, i) => [names[i], entitySchema(entity)])),
    },
  };
}

/** A component name for each entity name, in the same order; distinct, case aside. */
export function componentNames(entityNames: string[]): string[] {
  const taken = new Set<string>();
  const unique = (base: string) => {
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    taken.add(name.toLowerCase());
    return name;
  };
  // Names already allowed are kept as they are, whatever comes before them.
  const kept = entityNames.map((name) => (COMPONENT_NAME.test(name) ? unique(name) : null));
  return entityNames.map((name, i) => kept[i] ?? unique(name.replace(/[^a-zA-Z0-9._-]/g, '_')));
}
