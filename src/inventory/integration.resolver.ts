import type { Caller } from '../audit/audit-log';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Permission } from '../auth/roles';
import {
  Args,
  ArgsType,
  Context,
  Field,
  InputType,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, ValidateNested } from 'class-validator';
import { PageArgs, toConnection } from '../common/graphql/pagination';
import type { RequestContext } from '../common/graphql/request-context';
import { IntegrationMechanism } from './inventory.enums';
import { IntegrationRegistry } from './integration-registry';
import { DeleteIntegrationArgs, IntegrationInput } from './integration.input';
import { IntegrationConnection, IntegrationModel, UpsertIntegrationPayload } from './integration.model';
import type { IntegrationListFilter } from './integration.repository';
import { ServiceModel } from './service.model';

@InputType()
export class IntegrationFilter {
  @Field({ nullable: true, description: 'Key of a service at either end.' })
  @IsOptional()
  @IsString()
  service?: string;

  @Field({ nullable: true, description: 'Key of the source service.' })
  @IsOptional()
  @IsString()
  source?: string;

  @Field({ nullable: true, description: 'Key of the target service.' })
  @IsOptional()
  @IsString()
  target?: string;

  @Field(() => [IntegrationMechanism], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(IntegrationMechanism, { each: true })
  mechanism?: IntegrationMechanism[];
}

@ArgsType()
export class IntegrationsArgs extends PageArgs {
  @Field(() => IntegrationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => IntegrationFilter)
  filter?: IntegrationFilter;
}

@Resolver(() => IntegrationModel)
export class IntegrationResolver {
  constructor(private readonly registry: IntegrationRegistry) {}

  @Query(() => IntegrationConnection, { description: 'Live integrations, oldest first.' })
  @Requires(Permission.READ)
  async integrations(@Args() args: IntegrationsArgs): Promise<IntegrationConnection> {
    const filter: IntegrationListFilter = { ...args.filter, mechanisms: args.filter?.mechanism };
    const page = await this.registry.list(filter, args.first, args.after);
    return toConnection(page, IntegrationModel.from, () => this.registry.count(filter));
  }

  @Mutation(() => UpsertIntegrationPayload, {
    description: 'Creates or updates the integration (source, target, mechanism).',
  })
  @Requires(Permission.WRITE_INVENTORY)
  async upsertIntegration(
    @Args('input') input: IntegrationInput,
    @CurrentCaller() caller: Caller,
  ): Promise<UpsertIntegrationPayload> {
    const { integration, outcome } = await this.registry.upsert(input, caller);
    return { integration: IntegrationModel.from(integration), outcome };
  }

  @Mutation(() => IntegrationModel, { description: 'Soft-deletes an integration.' })
  @Requires(Permission.WRITE_INVENTORY)
  async deleteIntegration(
    @Args() args: DeleteIntegrationArgs,
    @CurrentCaller() caller: Caller,
  ): Promise<IntegrationModel> {
    return IntegrationModel.from(await this.registry.remove(args.id, caller));
  }

  @ResolveField(() => ServiceModel)
  source(@Parent() integration: IntegrationModel, @Context() ctx: RequestContext): Promise<ServiceModel> {
    return loadService(ctx, integration.sourceServiceId);
  }

  @ResolveField(() => ServiceModel)
  target(@Parent() integration: IntegrationModel, @Context() ctx: RequestContext): Promise<ServiceModel> {
    return loadService(ctx, integration.targetServiceId);
  }
}

async function loadService(ctx: RequestContext, id: string): Promise<ServiceModel> {
  const service = await ctx.loaders.serviceById.load(id);
  if (!service) throw new Error(`service ${id} not found`);
  return ServiceModel.from(service);
}
