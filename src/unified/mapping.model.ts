import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/pagination';
import { FieldType } from '../schemas/schema.types';
import type { EntityMappingRow, FieldMappingRow } from './mapping.repository';
import type { BulkOutcome, SuggestOutcome } from './mapping.service';
import { MappingStatus } from './mapping.types';
import { TransformationKind, type Transformation } from './transformation';

registerEnumType(MappingStatus, {
  name: 'MappingStatus',
  description: 'SUGGESTED by the matcher; CONFIRMED or REJECTED by an architect.',
});
registerEnumType(TransformationKind, { name: 'TransformationKind' });

@ObjectType('EnumValuePair')
export class EnumValuePairModel {
  @Field()
  from: string;

  @Field()
  to: string;
}

@ObjectType('Transformation', { description: 'How a source value becomes the unified value.' })
export class TransformationModel {
  @Field(() => TransformationKind)
  kind: TransformationKind;

  @Field(() => FieldType, { nullable: true })
  fromType?: FieldType | null;

  @Field(() => FieldType, { nullable: true })
  toType?: FieldType | null;

  @Field(() => String, { nullable: true })
  format?: string | null;

  @Field(() => [EnumValuePairModel], { nullable: true })
  enumMap?: EnumValuePairModel[] | null;

  @Field(() => String, { nullable: true })
  fromUnit?: string | null;

  @Field(() => String, { nullable: true })
  toUnit?: string | null;

  @Field(() => String, { nullable: true })
  separator?: string | null;

  @Field(() => Int, { nullable: true })
  part?: number | null;

  @Field(() => [ID], { nullable: true })
  sourceFieldIds?: string[] | null;

  @Field(() => String, { nullable: true })
  expression?: string | null;

  static from(this: void, t: Transformation | null): TransformationModel | null {
    return t && Object.assign(new TransformationModel(), t);
  }
}

@ObjectType('MappingSource', { description: 'The service field a mapping starts from.' })
export class MappingSourceModel {
  @Field()
  serviceKey: string;

  @Field()
  serviceName: string;

  @Field(() => ID)
  dataEntityId: string;

  @Field()
  entityName: string;

  @Field(() => ID)
  dataFieldId: string;

  @Field()
  fieldName: string;

  @Field(() => FieldType)
  type: FieldType;
}

@ObjectType('MappingTarget', { description: 'The unified field a mapping lands in.' })
export class MappingTargetModel {
  @Field(() => ID)
  unifiedEntityId: string;

  @Field()
  unifiedEntity: string;

  @Field(() => ID)
  unifiedFieldId: string;

  @Field()
  unifiedField: string;

  @Field(() => FieldType, { nullable: true })
  type: FieldType | null;
}

@ObjectType('FieldMapping', { description: 'A service field mapped onto a unified field.' })
export class FieldMappingModel {
  @Field(() => ID)
  id: string;

  @Field(() => MappingStatus)
  status: MappingStatus;

  @Field(() => Float, {
    nullable: true,
    description: 'The matcher’s confidence in [0, 1]; null for a mapping set by hand.',
  })
  confidence: number | null;

  @Field(() => [String], { description: 'Why the matcher suggested it, and notes of the decisions.' })
  reasons: string[];

  @Field(() => TransformationModel, { nullable: true })
  transformation: TransformationModel | null;

  @Field({ description: 'This service is the system of record for the unified field.' })
  isSystemOfRecord: boolean;

