import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { WriteOutcome } from '../inventory/inventory.enums';
import { CatalogItemKind } from './catalog-importer';

registerEnumType(CatalogItemKind, { name: 'CatalogItemKind', description: 'What a catalog file declared.' });

/** The most files one importCatalog takes; a larger catalog goes through `estate import`. */
export const MAX_CATALOG_FILES = 2_000;
const MAX_CATALOG_FILE_CHARS = 25 * 1024 * 1024;

@InputType({ description: 'One file of a catalog: its path (relative paths in it resolve against it) and its text.' })
export class CatalogFileInput {
  @Field({ description: 'e.g. "catalog-info.yaml", "apis/orders.yaml". POSIX separators.' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  path: string;

  @Field()
  @IsString()
  @MaxLength(MAX_CATALOG_FILE_CHARS)
  content: string;
}

@ArgsType()
export class ImportCatalogArgs {
  @Field(() => [CatalogFileInput], {
    description:
      'estate.yaml and Backstage catalog-info.yaml files, and the files they name (Location targets, schema files, $text definitions). Files named estate.yaml, *.estate.yaml or catalog-info.yaml are read first; the others when named.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CATALOG_FILES)
  @ValidateNested({ each: true })
  @Type(() => CatalogFileInput)
  files: CatalogFileInput[];

  @Field({ defaultValue: false, description: 'Check and report what would change; write nothing.' })
  @IsBoolean()
  dryRun: boolean = false;
}

@ObjectType({ description: 'A problem or a remark about a catalog file, at file:line:column when known.' })
export class CatalogMessageModel {
  @Field()
  file: string;

  @Field(() => Int, { nullable: true })
  line?: number;

  @Field(() => Int, { nullable: true })
  column?: number;

  @Field()
  message: string;
}

@ObjectType()
export class CatalogCountsModel {
  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;
}

@ObjectType()
export class CatalogChangeModel {
  @Field(() => CatalogItemKind)
  kind: CatalogItemKind;

  @Field({ description: 'Team or service key; `source→target (MECHANISM)` for an integration.' })
  key: string;

  @Field(() => WriteOutcome)
  outcome: WriteOutcome;

  @Field({ description: 'The file that declared it.' })
  file: string;

  @Field(() => Int, { nullable: true })
  line?: number;
}

@ObjectType()
export class CatalogFileReadModel {
  @Field()
  path: string;

  @Field(() => Int)
  documents: number;
}

@ObjectType('CatalogImport', {
  description:
    'Everything is written in one transaction, or nothing: `ok` is false when anything has an error. Importing the same files again changes nothing.',
})
export class CatalogImportModel {
  @Field()
  ok: boolean;

  @Field()
  dryRun: boolean;

  @Field(() => [CatalogFileReadModel], { description: 'The files read, in the order read.' })
  files: CatalogFileReadModel[];

  @Field(() => CatalogCountsModel)
  teams: CatalogCountsModel;

  @Field(() => CatalogCountsModel)
  services: CatalogCountsModel;

  @Field(() => CatalogCountsModel)
  integrations: CatalogCountsModel;

  @Field(() => CatalogCountsModel, { description: 'Services whose entities and fields the catalog describes.' })
  schemas: CatalogCountsModel;

  @Field(() => [CatalogChangeModel], { description: 'What was (in a dry run: would be) created or updated.' })
  changes: CatalogChangeModel[];

  @Field(() => [CatalogMessageModel])
  errors: CatalogMessageModel[];

  @Field(() => [CatalogMessageModel], { description: 'What was skipped or assumed, e.g. kinds outside an estate.' })
  warnings: CatalogMessageModel[];
}
