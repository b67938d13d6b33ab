import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '../common/graphql/pagination';
import { SchemaMode } from '../schemas/schema.types';
import { UNIFIED_LIMITS } from './unified-change-set';
import { UnifiedEntityFilterInput, UnifiedEntityInput } from './unified.input';
import { UnifiedSchemaFormat } from './unified.model';

@ArgsType()
export class PutUnifiedSchemaArgs {
  @Field(() => [UnifiedEntityInput])
  @IsArray()
  @ArrayMaxSize(UNIFIED_LIMITS.entities)
  @ValidateNested({ each: true })
  @Type(() => UnifiedEntityInput)
  entities: UnifiedEntityInput[];

  @Field(() => SchemaMode, { defaultValue: SchemaMode.REPLACE })
  @IsEnum(SchemaMode)
  mode: SchemaMode = SchemaMode.REPLACE;

  @Field({ defaultValue: false })
  @IsBoolean()
  dryRun: boolean = false;
}

@ArgsType()
export class ImportUnifiedSchemaArgs {
  @Field({ description: 'The document’s text, JSON or YAML. At most 25 MiB.' })
  @IsString()
  content: string;

  @Field(() => SchemaMode, { defaultValue: SchemaMode.REPLACE })
  @IsEnum(SchemaMode)
  mode: SchemaMode = SchemaMode.REPLACE;

  @Field({ defaultValue: false })
  @IsBoolean()
  dryRun: boolean = false;
}

@ArgsType()
export class PublishUnifiedSchemaArgs {
  @Field({ nullable: true, description: 'What this version brings, for the list of versions.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@ArgsType()
export class UnifiedEntitiesArgs extends PageArgs {
  @Field(() => UnifiedEntityFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UnifiedEntityFilterInput)
  filter?: UnifiedEntityFilterInput;
}

@ArgsType()
export class UnifiedEntityArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  id?: string;

  @Field({ nullable: true, description: 'Case-insensitive, e.g. crm.account.' })
  @IsOptional()
  @IsString()
  @MaxLength(UNIFIED_LIMITS.nameLength)
  name?: string;
}

@ArgsType()
export class UnifiedSchemaDocumentArgs {
  @Field(() => Int, { nullable: true, description: 'A published version; the draft when left out.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @Field(() => UnifiedSchemaFormat, { defaultValue: UnifiedSchemaFormat.JSON })
  @IsEnum(UnifiedSchemaFormat)
  format: UnifiedSchemaFormat = UnifiedSchemaFormat.JSON;
}
