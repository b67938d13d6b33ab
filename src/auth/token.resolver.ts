import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '../audit/audit-log';
import { CurrentActor, CurrentCaller, Requires } from './access.decorators';
import { Permission, type Actor } from './roles';
import { TokenRegistry } from './token-registry';
import { ActorModel, ApiTokenInput, ApiTokenModel, CreatedApiToken } from './token.model';

@Resolver(() => ApiTokenModel)
export class TokenResolver {
  constructor(private readonly tokens: TokenRegistry) {}

  @Query(() => ActorModel, { description: 'Who you are: the token, role and team of this request.' })
  @Requires(Permission.READ)
  me(@CurrentActor() actor: Actor): ActorModel {
    return { tokenId: actor.tokenId, name: actor.name, role: actor.role, team: actor.teamKey };
  }

  @Query(() => [ApiTokenModel], { description: 'Tokens, oldest first. Secrets are never listed.' })
  @Requires(Permission.ADMINISTER)
  async apiTokens(@Args('includeRevoked', { defaultValue: false }) includeRevoked: boolean): Promise<ApiTokenModel[]> {
    return (await this.tokens.list(includeRevoked)).map(ApiTokenModel.from);
  }

  @Mutation(() => CreatedApiToken)
  @Requires(Permission.ADMINISTER)
  async createApiToken(@Args('input') input: ApiTokenInput, @CurrentCaller() caller: Caller): Promise<CreatedApiToken> {
    const { token, secret } = await this.tokens.create(input, caller);
    return { token: ApiTokenModel.from(token), secret };
  }

  @Mutation(() => ApiTokenModel, { description: 'Revokes a token at once; revoking twice changes nothing.' })
  @Requires(Permission.ADMINISTER)
  async revokeApiToken(
    @Args('id', { type: () => ID }) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<ApiTokenModel> {
    const token = await this.tokens.revoke(id, caller);
    return ApiTokenModel.from(token);
  }
}
