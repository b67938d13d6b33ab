import type { Caller } from '../audit/audit-log';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Permission } from '../auth/roles';
import { Args, Context, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { toConnection } from '../common/graphql/pagination';
import { precompute } from '../common/graphql/precomputed';
import { selectedField } from '../common/graphql/selection';
import type { RequestContext } from '../common/graphql/request-context';
import { ImportReport } from './import.model';
import { IntegrationModel } from './integration.model';
import { ServiceCatalog } from './service-catalog';
import { ImpactArgs, ServicesArgs } from './service.args';
import { ServiceInput, ServicePatch } from './service.input';
import { ImpactedService, ServiceConnection, ServiceModel, UpsertServicePayload } from './service.model';
import type { ServiceListFilter } from './service-query';
import { TeamModel } from './team.model';
import { readAheadEntities } from '../schemas/entity-read-ahead';

const IMPACT_BASE_COST = 100;
/** Unpaged lists: priced as if each service had this many integrations, so that chains through them add up. */
const INTEGRATIONS_FAN_OUT = 10;
const IMPACT_FAN_OUT = 20;

@Resolver(() => ServiceModel)
export class ServiceResolver {
  constructor(private readonly catalog: ServiceCatalog) {}

  @Query(() => ServiceModel, { nullable: true, description: 'A service by key (case-insensitive).' })
  @Requires(Permission.READ)
  async service(
    @Args('key') key: string,
    @Args('includeDeleted', { defaultValue: false }) includeDeleted: boolean,
  ): Promise<ServiceModel | null> {
    const service = await this.catalog.get(key, includeDeleted);
    return service && ServiceModel.from(service);
  }

  @Query(() => ServiceConnection)
  @Requires(Permission.READ)
  async services(
    @Args() args: ServicesArgs,
    @Context() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ServiceConnection> {
    const filter = toListFilter(args.filter);
    const page = await this.catalog.list(filter, args.orderBy ?? {}, args.first, args.after);
    const connection = toConnection(page, ServiceModel.from, () => this.catalog.count(filter));
    await readAhead(
      connection.edges.map((edge) => edge.node),
      info,
      ctx,
    );
    return connection;
  }

  @Mutation(() => UpsertServicePayload, {
    description: 'Creates or replaces a service by key. An identical payload changes nothing (outcome UNCHANGED).',
  })
  @Requires(Permission.WRITE_INVENTORY)
  async upsertService(
    @Args('input') input: ServiceInput,
    @CurrentCaller() caller: Caller,
  ): Promise<UpsertServicePayload> {
    const { service, outcome } = await this.catalog.upsert(input, caller);
    return { service: ServiceModel.from(service), outcome };
  }

  @Mutation(() => UpsertServicePayload, {
    description: 'Changes some fields of a service if it is still at expectedVersion; otherwise CONFLICT.',
  })
  @Requires(Permission.WRITE_INVENTORY)
  async updateService(
    @Args('key') key: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('patch') patch: ServicePatch,
    @CurrentCaller() caller: Caller,
  ): Promise<UpsertServicePayload> {
    const { service, outcome } = await this.catalog.update(key, expectedVersion, patch, caller);
    return { service: ServiceModel.from(service), outcome };
  }

  @Mutation(() => ServiceModel, { description: 'Soft-deletes a service: hidden from lists, restorable.' })
  @Requires(Permission.WRITE_INVENTORY)
  async deleteService(@Args('key') key: string, @CurrentCaller() caller: Caller): Promise<ServiceModel> {
    return ServiceModel.from(await this.catalog.remove(key, caller));
  }

  @Mutation(() => ServiceModel)
  @Requires(Permission.WRITE_INVENTORY)
  async restoreService(@Args('key') key: string, @CurrentCaller() caller: Caller): Promise<ServiceModel> {
    return ServiceModel.from(await this.catalog.restore(key, caller));
  }

  @Mutation(() => ImportReport, {
    description: 'All rows or none, in one transaction. Errors name the row index and field path.',
  })
  @Requires(Permission.WRITE_INVENTORY)
  importServices(
    @Args('input', { type: () => [ServiceInput] }) input: ServiceInput[],
    @Args('dryRun', { defaultValue: false }) dryRun: boolean,
    @CurrentCaller() caller: Caller,
  ): Promise<ImportReport> {
    return this.catalog.importMany(input, dryRun, caller);
  }

  @ResolveField(() => TeamModel)
  async ownerTeam(@Parent() service: ServiceModel, @Context() ctx: RequestContext): Promise<TeamModel> {
    const team = await ctx.loaders.teamById.load(service.ownerTeamId);
    if (!team) throw new Error(`owner team ${service.ownerTeamId} of ${service.key} not found`);
    return TeamModel.from(team);
  }

  @ResolveField(() => [IntegrationModel], {
    description: 'Integrations whose data flows into this service.',
    complexity: ({ childComplexity }) => 1 + childComplexity * INTEGRATIONS_FAN_OUT,
  })
  async upstream(@Parent() service: ServiceModel, @Context() ctx: RequestContext): Promise<IntegrationModel[]> {
    return (await ctx.loaders.upstream.load(service.id)).map(IntegrationModel.from);
  }

  @ResolveField(() => [IntegrationModel], {
    description: 'Integrations whose data flows out of this service.',
    complexity: ({ childComplexity }) => 1 + childComplexity * INTEGRATIONS_FAN_OUT,
  })
  async downstream(@Parent() service: ServiceModel, @Context() ctx: RequestContext): Promise<IntegrationModel[]> {
    return (await ctx.loaders.downstream.load(service.id)).map(IntegrationModel.from);
  }

  @ResolveField(() => Int, { description: "Number of distinct services consuming this service's data." })
  dependents(@Parent() service: ServiceModel, @Context() ctx: RequestContext): Promise<number> {
    return ctx.loaders.dependents.load(service.id);
  }

  @ResolveField(() => [ImpactedService], {
    description: 'Every service reachable through integrations, nearest first, with one shortest path each.',
    // One recursive query per parent that may reach the whole estate: priced so that a page of 100
    // services may ask for it once, but impact nested in impact is refused.
    complexity: ({ childComplexity }) => IMPACT_BASE_COST + childComplexity * IMPACT_FAN_OUT,
  })
  async impact(
    @Parent() service: ServiceModel,
    @Args() args: ImpactArgs,
    @Context() ctx: RequestContext,
  ): Promise<ImpactedService[]> {
    const rows = await this.catalog.impact(service.id, args.direction, args.maxDepth);
    const reached = await ctx.loaders.serviceById.loadMany(rows.map((r) => r.serviceId));
    return rows.map((row, i) => ({
      service: ServiceModel.from(reached[i] as Exclude<(typeof reached)[number], Error | null>),
      distance: row.distance,
      path: row.path,
    }));
  }
}

function toListFilter(filter: ServicesArgs['filter']): ServiceListFilter {
  return {
    kinds: filter?.kind,
    lifecycles: filter?.lifecycle,
    criticalities: filter?.criticality,
    ownerTeams: filter?.ownerTeam,
    categories: filter?.category,
    vendors: filter?.vendor,
    tags: filter?.tag,
    search: filter?.search,
    includeDeleted: filter?.includeDeleted,
  };
}

/**
 * What the services of a page will each be asked for, read now for the whole page (one statement
 * each, as their loaders would), so that their resolvers do not run per service.
 */
async function readAhead(services: ServiceModel[], info: GraphQLResolveInfo, ctx: RequestContext): Promise<void> {
  await Promise.all([readAheadOwnerTeams(services, info, ctx), readAheadEntities(services, info, ctx.schemaLoaders)]);
}

async function readAheadOwnerTeams(
  services: ServiceModel[],
  info: GraphQLResolveInfo,
  ctx: RequestContext,
): Promise<void> {
  if (services.length === 0 || !selectedField(info, ['edges', 'node', 'ownerTeam'])) return;
  const teams = await ctx.loaders.teamById.loadMany(services.map((service) => service.ownerTeamId));
  services.forEach((service, i) => {
    const team = teams[i];
    // A missing team is left to the resolver, which says so.
    if (team && !(team instanceof Error)) precompute(service, 'ownerTeam', TeamModel.from(team));
  });
}
