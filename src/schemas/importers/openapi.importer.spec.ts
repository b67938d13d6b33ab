import { largeOpenApiSpec } from '../../../bench/datasets/large-openapi';
import { fixture } from '../../../test/support/schema-fixtures';
import { fieldOf, problemsOf } from '../../../test/support/import-problems';
import { FieldType } from '../schema.types';
import { importOpenApi } from './openapi.importer';

describe('importOpenApi', () => {
  describe('an OpenAPI 3.1 CRM spec (YAML)', () => {
    const { entities, warnings, source } = importOpenApi(fixture('crm-openapi-3.1.yaml'));
    const names = entities.map((e) => e.name);

    it('makes every named schema with properties an entity, and reports the rest', () => {
      expect(source).toBe('OpenAPI 3.1.0');
      expect(names).toEqual([
        'Base',
        'Auditable',
        'User',
        'Address',
        'Account',
        'Contact',
        'Category',
        'PaymentMethod',
      ]);
      expect(warnings).toContainEqual({
        pointer: '/components/schemas',
        message: '3 schemas without properties (enums, scalars, arrays, maps) are field types, not entities',
      });
    });

    it('merges allOf chains: Account gets the fields of Auditable and of Base', () => {
      const account = entities.find((e) => e.name === 'Account')!;
      expect(account.description).toBe('A company we sell to.');
      expect(account.fields.slice(0, 5).map((f) => f.name)).toEqual([
        'id',
        'created_at',
        'updated_at',
        'updated_by',
        'name',
      ]);
      expect(fieldOf(entities, 'Account', 'id')).toMatchObject({ identifier: true, nullable: false });
      expect(fieldOf(entities, 'Account', 'created_at')).toMatchObject({ type: FieldType.DATETIME, nullable: false });
      expect(fieldOf(entities, 'Account', 'name')).toMatchObject({
        nullable: false,
        description: 'Legal name of the company.',
      });
    });

    it('types fields from type, format, enum, contentEncoding and 3.1 type lists', () => {
      expect(fieldOf(entities, 'Account', 'updated_at')).toMatchObject({ type: FieldType.DATETIME, nullable: true });
      expect(fieldOf(entities, 'Account', 'annual_revenue')).toMatchObject({
        type: FieldType.DECIMAL,
        sourceType: 'number(double)',
      });
      expect(fieldOf(entities, 'Account', 'employees')).toMatchObject({ type: FieldType.INTEGER });
      expect(fieldOf(entities, 'Account', 'is_customer')).toMatchObject({ type: FieldType.BOOLEAN });
      expect(fieldOf(entities, 'Account', 'industry')).toMatchObject({
        type: FieldType.ENUM,
        sourceType: 'Industry',
        enumValues: ['banking', 'insurance', 'retail', 'software'],
      });
      expect(fieldOf(entities, 'Account', 'metadata')).toMatchObject({ type: FieldType.JSON });
      expect(fieldOf(entities, 'Account', 'logo')).toMatchObject({ type: FieldType.BINARY });
      expect(fieldOf(entities, 'Account', 'tags')).toMatchObject({ type: FieldType.STRING, isArray: true });
    });

    it('makes a reference to a schema with an identifier a REFERENCE, also when circular or expandable (anyOf id | object)', () => {
      expect(fieldOf(entities, 'Account', 'parent')).toMatchObject({
        type: FieldType.REFERENCE,
        referenceTarget: 'Account',
        description: null,
      });
      expect(fieldOf(entities, 'User', 'manager')).toMatchObject({
        type: FieldType.REFERENCE,
        referenceTarget: 'User',
      });
      expect(fieldOf(entities, 'Account', 'owner')).toMatchObject({
        type: FieldType.REFERENCE,
        referenceTarget: 'User',
        description: 'The account owner (an id unless expanded).',
      });
    });

    it('flattens value objects to dotted paths, keeping nullability along the path', () => {
      expect(fieldOf(entities, 'Account', 'billing_address.city')).toMatchObject({
        type: FieldType.STRING,
        nullable: true,
      });
      expect(fieldOf(entities, 'Account', 'billing_address.country')).toMatchObject({
        type: FieldType.ENUM,
        description: 'ISO 3166-1 alpha-2 country code.',
      });
      expect(fieldOf(entities, 'Contact', 'person.legalName.givenName')).toMatchObject({ nullable: false });
      expect(fieldOf(entities, 'Contact', 'person.legalName.familyName')).toMatchObject({ nullable: true });
      expect(fieldOf(entities, 'Contact', 'person.birthDate')).toMatchObject({ type: FieldType.DATE });
    });

    it('marks fields from arrays of objects as arrays, and stops recursion with a JSON field', () => {
      expect(fieldOf(entities, 'Contact', 'emails.address')).toMatchObject({ isArray: true, type: FieldType.STRING });
      expect(fieldOf(entities, 'Category', 'children')).toMatchObject({
        type: FieldType.JSON,
        isArray: true,
        sourceType: 'Category (recursive)',
      });
      expect(warnings).toContainEqual({ message: '1 recursive structures are kept as JSON fields where they recur' });
    });

    it('follows a $ref into a property of another schema', () => {
      expect(fieldOf(entities, 'Contact', 'mailing_country')).toMatchObject({
        type: FieldType.ENUM,
        enumValues: ['DE', 'FR', 'GB', 'SE', 'US'],
      });
    });

    it('unions oneOf enums (null making the field nullable) and merges oneOf object variants', () => {
      expect(fieldOf(entities, 'Contact', 'status')).toMatchObject({
        type: FieldType.ENUM,
        enumValues: ['lead', 'active', 'churned'],
        nullable: true,
      });
      const payment = entities.find((e) => e.name === 'PaymentMethod')!;
      expect(payment.fields.map((f) => f.name)).toEqual(['kind', 'iban', 'last4', 'brand']);
      expect(fieldOf(entities, 'PaymentMethod', 'kind')).toMatchObject({
        enumValues: ['sepa', 'card'],
        nullable: false,
      });
      expect(fieldOf(entities, 'PaymentMethod', 'iban')).toMatchObject({ nullable: true });
    });
  });

  it('reads Swagger 2.0 definitions (JSON), with x-nullable and string-encoded decimals', () => {
    const { entities, source } = importOpenApi(fixture('billing-swagger-2.0.json'));
    expect(source).toBe('Swagger 2.0');
    expect(entities.map((e) => e.name)).toEqual(['Money', 'Invoice', 'InvoiceLine', 'Customer']);
    expect(fieldOf(entities, 'Invoice', 'total.amount')).toMatchObject({ type: FieldType.DECIMAL, nullable: false });
    expect(fieldOf(entities, 'Invoice', 'lines.unit_price.currency')).toMatchObject({
      type: FieldType.ENUM,
      isArray: true,
    });
    expect(fieldOf(entities, 'Invoice', 'voided_at')).toMatchObject({ type: FieldType.DATETIME, nullable: true });
    expect(fieldOf(entities, 'Invoice', 'pdf')).toMatchObject({ type: FieldType.BINARY });
    expect(fieldOf(entities, 'Customer', 'invoices')).toMatchObject({
      type: FieldType.REFERENCE,
      referenceTarget: 'Invoice',
      isArray: true,
    });
  });

  it('keeps a 3.1 $ref’s own description and still sees the reference', () => {
    const spec = {
      openapi: '3.1.0',
      components: {
        schemas: {
          Team: { type: 'object', properties: { id: { type: 'string' } } },
          Player: {
            type: 'object',
            properties: { team: { $ref: '#/components/schemas/Team', description: 'Current team' } },
          },
        },
      },
    };
    const { entities } = importOpenApi(JSON.stringify(spec));
    expect(fieldOf(entities, 'Player', 'team')).toMatchObject({
      type: FieldType.REFERENCE,
      referenceTarget: 'Team',
      description: 'Current team',
    });
  });

  it('keeps objects nested deeper than maxDepth as one JSON field and says so', () => {
    const { entities, warnings } = importOpenApi(fixture('crm-openapi-3.1.yaml'), { maxDepth: 2 });
    expect(fieldOf(entities, 'Contact', 'person.legalName')).toMatchObject({ type: FieldType.JSON });
    expect(entities.find((e) => e.name === 'Contact')!.fields.some((f) => f.name.startsWith('person.legalName.'))).toBe(
      false,
    );
    expect(warnings.map((w) => w.message)).toContain('1 nested objects deeper than 2 levels are kept as JSON fields');
  });

  it('keeps at most 5,000 fields per entity and says how many it left out', () => {
    const properties = Object.fromEntries(Array.from({ length: 5003 }, (_, i) => [`f${i}`, { type: 'string' }]));
    const spec = { openapi: '3.0.3', components: { schemas: { Wide: { type: 'object', properties } } } };
    const { entities, warnings } = importOpenApi(JSON.stringify(spec));
    expect(entities[0].fields).toHaveLength(5000);
    expect(warnings).toContainEqual({
      pointer: '/components/schemas/Wide',
      message: '3 fields beyond the first 5000 are left out (lower maxDepth to keep fewer nested fields)',
    });
  });

  describe('refuses, naming where', () => {
    it('an unsupported version', () => {
      expect(problemsOf(() => importOpenApi('openapi: 4.0.0\ncomponents: {}\n'))).toEqual([
        {
          pointer: '/openapi',
          message: 'unsupported OpenAPI version "4.0.0" (supported: 3.0, 3.1, 3.2 and Swagger 2.0)',
        },
      ]);
      expect(problemsOf(() => importOpenApi('{"swagger": "1.2"}'))[0]).toMatchObject({ pointer: '/swagger' });
    });

    it('a document that is not OpenAPI, or defines no schemas', () => {
      expect(problemsOf(() => importOpenApi('title: hello\n'))[0].message).toMatch(/not an OpenAPI document/);
      expect(problemsOf(() => importOpenApi('openapi: 3.0.3\npaths: {}\n'))).toEqual([
        { pointer: '/components/schemas', message: 'the document defines no schemas (components.schemas)' },
      ]);
    });

    it('an unresolvable $ref, with the JSON pointer of every one', () => {
      const spec = {
        openapi: '3.0.3',
        components: {
          schemas: {
            A: { type: 'object', properties: { b: { $ref: '#/components/schemas/Missing' }, c: { $ref: '#/nope/x' } } },
          },
        },
      };
      expect(problemsOf(() => importOpenApi(JSON.stringify(spec)))).toEqual([
        {
          pointer: '/components/schemas/A/properties/b',
          message: 'cannot resolve $ref "#/components/schemas/Missing": nothing in the file is at that location',
        },
        {
          pointer: '/components/schemas/A/properties/c',
          message: 'cannot resolve $ref "#/nope/x": nothing in the file is at that location',
        },
      ]);
    });

    it('a $ref to another file, where the importer meets it (files are never read)', () => {
      const spec = {
        openapi: '3.0.3',
        components: {
          schemas: { A: { type: 'object', properties: { id: { type: 'string' }, b: { $ref: '/etc/passwd#/x' } } } },
        },
      };
      expect(problemsOf(() => importOpenApi(JSON.stringify(spec)))).toEqual([
        {
          pointer: '/components/schemas/A/properties/b',
          message: 'cannot resolve $ref "/etc/passwd#/x" (only references within the file are followed)',
        },
      ]);
    });

    it('a $ref chain that never reaches a schema', () => {
      const spec = {
        openapi: '3.0.3',
        components: { schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } } },
      };
      expect(problemsOf(() => importOpenApi(JSON.stringify(spec)))[0]).toMatchObject({
        message: expect.stringMatching(/circular \$ref chain/),
      });
    });

    it('invalid YAML or JSON, with line and column', () => {
      expect(problemsOf(() => importOpenApi('openapi: 3.0.3\ncomponents:\n  schemas: [a, b\n'))[0]).toMatchObject({
        line: 4,
        message: expect.stringMatching(/^invalid YAML/),
      });
      expect(problemsOf(() => importOpenApi('{\n  "openapi": "3.0.3",\n  "components": {,\n}'))[0]).toMatchObject({
        line: 3,
        column: 18,
        message: expect.stringMatching(/^invalid JSON/),
      });
    });
  });

  it('imports a generated spec of 1,500 densely linked schemas (Stripe-sized), every reference naming an entity', () => {
    const text = JSON.stringify(largeOpenApiSpec(1500));
    const { entities, warnings } = importOpenApi(text);
    expect(entities).toHaveLength(1502);
    const names = new Set(entities.map((e) => e.name));
    const targets = entities.flatMap((e) => e.fields.flatMap((f) => f.referenceTarget?.split(' | ') ?? []));
    expect(targets.length).toBeGreaterThan(1500);
    expect(targets.filter((t) => !names.has(t))).toEqual([]);
    expect(warnings.some((w) => /deeper than 4 levels/.test(w.message))).toBe(true);
    expect(importOpenApi(text).entities).toEqual(entities);
  });
});
