import type { SoftwareServiceEntity } from '../inventory/software-service.entity';
import type { MappingStatus } from './mapping.types';

/** How much of a service's data is mapped onto the unified schema (CONFIRMED mappings only). */
export interface ServiceCoverageCounts {
  serviceId: string;
  fields: number;
  mappedFields: number;
  /** Fields with a SUGGESTED mapping and no CONFIRMED one. */
  suggestedFields: number;
  entities: number;
  /** Entities with a CONFIRMED entity mapping or at least one CONFIRMED field mapping. */
  mappedEntities: number;
}

/** A non-rejected field mapping onto a unified field, with the service field it starts from. */
export interface UnifiedFieldSourceRow {
  mappingId: string;
  unifiedFieldId: string;
  status: MappingStatus;
  isSystemOfRecord: boolean;
  confidence: number | null;
  serviceKey: string;
  serviceName: string;
  entityName: string;
  fieldName: string;
  dataFieldId: string;
}

export interface SourceVerdict {
  unifiedFieldId: string;
  singleSource: boolean;
  conflictingMasters: boolean;
}

export interface UnifiedCoverageCounts {
  unifiedFields: number;
  withSource: number;
  withoutSource: number;
  singleSource: number;
  conflictingMasters: number;
}

/** Which unified fields an estate-wide list shows. */
export enum Sourcing {
  WITHOUT_SOURCE = 'WITHOUT_SOURCE',
  SINGLE_SOURCE = 'SINGLE_SOURCE',
  CONFLICTING_MASTERS = 'CONFLICTING_MASTERS',
}

export interface ServiceWithCoverage {
  service: SoftwareServiceEntity;
  coverage: ServiceCoverageCounts;
}

/** The order of the estate-wide list of services by coverage (ratio, then id). */
export enum CoverageOrder {
  COVERAGE_ASC = 'COVERAGE_ASC',
  COVERAGE_DESC = 'COVERAGE_DESC',
}