  @Field(() => String, { nullable: true })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The latest published unified schema version when it was stored or decided.',
  })
  unifiedVersion: number | null;

  @Field(() => MappingSourceModel)
  source: MappingSourceModel;

  @Field(() => MappingTargetModel)
  target: MappingTargetModel;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  static from(this: void, row: FieldMappingRow): FieldMappingModel {
    return Object.assign(new FieldMappingModel(), {
      id: row.id,
      status: row.status,
      confidence: row.confidence === null ? null : Number(row.confidence.toFixed(3)),
      reasons: row.reasons,
      transformation: TransformationModel.from(row.transformation),
      isSystemOfRecord: row.isSystemOfRecord,
      decidedBy: row.decidedBy,
      decidedAt: row.decidedAt,
      unifiedVersion: row.unifiedVersion,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      source: {
        serviceKey: row.serviceKey,
        serviceName: row.serviceName,
        dataEntityId: row.dataEntityId,
        entityName: row.entityName,
        dataFieldId: row.dataFieldId,
        fieldName: row.fieldName,
        type: row.fieldType,
      },
      target: {
        unifiedEntityId: row.unifiedEntityId,
        unifiedEntity: row.unifiedEntityName,
        unifiedFieldId: row.unifiedFieldId,
        unifiedField: row.unifiedFieldName,
        type: row.unifiedFieldType,
      },
    });
  }
}

@ObjectType()
export class FieldMappingConnection extends Connection(FieldMappingModel, 'FieldMapping') {}

@ObjectType('EntityMapping', { description: 'A service entity mapped onto a unified entity.' })
export class EntityMappingModel {
  @Field(() => ID)
  id: string;

  @Field(() => MappingStatus)
  status: MappingStatus;

  @Field(() => Float, { nullable: true })
  confidence: number | null;

  @Field(() => [String])
  reasons: string[];

  @Field(() => String, { nullable: true })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => Int, { nullable: true })
  unifiedVersion: number | null;

  @Field()
  serviceKey: string;

  @Field(() => ID)
  dataEntityId: string;

  @Field()
  entityName: string;

  @Field(() => ID)
  unifiedEntityId: string;

  @Field()
  unifiedEntity: string;

  static from(this: void, row: EntityMappingRow): EntityMappingModel {
    return Object.assign(new EntityMappingModel(), {
      ...row,
      confidence: row.confidence === null ? null : Number(row.confidence.toFixed(3)),
      unifiedEntity: row.unifiedEntityName,
    });
  }
}

@ObjectType('MappingSuggestions', { description: 'What suggestMappings did.' })
export class SuggestMappingsModel {
  @Field()
  serviceKey: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The latest published unified schema version (null before the first).',
  })
  unifiedVersion: number | null;

  @Field(() => Int, { description: 'Fields without a confirmed mapping, which the matcher ranked.' })
  fieldsConsidered: number;

  @Field(() => Int, { description: 'Fields that now have a SUGGESTED mapping.' })
  suggested: number;

  @Field(() => Int, { description: 'Fields with a confirmed mapping, left as they are.' })
  alreadyDecided: number;

  @Field(() => Int, { description: 'Fields for which no unified field was good enough: none is suggested.' })
  noMatch: number;

  @Field(() => [String], { description: '`Entity.field: why` for the first 100 fields without a suggestion.' })
  noMatchFields: string[];

  @Field(() => [EntityMappingModel], { description: 'Unified entities suggested for entities not mapped yet.' })
  entitySuggestions: EntityMappingModel[];

  static from(this: void, outcome: SuggestOutcome): SuggestMappingsModel {
    return Object.assign(new SuggestMappingsModel(), {
      ...outcome,
      entitySuggestions: outcome.entitySuggestions.map(EntityMappingModel.from),
    });
  }
}

@ObjectType('SkippedMapping')
export class SkippedMappingModel {
  @Field(() => ID)
  mappingId: string;

  @Field()
  source: string;

  @Field()
  target: string;

  @Field()
  reason: string;
}

@ObjectType('BulkConfirmation')
export class BulkConfirmationModel {
  @Field(() => Int)
  confirmed: number;

  @Field(() => [SkippedMappingModel], {
    description: 'Suggestions whose natural transformation is invalid: decide them one by one.',
  })
  skipped: SkippedMappingModel[];

  static from(this: void, outcome: BulkOutcome): BulkConfirmationModel {
    return Object.assign(new BulkConfirmationModel(), outcome);
  }
}
