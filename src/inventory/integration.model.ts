import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/pagination';
import { IntegrationFrequency, IntegrationMechanism, WriteOutcome } from './inventory.enums';
import type { IntegrationEntity } from './integration.entity';

@ObjectType('Integration', { description: 'A directed data flow from `source` to `target`.' })
export class IntegrationModel {
  @Field(() => ID)
  id: string;

  sourceServiceId: string;
  targetServiceId: string;

  @Field(() => IntegrationMechanism)
  mechanism: IntegrationMechanism;

  @Field(() => IntegrationFrequency, { nullable: true })
  frequency: IntegrationFrequency | null;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field()
  version: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  static from(this: void, entity: IntegrationEntity): IntegrationModel {
    return Object.assign(new IntegrationModel(), {
      id: entity.id,
      sourceServiceId: entity.sourceServiceId,
      targetServiceId: entity.targetServiceId,
      mechanism: entity.mechanism as IntegrationMechanism,
      frequency: entity.frequency as IntegrationFrequency | null,
      description: entity.description,
      version: entity.version,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    });
  }
}

@ObjectType()
export class IntegrationConnection extends Connection(IntegrationModel, 'Integration') {}

@ObjectType()
export class UpsertIntegrationPayload {
  @Field(() => IntegrationModel)
  integration: IntegrationModel;

  @Field(() => WriteOutcome)
  outcome: WriteOutcome;
}
