import { ArgsType, Field, registerEnumType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { PageArgs } from '../common/graphql/pagination';
import { CoverageOrder } from './coverage.types';

registerEnumType(CoverageOrder, {
  name: 'CoverageOrder',
  description: 'By ratio of mapped fields (services without fields count as 0), then id.',
});

@ArgsType()
export class CoverageServicesArgs extends PageArgs {
  @Field(() => CoverageOrder, { defaultValue: CoverageOrder.COVERAGE_ASC })
  @IsEnum(CoverageOrder)
  order: CoverageOrder = CoverageOrder.COVERAGE_ASC;
}
