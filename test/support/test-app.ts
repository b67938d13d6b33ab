import type { NestExpressApplication } from '@nestjs/platform-express';
import type { GraphQLFormattedError } from 'graphql';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { enterSqlStatistics } from '../../src/database/sql-statistics';
import { createApp } from '../../src/server';
import { createTestDatabase } from './test-database';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: (GraphQLFormattedError & { extensions?: Record<string, any> })[];
}

export interface TestApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  databaseUrl: string;
  /** Sends a GraphQL request over HTTP; returns the whole response body. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error and returns `data`. */
  gqlOk<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Runs `work` and counts the SQL statements the app issued meanwhile. */
  countStatements(work: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

/** A real Estate app on its own database cloned from the migrated template. */
export async function createTestApp(): Promise<TestApp> {
  process.env.LOG_LEVEL ??= 'silent';
  const database = await createTestDatabase();
  const app = await createApp(database.url);
  await app.init();
  const server = app.getHttpServer();
  const dataSource = app.get(DataSource);

  const gql = async <T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => {
    const response = await request(server).post('/graphql').send({ query, variables });
    return response.body as GraphQLResponse<T>;
  };
  return {
    app,
    dataSource,
    databaseUrl: database.url,
    gql,
    async gqlOk<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const body = await gql<T>(query, variables);
      if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors, null, 2)}`);
      return body.data as T;
    },
    async countStatements(work) {
      let statistics = { statements: 0 };
      await new Promise<void>((resolve, reject) => {
        // A fresh async context, so that the counting scope covers exactly `work`.
        setImmediate(() => {
          statistics = enterSqlStatistics();
          work().then(() => resolve(), reject);
        });
      });
      return statistics.statements;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
