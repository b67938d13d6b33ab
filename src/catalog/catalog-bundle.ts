import type { EntitySpec } from '../schemas/schema.types';
import { importSchema, type SchemaImportOptions } from '../schemas/importers/import-schema';
import { SchemaImportError, type ImportMessage, type SchemaFormat } from '../schemas/importers/import.types';
import { withLocations } from '../schemas/importers/pointer-locations';
import type { PlacedMessage, Place, SourceDocument } from './catalog-source';

/** Something a catalog declares, with where it was declared and where each of its fields came from. */
export interface CatalogItem<T> {
  value: T;
  place: Place;
  /** The place of a field of `value`, by its dotted path (`annualCost.amount`); the item's place when unknown. */
  at(path: string): Place;
  /** What the file calls the field at `path`, when not by that path (`type` for `kind`). */
  label?(path: string): string | undefined;
}

export interface TeamDeclaration {
  key: string;
  name: string;
  description?: string | null;
  contactEmail?: string | null;
}

export interface IntegrationDeclaration {
  source: string;
  target: string;
  mechanism: unknown;
  frequency?: unknown;
  description?: string | null;
}

/** A service's whole schema as its catalog files describe it (it replaces what Estate holds). */
export interface SchemaDeclaration {
  serviceKey: string;
  entities: EntitySpec[];
  /** What the description was, e.g. `OpenAPI 3.0.3 (apis/orders.yaml)`. */
  source: string;
}

/** Everything a set of catalog files declares, shaped as Estate's inputs, not yet validated. */
export interface CatalogBundle {
  teams: CatalogItem<TeamDeclaration>[];
  /** ServiceInput-shaped. */
  services: CatalogItem<Record<string, unknown>>[];
  integrations: CatalogItem<IntegrationDeclaration>[];
  schemas: CatalogItem<SchemaDeclaration>[];
  /** Every file read, in the order read, with its number of documents. */
  files: { path: string; documents: number }[];
  errors: PlacedMessage[];
  warnings: PlacedMessage[];
}

/** Reads a catalog file by its path; undefined when there is no such file. */
export type ReadCatalogFile = (path: string) => string | undefined;

export function emptyBundle(): CatalogBundle {
  return { teams: [], services: [], integrations: [], schemas: [], files: [], errors: [], warnings: [] };
}

/** Notes a file read whole (a schema file, an API definition): listed once, however many documents name it. */
export function noteFileRead(bundle: CatalogBundle, path: string): void {
  if (!bundle.files.some((f) => f.path === path)) bundle.files.push({ path, documents: 1 });
}

/** An item whose fields sit under its place as the same names (`annualCost.amount` → `/annualCost/amount`). */
export function itemAt<T>(
  value: T,
  place: Place,
  at: (path: string) => Place,
  label?: (path: string) => string | undefined,
): CatalogItem<T> {
  return { value, place, at, label };
}

/** A whole file read as one document, so that problems found in it by pointer get its lines. */
export function wholeFileDocument(file: string, content: string): SourceDocument {
  return { file, index: 0, text: content, firstLine: 0 };
}

/**
 * Reads a service's data description (OpenAPI, JSON Schema, DDL, CSV, Estate JSON) found in a catalog.
 * Its problems are placed in `document` (the file, or the catalog document the text is embedded in).
 */
export function readSchemaText(
  content: string,
  format: SchemaFormat | undefined,
  options: SchemaImportOptions,
  document: SourceDocument,
  basePlace: Place | undefined,
  bundle: CatalogBundle,
): { entities: EntitySpec[]; source: string } | undefined {
  try {
    const imported = importSchema(content, format, options);
    bundle.warnings.push(...imported.warnings.map((w) => placedIn(document, basePlace, w)));
    return { entities: imported.entities, source: imported.source };
  } catch (error) {
    if (!(error instanceof SchemaImportError)) throw error;
    bundle.errors.push(...error.problems.map((p) => placedIn(document, basePlace, p)));
    return undefined;
  }
}

/**
 * A message about embedded text: by pointer into the text when it has one, else at its line. For
 * text embedded in a catalog document (`basePlace`), lines count from where the text starts there.
 */
function placedIn(
  document: SourceDocument,
  basePlace: Place | undefined,
  problem: { message: string; line?: number; column?: number; pointer?: string },
): PlacedMessage {
  if (!basePlace) {
    if (problem.line === undefined && problem.pointer !== undefined)
      return { place: { document, pointer: problem.pointer }, message: problem.message };
    return { place: { file: document.file, line: problem.line, column: problem.column }, message: problem.message };
  }
  const inner = problem.line ?? (problem.pointer !== undefined ? lineOfPointer(document, problem.pointer) : undefined);
  return {
    place: { ...basePlace, innerLine: inner === undefined ? undefined : (basePlace.innerLine ?? 0) + inner },
    message:
      inner === undefined && problem.pointer !== undefined
        ? `at ${problem.pointer}: ${problem.message}`
        : problem.message,
  };
}

/** The 1-based line of `pointer` in `document`'s text. */
function lineOfPointer(document: SourceDocument, pointer: string): number | undefined {
  return withLocations<ImportMessage>(document.text, [{ pointer, message: '' }])[0].line;
}
