import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Requires } from '../auth/access.decorators';
import { Permission } from '../auth/roles';
import { PageArgs, toConnection } from '../common/graphql/pagination';
import type { RequestContext } from '../common/graphql/request-context';
import { ServiceModel } from '../inventory/service.model';
import { DataFieldConnection, DataFieldModel } from '../schemas/schema.model';
import { CoverageServicesArgs } from './coverage.args';
import {
  CoverageReportModel,
  ServiceCoverageConnection,
  ServiceCoverageModel,
  UnifiedFieldSourceModel,
} from './coverage.model';
import { CoverageService } from './coverage.service';
import { Sourcing } from './coverage.types';
import { UnifiedFieldConnection, UnifiedFieldModel } from './unified.model';

/** Unpaged list: priced as if each unified field had this many sources. */
const SOURCES_FAN_OUT = 10;

@Resolver(() => ServiceModel)
export class ServiceCoverageResolver {
  @ResolveField(() => ServiceCoverageModel, { description: 'How much of its data is mapped onto the unified schema.' })
  async coverage(@Parent() service: ServiceModel, @Context() ctx: RequestContext): Promise<ServiceCoverageModel> {
    const counts = await ctx.coverageLoaders.serviceCoverage.load(service.id);
    if (!counts) throw new Error(`coverage of service ${service.id} not found`);
    return ServiceCoverageModel.from(counts);
  }
}

@Resolver(() => ServiceCoverageModel)
export class ServiceCoverageFieldsResolver {
  @ResolveField(() => DataFieldConnection, {
    description: 'Fields without a CONFIRMED mapping, in schema order (entity, then field).',
  })
  async unmappedFields(
    @Parent() coverage: ServiceCoverageModel,
    @Args() args: PageArgs,
    @Context() ctx: RequestContext,
  ): Promise<DataFieldConnection> {
    const page = await ctx.coverageLoaders.unmappedFieldsOf(args.first, args.after).load(coverage.serviceId);
    return toConnection(page, DataFieldModel.from, () => Promise.resolve(coverage.fields - coverage.mappedFields));
  }
}

@Resolver(() => UnifiedFieldModel)
export class UnifiedFieldSourcesResolver {
  @ResolveField(() => [UnifiedFieldSourceModel], {
    description:
      'Every mapping onto this field that is not REJECTED (live services only): CONFIRMED first, then by service key.',
    complexity: ({ childComplexity }) => 1 + childComplexity * SOURCES_FAN_OUT,
  })
  async sources(
    @Parent() field: UnifiedFieldModel,
    @Context() ctx: RequestContext,
  ): Promise<UnifiedFieldSourceModel[]> {
    return (await ctx.coverageLoaders.sources.load(field.id)).map(UnifiedFieldSourceModel.from);
  }

  @ResolveField(() => Boolean, { description: 'Exactly one service supplies it through CONFIRMED mappings.' })
  async singleSource(@Parent() field: UnifiedFieldModel, @Context() ctx: RequestContext): Promise<boolean> {
    return (await ctx.coverageLoaders.sourceVerdict.load(field.id))?.singleSource ?? false;
  }

  @ResolveField(() => Boolean, {
    description: 'Two or more services have CONFIRMED mappings onto it that each claim to be the system of record.',
  })
  async conflictingMasters(@Parent() field: UnifiedFieldModel, @Context() ctx: RequestContext): Promise<boolean> {
    return (await ctx.coverageLoaders.sourceVerdict.load(field.id))?.conflictingMasters ?? false;
  }
}

/**
 * The report is a root object, one per request: its lists have no parents to
 * batch, so they call the service directly.
 */
@Resolver(() => CoverageReportModel)
export class CoverageReportResolver {
  constructor(private readonly coverage: CoverageService) {}

  @Query(() => CoverageReportModel, {
    description: 'Coverage of the unified schema by the estate’s data, and of each service’s data by the schema.',
  })
  @Requires(Permission.READ)
  async coverageReport(): Promise<CoverageReportModel> {
    return CoverageReportModel.from(await this.coverage.countUnifiedFields());
  }

  @ResolveField(() => UnifiedFieldConnection, { description: 'Unified fields no service supplies, by qualified name.' })
  fieldsWithoutSource(@Parent() report: CoverageReportModel, @Args() args: PageArgs): Promise<UnifiedFieldConnection> {
    return this.unifiedFields(Sourcing.WITHOUT_SOURCE, args, report.withoutSource);
  }

  @ResolveField(() => UnifiedFieldConnection, {
    description: 'Unified fields exactly one service supplies, by qualified name.',
  })
  singleSourceFields(@Parent() report: CoverageReportModel, @Args() args: PageArgs): Promise<UnifiedFieldConnection> {
    return this.unifiedFields(Sourcing.SINGLE_SOURCE, args, report.singleSource);
  }

  @ResolveField(() => UnifiedFieldConnection, {
    description: 'Unified fields with two or more systems of record, by qualified name.',
  })
  conflictingMasterFields(
    @Parent() report: CoverageReportModel,
    @Args() args: PageArgs,
  ): Promise<UnifiedFieldConnection> {
    return this.unifiedFields(Sourcing.CONFLICTING_MASTERS, args, report.conflictingMasters);
  }

  @ResolveField(() => ServiceCoverageConnection, {
    description: 'Live services by coverage, least covered first by default.',
  })
  async services(
    @Args() args: CoverageServicesArgs,
    @Context() ctx: RequestContext,
  ): Promise<ServiceCoverageConnection> {
    const page = await this.coverage.listServices(args.order, args.first, args.after);
    return toConnection(
      page,
      ({ service, coverage }) => {
        // Service.coverage asked for inside the edge is then read from here, not again from the database.
        ctx.coverageLoaders.serviceCoverage.prime(service.id, coverage);
        return { service: ServiceModel.from(service), coverage: ServiceCoverageModel.from(coverage) };
      },
      () => this.coverage.countServices(),
    );
  }

  private async unifiedFields(sourcing: Sourcing, args: PageArgs, total: number): Promise<UnifiedFieldConnection> {
    const page = await this.coverage.listUnifiedFields(sourcing, args.first, args.after);
    return toConnection(page, UnifiedFieldModel.from, () => Promise.resolve(total));
  }
}
