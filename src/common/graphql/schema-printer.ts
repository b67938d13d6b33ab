import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { AUDIT_RESOLVERS } from '../../audit/audit.module';
import { AUTH_RESOLVERS } from '../../auth/auth.module';
import { CATALOG_RESOLVERS } from '../../catalog/catalog.module';
import { INVENTORY_RESOLVERS } from '../../inventory/inventory.module';
import { DATA_RESOLVERS } from '../../schemas/schemas.module';
import { PLANNING_RESOLVERS } from '../../planning/planning.module';
import { SCORING_RESOLVERS } from '../../scoring/scoring.module';
import { UNIFIED_RESOLVERS } from '../../unified/unified.module';

/** The resolvers that make up the public schema. */
export const SCHEMA_RESOLVERS = [
  ...INVENTORY_RESOLVERS,
  ...AUTH_RESOLVERS,
  ...AUDIT_RESOLVERS,
  ...DATA_RESOLVERS,
  ...UNIFIED_RESOLVERS,
  ...SCORING_RESOLVERS,
  ...PLANNING_RESOLVERS,
  ...CATALOG_RESOLVERS,
];

/** The schema as committed in schema.gql: sorted, so its diff shows API changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** Builds the schema from the resolvers alone: no database, no server. */
export async function buildSchemaOffline(): Promise<GraphQLSchema> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  try {
    return await app.get(GraphQLSchemaFactory).create(SCHEMA_RESOLVERS);
  } finally {
    await app.close();
  }
}
