import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DateScalar } from '../common/graphql/scalars';
import { IsCurrencyCode, IsIsoDate, IsMoneyAmount, KEY_MESSAGE, KEY_PATTERN } from '../common/validators';
import {
  ApiStyle,
  AuthMethod,
  ChangeEvents,
  Criticality,
  DataStructure,
  Lifecycle,
  ServiceKind,
  SpecFormat,
} from './inventory.enums';

const MAX_INT = 2_147_483_647;

/** For patch fields that may be left out but never set to null. */
const isPresent = (_: object, value: unknown) => value !== undefined;

@InputType()
export class MoneyInput {
  @Field({ description: 'Decimal string with at most 2 fraction digits, e.g. "125000.00".' })
  @IsMoneyAmount()
  amount: string;

  @Field({ description: 'ISO 4217 code, e.g. EUR.' })
  @IsCurrencyCode()
  currency: string;
}

@InputType()
export class LinkInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field()
  @IsUrl({ require_protocol: true, require_tld: false }, { message: 'url must be an absolute URL' })
  @MaxLength(2000)
  url: string;
}

@InputType({ description: 'How the data of a service can be reached. Leave a field out when it is unknown.' })
export class DataAccessInput {
  @Field(() => ApiStyle, { nullable: true })
  @IsOptional()
  @IsEnum(ApiStyle)
  apiStyle?: ApiStyle | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  machineReadableSpec?: boolean | null;

  @Field(() => SpecFormat, { nullable: true })
  @IsOptional()
  @IsEnum(SpecFormat)
  specFormat?: SpecFormat | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  bulkExport?: boolean | null;

  @Field(() => ChangeEvents, { nullable: true })
  @IsOptional()
  @IsEnum(ChangeEvents)
  changeEvents?: ChangeEvents | null;

  @Field(() => DataStructure, { nullable: true })
  @IsOptional()
  @IsEnum(DataStructure)
  dataStructure?: DataStructure | null;

  @Field(() => AuthMethod, { nullable: true })
  @IsOptional()
  @IsEnum(AuthMethod)
  authMethod?: AuthMethod | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  rateLimitPerMinute?: number | null;
}

/**
 * Shared by ServiceInput (everything stated) and ServicePatch (only what changes).
 * Validation rules are declared once here.
 */
@InputType({ isAbstract: true })
abstract class ServiceAttributes {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  vendor?: string | null;

  @Field(() => String, { nullable: true, description: 'Category or business capability.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  category?: string | null;

  @Field(() => Criticality, { nullable: true })
  @IsOptional()
  @IsEnum(Criticality)
  criticality?: Criticality | null;

  @Field(() => MoneyInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  annualCost?: MoneyInput | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  licensedSeats?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  monthlyActiveUsers?: number | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsIsoDate()
  contractRenewalDate?: string | null;

  @Field(() => [String], { nullable: true, description: 'Stored trimmed, lower-cased, de-duplicated and sorted.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(64, { each: true })
  tags?: string[] | null;

  @Field(() => [LinkInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LinkInput)
  links?: LinkInput[] | null;

  @Field(() => DataAccessInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataAccessInput)
  dataAccess?: DataAccessInput | null;
}

@InputType({
  description: 'A service as a whole, upserted by key. Optional fields left out are stored as unknown (null / empty).',
})
export class ServiceInput extends ServiceAttributes {
  @Field()
  @Matches(KEY_PATTERN, { message: `key ${KEY_MESSAGE}` })
  key: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => ServiceKind)
  @IsEnum(ServiceKind)
  kind: ServiceKind;

  @Field({ description: 'Key of the owning team.' })
  @Matches(KEY_PATTERN, { message: `ownerTeam ${KEY_MESSAGE}` })
  ownerTeam: string;

  @Field(() => Lifecycle, { nullable: true, defaultValue: Lifecycle.ACTIVE })
  @IsOptional()
  @IsEnum(Lifecycle)
  lifecycle?: Lifecycle;
}

@InputType({ description: 'Fields to change. Left out: unchanged. Null: cleared (where the field may be empty).' })
export class ServicePatch extends ServiceAttributes {
  @Field({ nullable: true })
  @ValidateIf(isPresent)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Field(() => ServiceKind, { nullable: true })
  @ValidateIf(isPresent)
  @IsEnum(ServiceKind)
  kind?: ServiceKind;

  @Field({ nullable: true, description: 'Key of the new owning team.' })
  @ValidateIf(isPresent)
  @Matches(KEY_PATTERN, { message: `ownerTeam ${KEY_MESSAGE}` })
  ownerTeam?: string;

  @Field(() => Lifecycle, { nullable: true })
  @ValidateIf(isPresent)
  @IsEnum(Lifecycle)
  lifecycle?: Lifecycle;
}
