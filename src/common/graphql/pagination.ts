import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType, type FieldMiddleware } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field({ nullable: true, description: 'The `endCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field({ description: 'True when the page was requested with `after`.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/** A page of rows as a repository returns it: each row with its cursor. */
export interface Page<T> {
  rows: { node: T; cursor: string }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** Runs only when a client selects totalCount (see countOnDemand). */
  totalCount: () => Promise<number>;
}

/** Field middleware: a connection carries its count as a query to run, not as a number. */
const countOnDemand: FieldMiddleware = async (_ctx, next) => {
  const count: unknown = await next();
  return typeof count === 'function' ? (count as () => Promise<number>)() : count;
};

/** Relay connection and edge types for `classRef`, named `<name>Connection` / `<name>Edge`. */
export function Connection<T>(classRef: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => classRef)
    node: T;
  }

  @ObjectType({ isAbstract: true })
  class ConnectionType {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Matches on all pages.', middleware: [countOnDemand] })
    totalCount: () => Promise<number>;
  }
  return ConnectionType;
}

export function toConnection<T, M>(
  page: Page<T>,
  toModel: (row: T) => M,
  totalCount: () => Promise<number>,
): ConnectionShape<M> {
  const edges = page.rows.map((row) => ({ cursor: row.cursor, node: toModel(row.node) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
