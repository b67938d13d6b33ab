import { diff, type Changes } from '../common/diff';
import type { InputProblem } from '../common/errors';
import { classifyPii } from './pii';
import { ChangeLevel, FieldType, SchemaMode, type EntitySpec, type FieldSpec, type PiiClass } from './schema.types';
import { normaliseSourceType } from './source-types';

/** A field as stored: every attribute explicit. */
export interface NormalisedField {
  name: string;
  sourceType: string | null;
  type: FieldType;
  nullable: boolean;
  identifier: boolean;
  description: string | null;
  enumValues: string[];
  referenceTarget: string | null;
  isArray: boolean;
  piiClass: PiiClass | null;
  piiReason: string | null;
}

export interface NormalisedEntity {
  name: string;
  description: string | null;
  recordCount: number | null;
  fields: NormalisedField[];
}

export interface SchemaChangeSet {
  level: ChangeLevel;
  entitiesAdded: string[];
  entitiesRemoved: string[];
  entitiesChanged: { entity: string; changes: Changes }[];
  fieldsAdded: { entity: string; field: string }[];
  fieldsRemoved: { entity: string; field: string }[];
  fieldsChanged: { entity: string; field: string; level: ChangeLevel; changes: Changes }[];
}

export interface SchemaLimits {
  entities: number;
  fieldsPerEntity: number;
  fields: number;
  nameLength: number;
}

export const SCHEMA_LIMITS: SchemaLimits = {
  entities: 5_000,
  fieldsPerEntity: 5_000,
  fields: 250_000,
  nameLength: 300,
};

const LEVELS = [ChangeLevel.NONE, ChangeLevel.PATCH, ChangeLevel.MINOR, ChangeLevel.MAJOR];
const higher = (a: ChangeLevel, b: ChangeLevel) => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);
const key = (name: string) => name.toLowerCase();

/** What the audit trail keeps of a change set: what came, went and changed (added fields only counted). */
export function changeSummary(changes: SchemaChangeSet): Record<string, unknown> {
  return {
    level: changes.level,
    entitiesAdded: changes.entitiesAdded,
    entitiesRemoved: changes.entitiesRemoved,
    entitiesChanged: changes.entitiesChanged.map((c) => c.entity),
    fieldsAdded: changes.fieldsAdded.length,
    fieldsRemoved: changes.fieldsRemoved,
    fieldsChanged: changes.fieldsChanged.map((c) => ({ entity: c.entity, field: c.field, level: c.level })),
  };
}

/** How many fields the entities have in all. */
export function countFields(entities: readonly { fields: readonly unknown[] }[]): number {
  return entities.reduce((n, e) => n + e.fields.length, 0);
}

/** Problems with incoming entities (names, duplicates, bounds), with paths like `entities[2].fields[5].name`. */
export function schemaProblems(entities: EntitySpec[]): InputProblem[] {
  return shapeProblems(entities, SCHEMA_LIMITS, {
    entity: (entity, at) =>
      entity.recordCount != null && (!Number.isSafeInteger(entity.recordCount) || entity.recordCount < 0)
        ? [{ path: `${at}.recordCount`, message: 'must be a non-negative whole number' }]
        : [],
  });
}

/** Checks of one kind of schema beyond its shape; `at` is the path of the entity or field, e.g. `entities[2]`. */
export interface ShapeChecks<E, F> {
  entity?(entity: E, at: string): InputProblem[];
  field?(field: F, at: string): InputProblem[];
}

/**
 * What any schema of named entities and fields must respect: its bounds, names
 * that are neither blank nor too long, no name twice (case-insensitively) —
 * then the `checks` of its kind, entity by entity and field by field.
 */
