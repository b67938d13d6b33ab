import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { InventoryModule } from '../inventory/inventory.module';
import { CoverageLoaderFactory } from './coverage.loaders';
import { CoverageRepository } from './coverage.repository';
import {
  CoverageReportResolver,
  ServiceCoverageFieldsResolver,
  ServiceCoverageResolver,
  UnifiedFieldSourcesResolver,
} from './coverage.resolver';
import { CoverageService } from './coverage.service';
import { DataDictionaryController } from './dictionary/data-dictionary.controller';
import { DataDictionaryRepository } from './dictionary/data-dictionary.repository';
import { DataDictionaryResolver } from './dictionary/data-dictionary.resolver';
import { DataDictionaryService } from './dictionary/data-dictionary.service';
import { MappingRepository } from './mapping.repository';
import { MappingResolver } from './mapping.resolver';
import { MappingService } from './mapping.service';
import { UnifiedSchemaRepository } from './unified-schema.repository';
import { UnifiedSchemaService } from './unified-schema.service';
import { UnifiedLoaderFactory } from './unified.loaders';
import { UnifiedEntityResolver, UnifiedFieldResolver, UnifiedSchemaVersionResolver } from './unified.resolver';

/** Every resolver of the feature; also used to print the schema without a database. */
export const UNIFIED_RESOLVERS = [
  UnifiedEntityResolver,
  UnifiedFieldResolver,
  UnifiedSchemaVersionResolver,
  MappingResolver,
  ServiceCoverageResolver,
  ServiceCoverageFieldsResolver,
  UnifiedFieldSourcesResolver,
  CoverageReportResolver,
  DataDictionaryResolver,
];

@Module({
  imports: [AuditModule, InventoryModule],
  controllers: [DataDictionaryController],
  providers: [
    UnifiedSchemaRepository,
    UnifiedSchemaService,
    UnifiedLoaderFactory,
    CoverageRepository,
    CoverageService,
    CoverageLoaderFactory,
    MappingRepository,
    MappingService,
    DataDictionaryRepository,
    DataDictionaryService,
    ...UNIFIED_RESOLVERS,
  ],
  exports: [
    UnifiedSchemaService,
    UnifiedLoaderFactory,
    CoverageLoaderFactory,
    CoverageService,
    MappingService,
    DataDictionaryService,
  ],
})
export class UnifiedModule {}
