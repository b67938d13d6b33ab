import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { CLI_CALLER } from '../../src/cli/cli-caller';
import { generateDemoEstate, MIN_DEMO_SERVICES, type DemoEstate } from '../../src/demo/demo-estate';
import { loadDemoEstate } from '../../src/demo/demo-loader';
import { FieldType } from '../../src/schemas/schema.types';
import { DataDictionaryService } from '../../src/unified/dictionary/data-dictionary.service';
import type { DataDictionary, DictionaryField } from '../../src/unified/dictionary/data-dictionary.types';
import { MappingStatus } from '../../src/unified/mapping.types';
import { jsonSchemaProblems, openApiProblems } from '../support/dictionary-validators';
import { insertFieldMapping } from '../support/field-mapping-rows';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app';

const CLI = path.resolve(__dirname, '../../bin/estate.js');

const PUT = `mutation($entities: [UnifiedEntityInput!]!) { putUnifiedSchema(entities: $entities) { level } }`;
const PUBLISH = `mutation { publishUnifiedSchema(note: "lead statuses") { version } }`;
const DICTIONARY = `query($version: String!, $format: DataDictionaryFormat!) {
  unifiedDataDictionary(version: $version, format: $format) }`;
const LEAD_STATUSES = ['NEW', 'WORKING', 'QUALIFIED', 'DISQUALIFIED'];

interface SupplierTruth {
  unifiedField: string;
  supplier: string;
  systemOfRecord: boolean;
}

