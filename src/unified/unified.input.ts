import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { FieldType, PiiClass } from '../schemas/schema.types';
import { UNIFIED_LIMITS } from './unified-change-set';

@InputType()
export class UnifiedFieldInput {
  @Field({ description: 'Dotted path, [] marking a list, e.g. addresses[].city.' })
  @IsString()
  @MaxLength(UNIFIED_LIMITS.nameLength)
  name: string;

  @Field(() => FieldType, { nullable: true, description: 'ENUM when left out and enumValues are given.' })
  @IsOptional()
  @IsEnum(FieldType)
  type?: FieldType | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(UNIFIED_LIMITS.descriptionLength)
  description?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(UNIFIED_LIMITS.synonyms)
  @IsString({ each: true })
  @MaxLength(UNIFIED_LIMITS.nameLength, { each: true })
  synonyms?: string[];

  @Field(() => Boolean, { nullable: true, description: 'Default false.' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @Field(() => PiiClass, { nullable: true })
  @IsOptional()
  @IsEnum(PiiClass)
  piiClass?: PiiClass | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(UNIFIED_LIMITS.enumValues)
  @IsString({ each: true })
  @MaxLength(UNIFIED_LIMITS.nameLength, { each: true })
  enumValues?: string[] | null;
}

@InputType()
export class UnifiedEntityInput {
  @Field({ description: 'Qualified by a domain, e.g. crm.Account.' })
  @IsString()
  @MaxLength(UNIFIED_LIMITS.nameLength)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(UNIFIED_LIMITS.descriptionLength)
  description?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(UNIFIED_LIMITS.synonyms)
  @IsString({ each: true })
  @MaxLength(UNIFIED_LIMITS.nameLength, { each: true })
  synonyms?: string[];

  @Field(() => [UnifiedFieldInput])
  @IsArray()
  @ArrayMaxSize(UNIFIED_LIMITS.fieldsPerEntity)
  @ValidateNested({ each: true })
  @Type(() => UnifiedFieldInput)
  fields: UnifiedFieldInput[];
}

@InputType()
export class UnifiedEntityFilterInput {
  @Field({ nullable: true, description: 'Substring of the name or of a synonym, or words of the description.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
