import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { KEY_MESSAGE, KEY_PATTERN } from '../common/validators';
import { IntegrationFrequency, IntegrationMechanism } from './inventory.enums';

@InputType({ description: 'A data flow from `source` to `target`, upserted by (source, target, mechanism).' })
export class IntegrationInput {
  @Field({ description: 'Key of the service the data comes from.' })
  @Matches(KEY_PATTERN, { message: `source ${KEY_MESSAGE}` })
  source: string;

  @Field({ description: 'Key of the service the data goes to.' })
  @Matches(KEY_PATTERN, { message: `target ${KEY_MESSAGE}` })
  target: string;

  @Field(() => IntegrationMechanism)
  @IsEnum(IntegrationMechanism)
  mechanism: IntegrationMechanism;

  @Field(() => IntegrationFrequency, { nullable: true })
  @IsOptional()
  @IsEnum(IntegrationFrequency)
  frequency?: IntegrationFrequency | null;

  @Field(() => String, { nullable: true, description: 'Notes: what flows and why.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;
}

@ArgsType()
export class DeleteIntegrationArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an integration id (UUID)' })
  id: string;
}
