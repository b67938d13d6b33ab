import { Args, Context, ID, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Caller } from '../audit/audit-log';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Permission } from '../auth/roles';
import { decodeCursor } from '../common/cursor';
import { DomainError } from '../common/errors';
import { PageArgs, toConnection } from '../common/graphql/pagination';
import type { RequestContext } from '../common/graphql/request-context';
import { ServiceModel } from '../inventory/service.model';
import { SchemaRegistry } from './schema-registry';
import {
  DataEntityConnection,
  DataEntityModel,
  DataFieldConnection,
  DataFieldModel,
  DataFieldsArgs,
  PutServiceSchemaArgs,
  SchemaChangeSetModel,
} from './schema.model';
import { SchemaRepository } from './schema.repository';
import { ImportServiceSchemaArgs, SchemaImportModel } from './schema-import.model';
import { isUuid } from '../common/validators';
import { attachFields, prefetchedFields, selectedFieldsPage } from './prefetched-fields';

const FIELD_SEARCH_ORDER = 'NAME_ASC';

@Resolver(() => DataEntityModel)
export class DataEntityResolver {
  constructor(
    private readonly registry: SchemaRegistry,
    private readonly schemas: SchemaRepository,
  ) {}

  @Mutation(() => SchemaChangeSetModel, {
    description: 'Sets the entities and fields of a service (REPLACE or MERGE) and returns the change set.',
  })
  @Requires(Permission.WRITE_INVENTORY)
  async putServiceSchema(
    @Args() args: PutServiceSchemaArgs,
    @CurrentCaller() caller: Caller,
  ): Promise<SchemaChangeSetModel> {
    const changes = await this.registry.put(args.serviceKey, args.entities, args.mode, args.dryRun, caller);
    return { ...changes, dryRun: args.dryRun };
  }

  @Mutation(() => SchemaImportModel, {
    description:
      'Reads an OpenAPI, JSON Schema, SQL DDL, CSV or Estate JSON description of the service’s data and applies it ' +
      '(REPLACE or MERGE). A file that cannot be read is refused with the line/column or JSON pointer of each problem.',
  })
  @Requires(Permission.WRITE_INVENTORY)
  async importServiceSchema(
    @Args() args: ImportServiceSchemaArgs,
    @CurrentCaller() caller: Caller,
  ): Promise<SchemaImportModel> {
    const { serviceKey, content, format, ...options } = args;
    const outcome = await this.registry.importFile(serviceKey, content, format, options, caller);
    return { ...outcome, changes: { ...outcome.changes, dryRun: args.dryRun } };
  }

  @Query(() => DataEntityModel, { nullable: true })
  @Requires(Permission.READ)
  async dataEntity(@Args('id', { type: () => ID }) id: string): Promise<DataEntityModel | null> {
    if (!isUuid(id)) throw DomainError.badInput([{ path: 'id', message: 'must be a data entity id (UUID)' }]);
    const entity = await this.schemas.findEntity(id);
    return entity && DataEntityModel.from(entity);
  }

  @Query(() => DataFieldConnection, { description: 'Fields anywhere in the estate, by name.' })
  @Requires(Permission.READ)
  async dataFields(@Args() args: DataFieldsArgs): Promise<DataFieldConnection> {
    const filter = {
      search: args.filter?.search,
      types: args.filter?.type,
      piiClasses: args.filter?.piiClass,
      pii: args.filter?.pii,
      serviceKeys: args.filter?.serviceKey,
    };
    const cursor = args.after ? decodeCursor(args.after, FIELD_SEARCH_ORDER, 'text') : undefined;
    const page = await this.schemas.searchFields(filter, args.first, FIELD_SEARCH_ORDER, cursor);
    return toConnection(page, DataFieldModel.from, () => this.schemas.countFields(filter));
  }

  @ResolveField(() => DataFieldConnection, { description: 'Fields in their order.' })
  async fields(
    @Parent() entity: DataEntityModel,
    @Args() args: PageArgs,
    @Context() ctx: RequestContext,
  ): Promise<DataFieldConnection> {
    const totalCount = () => ctx.schemaLoaders.fieldCount.load(entity.id);
    const prefetched = prefetchedFields(entity, args, totalCount);
    if (prefetched) return prefetched;
    const page = await ctx.schemaLoaders.fieldsOf(args.first, args.after).load(entity.id);
    return toConnection(page, DataFieldModel.from, totalCount);
  }

  @ResolveField(() => ServiceModel)
  async service(@Parent() entity: DataEntityModel, @Context() ctx: RequestContext): Promise<ServiceModel> {
    const service = await ctx.loaders.serviceById.load(entity.serviceId);
    if (!service) throw new Error(`service ${entity.serviceId} of entity ${entity.id} not found`);
    return ServiceModel.from(service);
  }
}

@Resolver(() => DataFieldModel)
export class DataFieldResolver {
  @ResolveField(() => DataEntityModel)
  async entity(@Parent() field: DataFieldModel, @Context() ctx: RequestContext): Promise<DataEntityModel> {
    const entity = await ctx.schemaLoaders.entityById.load(field.entityId);
    if (!entity) throw new Error(`entity ${field.entityId} of field ${field.id} not found`);
    return DataEntityModel.from(entity);
  }
}

@Resolver(() => ServiceModel)
export class ServiceEntitiesResolver {
  @ResolveField(() => DataEntityConnection, { description: 'The data entities of this service, in their order.' })
  async entities(
    @Parent() service: ServiceModel,
    @Args() args: PageArgs,
    @Context() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DataEntityConnection> {
    // All that is asked for, built as the response's JSON by PostgreSQL, in one statement for the batch.
    const plan = ctx.schemaLoaders.entityConnectionPlan(info, args);
    if (plan) return (await ctx.schemaLoaders.entityConnections(plan).load(service.id)) as DataEntityConnection;
    const totalCount = () => ctx.schemaLoaders.entityCount.load(service.id);
    // Fields asked for below: read with the entities, in the same statement (see entitiesWithFields).
    const fields = selectedFieldsPage(info);
    if (fields) {
      const page = await ctx.schemaLoaders.entitiesWithFieldsOf(args, fields).load(service.id);
      return toConnection(page, (e) => attachFields(DataEntityModel.from(e), fields, e.fieldRows), totalCount);
    }
    const page = await ctx.schemaLoaders.entitiesOf(args.first, args.after).load(service.id);
    return toConnection(page, DataEntityModel.from, totalCount);
  }
}
