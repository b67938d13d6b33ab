import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { decodeCursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import type { DataEntityEntity } from './data-entity.entity';
import type { DataFieldEntity } from './data-field.entity';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { planEntityConnection, POSITION_ORDER, type EntityConnectionPlan } from './entity-selection';
import { SchemaRepository, type EntityWithFields } from './schema.repository';

export { POSITION_ORDER };

/** Per-request batching of schema relations: one statement per relation and page shape. */
export class SchemaLoaders {
  readonly entityById: DataLoader<string, DataEntityEntity | null>;
  readonly entityCount: DataLoader<string, number>;
  readonly fieldCount: DataLoader<string, number>;
  private readonly entityPages = new Map<string, DataLoader<string, Page<DataEntityEntity>>>();
  private readonly fieldPages = new Map<string, DataLoader<string, Page<DataFieldEntity>>>();
  private readonly entityWithFieldsPages = new Map<string, DataLoader<string, Page<EntityWithFields>>>();
  private readonly entityConnectionLoaders = new Map<string, DataLoader<string, object>>();
  /** A list of services shares one selection of `entities`: planned once. */
  private readonly entityPlans = new WeakMap<readonly FieldNode[], EntityConnectionPlan | null>();

  constructor(private readonly schemas: SchemaRepository) {
    this.entityById = new DataLoader(async (ids) => {
      const byId = new Map((await schemas.findEntities(ids)).map((entity) => [entity.id, entity]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.entityCount = new DataLoader(async (ids) => {
      const counts = await schemas.countChildren('data_entity', 'service_id', ids);
      return ids.map((id) => counts.get(id) ?? 0);
    });
    this.fieldCount = new DataLoader(async (ids) => {
      const counts = await schemas.countChildren('data_field', 'entity_id', ids);
      return ids.map((id) => counts.get(id) ?? 0);
    });
  }

  entitiesOf(first: number, after?: string): DataLoader<string, Page<DataEntityEntity>> {
    return positionPages(this.entityPages, first, after, (cursor) => async (serviceIds) => {
      const pages = await this.schemas.entitiesByServices(serviceIds, first, POSITION_ORDER, cursor);
      return serviceIds.map((id) => pages.get(id)!);
    });
  }

  /** What `entities { … }` asks for, when one statement can answer it all (see planEntityConnection). */
  entityConnectionPlan(
    info: GraphQLResolveInfo,
    args: { first: number; after?: string | null },
  ): EntityConnectionPlan | null {
    let plan = this.entityPlans.get(info.fieldNodes);
    if (plan === undefined) {
      plan = planEntityConnection(info, args);
      this.entityPlans.set(info.fieldNodes, plan);
    }
    return plan;
  }

  /** `entities { … }` of services as the response's JSON, one statement per plan and batch. */
  entityConnections(plan: EntityConnectionPlan): DataLoader<string, object> {
    const key = JSON.stringify(plan);
    let loader = this.entityConnectionLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (serviceIds) => {
        const connections = await this.schemas.entityConnections(serviceIds, plan);
        return serviceIds.map((id) => connections.get(id)!);
      });
      this.entityConnectionLoaders.set(key, loader);
    }
    return loader;
  }

  /** Entities of services with a page of the fields of each, one statement per page shape of both. */
  entitiesWithFieldsOf(
    entities: { first: number; after?: string },
    fields: { first: number; after?: string },
  ): DataLoader<string, Page<EntityWithFields>> {
    const key = `${entities.first}:${entities.after ?? ''}:${fields.first}:${fields.after ?? ''}`;
    let loader = this.entityWithFieldsPages.get(key);
    if (!loader) {
      const entityCursor = entities.after ? decodeCursor(entities.after, POSITION_ORDER, 'numeric') : undefined;
      const fieldCursor = fields.after ? decodeCursor(fields.after, POSITION_ORDER, 'numeric') : undefined;
      loader = new DataLoader(async (serviceIds) => {
        const pages = await this.schemas.entitiesWithFields(
          serviceIds,
          { first: entities.first, after: entityCursor },
          { first: fields.first, after: fieldCursor },
          POSITION_ORDER,
        );
        return serviceIds.map((id) => pages.get(id)!);
      });
      this.entityWithFieldsPages.set(key, loader);
    }
    return loader;
  }

  fieldsOf(first: number, after?: string): DataLoader<string, Page<DataFieldEntity>> {
    return positionPages(this.fieldPages, first, after, (cursor) => async (entityIds) => {
      const pages = await this.schemas.fieldsByEntities(entityIds, first, POSITION_ORDER, cursor);
      return entityIds.map((id) => pages.get(id)!);
    });
  }
}

/** One DataLoader per page shape (`first`, `after`) of children ordered by position, made on first use. */
export function positionPages<T>(
  loaders: Map<string, DataLoader<string, Page<T>>>,
  first: number,
  after: string | undefined,
  batch: (cursor: ReturnType<typeof decodeCursor> | undefined) => DataLoader.BatchLoadFn<string, Page<T>>,
): DataLoader<string, Page<T>> {
  const key = `${first}:${after ?? ''}`;
  let loader = loaders.get(key);
  if (!loader) {
    loader = new DataLoader(batch(after ? decodeCursor(after, POSITION_ORDER, 'numeric') : undefined));
    loaders.set(key, loader);
  }
  return loader;
}

@Injectable()
export class SchemaLoaderFactory {
  constructor(private readonly schemas: SchemaRepository) {}

  create(): SchemaLoaders {
    return new SchemaLoaders(this.schemas);
  }
}
