import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { KEY_PATTERN } from '../common/validators';
import { ReportFormat } from './plan.types';
import './planning.graphql-enums';

@InputType()
export class WaveCapacityInput {
  @Field(() => Int, { nullable: true, description: 'At most this many services per wave.' })
  @IsOptional()
  @IsInt()
  services?: number | null;

  @Field(() => Float, { nullable: true, description: 'At most this many effort points per wave.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  effort?: number | null;
}

@InputType({
  description:
    'Which services (exactly one of serviceKeys, top, minScore), how to score them, and how big a wave may be.',
})
export class PlanMigrationInput {
  @Field()
  @IsString()
  @MaxLength(200)
  name: string;

  @Field(() => [String], { nullable: true, description: 'These services.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20_000)
  @IsString({ each: true })
  @MaxLength(63, { each: true })
  serviceKeys?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'The N strongest retirement candidates.' })
  @IsOptional()
  @IsInt()
  top?: number | null;

  @Field(() => Float, { nullable: true, description: 'Every candidate scoring at least this.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  minScore?: number | null;

  @Field(() => String, { nullable: true, description: 'Scoring profile; default: the built-in `default`.' })
  @IsOptional()
  @Matches(KEY_PATTERN, { message: 'profile must be a profile name' })
  profile?: string | null;

  @Field(() => Int, { nullable: true, description: 'Profile version; default: its latest.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  profileVersion?: number | null;

  @Field(() => WaveCapacityInput)
  @ValidateNested()
  @Type(() => WaveCapacityInput)
  waveCapacity: WaveCapacityInput;

  @Field(() => Int, { nullable: true, description: 'Plan at most this many waves; the rest is listed as unscheduled.' })
  @IsOptional()
  @IsInt()
  maxWaves?: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD the first wave starts; gives waves dates.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  startDate?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 30, description: 'Days per wave (with startDate).' })
  @IsOptional()
  @IsInt()
  waveLengthDays?: number | null;
}

@ArgsType()
export class PlanIdArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;
}

@ArgsType()
export class PlannedServicesArgs {
  @Field(() => Int, { nullable: true, description: 'Only the services of this wave.' })
  @IsOptional()
  @IsInt()
  wave?: number | null;
}

@ArgsType()
export class ReportArgs {
  @Field(() => ReportFormat)
  @IsEnum(ReportFormat)
  format: ReportFormat;
}
