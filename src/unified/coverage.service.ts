import { Injectable } from '@nestjs/common';
import { decodeCursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import type { UnifiedFieldEntity } from './unified-field.entity';
import { CoverageRepository } from './coverage.repository';
import { CoverageOrder, type ServiceWithCoverage, type Sourcing, type UnifiedCoverageCounts } from './coverage.types';

/** Unified fields by qualified name (entity.field, case-insensitively), then id. */
export const QUALIFIED_NAME_ORDER = 'QUALIFIED_NAME_ASC';

/** The estate-wide view of coverage; per-parent relations go through CoverageLoaders. */
@Injectable()
export class CoverageService {
  constructor(private readonly repository: CoverageRepository) {}

  countUnifiedFields(): Promise<UnifiedCoverageCounts> {
    return this.repository.countUnifiedFields();
  }

  listUnifiedFields(sourcing: Sourcing, first: number, after?: string): Promise<Page<UnifiedFieldEntity>> {
    const cursor = after ? decodeCursor(after, QUALIFIED_NAME_ORDER, 'text') : undefined;
    return this.repository.pageUnifiedFields(sourcing, first, QUALIFIED_NAME_ORDER, cursor);
  }

  listServices(order: CoverageOrder, first: number, after?: string): Promise<Page<ServiceWithCoverage>> {
    const cursor = after ? decodeCursor(after, order, 'numeric') : undefined;
    const direction = order === CoverageOrder.COVERAGE_DESC ? 'DESC' : 'ASC';
    return this.repository.pageServicesByCoverage(direction, first, order, cursor);
  }

  countServices(): Promise<number> {
    return this.repository.countLiveServices();
  }
}
