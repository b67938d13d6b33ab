import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { jsonSchemaProblems, openApiProblems, strictAjv } from '../../../test/support/dictionary-validators';
import { buildDataDictionary } from './data-dictionary';
import { parseDictionaryVersion, type DataDictionary } from './data-dictionary.types';
import { SAMPLE_SOURCE, SAMPLE_SUPPLIERS } from './dictionary-fixtures';
import { toJsonSchema, type JsonSchema } from './json-schema';
import { toMarkdown } from './markdown';
import { componentNames, toOpenApi } from './openapi';
import { renderDataDictionary } from './render';

const sample = (): DataDictionary => buildDataDictionary(SAMPLE_SOURCE, SAMPLE_SUPPLIERS);

const accountOf = (schema: JsonSchema) =>
  (schema.$defs as Record<string, { properties: Record<string, any>; required?: string[] }>)['crm.Account'];

describe('buildDataDictionary', () => {
  const dictionary = sample();
  const account = dictionary.entities.find((e) => e.name === 'crm.Account')!;
  const fieldOf = (name: string) => account.fields.find((f) => f.name === name)!;

  it('orders entities and fields by name, case aside, and dates the version', () => {
    expect(dictionary.entities.map((e) => e.name)).toEqual(['crm.Account', 'crm.Lead', 'Sales Order']);
    expect(account.fields.map((f) => f.name).slice(0, 5)).toEqual([
      'active',
      'addresses[].city',
      'addresses[].zip',
      'annualRevenue',
      'createdAt',
    ]);
    expect(dictionary).toMatchObject({
      version: 3,
      publishedAt: '2025-05-01T09:30:00.000Z',
      publishedBy: 'alice',
      note: 'CRM core',
    });
  });

  it('lists suppliers systems of record first, then by service key, entity and field', () => {
    expect(fieldOf('name').suppliers.map((s) => [s.serviceKey, s.field, s.systemOfRecord])).toEqual([
      ['salesforce', 'Name', true],
      ['hubspot', 'name', false],
      ['zendesk', 'name', false],
    ]);
    expect(fieldOf('name').suppliers[1]).toEqual({
      serviceKey: 'hubspot',
      serviceName: 'Hubspot',
      lifecycle: 'RETIRING',
      entity: 'Company',
      field: 'name',
      systemOfRecord: false,
      status: 'CONFIRMED',
    });
    expect(fieldOf('annualRevenue').suppliers.map((s) => s.field)).toEqual(['AnnualRevenue', 'Revenue2']);
  });

  it('counts coverage as coverageReport does: distinct services, two systems of record conflict', () => {
    expect(fieldOf('name').coverage).toEqual({
      services: 3,
      systemsOfRecord: 1,
      singleSource: false,
      conflictingMasters: false,
    });
    expect(fieldOf('email').coverage).toMatchObject({ services: 2, conflictingMasters: true });
    // Two fields of one service are one source.
    expect(fieldOf('annualRevenue').coverage).toMatchObject({ services: 1, singleSource: true });
    expect(fieldOf('tier').coverage).toEqual({
      services: 0,
      systemsOfRecord: 0,
      singleSource: false,
      conflictingMasters: false,
    });
    expect(account.coverage).toEqual({
      fields: 18,
      withSource: 4,
      withoutSource: 14,
      singleSource: 2,
      conflictingMasters: 1,
    });
    expect(dictionary.coverage).toEqual({
      fields: 19,
      withSource: 4,
      withoutSource: 15,
      singleSource: 2,
      conflictingMasters: 1,
    });
  });

  it('keeps PII classes and allowed values, and describes the draft as unpublished', () => {
    expect(fieldOf('email').piiClass).toBe('EMAIL');
    expect(fieldOf('tier').allowedValues).toEqual(['gold', 'silver']);
    const draft = buildDataDictionary({ ...SAMPLE_SOURCE, version: 'draft', publishedAt: null, publishedBy: null }, []);
    expect(draft).toMatchObject({ version: 'draft', publishedAt: null, publishedBy: null });
  });

  it('does not depend on the order of its input', () => {
    const shuffled = {
      ...SAMPLE_SOURCE,
      entities: [...SAMPLE_SOURCE.entities].reverse().map((e) => ({ ...e, fields: [...e.fields].reverse() })),
    };
    const again = buildDataDictionary(shuffled, [...SAMPLE_SUPPLIERS].reverse());
    for (const format of ['jsonschema', 'openapi', 'markdown'] as const) {
      expect(renderDataDictionary(again, format).body).toBe(renderDataDictionary(dictionary, format).body);
    }
  });
});

