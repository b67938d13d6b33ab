import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Caller } from '../audit/audit-log';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Permission } from '../auth/roles';
import { toConnection } from '../common/graphql/pagination';
import type { RequestContext } from '../common/graphql/request-context';
import { ServiceModel } from '../inventory/service.model';
import {
  ProfileArgs,
  profileRefOf,
  RetirementCandidatesArgs,
  SaveScoringProfileInput,
  SimulateRetirementArgs,
} from './scoring.input';
import {
  AiReadinessScoreModel,
  RetirementCandidateConnection,
  RetirementCandidateModel,
  RetirementScoreModel,
  RetirementSimulationModel,
  ScoringProfileModel,
  profileRef,
} from './scoring.model';
import { ScoringService } from './scoring.service';

/** Scores of the estate: computed per request from the facts, never stored. */
@Resolver(() => ServiceModel)
export class ServiceScoresResolver {
  @ResolveField(() => AiReadinessScoreModel, {
    nullable: true,
    description: 'How well its data suits AI consumption (0–100), factor by factor. Null for a deleted service.',
  })
  async aiReadiness(
    @Parent() service: ServiceModel,
    @Args() profile: ProfileArgs,
    @Context() ctx: RequestContext,
  ): Promise<AiReadinessScoreModel | null> {
    const estate = await ctx.scoringLoaders.estate(profileRefOf(profile));
    const scored = estate.byId.get(service.id);
    return scored ? AiReadinessScoreModel.from(scored.scores.aiReadiness, estate.profile) : null;
  }

  @ResolveField(() => RetirementScoreModel, {
    nullable: true,
    description:
      'How strong a retirement candidate it is (0–100), factor by factor, with its TIME disposition. Null for a deleted service.',
  })
  async retirement(
    @Parent() service: ServiceModel,
    @Args() profile: ProfileArgs,
    @Context() ctx: RequestContext,
  ): Promise<RetirementScoreModel | null> {
    const estate = await ctx.scoringLoaders.estate(profileRefOf(profile));
    const scored = estate.byId.get(service.id);
    return scored ? RetirementScoreModel.from(scored.scores, estate.profile) : null;
  }
}

@Resolver()
export class ScoringResolver {
  constructor(private readonly scoring: ScoringService) {}

  @Query(() => RetirementCandidateConnection, {
    description:
      'Services ranked by retirement score, highest first (ties by key). RETIRED services only when asked for by lifecycle.',
  })
  @Requires(Permission.READ)
  async retirementCandidates(
    @Args() args: RetirementCandidatesArgs,
    @Args() profile: ProfileArgs,
    @Context() ctx: RequestContext,
  ): Promise<RetirementCandidateConnection> {
    const estate = await ctx.scoringLoaders.estate(profileRefOf(profile));
    const filter = { ...args.filter, ownerTeamKeys: args.filter?.ownerTeams };
    const page = this.scoring.candidates(estate, filter, args.first, args.after);
    const connection = toConnection(
      page,
      (c) =>
        Object.assign(new RetirementCandidateModel(), {
          rank: c.rank,
          service: ServiceModel.from(c.row),
          retirement: RetirementScoreModel.from(c.scores, estate.profile),
          aiReadiness: AiReadinessScoreModel.from(c.scores.aiReadiness, estate.profile),
        }),
      () => Promise.resolve(page.total),
    );
    return Object.assign(connection, { profile: profileRef(estate.profile) });
  }

  @Query(() => RetirementSimulationModel, {
    description:
      'What retiring these services would do: data left without a source, broken integrations, savings, scores before and after.',
  })
  @Requires(Permission.READ)
  async simulateRetirement(
    @Args() args: SimulateRetirementArgs,
    @Args() profile: ProfileArgs,
  ): Promise<RetirementSimulationModel> {
    const result = await this.scoring.simulate(args.serviceKeys, profileRefOf(profile));
    return RetirementSimulationModel.from(result);
  }

  @Query(() => [ScoringProfileModel], {
    description: 'The latest version of every scoring profile; the built-in default first.',
  })
  @Requires(Permission.READ)
  async scoringProfiles(): Promise<ScoringProfileModel[]> {
    return (await this.scoring.listProfiles()).map(ScoringProfileModel.from);
  }

  @Query(() => ScoringProfileModel, { description: 'A scoring profile: its latest version, or the one asked for.' })
  @Requires(Permission.READ)
  async scoringProfile(@Args() args: ProfileArgs): Promise<ScoringProfileModel> {
    return ScoringProfileModel.from(await this.scoring.profile(profileRefOf(args)));
  }

  @Mutation(() => ScoringProfileModel, {
    description: 'Saves the next version of a scoring profile (architects and admins).',
  })
  @Requires(Permission.MANAGE_SCORING)
  async saveScoringProfile(
    @Args('input') input: SaveScoringProfileInput,
    @CurrentCaller() caller: Caller,
  ): Promise<ScoringProfileModel> {
    return ScoringProfileModel.from(await this.scoring.saveProfile(input, caller));
  }
}
