import { importSchema } from '../../schemas/importers/import-schema';
import type { SchemaFormat } from '../../schemas/importers/import.types';
import type { UnifiedSchemaSpec } from '../unified.types';
import { sharedLexicon } from './lexicon-instance';
import type { MatchOptions, MatchResult, SourceEntity } from './match.types';
import { SchemaMatcher } from './matcher';

export interface SchemaFile {
  content: string;
  fileName: string;
  format?: SchemaFormat;
}

/**
 * Suggestions for every field of a schema file against a unified schema, without a database:
 * what `estate schema match` prints. A file that cannot be read throws SchemaImportError with locations.
 */
export function matchSchemaFile(file: SchemaFile, schema: UnifiedSchemaSpec, options: MatchOptions = {}): MatchResult {
  const imported = importSchema(file.content, file.format, {
    fileName: file.fileName,
    entityName: file.fileName.replace(/\..*$/, ''),
  });
  const source: SourceEntity[] = imported.entities.map((entity) => ({
    name: entity.name,
    description: entity.description,
    mappedTo: entity.mappedTo,
    fields: entity.fields.map((f) => ({
      name: f.name,
      type: f.type ?? null,
      description: f.description,
      identifier: f.identifier,
    })),
  }));
  return new SchemaMatcher(sharedLexicon(), schema).match(source, options);
}
