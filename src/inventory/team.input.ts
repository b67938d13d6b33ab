import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { KEY_MESSAGE, KEY_PATTERN } from '../common/validators';

@InputType({ description: 'A team, upserted by key.' })
export class TeamInput {
  @Field()
  @Matches(KEY_PATTERN, { message: `key ${KEY_MESSAGE}` })
  key: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  contactEmail?: string | null;
}
