import type { Caller } from '../audit/audit-log';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Permission } from '../auth/roles';
import { Args, ArgsType, Context, Field, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageArgs, toConnection } from '../common/graphql/pagination';
import type { RequestContext } from '../common/graphql/request-context';
import { ServiceConnection, ServiceModel } from './service.model';
import { TeamRegistry } from './team-registry';
import { TeamInput } from './team.input';
import { TeamConnection, TeamModel, UpsertTeamPayload } from './team.model';

@ArgsType()
export class TeamsArgs extends PageArgs {
  @Field({ nullable: true, description: 'Substring of the key or name.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

@Resolver(() => TeamModel)
export class TeamResolver {
  constructor(private readonly registry: TeamRegistry) {}

  @Query(() => TeamModel, { nullable: true })
  @Requires(Permission.READ)
  async team(@Args('key') key: string): Promise<TeamModel | null> {
    const team = await this.registry.get(key);
    return team && TeamModel.from(team);
  }

  @Query(() => TeamConnection, { description: 'Teams ordered by key.' })
  @Requires(Permission.READ)
  async teams(@Args() args: TeamsArgs): Promise<TeamConnection> {
    const page = await this.registry.list(args.first, args.search, args.after);
    return toConnection(page, TeamModel.from, () => this.registry.count(args.search));
  }

  @Mutation(() => UpsertTeamPayload)
  @Requires(Permission.ADMINISTER)
  async upsertTeam(@Args('input') input: TeamInput, @CurrentCaller() caller: Caller): Promise<UpsertTeamPayload> {
    const { team, outcome } = await this.registry.upsert(input, caller);
    return { team: TeamModel.from(team), outcome };
  }

  @ResolveField(() => ServiceConnection, { description: 'Live services of the team, by name.' })
  async services(
    @Parent() team: TeamModel,
    @Args() args: PageArgs,
    @Context() ctx: RequestContext,
  ): Promise<ServiceConnection> {
    const page = await ctx.loaders.teamServices(args.first, args.after).load(team.id);
    return toConnection(page, ServiceModel.from, () => ctx.loaders.teamServiceCount.load(team.id));
  }

  @ResolveField(() => Int)
  serviceCount(@Parent() team: TeamModel, @Context() ctx: RequestContext): Promise<number> {
    return ctx.loaders.teamServiceCount.load(team.id);
  }
}
