import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '../audit/audit-log';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Permission } from '../auth/roles';
import { decodeCursor } from '../common/cursor';
import { DomainError } from '../common/errors';
import { toConnection } from '../common/graphql/pagination';
import { isUuid } from '../common/validators';
import { MAPPING_ORDER, MappingRepository } from './mapping.repository';
import {
  ConfirmMappingArgs,
  ConfirmMappingsArgs,
  MappingsArgs,
  RejectMappingArgs,
  SetFieldMappingArgs,
  SuggestMappingsArgs,
} from './mapping.input';
import {
  BulkConfirmationModel,
  EntityMappingModel,
  FieldMappingConnection,
  FieldMappingModel,
  SuggestMappingsModel,
} from './mapping.model';
import { MappingService } from './mapping.service';
import { MappingStatus } from './mapping.types';

@Resolver(() => FieldMappingModel)
export class MappingResolver {
  constructor(
    private readonly service: MappingService,
    private readonly repository: MappingRepository,
  ) {}

  @Mutation(() => SuggestMappingsModel, {
    description:
      'Ranks unified fields for every field of the service without a confirmed mapping and stores the best as ' +
      'SUGGESTED (with its confidence and reasons). Decisions are never overwritten; rejected pairs are not suggested again.',
  })
  @Requires(Permission.MANAGE_UNIFIED)
  async suggestMappings(
    @Args() args: SuggestMappingsArgs,
    @CurrentCaller() caller: Caller,
  ): Promise<SuggestMappingsModel> {
    return SuggestMappingsModel.from(await this.service.suggest(args.serviceKey, args.entityName ?? undefined, caller));
  }

  @Mutation(() => FieldMappingModel, { description: 'Confirms a field mapping; an invalid transformation is refused.' })
  @Requires(Permission.MANAGE_UNIFIED)
  async confirmMapping(@Args() args: ConfirmMappingArgs, @CurrentCaller() caller: Caller): Promise<FieldMappingModel> {
    const row = await this.service.confirm(
      args.id,
      { transformation: args.transformation, isSystemOfRecord: args.isSystemOfRecord },
      caller,
    );
    return FieldMappingModel.from(row);
  }

  @Mutation(() => FieldMappingModel, { description: 'Rejects a field mapping: the pair is never suggested again.' })
  @Requires(Permission.MANAGE_UNIFIED)
  async rejectMapping(@Args() args: RejectMappingArgs, @CurrentCaller() caller: Caller): Promise<FieldMappingModel> {
    return FieldMappingModel.from(await this.service.reject(args.id, args.reason, caller));
  }

  @Mutation(() => FieldMappingModel, { description: 'Maps a service field onto a unified field by hand (CONFIRMED).' })
  @Requires(Permission.MANAGE_UNIFIED)
  async setFieldMapping(
    @Args() args: SetFieldMappingArgs,
    @CurrentCaller() caller: Caller,
  ): Promise<FieldMappingModel> {
    const row = await this.service.set(
      args.dataFieldId,
      args.unifiedFieldId,
      { transformation: args.transformation, isSystemOfRecord: args.isSystemOfRecord },
      caller,
    );
    return FieldMappingModel.from(row);
  }

  @Mutation(() => BulkConfirmationModel, {
    description:
      'Confirms the best suggestion of every field at or above minConfidence (of one service or everywhere).',
  })
  @Requires(Permission.MANAGE_UNIFIED)
  async confirmMappings(
    @Args() args: ConfirmMappingsArgs,
    @CurrentCaller() caller: Caller,
  ): Promise<BulkConfirmationModel> {
    return BulkConfirmationModel.from(
      await this.service.confirmAbove(args.minConfidence, args.serviceKey ?? undefined, caller),
    );
  }

  @Mutation(() => EntityMappingModel, {
    description: 'Confirms an entity mapping: its fields are matched within that unified entity.',
  })
  @Requires(Permission.MANAGE_UNIFIED)
  async confirmEntityMapping(@Args('id') id: string, @CurrentCaller() caller: Caller): Promise<EntityMappingModel> {
    return EntityMappingModel.from(await this.service.decideEntity(id, MappingStatus.CONFIRMED, caller));
  }

  @Mutation(() => EntityMappingModel, { description: 'Rejects an entity mapping: it is not suggested again.' })
  @Requires(Permission.MANAGE_UNIFIED)
  async rejectEntityMapping(@Args('id') id: string, @CurrentCaller() caller: Caller): Promise<EntityMappingModel> {
    return EntityMappingModel.from(await this.service.decideEntity(id, MappingStatus.REJECTED, caller));
  }

  @Query(() => FieldMappingConnection, { description: 'Field mappings, most confident first: the review queue.' })
  @Requires(Permission.READ)
  async mappings(@Args() args: MappingsArgs): Promise<FieldMappingConnection> {
    const unifiedFieldId = args.filter?.unifiedFieldId;
    if (unifiedFieldId !== undefined && !isUuid(unifiedFieldId)) {
      throw DomainError.badInput([{ path: 'filter.unifiedFieldId', message: 'must be a unified field id (UUID)' }]);
    }
    const filter = {
      serviceKeys: args.filter?.serviceKey,
      statuses: args.filter?.status,
      unifiedEntity: args.filter?.unifiedEntity,
      unifiedFieldId,
      minConfidence: args.filter?.minConfidence,
    };
    const cursor = args.after ? decodeCursor(args.after, MAPPING_ORDER, 'numeric') : undefined;
    const page = await this.repository.listFieldMappings(filter, args.first, cursor);
    return toConnection(page, FieldMappingModel.from, () => this.repository.countFieldMappings(filter));
  }

  @Query(() => [EntityMappingModel], { description: 'The entity mappings of a service, any status.' })
  @Requires(Permission.READ)
  async entityMappings(@Args('serviceKey') serviceKey: string): Promise<EntityMappingModel[]> {
    return (await this.service.entityMappingsOfService(serviceKey)).map(EntityMappingModel.from);
  }
}
