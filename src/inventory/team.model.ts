import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/pagination';
import { WriteOutcome } from './inventory.enums';
import type { TeamEntity } from './team.entity';

@ObjectType('Team', { description: 'A team that owns services.' })
export class TeamModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Unique, case-insensitive key.' })
  key: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true })
  contactEmail: string | null;

  @Field({ description: 'Incremented by every change; pass it to updates as expectedVersion.' })
  version: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  static from(this: void, entity: TeamEntity): TeamModel {
    return Object.assign(new TeamModel(), {
      id: entity.id,
      key: entity.key,
      name: entity.name,
      description: entity.description,
      contactEmail: entity.contactEmail,
      version: entity.version,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    });
  }
}

@ObjectType()
export class TeamConnection extends Connection(TeamModel, 'Team') {}

@ObjectType()
export class UpsertTeamPayload {
  @Field(() => TeamModel)
  team: TeamModel;

  @Field(() => WriteOutcome)
  outcome: WriteOutcome;
}
