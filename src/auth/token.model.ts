import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { KEY_MESSAGE, KEY_PATTERN } from '../common/validators';
import type { TokenWithTeam } from './api-token.repository';
import { Role } from './roles';

registerEnumType(Role, { name: 'Role' });

@ObjectType('ApiToken', { description: 'An API token. Its secret is shown once, when it is created.' })
export class ApiTokenModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Role)
  role: Role;

  @Field(() => String, { nullable: true, description: 'Key of the team an editor token acts for.' })
  team: string | null;

  @Field({ description: 'The first characters of the secret, to recognise it.' })
  prefix: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  static from(this: void, token: TokenWithTeam): ApiTokenModel {
    return Object.assign(new ApiTokenModel(), {
      id: token.id,
      name: token.name,
      role: token.role as Role,
      team: token.teamKey,
      prefix: token.tokenPrefix,
      createdAt: token.createdAt,
      expiresAt: token.expiresAt,
      revokedAt: token.revokedAt,
      lastUsedAt: token.lastUsedAt,
    });
  }
}

@ObjectType()
export class CreatedApiToken {
  @Field(() => ApiTokenModel)
  token: ApiTokenModel;

  @Field({ description: 'The secret: shown this once and never again. Send it as "Authorization: Bearer <secret>".' })
  secret: string;
}

@ObjectType('Actor', { description: 'Who the caller is.' })
export class ActorModel {
  @Field(() => ID, { nullable: true })
  tokenId: string | null;

  @Field()
  name: string;

  @Field(() => Role, { nullable: true, description: 'Null for anonymous callers.' })
  role: Role | null;

  @Field(() => String, { nullable: true })
  team: string | null;
}

@InputType()
export class ApiTokenInput {
  @Field({ description: 'What the token is for, e.g. "ci-sync of team payments".' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;

  @Field(() => String, { nullable: true, description: 'Team key; required for EDITOR, refused otherwise.' })
  @IsOptional()
  @Matches(KEY_PATTERN, { message: `team ${KEY_MESSAGE}` })
  team?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}
