import * as fs from 'node:fs';
import * as path from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSortedSchema } from '../../src/common/graphql/schema-printer';
import { createTestApp, type TestApp } from '../support/test-app';

describe('schema.gql', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is committed and matches the schema the app serves (run `npm run schema:write` after an API change)', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'schema.gql'), 'utf8');
    expect(printSortedSchema(t.app.get(GraphQLSchemaHost).schema)).toBe(committed);
  });
});