describe('toJsonSchema', () => {
  const schema = toJsonSchema(sample());
  const account = accountOf(schema);

  it('is a valid JSON Schema 2020-12 that compiles in strict mode once the x-estate keywords are declared', () => {
    expect(jsonSchemaProblems(schema)).toEqual([]);
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:estate:unified-schema:v3',
      title: 'Estate unified schema, version 3',
      'x-estate-version': { version: 3, publishedBy: 'alice', note: 'CRM core' },
    });
    expect(Object.keys(schema.$defs as object)).toEqual(['crm.Account', 'crm.Lead', 'Sales Order']);
    expect(schema.description).toMatch(/CONFIRMED mappings.*suggested mappings are not listed/);
  });

  it('is refused by a strict validator that was not told of the x-estate keywords (hence the vocabulary)', () => {
    const plain = new Ajv2020({ strict: true });
    addFormats(plain);
    expect(() => plain.compile(schema)).toThrow(/unknown keyword: "x-estate-/);
  });

  it.each([
    ['name', { type: 'string' }],
    ['notes', { type: 'string' }],
    ['seats', { type: 'integer', enum: [10, 50, 'unlimited'] }],
    ['annualRevenue', { type: 'number' }],
    ['active', { type: 'boolean', enum: [true, false] }],
    ['founded', { type: 'string', format: 'date' }],
    ['createdAt', { type: 'string', format: 'date-time' }],
    ['tier', { type: 'string', enum: ['gold', 'silver'] }],
    ['owner', { type: 'string' }],
    ['logo', { type: 'string', contentEncoding: 'base64' }],
  ])('gives %s the JSON type, format and enum of its unified type', (name, expected) => {
    expect(account.properties[name]).toMatchObject(expected);
  });

  it('leaves a JSON or untyped field open to any value', () => {
    for (const name of ['extra', 'legacyCode']) {
      const { type, format, enum: values } = account.properties[name];
      expect({ name, type, format, values }).toEqual({ name, type: undefined, format: undefined, values: undefined });
    }
    expect(account.properties.legacyCode['x-estate-type']).toBeUndefined();
    expect(account.properties.extra['x-estate-type']).toBe('JSON');
  });

  it('carries the Estate facts of each field under x-estate-* keywords', () => {
    expect(account.properties.name).toEqual({
      description: 'The legal name.',
      type: 'string',
      'x-estate-field': 'name',
      'x-estate-type': 'STRING',
      'x-estate-synonyms': ['company_name'],
      'x-estate-suppliers': [
        expect.objectContaining({ serviceKey: 'salesforce', field: 'Name', systemOfRecord: true }),
        expect.objectContaining({ serviceKey: 'hubspot' }),
        expect.objectContaining({ serviceKey: 'zendesk' }),
      ],
      'x-estate-coverage': { services: 3, systemsOfRecord: 1, singleSource: false, conflictingMasters: false },
    });
    expect(account.properties.email['x-estate-pii-class']).toBe('EMAIL');
    expect(accountOf(schema)).toMatchObject({
      title: 'crm.Account',
      type: 'object',
      'x-estate-entity': 'crm.Account',
      'x-estate-synonyms': ['Company', 'Customer'],
      'x-estate-coverage': { fields: 18 },
    });
  });

  it('nests dotted paths: lists as arrays, a list and its items described apart, required carried up', () => {
    expect(account.properties.addresses).toEqual({
      type: 'array',
      items: {
        type: 'object',
        properties: {
          city: expect.objectContaining({ type: 'string', 'x-estate-field': 'addresses[].city' }),
          zip: expect.objectContaining({ type: 'string', 'x-estate-field': 'addresses[].zip' }),
        },
        required: ['city'],
      },
    });
    expect(account.properties.tags).toMatchObject({
      description: 'Labels.',
      type: 'array',
      'x-estate-field': 'tags',
      items: { type: 'string', enum: ['vip', 'partner'], 'x-estate-field': 'tags[]' },
    });
    // hq.country is required, so every record has an hq; a list may be empty.
    expect(account.required).toEqual(['hq', 'name']);
    expect(account.properties.hq).toMatchObject({ type: 'object', required: ['country'] });
  });

  it('validates records as the unified schema describes them', () => {
    const validate = strictAjv().compile(schema);
    const ref = (entity: string) => ({ $ref: `urn:estate:unified-schema:v3#/$defs/${entity}` });
    const ajv = strictAjv();
    ajv.addSchema(schema);
    const record = {
      name: 'Acme',
      hq: { country: 'SE' },
      seats: 50,
      tier: 'gold',
      addresses: [{ city: 'Stockholm' }],
      founded: '1999-12-31',
    };
    expect(ajv.validate(ref('crm.Account'), record)).toBe(true);
    expect(ajv.validate(ref('crm.Account'), { ...record, tier: 'bronze' })).toBe(false);
    expect(ajv.validate(ref('crm.Account'), { ...record, addresses: [{ zip: '111 22' }] })).toBe(false);
    expect(ajv.validate(ref('crm.Account'), { ...record, founded: 'yesterday' })).toBe(false);
    expect(ajv.validate(ref('crm.Account'), { hq: { country: 'SE' } })).toBe(false);
    expect(validate({})).toBe(true);
  });
});

