import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Caller } from '../audit/audit-log';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Permission } from '../auth/roles';
import { PageArgs, toConnection } from '../common/graphql/pagination';
import type { RequestContext } from '../common/graphql/request-context';
import { MigrationPlanner } from './migration-planner';
import type { MigrationPlanResult, PlanInputs } from './plan.types';
import { ProfileArgs, profileRefOf } from '../scoring/scoring.input';
import { PlanIdArgs, PlanMigrationInput, PlannedServicesArgs, ReportArgs } from './planning.input';
import { Reports } from './reports';
import {
  MigrationPlanConnection,
  MigrationPlanModel,
  MigrationWaveModel,
  PlanComparisonModel,
  PlannedServiceModel,
  PlanTotalsModel,
} from './planning.model';

const DEFAULT_WAVE_LENGTH_DAYS = 30;

export function planInputsOf(input: PlanMigrationInput): PlanInputs {
  const given = <T>(x: T | null | undefined): T | undefined => (x === null ? undefined : x);
  return {
    name: input.name,
    selection: { serviceKeys: given(input.serviceKeys), top: given(input.top), minScore: given(input.minScore) },
    profile: { name: input.profile ?? 'default', version: input.profileVersion ?? null },
    waveCapacity: { services: input.waveCapacity.services ?? null, effort: input.waveCapacity.effort ?? null },
    maxWaves: input.maxWaves ?? null,
    startDate: input.startDate ?? null,
    waveLengthDays: input.waveLengthDays ?? DEFAULT_WAVE_LENGTH_DAYS,
  };
}

@Resolver(() => MigrationPlanModel)
export class MigrationPlanResolver {
  constructor(
    private readonly planner: MigrationPlanner,
    private readonly reports: Reports,
  ) {}

  @Mutation(() => MigrationPlanModel, {
    description: 'Plans the retirement of the chosen services in dependency-ordered waves and saves the plan.',
  })
  @Requires(Permission.MANAGE_PLANS)
  async planMigration(
    @Args('input') input: PlanMigrationInput,
    @CurrentCaller() caller: Caller,
  ): Promise<MigrationPlanModel> {
    return MigrationPlanModel.from(await this.planner.create(planInputsOf(input), caller));
  }

  @Mutation(() => MigrationPlanModel, {
    description: 'Runs a saved plan’s inputs again, with the same profile version, on the estate as it is now.',
  })
  @Requires(Permission.MANAGE_PLANS)
  async rerunMigrationPlan(@Args() args: PlanIdArgs, @CurrentCaller() caller: Caller): Promise<MigrationPlanModel> {
    return MigrationPlanModel.from(await this.planner.rerun(args.id, caller));
  }

  @Query(() => MigrationPlanConnection, { description: 'Saved plans, newest first.' })
  @Requires(Permission.READ)
  async migrationPlans(@Args() args: PageArgs): Promise<MigrationPlanConnection> {
    return toConnection(await this.planner.list(args.first, args.after), MigrationPlanModel.from, () =>
      this.planner.count(),
    );
  }

  @Query(() => MigrationPlanModel)
  @Requires(Permission.READ)
  async migrationPlan(@Args() args: PlanIdArgs): Promise<MigrationPlanModel> {
    return MigrationPlanModel.from(await this.planner.get(args.id));
  }

  @ResolveField(() => PlanTotalsModel)
  async totals(@Parent() plan: MigrationPlanModel, @Context() ctx: RequestContext): Promise<PlanTotalsModel> {
    return PlanTotalsModel.from(await resultOf(plan, ctx));
  }

  @ResolveField(() => [MigrationWaveModel])
  async waves(@Parent() plan: MigrationPlanModel, @Context() ctx: RequestContext): Promise<MigrationWaveModel[]> {
    const result = await resultOf(plan, ctx);
    return result.waves.map((wave) => MigrationWaveModel.from(wave, result));
  }

  @ResolveField(() => [PlannedServiceModel], {
    description: 'Every selected service in wave order (unscheduled last), or those of one wave.',
  })
  async services(
    @Parent() plan: MigrationPlanModel,
    @Args() args: PlannedServicesArgs,
    @Context() ctx: RequestContext,
  ): Promise<PlannedServiceModel[]> {
    const result = await resultOf(plan, ctx);
    const wanted =
      args.wave === undefined || args.wave === null
        ? result.services
        : result.services.filter((s) => s.wave === args.wave);
    return wanted.map((s) => PlannedServiceModel.from(s, result.totals.currency));
  }

  @ResolveField(() => String, {
    description: 'The plan as a report: Markdown, self-contained HTML with charts, CSV (one row per service) or JSON.',
  })
  async report(
    @Parent() plan: MigrationPlanModel,
    @Args() args: ReportArgs,
    @Context() ctx: RequestContext,
  ): Promise<string> {
    // The plan's result is at hand (or batched with the other plans of the page): not read again.
    return this.reports.render(await resultOf(plan, ctx), args.format).body;
  }

  @ResolveField(() => PlanComparisonModel, {
    nullable: true,
    description: 'For a re-run: how it differs from the plan it repeats.',
  })
  async comparison(
    @Parent() plan: MigrationPlanModel,
    @Context() ctx: RequestContext,
  ): Promise<PlanComparisonModel | null> {
    if (!plan.rerunOf) return null;
    const [before, after] = await Promise.all([ctx.planningLoaders.result.load(plan.rerunOf), resultOf(plan, ctx)]);
    return PlanComparisonModel.of(before, after);
  }
}

@Resolver()
export class EstateReportResolver {
  constructor(private readonly reports: Reports) {}

  @Query(() => String, {
    description: 'The estate at a glance (inventory, coverage, portfolio quadrant, top candidates) as a report.',
  })
  @Requires(Permission.READ)
  async estateReport(@Args() args: ReportArgs, @Args() profile: ProfileArgs): Promise<string> {
    return (await this.reports.estate(args.format, profileRefOf(profile))).body;
  }
}

function resultOf(plan: MigrationPlanModel, ctx: RequestContext): Promise<MigrationPlanResult> {
  return plan.result ? Promise.resolve(plan.result) : ctx.planningLoaders.result.load(plan.id);
}
