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

/** The admin token every test app accepts (ESTATE_ADMIN_TOKEN). */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  databaseUrl: string;
  /** Sends a GraphQL request over HTTP as the admin; returns the whole response body. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** The same with another token (null: anonymous). */
  gqlAs<T = Record<string, any>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error and returns `data`. */
  gqlOk<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Runs `work` and counts the SQL statements the app issued meanwhile. */
  countStatements(work: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Start a second instance on this app's database. */
  sameDatabaseAs?: TestApp;
  /** Environment variables in force while the app boots (configuration is read then), restored after. */
  env?: Record<string, string>;
}

/**
 * A real Estate app on its own database cloned from the migrated template, or,
 * with `sameDatabaseAs`, a second instance on another app's database.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const saved = Object.fromEntries(Object.keys(options.env ?? {}).map((name) => [name, process.env[name]]));
  Object.assign(process.env, options.env);
  try {
    return await bootTestApp(options);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function bootTestApp(options: TestAppOptions): Promise<TestApp> {
  process.env.LOG_LEVEL ??= 'silent';
  process.env.ESTATE_ADMIN_TOKEN = TEST_ADMIN_TOKEN;
  const database = options.sameDatabaseAs
    ? { url: options.sameDatabaseAs.databaseUrl, drop: () => Promise.resolve() }
    : await createTestDatabase();
  const app = await createApp(database.url);
  await app.init();
  const server = app.getHttpServer();
  const dataSource = app.get(DataSource);

  const gqlAs = async <T>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>> => {
    const call = request(server).post('/graphql');
    if (token) void call.set('Authorization', `Bearer ${token}`);
    const response = await call.send({ query, variables });
    return response.body as GraphQLResponse<T>;
  };
  const gql = <T>(query: string, variables?: Record<string, unknown>) => gqlAs<T>(TEST_ADMIN_TOKEN, query, variables);
  return {
    app,
    dataSource,
    databaseUrl: database.url,
    gql,
    gqlAs,
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