describe('toOpenApi', () => {
  const document = toOpenApi(sample());

  it('is a valid OpenAPI 3.1 document whose component schemas are valid JSON Schema', async () => {
    expect(await openApiProblems(document)).toEqual([]);
    expect(document).toMatchObject({
      openapi: '3.1.0',
      info: { title: 'Estate unified schema, version 3', version: '3' },
      paths: {},
    });
  });

  it('holds the same entity schemas as the JSON Schema, under names OpenAPI allows', () => {
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    expect(Object.keys(schemas)).toEqual(['crm.Account', 'crm.Lead', 'Sales_Order']);
    expect(schemas['Sales_Order']).toMatchObject({ title: 'Sales Order', 'x-estate-entity': 'Sales Order' });
    expect(schemas['crm.Account']).toEqual(accountOf(toJsonSchema(sample())));
  });

  it('would be refused with a name OpenAPI does not allow (the validator is real)', async () => {
    const broken = { ...document, components: { schemas: { 'Sales Order': {} } } };
    expect((await openApiProblems(broken)).join('\n')).toMatch(/must match pattern/);
  });

  it.each([
    [
      ['a b', 'a_b'],
      ['a_b_2', 'a_b'],
    ],
    [
      ['x/y', 'X_y', 'x?y'],
      ['x_y_2', 'X_y', 'x_y_3'],
    ],
    [
      ['ok.Name', 'ok-name'],
      ['ok.Name', 'ok-name'],
    ],
  ])('names components %j as %j', (names, expected) => {
    expect(componentNames(names)).toEqual(expected);
  });
});

describe('toMarkdown', () => {
  const markdown = toMarkdown(sample());

  it('opens with the version, the rule for suppliers and the coverage', () => {
    expect(markdown).toMatch(/^# Data dictionary: Estate unified schema, version 3\n\n/);
    expect(markdown).toContain('version 3, published 2025-05-01T09:30:00.000Z by alice ("CRM core")');
    expect(markdown).toContain('suggested mappings are not listed');
    expect(markdown).toContain('| 3 | 19 | 4 | 2 | 1 | 15 |');
  });

  it('has a section per entity with a table of fields', () => {
    expect(markdown.match(/^## .*$/gm)).toEqual(['## crm.Account', '## crm.Lead', '## Sales Order']);
    expect(markdown).toContain(
      '| Field | Type | Required | PII | Allowed values | Synonyms | Suppliers | Description |',
    );
    expect(markdown).toContain('| `name` | STRING | yes | | | company_name | 3 | The legal name. |');
    expect(markdown).toContain('| `tier` | ENUM | | | `gold`, `silver` | | 0 | |');
    expect(markdown).toContain('| `legacyCode` | — | | | | | 0 | |');
    expect(markdown).toContain('| `email` | STRING | | EMAIL |');
    expect(markdown).toContain('_No fields._');
  });

  it('lists suppliers with their source fields, systems of record first', () => {
    expect(markdown).toContain(
      [
        '- `name`',
        '  - `salesforce` (Salesforce, ACTIVE): `Account.Name`, system of record',
        '  - `hubspot` (Hubspot, RETIRING): `Company.name`',
        '  - `zendesk` (Zendesk, ACTIVE): `Organization.name`',
      ].join('\n'),
    );
    expect(markdown).toContain('- `email` (conflicting systems of record)');
    expect(markdown).toMatch(/Without a supplier: `active`, `addresses\[\]\.zip`, .*`tier`\./);
    expect(markdown).toContain('### crm.Lead: suppliers\n\nNo field has a supplier yet.');
  });

  it('keeps text from breaking the table or becoming HTML', () => {
    expect(markdown).toContain('Revenue \\| per year \\<b\\>');
  });
});

describe('renderDataDictionary', () => {
  it.each([
    ['jsonschema', 'application/schema+json', 'estate-unified-v3.schema.json'],
    ['openapi', 'application/vnd.oai.openapi+json;version=3.1', 'estate-unified-v3.openapi.json'],
    ['markdown', 'text/markdown; charset=utf-8', 'estate-unified-v3.md'],
  ] as const)('renders %s as %s, named %s', (format, contentType, fileName) => {
    const rendered = renderDataDictionary(sample(), format);
    expect({ contentType: rendered.contentType, fileName: rendered.fileName }).toEqual({ contentType, fileName });
    expect(rendered.body.endsWith('\n')).toBe(true);
  });

  it('names the draft as such', () => {
    const draft = buildDataDictionary({ ...SAMPLE_SOURCE, version: 'draft', publishedAt: null }, []);
    expect(renderDataDictionary(draft, 'markdown').fileName).toBe('estate-unified-draft.md');
    expect(toJsonSchema(draft).$id).toBe('urn:estate:unified-schema:draft');
    expect(toMarkdown(draft)).toContain('the draft (not published: it may still change)');
  });
});

describe('parseDictionaryVersion', () => {
  it.each([
    ['3', 3],
    ['latest', 'latest'],
    ['DRAFT', 'draft'],
    [' 12 ', 12],
    ['0', undefined],
    ['03', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['v3', undefined],
    ['1234567890', undefined],
    ['', undefined],
  ])('reads %j as %j', (text, expected) => {
    expect(parseDictionaryVersion(text)).toEqual(expected);
  });
});
