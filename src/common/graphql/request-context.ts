import type { Request } from 'express';
import type { InventoryLoaders } from '../../inventory/inventory.loaders';
import type { PlanningLoaders } from '../../planning/planning.loaders';
import type { SchemaLoaders } from '../../schemas/schema.loaders';
import type { ScoringLoaders } from '../../scoring/scoring.loaders';
import type { CoverageLoaders } from '../../unified/coverage.loaders';
import type { UnifiedLoaders } from '../../unified/unified.loaders';

/** What every resolver can reach through `@Context()`; built fresh for each request. */
export interface RequestContext {
  req: Request;
  loaders: InventoryLoaders;
  schemaLoaders: SchemaLoaders;
  unifiedLoaders: UnifiedLoaders;
  coverageLoaders: CoverageLoaders;
  scoringLoaders: ScoringLoaders;
  planningLoaders: PlanningLoaders;
}
