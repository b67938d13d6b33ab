import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '../common/graphql/pagination';
import { FieldType } from '../schemas/schema.types';
import { MappingStatus } from './mapping.types';
import { TransformationKind } from './transformation';

@InputType()
export class EnumValuePairInput {
  @Field()
  @IsString()
  @MaxLength(500)
  from: string;

  @Field()
  @IsString()
  @MaxLength(500)
  to: string;
}

@InputType({ description: 'How a source value becomes the unified value; only the fields of the kind are read.' })
export class TransformationInput {
  @Field(() => TransformationKind)
  @IsEnum(TransformationKind)
  kind: TransformationKind;

  @Field(() => FieldType, { nullable: true, description: 'CAST' })
  @IsOptional()
  @IsEnum(FieldType)
  fromType?: FieldType | null;

  @Field(() => FieldType, { nullable: true, description: 'CAST' })
  @IsOptional()
  @IsEnum(FieldType)
  toType?: FieldType | null;

  @Field(() => String, { nullable: true, description: 'CAST: e.g. a date pattern such as dd/MM/yyyy' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  format?: string | null;

  @Field(() => [EnumValuePairInput], { nullable: true, description: 'ENUM_MAP: every source value to a unified value' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => EnumValuePairInput)
  enumMap?: EnumValuePairInput[] | null;

  @Field(() => String, { nullable: true, description: 'UNIT: e.g. cents, kg, ms, kib' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  fromUnit?: string | null;

  @Field(() => String, { nullable: true, description: 'UNIT' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  toUnit?: string | null;

  @Field(() => String, { nullable: true, description: 'SPLIT and MERGE' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  separator?: string | null;

  @Field(() => Int, { nullable: true, description: 'SPLIT: which part (from 0) this unified field takes' })
  @IsOptional()
  @IsInt()
  part?: number | null;

  @Field(() => [ID], { nullable: true, description: 'MERGE: every source field joined, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  sourceFieldIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'EXPRESSION over `value` (and other source fields by name)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  expression?: string | null;
}

@ArgsType()
export class SuggestMappingsArgs {
  @Field()
  @IsString()
  @MaxLength(200)
  serviceKey: string;

  @Field(() => String, { nullable: true, description: 'Only this entity of the service.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  entityName?: string | null;
}

@ArgsType()
export class ConfirmMappingArgs {
  @Field(() => ID)
  @IsString()
  id: string;

  @Field(() => TransformationInput, {
    nullable: true,
    description: 'Default: the stored one, or a rename (a cast where the types differ and one is possible).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TransformationInput)
  transformation?: TransformationInput | null;

  @Field(() => Boolean, { nullable: true, description: 'This service is the system of record for the unified field.' })
  @IsOptional()
  @IsBoolean()
  isSystemOfRecord?: boolean | null;
}

@ArgsType()
export class RejectMappingArgs {
  @Field(() => ID)
  @IsString()
  id: string;

  @Field(() => String, { nullable: true, description: 'Why, for whoever looks at it next.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string | null;
}

@ArgsType()
export class SetFieldMappingArgs {
  @Field(() => ID)
  @IsString()
  dataFieldId: string;

  @Field(() => ID)
  @IsString()
  unifiedFieldId: string;

  @Field(() => TransformationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TransformationInput)
  transformation?: TransformationInput | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  isSystemOfRecord?: boolean | null;
}

@ArgsType()
export class ConfirmMappingsArgs {
  @Field(() => Float, { description: 'Confirm the best suggestion of each field at or above this confidence.' })
  @IsNumber()
  @Min(0)
  @Max(1)
  minConfidence: number;

  @Field(() => String, { nullable: true, description: 'Only this service (default: the whole estate).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  serviceKey?: string | null;
}

@InputType()
export class MappingFilterInput {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  serviceKey?: string[];

  @Field(() => [MappingStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(MappingStatus, { each: true })
  status?: MappingStatus[];

  @Field(() => String, { nullable: true, description: 'Unified entity name, e.g. crm.Account.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  unifiedEntity?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  unifiedFieldId?: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minConfidence?: number;
}

@ArgsType()
export class MappingsArgs extends PageArgs {
  @Field(() => MappingFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MappingFilterInput)
  filter?: MappingFilterInput;
}
