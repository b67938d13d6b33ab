import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { decodeCursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import type { DataFieldEntity } from '../schemas/data-field.entity';
import { CoverageRepository } from './coverage.repository';
import type { ServiceCoverageCounts, SourceVerdict, UnifiedFieldSourceRow } from './coverage.types';

/** A service's unmapped fields in schema order: entity position, then field position. */
export const UNMAPPED_FIELD_ORDER = 'SCHEMA_POSITION_ASC';

/** Per-request batching of coverage, both ways: one statement per relation and page shape. */
export class CoverageLoaders {
  /** Keyed by service id. */
  readonly serviceCoverage: DataLoader<string, ServiceCoverageCounts | null>;
  /** Keyed by unified field id. */
  readonly sources: DataLoader<string, UnifiedFieldSourceRow[]>;
  /** Keyed by unified field id. */
  readonly sourceVerdict: DataLoader<string, SourceVerdict | null>;
  private readonly unmappedFieldPages = new Map<string, DataLoader<string, Page<DataFieldEntity>>>();

  constructor(private readonly repository: CoverageRepository) {
    this.serviceCoverage = new DataLoader(async (ids) => {
      const byId = new Map((await repository.serviceCoverage(ids)).map((row) => [row.serviceId, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.sources = new DataLoader(async (ids) => {
      const byField = new Map<string, UnifiedFieldSourceRow[]>(ids.map((id) => [id, []]));
      for (const row of await repository.sourcesOf(ids)) byField.get(row.unifiedFieldId)?.push(row);
      return ids.map((id) => byField.get(id)!);
    });
    this.sourceVerdict = new DataLoader(async (ids) => {
      const byId = new Map((await repository.sourceVerdicts(ids)).map((row) => [row.unifiedFieldId, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /** Unmapped fields of services, one page each, batched per distinct (first, after). */
  unmappedFieldsOf(first: number, after?: string): DataLoader<string, Page<DataFieldEntity>> {
    const key = `${first}:${after ?? ''}`;
    let loader = this.unmappedFieldPages.get(key);
    if (!loader) {
      const cursor = after ? decodeCursor(after, UNMAPPED_FIELD_ORDER, 'numeric') : undefined;
      loader = new DataLoader(async (serviceIds) => {
        const pages = await this.repository.unmappedFieldsByServices(serviceIds, first, UNMAPPED_FIELD_ORDER, cursor);
        return serviceIds.map((id) => pages.get(id)!);
      });
      this.unmappedFieldPages.set(key, loader);
    }
    return loader;
  }
}

@Injectable()
export class CoverageLoaderFactory {
  constructor(private readonly repository: CoverageRepository) {}

  create(): CoverageLoaders {
    return new CoverageLoaders(this.repository);
  }
}
