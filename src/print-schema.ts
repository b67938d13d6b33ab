import 'reflect-metadata';
import { buildSchemaOffline, printSortedSchema } from './common/graphql/schema-printer';

// `npm run schema:write` → schema.gql
buildSchemaOffline()
  .then((schema) => process.stdout.write(printSortedSchema(schema)))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
