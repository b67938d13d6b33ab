import { ArgsType, Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
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
import GraphQLJSON from 'graphql-type-json';
import { Connection, PageArgs } from '../common/graphql/pagination';
import type { DataEntityEntity } from './data-entity.entity';
import type { DataFieldEntity } from './data-field.entity';
import { ChangeLevel, FieldType, PiiClass, SchemaMode } from './schema.types';

registerEnumType(FieldType, { name: 'FieldType' });
registerEnumType(PiiClass, { name: 'PiiClass', description: 'Kinds of personal data a field can hold.' });
registerEnumType(SchemaMode, { name: 'SchemaMode' });
registerEnumType(ChangeLevel, { name: 'ChangeLevel' });

@ObjectType('DataField')
export class DataFieldModel {
  @Field(() => ID)
  id: string;

  entityId: string;

  @Field({ description: 'Dotted path for nested data, e.g. person.legalName.givenName.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'The type as the source system names it.' })
  sourceType: string | null;

  @Field(() => FieldType)
  type: FieldType;

  @Field()
  nullable: boolean;

  @Field()
  identifier: boolean;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => [String])
  enumValues: string[];

  @Field(() => String, { nullable: true, description: 'The entity a REFERENCE points to.' })
  referenceTarget: string | null;

  @Field()
  isArray: boolean;

  @Field(() => PiiClass, { nullable: true })
  piiClass: PiiClass | null;

  @Field(() => String, { nullable: true, description: 'Why the field is (or is not) classed as personal data.' })
  piiReason: string | null;

  static from(this: void, f: Omit<DataFieldEntity, 'entity' | 'createdAt' | 'updatedAt'>): DataFieldModel {
    return Object.assign(new DataFieldModel(), {
      id: f.id,
      entityId: f.entityId,
      name: f.name,
      sourceType: f.sourceType,
      type: f.type as FieldType,
      nullable: f.nullable,
      identifier: f.isIdentifier,
      description: f.description,
      enumValues: f.enumValues,
      referenceTarget: f.referenceTarget,
      isArray: f.isArray,
      piiClass: f.piiClass as PiiClass | null,
      piiReason: f.piiReason,
    });
  }
}

@ObjectType()
export class DataFieldConnection extends Connection(DataFieldModel, 'DataField') {}

@ObjectType('DataEntity')
export class DataEntityModel {
  @Field(() => ID)
  id: string;

  serviceId: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => Float, { nullable: true })
  recordCount: number | null;

  @Field({ description: 'True when any field holds personal data.' })
  containsPii: boolean;

  @Field(() => [String])
  identifierFields: string[];

  static from(this: void, e: DataEntityEntity): DataEntityModel {
    return Object.assign(new DataEntityModel(), {
      id: e.id,
      serviceId: e.serviceId,
      name: e.name,
      description: e.description,
      recordCount: e.recordCount === null ? null : Number(e.recordCount),
      containsPii: e.containsPii,
      identifierFields: e.identifierFields,
    });
  }
}

@ObjectType()
export class DataEntityConnection extends Connection(DataEntityModel, 'DataEntity') {}

@ObjectType()
export class FieldRef {
  @Field()
  entity: string;

  @Field()
  field: string;
}

@ObjectType()
export class EntityChange {
  @Field()
  entity: string;

  @Field(() => GraphQLJSON, { description: '{ attribute: { before, after } }' })
  changes: object;
}

@ObjectType()
export class FieldChange {
  @Field()
  entity: string;

  @Field()
  field: string;

  @Field(() => ChangeLevel)
  level: ChangeLevel;

  @Field(() => GraphQLJSON, { description: '{ attribute: { before, after } }' })
  changes: object;
}

@ObjectType({ description: 'What a schema change does; MAJOR for removals and changed types.' })
export class SchemaChangeSetModel {
  @Field(() => ChangeLevel)
  level: ChangeLevel;

  @Field()
  dryRun: boolean;

  @Field(() => [String])
  entitiesAdded: string[];

  @Field(() => [String])
  entitiesRemoved: string[];

  @Field(() => [EntityChange])
  entitiesChanged: EntityChange[];

  @Field(() => [FieldRef])
  fieldsAdded: FieldRef[];

  @Field(() => [FieldRef])
  fieldsRemoved: FieldRef[];

  @Field(() => [FieldChange])
  fieldsChanged: FieldChange[];
}

@InputType()
export class DataFieldInput {
  @Field()
  @IsString()
  @MaxLength(300)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sourceType?: string | null;

  @Field(() => FieldType, { nullable: true, description: 'Inferred from sourceType when left out.' })
  @IsOptional()
  @IsEnum(FieldType)
  type?: FieldType | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  @IsOptional()
  @IsBoolean()
  nullable?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  identifier?: boolean | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  enumValues?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  referenceTarget?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  isArray?: boolean | null;

  @Field(() => PiiClass, { nullable: true, description: 'Left out: classified from name, type and description.' })
  @IsOptional()
  @IsEnum(PiiClass)
  piiClass?: PiiClass | null;
}

@InputType()
export class DataEntityInput {
  @Field()
  @IsString()
  @MaxLength(300)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @Field(() => Float, { nullable: true, description: 'Estimated number of records.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  recordCount?: number | null;

  @Field(() => [DataFieldInput])
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => DataFieldInput)
  fields: DataFieldInput[];
}

@ArgsType()
export class PutServiceSchemaArgs {
  @Field()
  @IsString()
  serviceKey: string;

  @Field(() => [DataEntityInput])
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => DataEntityInput)
  entities: DataEntityInput[];

  @Field(() => SchemaMode, { defaultValue: SchemaMode.REPLACE })
  @IsEnum(SchemaMode)
  mode: SchemaMode = SchemaMode.REPLACE;

  @Field({ defaultValue: false })
  @IsBoolean()
  dryRun: boolean = false;
}

@InputType()
export class DataFieldFilter {
  @Field({ nullable: true, description: 'Substring of the field name, or words of its description.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @Field(() => [FieldType], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(11)
  @IsEnum(FieldType, { each: true })
  type?: FieldType[];

  @Field(() => [PiiClass], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(PiiClass, { each: true })
  piiClass?: PiiClass[];

  @Field({ nullable: true, description: 'true: only fields holding personal data; false: only fields without.' })
  @IsOptional()
  @IsBoolean()
  pii?: boolean;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  serviceKey?: string[];
}

@ArgsType()
export class DataFieldsArgs extends PageArgs {
  @Field(() => DataFieldFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataFieldFilter)
  filter?: DataFieldFilter;
}
