import { ArgsType, Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_MAX_DEPTH } from './importers/schema-fields';
import { SchemaFormat } from './importers/import.types';
import { SqlDialect } from './importers/sql-ddl.importer';
import { SchemaChangeSetModel } from './schema.model';
import { SchemaMode } from './schema.types';

registerEnumType(SchemaFormat, {
  name: 'SchemaFormat',
  description: 'Formats a service’s data description is imported from.',
  valuesMap: {
    OPENAPI: { description: 'OpenAPI 3.0, 3.1, 3.2 or Swagger 2.0, JSON or YAML: named schemas become entities.' },
    JSON_SCHEMA: { description: 'JSON Schema draft-04 to 2020-12: the root schema and each $defs entry.' },
    SQL_DDL: { description: 'CREATE TABLE statements (PostgreSQL or MySQL), e.g. pg_dump --schema-only.' },
    CSV: { description: 'One row per field under a header: entity,field,type,description,nullable,pii.' },
    ESTATE_JSON: { description: '{"entities": [{"name", "fields": [{"name", "type", …}]}]}, JSON or YAML.' },
  },
});
registerEnumType(SqlDialect, { name: 'SqlDialect' });

@ObjectType('ImportMessage', { description: 'A warning about an imported file, and where in it.' })
export class ImportMessageModel {
  @Field()
  message: string;

  @Field(() => Int, { nullable: true })
  line?: number;

  @Field(() => Int, { nullable: true })
  column?: number;

  @Field({ nullable: true, description: 'JSON pointer into the document, e.g. /components/schemas/Account.' })
  pointer?: string;
}

@ObjectType('SchemaImport')
export class SchemaImportModel {
  @Field(() => SchemaFormat, { description: 'The format read (the detected one when none was given).' })
  format: SchemaFormat;

  @Field({ description: 'What the file said it was, e.g. "OpenAPI 3.1.0", "PostgreSQL DDL".' })
  source: string;

  @Field(() => Int)
  entityCount: number;

  @Field(() => Int)
  fieldCount: number;

  @Field(() => [ImportMessageModel], { description: 'What was skipped or approximated.' })
  warnings: ImportMessageModel[];

  @Field(() => SchemaChangeSetModel)
  changes: SchemaChangeSetModel;
}

@ArgsType()
export class ImportServiceSchemaArgs {
  @Field()
  @IsString()
  serviceKey: string;

  @Field({ description: 'The file’s text. At most 25 MiB.' })
  @IsString()
  content: string;

  @Field(() => SchemaFormat, { nullable: true, description: 'Detected from the content (and fileName) when left out.' })
  @IsOptional()
  @IsEnum(SchemaFormat)
  format?: SchemaFormat;

  @Field({ nullable: true, description: 'The file’s name: helps detect the format and names an untitled JSON Schema.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  fileName?: string;

  @Field(() => SchemaMode, { defaultValue: SchemaMode.REPLACE })
  @IsEnum(SchemaMode)
  mode: SchemaMode = SchemaMode.REPLACE;

  @Field({ defaultValue: false })
  @IsBoolean()
  dryRun: boolean = false;

  @Field(() => SqlDialect, { nullable: true, description: 'SQL only: detected when left out.' })
  @IsOptional()
  @IsEnum(SqlDialect)
  sqlDialect?: SqlDialect;

  @Field(() => Int, {
    nullable: true,
    description: `OpenAPI/JSON Schema: nested objects are flattened to dotted paths this deep (default ${DEFAULT_MAX_DEPTH}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  maxDepth?: number;
}
