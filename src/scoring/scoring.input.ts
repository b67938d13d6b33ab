import { ArgsType, Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '../common/graphql/pagination';
import { KEY_PATTERN } from '../common/validators';
import { Lifecycle, ServiceKind } from '../inventory/inventory.enums';
import '../inventory/inventory.graphql-enums';
import './scoring.graphql-enums';
import type { ProfileRef } from './scoring.service';
import { Disposition, ScoringFactor } from './scoring.types';

const PROFILE_NAME_RULE = 'a profile name: letters, digits, . _ - (at most 63)';

@ArgsType()
export class ProfileArgs {
  @Field(() => String, { nullable: true, description: 'Scoring profile name; default: the built-in `default`.' })
  @IsOptional()
  @Matches(KEY_PATTERN, { message: `profile must be ${PROFILE_NAME_RULE}` })
  profile?: string | null;

  @Field(() => Int, { nullable: true, description: 'Profile version; default: its latest.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  profileVersion?: number | null;
}

/** The profile these arguments name, as ScoringService takes it. */
export function profileRefOf(args: ProfileArgs): ProfileRef {
  return { name: args.profile, version: args.profileVersion };
}

@InputType()
export class RetirementFilter {
  @Field(() => [ServiceKind], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(ServiceKind, { each: true })
  kinds?: ServiceKind[] | null;

  @Field(() => [Lifecycle], { nullable: true, description: 'Default: every lifecycle but RETIRED.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(Lifecycle, { each: true })
  lifecycles?: Lifecycle[] | null;

  @Field(() => [String], { nullable: true, description: 'Owner team keys.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(63, { each: true })
  ownerTeams?: string[] | null;

  @Field(() => [Disposition], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsEnum(Disposition, { each: true })
  dispositions?: Disposition[] | null;

  @Field(() => Float, { nullable: true, description: 'Only candidates scoring at least this (0–100).' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  minScore?: number | null;

  @Field(() => Float, { nullable: true, description: 'Only candidates whose confidence is at least this (0–1).' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  minConfidence?: number | null;
}

@ArgsType()
export class RetirementCandidatesArgs extends PageArgs {
  @Field(() => RetirementFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RetirementFilter)
  filter?: RetirementFilter | null;
}

@ArgsType()
export class SimulateRetirementArgs {
  @Field(() => [String], { description: 'Keys of the services to retire (1–2000).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  @MaxLength(63, { each: true })
  serviceKeys: string[];
}

@InputType()
export class FactorWeightInput {
  @Field(() => ScoringFactor)
  @IsEnum(ScoringFactor)
  factor: ScoringFactor;

  @Field(() => Float, { description: '0 to 1000; relative to the other weights of the same score.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  weight: number;
}

@InputType()
export class ScoringThresholdsInput {
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  dependentsHalfRisk?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  soleSourceHalfRisk?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  businessValue?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  technicalFit?: number;
}

@InputType()
export class ExchangeRateInput {
  @Field()
  @IsString()
  @MaxLength(3)
  currency: string;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  rate: number;
}

@InputType({
  description:
    'Saves the next version of a profile: its latest version (or `basedOn`, or the default) with these changes. Unset parts are kept.',
})
export class SaveScoringProfileInput {
  @Field()
  @Matches(KEY_PATTERN, { message: `name must be ${PROFILE_NAME_RULE}` })
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The version you edited (0 for a new profile); CONFLICT when another was saved since.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'Start from the latest version of this profile.' })
  @IsOptional()
  @Matches(KEY_PATTERN, { message: `basedOn must be ${PROFILE_NAME_RULE}` })
  basedOn?: string | null;

  @Field(() => [FactorWeightInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FactorWeightInput)
  weights?: FactorWeightInput[];

  @Field(() => ScoringThresholdsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScoringThresholdsInput)
  thresholds?: ScoringThresholdsInput;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  baseCurrency?: string;

  @Field(() => [ExchangeRateInput], { nullable: true, description: 'Replaces all exchange rates when given.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ExchangeRateInput)
  exchangeRates?: ExchangeRateInput[];
}
