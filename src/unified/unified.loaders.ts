import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Page } from '../common/graphql/pagination';
import { POSITION_ORDER, positionPages } from '../schemas/schema.loaders';
import type { UnifiedEntityEntity } from './unified-entity.entity';
import type { UnifiedFieldEntity } from './unified-field.entity';
import { UnifiedSchemaRepository } from './unified-schema.repository';

/** Per-request batching of the unified schema's relations: one statement per relation and page shape. */
export class UnifiedLoaders {
  readonly entityById: DataLoader<string, UnifiedEntityEntity | null>;
  readonly fieldCount: DataLoader<string, number>;
  private readonly fieldPages = new Map<string, DataLoader<string, Page<UnifiedFieldEntity>>>();

  constructor(private readonly repository: UnifiedSchemaRepository) {
    this.entityById = new DataLoader(async (ids) => {
      const byId = new Map((await repository.findEntities(ids)).map((entity) => [entity.id, entity]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.fieldCount = new DataLoader(async (ids) => {
      const counts = await repository.countFields(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    });
  }

  fieldsOf(first: number, after?: string): DataLoader<string, Page<UnifiedFieldEntity>> {
    return positionPages(this.fieldPages, first, after, (cursor) => async (entityIds) => {
      const pages = await this.repository.fieldsByEntities(entityIds, first, POSITION_ORDER, cursor);
      return entityIds.map((id) => pages.get(id)!);
    });
  }
}

@Injectable()
export class UnifiedLoaderFactory {
  constructor(private readonly repository: UnifiedSchemaRepository) {}

  create(): UnifiedLoaders {
    return new UnifiedLoaders(this.repository);
  }
}