export function shapeProblems<F extends { name: string }, E extends { name: string; fields: F[] }>(
  entities: E[],
  limits: SchemaLimits,
  checks: ShapeChecks<E, F> = {},
): InputProblem[] {
  const problems: InputProblem[] = [];
  if (entities.length > limits.entities) {
    problems.push({ path: 'entities', message: `at most ${limits.entities} entities (got ${entities.length})` });
  }
  const total = countFields(entities);
  if (total > limits.fields) {
    problems.push({ path: 'entities', message: `at most ${limits.fields} fields in all (got ${total})` });
  }
  const seenEntities = new Map<string, number>();
  entities.forEach((entity, i) => {
    const at = `entities[${i}]`;
    problems.push(...nameProblems(entity.name, `${at}.name`, limits));
    const earlier = seenEntities.get(key(entity.name.trim()));
    if (earlier !== undefined)
      problems.push({ path: `${at}.name`, message: `duplicates entities[${earlier}] (names are case-insensitive)` });
    else seenEntities.set(key(entity.name.trim()), i);
    problems.push(...(checks.entity?.(entity, at) ?? []));
    if (entity.fields.length > limits.fieldsPerEntity) {
      problems.push({ path: `${at}.fields`, message: `at most ${limits.fieldsPerEntity} fields per entity` });
    }
    const seenFields = new Map<string, number>();
    entity.fields.forEach((field, j) => {
      problems.push(...nameProblems(field.name, `${at}.fields[${j}].name`, limits));
      const before = seenFields.get(key(field.name.trim()));
      if (before !== undefined) {
        problems.push({
          path: `${at}.fields[${j}].name`,
          message: `duplicates fields[${before}] (names are case-insensitive)`,
        });
      } else seenFields.set(key(field.name.trim()), j);
      problems.push(...(checks.field?.(field, `${at}.fields[${j}]`) ?? []));
    });
  });
  return problems;
}

function nameProblems(name: string, path: string, limits: SchemaLimits): InputProblem[] {
  const trimmed = name.trim();
  if (!trimmed) return [{ path, message: 'must not be blank' }];
  if (trimmed.length > limits.nameLength) return [{ path, message: `at most ${limits.nameLength} characters` }];
  return [];
}

export function normaliseEntity(entity: EntitySpec): NormalisedEntity {
  const name = entity.name.trim();
  return {
    name,
    description: optionalText(entity.description),
    recordCount: entity.recordCount ?? null,
    fields: entity.fields.map((field) => normaliseField(field, name)),
  };
}

function normaliseField(field: FieldSpec, entityName: string): NormalisedField {
  const name = field.name.trim();
  const enumValues = [...new Set(field.enumValues ?? [])];
  const type = field.type ?? (enumValues.length ? FieldType.ENUM : normaliseSourceType(field.sourceType));
  const verdict = field.piiClass
    ? null
    : classifyPii({ name, description: field.description, type, sourceType: field.sourceType }, entityName);
  return {
    name,
    sourceType: optionalText(field.sourceType),
    type,
    nullable: field.nullable ?? true,
    identifier: field.identifier ?? false,
    description: optionalText(field.description),
    enumValues,
    referenceTarget: optionalText(field.referenceTarget),
    isArray: field.isArray ?? false,
    piiClass: field.piiClass ?? verdict?.piiClass ?? null,
    piiReason: field.piiClass ? 'set by hand' : (verdict?.reason ?? null),
  };
}

/**
 * The schema after applying `incoming` to `current` (REPLACE: incoming is the
 * whole schema; MERGE: incoming entities and fields are added or replaced,
 * nothing is removed), and what that changes. Entity and field names match
 * case-insensitively; a name's spelling follows the incoming one.
 */
export function planSchema(
  current: NormalisedEntity[],
  incoming: NormalisedEntity[],
  mode: SchemaMode,
): { result: NormalisedEntity[]; changes: SchemaChangeSet } {
  return planChanges(current, incoming, mode, {
    entityAttributes: (e) => ({ name: e.name, description: e.description, recordCount: e.recordCount }),
    fieldAttributes: (f) => f,
    fieldChangeLevel,
  });
}

/** How one kind of schema compares: which attributes count, and how much a changed field matters. */
export interface ChangeRules<E, F> {
  /** The entity's own attributes (not its fields), compared for `entitiesChanged`. */
  entityAttributes(entity: E): object;
  /** The field's attributes, compared for `fieldsChanged` (leave out what is not content, such as ids). */
  fieldAttributes(field: F): object;
  fieldChangeLevel(before: F, after: F, changes: Changes): ChangeLevel;
}

