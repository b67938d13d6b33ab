import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/pagination';
import { ServiceModel } from '../inventory/service.model';
import type { ServiceCoverageCounts, UnifiedCoverageCounts, UnifiedFieldSourceRow } from './coverage.types';
// Registers the MappingStatus GraphQL enum, which UnifiedFieldSource.status shares with FieldMapping.
import './mapping.model';
import { MappingStatus } from './mapping.types';

@ObjectType('ServiceCoverage', {
  description: 'How much of a service’s data is mapped onto the unified schema. Mapped means a CONFIRMED mapping.',
})
export class ServiceCoverageModel {
  serviceId: string;

  @Field(() => Int)
  fields: number;

  @Field(() => Int)
  mappedFields: number;

  @Field(() => Int, { description: 'Fields with a SUGGESTED mapping and no CONFIRMED one: what is left to review.' })
  suggestedFields: number;

  @Field(() => Float, { description: 'mappedFields / fields; 0 when the service has no fields.' })
  ratio: number;

  @Field(() => Int)
  entities: number;

  @Field(() => Int, { description: 'Entities with a CONFIRMED entity mapping or at least one mapped field.' })
  mappedEntities: number;

  static from(this: void, c: ServiceCoverageCounts): ServiceCoverageModel {
    return Object.assign(new ServiceCoverageModel(), {
      serviceId: c.serviceId,
      fields: c.fields,
      mappedFields: c.mappedFields,
      suggestedFields: c.suggestedFields,
      // As the coverage order ranks services (COVERAGE_RATIO in the repository).
      ratio: c.fields === 0 ? 0 : c.mappedFields / c.fields,
      entities: c.entities,
      mappedEntities: c.mappedEntities,
    });
  }
}

@ObjectType('UnifiedFieldSource', {
  description: 'A service field mapped onto a unified field, CONFIRMED or still SUGGESTED.',
})
export class UnifiedFieldSourceModel {
  @Field(() => ID)
  mappingId: string;

  @Field(() => MappingStatus)
  status: MappingStatus;

  @Field({ description: 'Whether this service is the system of record for the unified field.' })
  isSystemOfRecord: boolean;

  @Field(() => Float, { nullable: true, description: 'The matcher’s confidence, 0 to 1; null for manual mappings.' })
  confidence: number | null;

  @Field()
  serviceKey: string;

  @Field()
  serviceName: string;

  @Field()
  entityName: string;

  @Field()
  fieldName: string;

  @Field(() => ID)
  dataFieldId: string;

  static from(this: void, row: UnifiedFieldSourceRow): UnifiedFieldSourceModel {
    return Object.assign(new UnifiedFieldSourceModel(), {
      mappingId: row.mappingId,
      status: row.status,
      isSystemOfRecord: row.isSystemOfRecord,
      confidence: row.confidence,
      serviceKey: row.serviceKey,
      serviceName: row.serviceName,
      entityName: row.entityName,
      fieldName: row.fieldName,
      dataFieldId: row.dataFieldId,
    });
  }
}

@ObjectType('CoveredService', { description: 'A service with its coverage.' })
export class CoveredServiceModel {
  @Field(() => ServiceModel)
  service: ServiceModel;

  @Field(() => ServiceCoverageModel)
  coverage: ServiceCoverageModel;
}

@ObjectType()
export class ServiceCoverageConnection extends Connection(CoveredServiceModel, 'ServiceCoverage') {}

@ObjectType('CoverageReport', {
  description:
    'How the unified schema is supplied with data, estate-wide. A source is a live service with a CONFIRMED ' +
    'mapping onto the field.',
})
export class CoverageReportModel {
  @Field(() => Int)
  unifiedFields: number;

  @Field(() => Int, { description: 'Unified fields with at least one source.' })
  withSource: number;

  @Field(() => Int)
  withoutSource: number;

  @Field(() => Int, { description: 'Unified fields supplied by exactly one service.' })
  singleSource: number;

  @Field(() => Int, { description: 'Unified fields of which two or more services claim to be the system of record.' })
  conflictingMasters: number;

  static from(this: void, counts: UnifiedCoverageCounts): CoverageReportModel {
    return Object.assign(new CoverageReportModel(), counts);
  }
}
