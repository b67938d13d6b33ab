import { SchemaImportError, type ImportMessage } from '../../src/schemas/importers/import.types';
import type { EntitySpec, FieldSpec } from '../../src/schemas/schema.types';

/** The located problems an importer refused with; fails when it did not refuse. */
export function problemsOf(run: () => unknown): ImportMessage[] {
  try {
    run();
  } catch (error) {
    if (error instanceof SchemaImportError) return error.problems;
    throw error;
  }
  throw new Error('expected a SchemaImportError');
}

export function fieldOf(entities: EntitySpec[], entity: string, field: string): FieldSpec {
  const found = entities.find((e) => e.name === entity)?.fields.find((f) => f.name === field);
  if (!found) throw new Error(`no field ${entity}.${field}`);
  return found;
}