/**
 * planSchema for any schema of named entities with named fields: the service
 * data of planSchema, the unified schema. Kept entities and fields of `current`
 * (MERGE) stay as they are, ids included; incoming ones replace them.
 */
export function planChanges<F extends { name: string }, E extends { name: string; fields: F[] }>(
  current: E[],
  incoming: E[],
  mode: SchemaMode,
  rules: ChangeRules<E, F>,
): { result: E[]; changes: SchemaChangeSet } {
  const changes: SchemaChangeSet = {
    level: ChangeLevel.NONE,
    entitiesAdded: [],
    entitiesRemoved: [],
    entitiesChanged: [],
    fieldsAdded: [],
    fieldsRemoved: [],
    fieldsChanged: [],
  };
  const raise = (level: ChangeLevel) => (changes.level = higher(changes.level, level));
  const currentByName = new Map(current.map((e) => [key(e.name), e]));
  const incomingByName = new Map(incoming.map((e) => [key(e.name), e]));
  const result: E[] = [];

  for (const entity of current) {
    if (incomingByName.has(key(entity.name))) continue;
    if (mode === SchemaMode.MERGE) {
      result.push(entity);
      continue;
    }
    changes.entitiesRemoved.push(entity.name);
    for (const field of entity.fields) changes.fieldsRemoved.push({ entity: entity.name, field: field.name });
    raise(ChangeLevel.MAJOR);
  }

  for (const entity of incoming) {
    const before = currentByName.get(key(entity.name));
    if (!before) {
      changes.entitiesAdded.push(entity.name);
      for (const field of entity.fields) changes.fieldsAdded.push({ entity: entity.name, field: field.name });
      raise(ChangeLevel.MINOR);
      result.push(entity);
      continue;
    }
    const entityChanges = diff(rules.entityAttributes(before), rules.entityAttributes(entity));
    if (Object.keys(entityChanges).length) {
      changes.entitiesChanged.push({ entity: entity.name, changes: entityChanges });
      raise(ChangeLevel.PATCH);
    }
    const fieldsBefore = new Map(before.fields.map((f) => [key(f.name), f]));
    const fieldsIncoming = new Map(entity.fields.map((f) => [key(f.name), f]));
    const fields: F[] = [];
    for (const field of before.fields) {
      if (fieldsIncoming.has(key(field.name))) continue;
      if (mode === SchemaMode.MERGE) fields.push(field);
      else {
        changes.fieldsRemoved.push({ entity: entity.name, field: field.name });
        raise(ChangeLevel.MAJOR);
      }
    }
    for (const field of entity.fields) {
      const old = fieldsBefore.get(key(field.name));
      fields.push(field);
      if (!old) {
        changes.fieldsAdded.push({ entity: entity.name, field: field.name });
        raise(ChangeLevel.MINOR);
        continue;
      }
      const fieldChanges = diff(rules.fieldAttributes(old), rules.fieldAttributes(field));
      if (!Object.keys(fieldChanges).length) continue;
      const level = rules.fieldChangeLevel(old, field, fieldChanges);
      changes.fieldsChanged.push({ entity: entity.name, field: field.name, level, changes: fieldChanges });
      raise(level);
    }
    result.push({ ...entity, fields });
  }
  return { result, changes };
}

/** MAJOR: the type changed, or enum values went away. PATCH: only descriptive text. MINOR: anything else. */
function fieldChangeLevel(before: NormalisedField, after: NormalisedField, changes: Changes): ChangeLevel {
  if (changes.type || changes.isArray) return ChangeLevel.MAJOR;
  if (before.enumValues.some((value) => !after.enumValues.includes(value))) return ChangeLevel.MAJOR;
  const fields = Object.keys(changes);
  if (fields.every((f) => f === 'description' || f === 'piiReason' || f === 'name')) return ChangeLevel.PATCH;
  return ChangeLevel.MINOR;
}

/** Trimmed text, or null when there is none. */
export function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
