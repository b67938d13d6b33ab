import type { AuditLog } from '../audit/audit-log';
import type { InventoryLoaderFactory } from '../inventory/inventory.loaders';
import type { ServiceCatalog } from '../inventory/service-catalog';
import type { MigrationPlanner } from '../planning/migration-planner';
import type { Reports } from '../planning/reports';
import type { SchemaLoaderFactory } from '../schemas/schema.loaders';
import type { SchemaRepository } from '../schemas/schema.repository';
import type { ScoringService } from '../scoring/scoring.service';
import type { CoverageLoaderFactory } from '../unified/coverage.loaders';
import type { DataDictionaryService } from '../unified/dictionary/data-dictionary.service';
import type { MappingService } from '../unified/mapping.service';
import type { UnifiedSchemaService } from '../unified/unified-schema.service';
import type { UnifiedLoaderFactory } from '../unified/unified.loaders';
import type { ToolRunner } from './tool-runner';

/** The services the MCP tools are thin shells over; the same instances GraphQL uses. */
export interface EstateServices {
  readonly catalog: ServiceCatalog;
  readonly inventoryLoaders: InventoryLoaderFactory;
  readonly schemas: SchemaRepository;
  readonly schemaLoaders: SchemaLoaderFactory;
  readonly unified: UnifiedSchemaService;
  readonly unifiedLoaders: UnifiedLoaderFactory;
  readonly coverageLoaders: CoverageLoaderFactory;
  readonly mappings: MappingService;
  readonly scoring: ScoringService;
  readonly planner: MigrationPlanner;
  readonly reports: Reports;
  readonly dictionary: DataDictionaryService;
  readonly audit: AuditLog;
}

/** What a tool needs: the estate's services, and the runner that checks the caller and shapes errors. */
export interface ToolContext {
  estate: EstateServices;
  run: ToolRunner;
}
