import { ArgsType, Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '../common/graphql/pagination';
import { Criticality, ImpactDirection, Lifecycle, ServiceKind } from './inventory.enums';
import { ServiceOrderField } from './service-query';

registerEnumType(ServiceOrderField, { name: 'ServiceOrderField' });

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

const LIST_BOUND = 50;

@InputType({ description: 'All given conditions must hold; a list matches any of its values.' })
export class ServiceFilter {
  @Field(() => [ServiceKind], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_BOUND)
  @IsEnum(ServiceKind, { each: true })
  kind?: ServiceKind[];

  @Field(() => [Lifecycle], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_BOUND)
  @IsEnum(Lifecycle, { each: true })
  lifecycle?: Lifecycle[];

  @Field(() => [Criticality], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_BOUND)
  @IsEnum(Criticality, { each: true })
  criticality?: Criticality[];

  @Field(() => [String], { nullable: true, description: 'Owner team keys.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_BOUND)
  @IsString({ each: true })
  ownerTeam?: string[];

  @Field(() => [String], { nullable: true, description: 'Case-insensitive.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_BOUND)
  @IsString({ each: true })
  category?: string[];

  @Field(() => [String], { nullable: true, description: 'Case-insensitive.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_BOUND)
  @IsString({ each: true })
  vendor?: string[];

  @Field(() => [String], { nullable: true, description: 'Services carrying all of these tags.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_BOUND)
  @IsString({ each: true })
  tag?: string[];

  @Field({
    nullable: true,
    description:
      'Words matched as prefixes against name, key, vendor, tags, category and description; ' +
      'also substring match on name and key.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @Field({ nullable: true, defaultValue: false, description: 'Include soft-deleted services.' })
  @IsOptional()
  @IsBoolean()
  includeDeleted?: boolean;
}

@InputType()
export class ServiceOrder {
  @Field(() => ServiceOrderField, {
    nullable: true,
    description: 'Default: RELEVANCE when searching, else NAME. Unknown costs sort last.',
  })
  @IsOptional()
  @IsEnum(ServiceOrderField)
  field?: ServiceOrderField;

  @Field(() => OrderDirection, { nullable: true, description: 'Default: DESC for RELEVANCE, else ASC.' })
  @IsOptional()
  @IsIn(Object.values(OrderDirection))
  direction?: OrderDirection;
}

@ArgsType()
export class ServicesArgs extends PageArgs {
  @Field(() => ServiceFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceFilter)
  filter?: ServiceFilter;

  @Field(() => ServiceOrder, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceOrder)
  orderBy?: ServiceOrder;
}

@ArgsType()
export class ImpactArgs {
  @Field(() => ImpactDirection, { defaultValue: ImpactDirection.DOWNSTREAM })
  @IsEnum(ImpactDirection)
  direction: ImpactDirection = ImpactDirection.DOWNSTREAM;

  @Field(() => Int, { defaultValue: 5, description: 'Hops to follow, 1 to 20.' })
  @IsInt()
  @Min(1)
  @Max(20)
  maxDepth: number = 5;
}
