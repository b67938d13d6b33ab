import type { Changes } from '../common/diff';
import type { InputProblem } from '../common/errors';
import {
  optionalText,
  planChanges,
  shapeProblems,
  type SchemaChangeSet,
  type SchemaLimits,
} from '../schemas/change-set';
import { ChangeLevel, FieldType, type SchemaMode } from '../schemas/schema.types';
import type {
  NormalisedUnifiedEntity,
  NormalisedUnifiedField,
  StoredUnifiedEntity,
  UnifiedEntitySpec,
  UnifiedFieldSpec,
} from './unified.types';

/** Bounds of one write (put or import) and of the text it carries. */
export const UNIFIED_LIMITS: SchemaLimits & {
  synonyms: number;
  enumValues: number;
  descriptionLength: number;
} = {
  entities: 2_000,
  fieldsPerEntity: 2_000,
  fields: 20_000,
  nameLength: 300,
  synonyms: 50,
  enumValues: 1_000,
  descriptionLength: 4_000,
};

/** `a.b`, `addresses[].city`, `tags[]`: names without spaces, separated by dots, `[]` marking a list. */
const FIELD_PATH = /^[^.[\]\s]+(\[\])?(\.[^.[\]\s]+(\[\])?)*$/;

/**
 * Problems with an incoming unified schema, each with the path of the offending
 * value (`entities[3].fields[2].name`): bounds, blank or duplicate names (case-
 * insensitive), field names that are not paths, blank synonyms, long texts.
 */
export function unifiedSchemaProblems(entities: UnifiedEntitySpec[]): InputProblem[] {
  return shapeProblems<UnifiedFieldSpec, UnifiedEntitySpec>(entities, UNIFIED_LIMITS, {
    entity: describedProblems,
    field: (field, at) => {
      const problems = describedProblems(field, at);
      const name = field.name.trim();
      if (name && !FIELD_PATH.test(name)) {
        problems.push({
          path: `${at}.name`,
          message: 'must be a dotted path of names without spaces, [] marking a list (e.g. addresses[].city)',
        });
      }
      const values = field.enumValues ?? [];
      if (values.length > UNIFIED_LIMITS.enumValues) {
        problems.push({ path: `${at}.enumValues`, message: `at most ${UNIFIED_LIMITS.enumValues} values` });
      }
      values.forEach((value, k) => {
        if (value.length > UNIFIED_LIMITS.nameLength)
          problems.push({ path: `${at}.enumValues[${k}]`, message: `at most ${UNIFIED_LIMITS.nameLength} characters` });
      });
      return problems;
    },
  });
}

/** Problems with what entities and fields share: a description and synonyms. */
function describedProblems(item: { description?: string | null; synonyms?: string[] }, at: string): InputProblem[] {
  const problems: InputProblem[] = [];
  if ((item.description?.length ?? 0) > UNIFIED_LIMITS.descriptionLength) {
    problems.push({ path: `${at}.description`, message: `at most ${UNIFIED_LIMITS.descriptionLength} characters` });
  }
  const synonyms = item.synonyms ?? [];
  if (synonyms.length > UNIFIED_LIMITS.synonyms) {
    problems.push({ path: `${at}.synonyms`, message: `at most ${UNIFIED_LIMITS.synonyms} synonyms` });
  }
  synonyms.forEach((synonym, k) => {
    const trimmed = synonym.trim();
    if (!trimmed) problems.push({ path: `${at}.synonyms[${k}]`, message: 'must not be blank' });
    else if (trimmed.length > UNIFIED_LIMITS.nameLength)
      problems.push({ path: `${at}.synonyms[${k}]`, message: `at most ${UNIFIED_LIMITS.nameLength} characters` });
  });
  return problems;
}

export function normaliseUnifiedEntity(entity: UnifiedEntitySpec): NormalisedUnifiedEntity {
  return {
    name: entity.name.trim(),
    description: optionalText(entity.description),
    synonyms: distinctSynonyms(entity.synonyms),
    fields: entity.fields.map(normaliseUnifiedField),
  };
}

function normaliseUnifiedField(field: UnifiedFieldSpec): NormalisedUnifiedField {
  const enumValues = [...new Set(field.enumValues ?? [])];
  return {
    name: field.name.trim(),
    type: field.type ?? (enumValues.length ? FieldType.ENUM : null),
    description: optionalText(field.description),
    synonyms: distinctSynonyms(field.synonyms),
    required: field.required ?? false,
    piiClass: field.piiClass ?? null,
    enumValues,
  };
}

/** Trimmed, each once (case-insensitively, the first spelling kept). */
function distinctSynonyms(synonyms: string[] | undefined): string[] {
  const seen = new Map<string, string>();
  for (const synonym of synonyms ?? []) {
    const trimmed = synonym.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()];
}

/**
 * The draft after applying `incoming` (REPLACE or MERGE, as for service data),
 * and what that changes. Ids of what is kept stay on the result; what is new
 * has none yet.
 */
export function planUnifiedSchema(
  current: StoredUnifiedEntity[],
  incoming: NormalisedUnifiedEntity[],
  mode: SchemaMode,
): { result: NormalisedUnifiedEntity[]; changes: SchemaChangeSet } {
  return planChanges<NormalisedUnifiedField, NormalisedUnifiedEntity>(current, incoming, mode, {
    entityAttributes: (e) => ({ name: e.name, description: e.description, synonyms: e.synonyms }),
    fieldAttributes: (f) => ({
      name: f.name,
      type: f.type,
      description: f.description,
      synonyms: f.synonyms,
      required: f.required,
      piiClass: f.piiClass,
      enumValues: f.enumValues,
    }),
    fieldChangeLevel: unifiedFieldChangeLevel,
  });
}

/**
 * MAJOR: what consumers rely on breaks — a settled type changes, a field becomes
 * required, enum values go away. PATCH: only words (spelling, description,
 * synonyms). MINOR: anything else.
 */
function unifiedFieldChangeLevel(
  before: NormalisedUnifiedField,
  after: NormalisedUnifiedField,
  changes: Changes,
): ChangeLevel {
  if (changes.type && before.type !== null) return ChangeLevel.MAJOR;
  if (!before.required && after.required) return ChangeLevel.MAJOR;
  if (before.enumValues.some((value) => !after.enumValues.includes(value))) return ChangeLevel.MAJOR;
  const words = ['name', 'description', 'synonyms'];
  return Object.keys(changes).every((c) => words.includes(c)) ? ChangeLevel.PATCH : ChangeLevel.MINOR;
}
