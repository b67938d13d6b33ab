import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Caller } from '../audit/audit-log';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Permission } from '../auth/roles';
import { DomainError } from '../common/errors';
import { PageArgs, toConnection } from '../common/graphql/pagination';
import type { RequestContext } from '../common/graphql/request-context';
import { isUuid } from '../common/validators';
import { SchemaChangeSetModel } from '../schemas/schema.model';
import { UnifiedSchemaService } from './unified-schema.service';
import {
  ImportUnifiedSchemaArgs,
  PublishUnifiedSchemaArgs,
  PutUnifiedSchemaArgs,
  UnifiedEntitiesArgs,
  UnifiedEntityArgs,
  UnifiedSchemaDocumentArgs,
} from './unified.args';
import {
  UnifiedEntityConnection,
  UnifiedEntityModel,
  UnifiedFieldConnection,
  UnifiedFieldModel,
  UnifiedSchemaImportModel,
  UnifiedSchemaVersionConnection,
  UnifiedSchemaVersionModel,
} from './unified.model';

function uuidArgument(id: string, what: string): string {
  if (!isUuid(id)) throw DomainError.badInput([{ path: 'id', message: `must be a ${what} id (UUID)` }]);
  return id;
}

@Resolver(() => UnifiedEntityModel)
export class UnifiedEntityResolver {
  constructor(private readonly unified: UnifiedSchemaService) {}

  @Query(() => UnifiedEntityConnection, { description: 'The entities of the unified schema’s draft, by name.' })
  @Requires(Permission.READ)
  async unifiedEntities(@Args() args: UnifiedEntitiesArgs): Promise<UnifiedEntityConnection> {
    const filter = { search: args.filter?.search };
    const page = await this.unified.listEntities(filter, args.first, args.after);
    return toConnection(page, UnifiedEntityModel.from, () => this.unified.countEntities(filter));
  }

  @Query(() => UnifiedEntityModel, { nullable: true, description: 'One entity of the draft, by id or by name.' })
  @Requires(Permission.READ)
  async unifiedEntity(@Args() args: UnifiedEntityArgs): Promise<UnifiedEntityModel | null> {
    if ((args.id == null) === (args.name == null)) {
      throw DomainError.badInput([{ path: 'id', message: 'give exactly one of id and name' }]);
    }
    const by = args.id != null ? { id: uuidArgument(args.id, 'unified entity') } : { name: args.name! };
    const entity = await this.unified.findEntity(by);
    return entity && UnifiedEntityModel.from(entity);
  }

  @Mutation(() => SchemaChangeSetModel, {
    description:
      'Sets the entities and fields of the unified schema’s draft (REPLACE or MERGE) and returns the change set.',
  })
  @Requires(Permission.MANAGE_UNIFIED)
  async putUnifiedSchema(
    @Args() args: PutUnifiedSchemaArgs,
    @CurrentCaller() caller: Caller,
  ): Promise<SchemaChangeSetModel> {
    const changes = await this.unified.put(args.entities, args.mode, args.dryRun, caller);
    return { ...changes, dryRun: args.dryRun };
  }

  @Mutation(() => UnifiedSchemaImportModel, {
    description:
      'Reads a unified schema document ({"entities": [{"name", "fields": [{"name", "type", …}]}]}, JSON or YAML) and ' +
      'applies it to the draft (REPLACE or MERGE). A document that cannot be read is refused with the line, column ' +
      'and JSON pointer of each problem.',
  })
  @Requires(Permission.MANAGE_UNIFIED)
  async importUnifiedSchema(
    @Args() args: ImportUnifiedSchemaArgs,
    @CurrentCaller() caller: Caller,
  ): Promise<UnifiedSchemaImportModel> {
    const outcome = await this.unified.importDocument(args.content, args, caller);
    return { ...outcome, changes: { ...outcome.changes, dryRun: args.dryRun } };
  }

  @Mutation(() => SchemaChangeSetModel, { description: 'Removes an entity and its fields from the draft.' })
  @Requires(Permission.MANAGE_UNIFIED)
  async deleteUnifiedEntity(
    @Args('id', { type: () => ID }) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<SchemaChangeSetModel> {
    const changes = await this.unified.deleteEntity(uuidArgument(id, 'unified entity'), caller);
    return { ...changes, dryRun: false };
  }

  @ResolveField(() => UnifiedFieldConnection, { description: 'Fields in their order.' })
  async fields(
    @Parent() entity: UnifiedEntityModel,
    @Args() args: PageArgs,
    @Context() ctx: RequestContext,
  ): Promise<UnifiedFieldConnection> {
    const page = await ctx.unifiedLoaders.fieldsOf(args.first, args.after).load(entity.id);
    return toConnection(page, UnifiedFieldModel.from, () => ctx.unifiedLoaders.fieldCount.load(entity.id));
  }
}

@Resolver(() => UnifiedFieldModel)
export class UnifiedFieldResolver {
  constructor(private readonly unified: UnifiedSchemaService) {}

  @Mutation(() => SchemaChangeSetModel, { description: 'Removes a field from its entity in the draft.' })
  @Requires(Permission.MANAGE_UNIFIED)
  async deleteUnifiedField(
    @Args('id', { type: () => ID }) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<SchemaChangeSetModel> {
    const changes = await this.unified.deleteField(uuidArgument(id, 'unified field'), caller);
    return { ...changes, dryRun: false };
  }

  @ResolveField(() => UnifiedEntityModel)
  async entity(@Parent() field: UnifiedFieldModel, @Context() ctx: RequestContext): Promise<UnifiedEntityModel> {
    const entity = await ctx.unifiedLoaders.entityById.load(field.entityId);
    if (!entity) throw new Error(`unified entity ${field.entityId} of field ${field.id} not found`);
    return UnifiedEntityModel.from(entity);
  }
}

@Resolver(() => UnifiedSchemaVersionModel)
export class UnifiedSchemaVersionResolver {
  constructor(private readonly unified: UnifiedSchemaService) {}

  @Query(() => UnifiedSchemaVersionConnection, {
    description: 'Published versions of the unified schema, newest first.',
  })
  @Requires(Permission.READ)
  async unifiedSchemaVersions(@Args() args: PageArgs): Promise<UnifiedSchemaVersionConnection> {
    const page = await this.unified.listVersions(args.first, args.after);
    return toConnection(page, UnifiedSchemaVersionModel.from, () => this.unified.countVersions());
  }

  @Query(() => String, {
    description:
      'The unified schema as a document importUnifiedSchema reads: the draft, or a published version as it was frozen.',
  })
  @Requires(Permission.READ)
  unifiedSchemaDocument(@Args() args: UnifiedSchemaDocumentArgs): Promise<string> {
    return this.unified.document(args.version ?? undefined, args.format);
  }

  @Mutation(() => UnifiedSchemaVersionModel, {
    description:
      'Freezes the draft as the next version. CONFLICT when it has not changed since the latest version; ' +
      'BAD_USER_INPUT when it is empty.',
  })
  @Requires(Permission.MANAGE_UNIFIED)
  async publishUnifiedSchema(
    @Args() args: PublishUnifiedSchemaArgs,
    @CurrentCaller() caller: Caller,
  ): Promise<UnifiedSchemaVersionModel> {
    return UnifiedSchemaVersionModel.from(await this.unified.publish(args.note, caller));
  }
}