describe('the data dictionary (demo estate, versions 1 and 2)', () => {
  let t: TestApp;
  let viewer: string;
  let dictionary: DataDictionaryService;
  let estate: DemoEstate;
  /** A SUGGESTED mapping onto Customer.name: never a supplier. */
  let suggestedSource: string;

  const get = (url: string, token: string | null = viewer) => {
    const call = request(t.app.getHttpServer()).get(url).buffer(true);
    if (token) void call.set('Authorization', `Bearer ${token}`);
    return call;
  };
  const fieldOf = (d: DataDictionary, entity: string, field: string): DictionaryField => {
    const found = d.entities.find((e) => e.name === entity)?.fields.find((f) => f.name === field);
    if (!found) throw new Error(`no ${entity}.${field} in the dictionary`);
    return found;
  };

  beforeAll(async () => {
    t = await createTestApp();
    estate = generateDemoEstate({ services: MIN_DEMO_SERVICES + 20, seed: 7 });
    await loadDemoEstate(t.dataSource, estate, CLI_CALLER);
    // Version 2: Lead.status gets its allowed values.
    const entities = estate.unifiedSchema.map((entity) => ({
      ...entity,
      fields: entity.fields.map((field) =>
        entity.name === 'Lead' && field.name === 'status' ? { ...field, enumValues: LEAD_STATUSES } : field,
      ),
    }));
    await t.gqlOk(PUT, { entities });
    expect((await t.gqlOk<any>(PUBLISH)).publishUnifiedSchema.version).toBe(2);
    viewer = (await t.gqlOk<any>(`mutation { createApiToken(input: { name: "v", role: VIEWER }) { secret } }`))
      .createApiToken.secret as string;
    dictionary = t.app.get(DataDictionaryService);

    // A suggestion onto Customer.name from a data field that has no confirmed mapping onto it.
    const [row] = await t.dataSource.query<{ dataFieldId: string; unifiedFieldId: string; source: string }[]>(
      `SELECT f.id AS "dataFieldId", uf.id AS "unifiedFieldId", s.key || '.' || e.name || '.' || f.name AS source
       FROM data_field f JOIN data_entity e ON e.id = f.entity_id JOIN service s ON s.id = e.service_id,
            unified_field uf JOIN unified_entity ue ON ue.id = uf.entity_id
       WHERE ue.name = 'Customer' AND uf.name = 'name'
         AND NOT EXISTS (SELECT 1 FROM field_mapping m WHERE m.data_field_id = f.id)
       ORDER BY s.key, e.name, f.name LIMIT 1`,
    );
    suggestedSource = row.source;
    await insertFieldMapping(t, { ...row, status: 'SUGGESTED', confidence: 0.8 });
  });

  afterAll(async () => {
    await t?.close();
  });

  /** What the database says supplies each unified field: CONFIRMED mappings of live services. */
  async function suppliersInDatabase(): Promise<SupplierTruth[]> {
    return t.dataSource.query<SupplierTruth[]>(
      `SELECT ue.name || '.' || uf.name AS "unifiedField", s.key || ':' || e.name || '.' || f.name AS supplier,
              m.is_system_of_record AS "systemOfRecord"
       FROM field_mapping m
       JOIN unified_field uf ON uf.id = m.unified_field_id JOIN unified_entity ue ON ue.id = uf.entity_id
       JOIN data_field f ON f.id = m.data_field_id JOIN data_entity e ON e.id = f.entity_id
       JOIN service s ON s.id = e.service_id AND s.deleted_at IS NULL
       WHERE m.status = 'CONFIRMED'`,
    );
  }

  describe('the model (what the MCP server and every renderer read)', () => {
    it('lists every confirmed supplier of every field, systems of record first, and nothing else', async () => {
      const latest = await dictionary.document();
      expect(latest.version).toBe(2);
      const listed = latest.entities.flatMap((e) =>
        e.fields.flatMap((f) =>
          f.suppliers.map((s) => ({
            unifiedField: `${e.name}.${f.name}`,
            supplier: `${s.serviceKey}:${s.entity}.${s.field}`,
            systemOfRecord: s.systemOfRecord,
          })),
        ),
      );
      const key = (s: SupplierTruth) => `${s.unifiedField} ${s.supplier}`;
      const truth = await suppliersInDatabase();
      expect(truth.length).toBeGreaterThan(100);
      expect(listed.map(key).sort()).toEqual(truth.map(key).sort());
      expect(listed.map(key)).not.toContain(`Customer.name ${suggestedSource.replace('.', ':')}`);

      let fieldsWithSorAndOthers = 0;
      for (const entity of latest.entities) {
        for (const field of entity.fields) {
          const flags = field.suppliers.map((s) => s.systemOfRecord);
          expect({ field: `${entity.name}.${field.name}`, flags }).toEqual({
            field: `${entity.name}.${field.name}`,
            flags: [...flags].sort((a, b) => Number(b) - Number(a)),
          });
          const others = field.suppliers.filter((s) => !s.systemOfRecord).map((s) => s.serviceKey.toLowerCase());
          expect(others).toEqual([...others].sort());
          if (flags[0] && flags.includes(false)) fieldsWithSorAndOthers++;
          expect(field.suppliers.every((s) => s.status === MappingStatus.CONFIRMED)).toBe(true);
        }
      }
      expect(fieldsWithSorAndOthers).toBeGreaterThan(0);
    });

    it('agrees with coverageReport', async () => {
      const { coverageReport } = await t.gqlOk<any>(
        `{ coverageReport { unifiedFields withSource singleSource conflictingMasters } }`,
      );
      const { coverage } = await dictionary.document('draft');
      expect({
        unifiedFields: coverage.fields,
        withSource: coverage.withSource,
        singleSource: coverage.singleSource,
        conflictingMasters: coverage.conflictingMasters,
      }).toEqual(coverageReport);
    });

    it('reads each version as it was published, with its publisher, in two SQL statements', async () => {
      let v1: DataDictionary | undefined;
      const statements = await t.countStatements(async () => {
        v1 = await dictionary.document(1);
      });
      expect(statements).toBe(2);
      expect(v1!).toMatchObject({ version: 1, publishedBy: CLI_CALLER.actor.name });
      expect(Date.parse(v1!.publishedAt!)).not.toBeNaN();
      expect(fieldOf(v1!, 'Lead', 'status').allowedValues).toEqual([]);
      const v2 = await dictionary.document(2);
      expect(v2.note).toBe('lead statuses');
      expect(fieldOf(v2, 'Lead', 'status')).toMatchObject({ type: FieldType.ENUM, allowedValues: LEAD_STATUSES });
      expect(fieldOf(v2, 'Contact', 'email').piiClass).toBe('EMAIL');
      expect(fieldOf(v2, 'Employee', 'birth_date').piiClass).toBe('BIRTH_DATE');
      const draft = await dictionary.document('draft');
      expect(draft).toMatchObject({ version: 'draft', publishedAt: null, publishedBy: null });
    });

    it('refuses an unknown version (NOT_FOUND) and an unknown format (BAD_USER_INPUT)', async () => {
      await expect(dictionary.document(99)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(dictionary.render('pdf' as never)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });

  describe('over HTTP', () => {
    it('serves a valid JSON Schema 2020-12 with PII classes, allowed values and suppliers', async () => {
      const response = await get('/unified/2.schema.json');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/schema\+json/);
      expect(response.headers['content-disposition']).toBe('inline; filename="estate-unified-v2.schema.json"');
      const schema = JSON.parse(response.text);
      expect(jsonSchemaProblems(schema)).toEqual([]);
      const defs = schema.$defs;
      expect(Object.keys(defs)).toEqual(expect.arrayContaining(['Customer', 'Contact', 'Lead', 'Employee']));
      expect(defs.Lead.properties.status).toMatchObject({
        type: 'string',
        enum: LEAD_STATUSES,
        'x-estate-type': 'ENUM',
      });
      expect(defs.Contact.properties.email['x-estate-pii-class']).toBe('EMAIL');
      expect(defs.Customer.properties.created_at).toMatchObject({ type: 'string', format: 'date-time' });
      const model = await dictionary.document(2);
      expect(defs.Customer.properties.name['x-estate-suppliers']).toEqual(fieldOf(model, 'Customer', 'name').suppliers);
      expect(defs.Customer.properties.name['x-estate-suppliers'][0].systemOfRecord).toBe(true);
    });

    it('serves a valid OpenAPI 3.1 document for the latest version', async () => {
      const response = await get('/unified/latest.openapi.json');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/vnd\.oai\.openapi\+json/);
      const document = JSON.parse(response.text);
      expect(await openApiProblems(document)).toEqual([]);
      expect(document.info.version).toBe('2');
      expect(document.components.schemas.Lead.properties.status.enum).toEqual(LEAD_STATUSES);
    });

    it('serves Markdown, the draft included', async () => {
      const response = await get('/unified/draft.md');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(response.text).toMatch(/^# Data dictionary: Estate unified schema, draft\n/);
      expect(response.text).toContain('## Customer');
      expect(response.text).toContain('| `email` | STRING | | EMAIL |');
      expect(response.text).toMatch(/- `name`\n {2}- `\S+` \([^)]*\): `[^`]+`, system of record\n/);
    });

    it('answers 404 for an unknown version, 400 for a bad file name and 401 without a token', async () => {
      const missing = await get('/unified/99.md');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ code: 'NOT_FOUND', message: 'Unified schema version "99" does not exist' });
      const format = await get('/unified/2.pdf');
      expect(format.status).toBe(400);
      expect(format.body.problems[0].path).toBe('format');
      const version = await get('/unified/newest.md');
      expect(version.status).toBe(400);
      expect(version.body.problems[0].path).toBe('version');
      const anonymous = await get('/unified/2.md', null);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    });

    it('serves the same documents through GraphQL', async () => {
      const http = await get('/unified/1.schema.json');
      const { unifiedDataDictionary } = await t.gqlOk<any>(DICTIONARY, { version: '1', format: 'JSON_SCHEMA' });
      expect(unifiedDataDictionary).toBe(http.text);
      const bad = await t.gql(DICTIONARY, { version: 'newest', format: 'MARKDOWN' });
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const missing = await t.gql(DICTIONARY, { version: '42', format: 'MARKDOWN' });
      expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('estate unified export', () => {
    let dir: string;
    /** Runs `estate unified export …`; several at once, as each spends a second or more loading Nest. */
    const cli = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [CLI, 'unified', 'export', ...args],
          { env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'warn' }, encoding: 'utf8' },
          (error, stdout, stderr) => resolve({ status: error ? (error.code as number) : 0, stdout, stderr }),
        );
      });
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-dictionary-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('writes the dictionary in each format, for a version, the latest or the draft', async () => {
      const out = path.join(dir, 'unified.openapi.json');
      const [jsonSchema, openapi, markdown] = await Promise.all([
        cli('--format', 'jsonschema', '--version', '2'),
        cli('--version', 'latest', '--out', out),
        cli('--format', 'markdown'),
      ]);
      expect({ status: jsonSchema.status, stderr: jsonSchema.stderr }).toEqual({ status: 0, stderr: '' });
      expect(jsonSchema.stdout).toBe((await get('/unified/2.schema.json')).text);

      expect(openapi.status).toBe(0);
      expect(openapi.stderr).toContain(`wrote the latest version to ${out}`);
      expect(fs.readFileSync(out, 'utf8')).toBe((await get('/unified/2.openapi.json')).text);

      expect(markdown.status).toBe(0);
      expect(markdown.stdout).toBe((await get('/unified/draft.md')).text);
    });

    it('keeps json and yaml as they were, now for the latest version too', async () => {
      const [latest, yaml] = await Promise.all([
        cli('--version', 'latest', '--json'),
        cli('--format', 'yaml', '--version', 'draft'),
      ]);
      expect(latest.status).toBe(0);
      const { unifiedSchemaDocument } = await t.gqlOk<any>(`{ unifiedSchemaDocument(version: 2, format: JSON) }`);
      expect(latest.stdout).toBe(unifiedSchemaDocument);
      expect(yaml.status).toBe(0);
      expect(yaml.stdout).toMatch(/^entities:\n/);
    });

    it('refuses a bad --version or --format (exit 2) and an unknown version (exit 1)', async () => {
      const [version, format, missing] = await Promise.all([
        cli('--version', 'newest'),
        cli('--format', 'pdf'),
        cli('--format', 'markdown', '--version', '99'),
      ]);
      expect({ status: version.status, stdout: version.stdout }).toEqual({ status: 2, stdout: '' });
      expect(version.stderr).toContain('--version must be a version number, latest or draft (got "newest")');
      expect(format.status).toBe(2);
      expect(format.stderr).toContain('--format must be json, yaml, jsonschema, openapi or markdown (got "pdf")');
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('Unified schema version "99" does not exist');
    });
  });
});

describe('the data dictionary before any version is published', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has no latest version (404) but an empty draft', async () => {
    const call = (url: string) =>
      request(t.app.getHttpServer()).get(url).set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`);
    const latest = await call('/unified/latest.schema.json');
    expect(latest.status).toBe(404);
    expect(latest.body.message).toBe('No version of the unified schema has been published yet');
    const draft = await call('/unified/draft.openapi.json');
    expect(draft.status).toBe(200);
    const document = JSON.parse(draft.text);
    expect(await openApiProblems(document)).toEqual([]);
    expect(document.components.schemas).toEqual({});
  });
});
