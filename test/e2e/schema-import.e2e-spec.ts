import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { largeOpenApiSpec } from '../../bench/datasets/large-openapi';
import { createService, createTeam } from '../support/factories';
import { fixture } from '../support/schema-fixtures';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app';

const IMPORT = `mutation($key: String!, $content: String!, $format: SchemaFormat, $fileName: String, $mode: SchemaMode, $dryRun: Boolean) {
  importServiceSchema(serviceKey: $key, content: $content, format: $format, fileName: $fileName, mode: $mode, dryRun: $dryRun) {
    format source entityCount fieldCount warnings { message line column pointer }
    changes { level dryRun entitiesAdded entitiesRemoved fieldsRemoved { entity field } fieldsChanged { entity field level } }
  } }`;

const CLI = path.resolve(__dirname, '../../bin/estate.js');
const FIXTURES = path.resolve(__dirname, '../fixtures/schemas');

describe('importing a service’s data description', () => {
  let t: TestApp;
  const countFields = async () =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM data_field`))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'sales');
    await createTeam(t, 'hr');
    for (const key of ['crm', 'shop', 'billing', 'stripe-like']) await createService(t, { key, ownerTeam: 'sales' });
    await createService(t, { key: 'workday', ownerTeam: 'hr' });
  });
  afterAll(() => t.close());

  it('detects OpenAPI, shows a dry run without writing, then writes and audits the import', async () => {
    const content = fixture('crm-openapi-3.1.yaml');
    const dry = await t.gqlOk(IMPORT, { key: 'crm', content, dryRun: true });
    expect(dry.importServiceSchema).toMatchObject({
      format: 'OPENAPI',
      source: 'OpenAPI 3.1.0',
      entityCount: 8,
      changes: {
        level: 'MINOR',
        dryRun: true,
        entitiesAdded: ['Base', 'Auditable', 'User', 'Address', 'Account', 'Contact', 'Category', 'PaymentMethod'],
      },
    });
    expect(dry.importServiceSchema.warnings).toContainEqual({
      message: '3 schemas without properties (enums, scalars, arrays, maps) are field types, not entities',
      line: null,
      column: null,
      pointer: '/components/schemas',
    });
    expect(await countFields()).toBe(0);

    const applied = await t.gqlOk(IMPORT, { key: 'crm', content });
    expect(applied.importServiceSchema.changes).toMatchObject({ level: 'MINOR', dryRun: false });
    expect(await countFields()).toBe(applied.importServiceSchema.fieldCount);

    const again = await t.gqlOk(IMPORT, { key: 'crm', content, format: 'OPENAPI' });
    expect(again.importServiceSchema.changes.level).toBe('NONE');

    const events = await t.gqlOk(
      `{ auditEvents(filter: { action: "service.schema", targetKey: "crm" }) { edges { node { changes } } } }`,
    );
    expect(events.auditEvents.edges).toHaveLength(1);
    expect(events.auditEvents.edges[0].node.changes.schema.after).toMatchObject({
      importedFrom: 'OpenAPI 3.1.0',
      level: 'MINOR',
    });
  });

  it('stores what the importer found: flattened paths, references, personal data', async () => {
    await createService(t, { key: 'crm-search', ownerTeam: 'sales' });
    await t.gqlOk(IMPORT, { key: 'crm-search', content: fixture('crm-openapi-3.1.yaml') });
    const data = await t.gqlOk(
      `{ dataFields(filter: { serviceKey: ["crm-search"], piiClass: [EMAIL] }, first: 20) { edges { node { name entity { name } isArray } } } }`,
    );
    const emails = data.dataFields.edges.map(
      (e: any) => `${e.node.entity.name}.${e.node.name}${e.node.isArray ? '[]' : ''}`,
    );
    expect(emails).toEqual(expect.arrayContaining(['User.email', 'Contact.emails.address[]']));
    const refs = await t.gqlOk(
      `{ dataFields(filter: { serviceKey: ["crm-search"], type: [REFERENCE], search: "owner" }, first: 5) { edges { node { name referenceTarget } } } }`,
    );
    expect(refs.dataFields.edges.map((e: any) => e.node)).toEqual([{ name: 'owner', referenceTarget: 'User' }]);
  });

  it('imports SQL DDL with keys, and a later REPLACE from another format reports what it removes', async () => {
    const ddl = await t.gqlOk(IMPORT, { key: 'shop', content: fixture('shop-pg_dump.sql') });
    expect(ddl.importServiceSchema).toMatchObject({ format: 'SQL_DDL', source: 'PostgreSQL DDL', entityCount: 5 });
    const keys = await t.gqlOk(
      `{ dataFields(filter: { serviceKey: ["shop"], type: [REFERENCE] }, first: 10) { edges { node { name referenceTarget entity { name identifierFields } } } } }`,
    );
    expect(keys.dataFields.edges.map((e: any) => e.node)).toEqual(
      expect.arrayContaining([
        {
          name: 'order_id',
          referenceTarget: 'sales.orders',
          entity: { name: 'sales.order_lines', identifierFields: ['order_id', 'line_no'] },
        },
      ]),
    );
    const csv = 'entity,field,type\ncustomers,id,bigint\ncustomers,email,STRING\n';
    const replaced = await t.gqlOk(IMPORT, { key: 'shop', content: csv, fileName: 'customers.csv', dryRun: true });
    expect(replaced.importServiceSchema.changes).toMatchObject({
      level: 'MAJOR',
      entitiesRemoved: ['sales.orders', 'sales.order_lines', 'Audit Log', 'customers_archive'],
    });
    const merged = await t.gqlOk(IMPORT, { key: 'shop', content: csv, mode: 'MERGE', dryRun: true });
    expect(merged.importServiceSchema.changes.entitiesRemoved).toEqual([]);
  });

  it('refuses a file it cannot read with BAD_USER_INPUT naming the line, column or JSON pointer, and writes nothing', async () => {
    const before = await countFields();
    const sql = await t.gql(IMPORT, { key: 'billing', content: 'CREATE TABLE a (\n  x int,,\n  y text\n);' });
    expect(sql.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        {
          path: 'content',
          line: 2,
          column: 9,
          message: expect.stringMatching(/^line 2, column 9: cannot parse CREATE TABLE A/),
        },
      ],
    });
    const spec = JSON.stringify({
      openapi: '3.0.3',
      components: { schemas: { A: { type: 'object', properties: { b: { $ref: '#/components/schemas/Nope' } } } } },
    });
    const ref = await t.gql(IMPORT, { key: 'billing', content: spec });
    expect(ref.errors![0].extensions!.problems).toEqual([
      {
        path: 'content',
        pointer: '/components/schemas/A/properties/b',
        message:
          'at /components/schemas/A/properties/b: cannot resolve $ref "#/components/schemas/Nope": nothing in the file is at that location',
      },
    ]);
    const version = await t.gql(IMPORT, { key: 'billing', content: 'swagger: "1.2"\n' });
    expect(version.errors![0].message).toMatch(/unsupported Swagger version "1.2"/);
    const unknown = await t.gql(IMPORT, { key: 'billing', content: 'just some words' });
    expect(unknown.errors![0].message).toMatch(/cannot tell the format/);
    expect(await countFields()).toBe(before);
  });

  it('lets only the owning team’s editors import', async () => {
    const editor = (
      await t.gqlOk(`mutation { createApiToken(input: { name: "hr", role: EDITOR, team: "hr" }) { secret } }`)
    ).createApiToken.secret;
    const refused = await t.gqlAs(editor, IMPORT, { key: 'billing', content: fixture('billing-swagger-2.0.json') });
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    const own = await t.gqlAs(editor, IMPORT, { key: 'workday', content: fixture('worker.schema-2020-12.json') });
    expect(own.errors).toBeUndefined();
    expect(own.data!.importServiceSchema).toMatchObject({ format: 'JSON_SCHEMA', entityCount: 4 });
  });

  it('takes a request over 10 MiB from a token holder (a large vendor spec), and refuses one without a token', async () => {
    const spec = largeOpenApiSpec(1500) as { components: { schemas: Record<string, { description?: string }> } };
    // Vendor specs are mostly prose: pad descriptions until the body is over 10 MiB.
    for (const schema of Object.values(spec.components.schemas))
      schema.description = 'Lorem ipsum dolor sit amet. '.repeat(260);
    const body = JSON.stringify({ query: IMPORT, variables: { key: 'stripe-like', content: JSON.stringify(spec) } });
    expect(body.length).toBeGreaterThan(10 * 1024 * 1024);

    const anonymous = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(body);
    expect(anonymous.status).toBe(413);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const response = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
      .send(body);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.importServiceSchema).toMatchObject({ entityCount: 1502, changes: { level: 'MINOR' } });
    const stored = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM data_field f JOIN data_entity e ON e.id = f.entity_id JOIN service s ON s.id = e.service_id WHERE s.key = 'stripe-like'`,
    );
    expect(stored[0].n).toBe(response.body.data.importServiceSchema.fieldCount);
  });

  describe('estate schema import (CLI)', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, 'schema', 'import', ...args], {
        env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      });

    it('detects the format from the file, and a dry run writes nothing', async () => {
      const before = await countFields();
      const dry = cli('billing', path.join(FIXTURES, 'shop-mysqldump.sql'), '--dry-run');
      expect(dry.status).toBe(0);
      expect(dry.stderr).toContain('read shop-mysqldump.sql as MySQL DDL: 2 entities, 12 fields');
      expect(dry.stdout).toContain('billing (REPLACE): change level MINOR; 2 entities added');
      expect(dry.stdout).toContain('dry run: nothing was written');
      expect(await countFields()).toBe(before);

      const real = cli('billing', path.join(FIXTURES, 'shop-mysqldump.sql'), '--format', 'sql', '--dialect', 'mysql');
      expect(real.status).toBe(0);
      expect(await countFields()).toBe(before + 12);
    });

    it('prints each problem as file:line:column and exits non-zero', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-schema-'));
      const file = path.join(dir, 'broken.csv');
      fs.writeFileSync(file, 'entity,field,nullable\nA,a,perhaps\n');
      const result = cli('billing', file);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`${file}:2:3: nullable: must be true or false (got "perhaps")`);
      expect(result.stderr).toContain('nothing was written');
      const missing = cli('billing', path.join(dir, 'absent.yaml'));
      expect(missing.stderr).toContain('no such file');
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
});
