import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/pagination';
import { ImportMessageModel } from '../schemas/schema-import.model';
import { SchemaChangeSetModel } from '../schemas/schema.model';
import { FieldType, PiiClass } from '../schemas/schema.types';
import type { UnifiedEntityEntity } from './unified-entity.entity';
import type { UnifiedFieldEntity } from './unified-field.entity';
import type { UnifiedSchemaVersionEntity } from './unified-schema-version.entity';

export enum UnifiedSchemaFormat {
  JSON = 'json',
  YAML = 'yaml',
}
registerEnumType(UnifiedSchemaFormat, { name: 'UnifiedSchemaFormat' });

@ObjectType('UnifiedField', { description: 'A canonical field. Its id stays the same across drafts and versions.' })
export class UnifiedFieldModel {
  @Field(() => ID)
  id: string;

  entityId: string;

  @Field({ description: 'Dotted path, [] marking a list, e.g. addresses[].city.' })
  name: string;

  @Field(() => FieldType, { nullable: true, description: 'Null while not settled.' })
  type: FieldType | null;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => [String], { description: 'Other names the field goes by, for matching.' })
  synonyms: string[];

  @Field()
  required: boolean;

  @Field(() => PiiClass, { nullable: true })
  piiClass: PiiClass | null;

  @Field(() => [String])
  enumValues: string[];

  static from(this: void, f: UnifiedFieldEntity): UnifiedFieldModel {
    return Object.assign(new UnifiedFieldModel(), {
      id: f.id,
      entityId: f.entityId,
      name: f.name,
      type: f.type as FieldType | null,
      description: f.description,
      synonyms: f.synonyms,
      required: f.required,
      piiClass: f.piiClass as PiiClass | null,
      enumValues: f.enumValues,
    });
  }
}

@ObjectType()
export class UnifiedFieldConnection extends Connection(UnifiedFieldModel, 'UnifiedField') {}

@ObjectType('UnifiedEntity', {
  description:
    'A canonical entity of the unified schema (its draft). Its id stays the same across drafts and versions.',
})
export class UnifiedEntityModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Qualified by a domain, e.g. crm.Account.' })
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => [String], { description: 'Other names the entity goes by, for matching.' })
  synonyms: string[];

  @Field(() => Int, { description: 'Incremented by every change of the entity or of its fields.' })
  version: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  static from(this: void, e: UnifiedEntityEntity): UnifiedEntityModel {
    return Object.assign(new UnifiedEntityModel(), {
      id: e.id,
      name: e.name,
      description: e.description,
      synonyms: e.synonyms,
      version: e.version,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    });
  }
}

@ObjectType()
export class UnifiedEntityConnection extends Connection(UnifiedEntityModel, 'UnifiedEntity') {}

@ObjectType('UnifiedSchemaVersion', { description: 'A published version: the draft frozen as it was.' })
export class UnifiedSchemaVersionModel {
  @Field(() => Int, { description: '1, 2, 3, … in publishing order.' })
  version: number;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field()
  publishedAt: Date;

  @Field({ description: 'Who published it (the token’s name).' })
  publishedBy: string;

  @Field(() => Int)
  entityCount: number;

  @Field(() => Int)
  fieldCount: number;

  static from(this: void, v: Omit<UnifiedSchemaVersionEntity, 'snapshot'>): UnifiedSchemaVersionModel {
    return Object.assign(new UnifiedSchemaVersionModel(), {
      version: v.version,
      note: v.note,
      publishedAt: v.publishedAt,
      publishedBy: v.publishedBy,
      entityCount: v.entityCount,
      fieldCount: v.fieldCount,
    });
  }
}

@ObjectType()
export class UnifiedSchemaVersionConnection extends Connection(UnifiedSchemaVersionModel, 'UnifiedSchemaVersion') {}

@ObjectType('UnifiedSchemaImport')
export class UnifiedSchemaImportModel {
  @Field(() => Int)
  entityCount: number;

  @Field(() => Int)
  fieldCount: number;

  @Field(() => [ImportMessageModel], { description: 'What was read past (unknown keys), and where.' })
  warnings: ImportMessageModel[];

  @Field(() => SchemaChangeSetModel)
  changes: SchemaChangeSetModel;
}
