import { Field, Int, ObjectType } from '@nestjs/graphql';
import { WriteOutcome } from './inventory.enums';

@ObjectType({ description: 'One problem with one row of a bulk import.' })
export class ImportRowError {
  @Field(() => Int, { description: 'Zero-based position of the row in the input list.' })
  index: number;

  @Field(() => String, { nullable: true, description: 'The key of the row, when it has one.' })
  key: string | null;

  @Field({ description: 'Path of the offending field within the row, e.g. "annualCost.currency".' })
  path: string;

  @Field()
  message: string;
}

@ObjectType()
export class ImportRowResult {
  @Field(() => Int)
  index: number;

  @Field()
  key: string;

  @Field(() => WriteOutcome, { description: 'What happened (or, in a dry run, would happen) to the row.' })
  outcome: WriteOutcome;
}

@ObjectType({ description: 'All rows are written, or none: `ok` is false when any row has an error.' })
export class ImportReport {
  @Field()
  ok: boolean;

  @Field()
  dryRun: boolean;

  @Field(() => Int)
  total: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => [ImportRowError])
  errors: ImportRowError[];

  @Field(() => [ImportRowResult], { description: 'Per-row outcome; empty when the import failed.' })
  rows: ImportRowResult[];
}
