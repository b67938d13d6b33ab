import { fieldOf, problemsOf } from '../../../test/support/import-problems';
import { fixture } from '../../../test/support/schema-fixtures';
import { FieldType } from '../schema.types';
import { importJsonSchema } from './json-schema.importer';

describe('importJsonSchema', () => {
  it('reads a 2020-12 schema: the root (by title) and each $defs entry with properties are entities', () => {
    const { entities, source, warnings } = importJsonSchema(fixture('worker.schema-2020-12.json'));
    expect(source).toBe('JSON Schema 2020-12');
    expect(entities.map((e) => e.name)).toEqual(['Worker', 'Position', 'Organization', 'Compensation']);
    expect(entities[0].description).toBe('A person who works for the organisation.');
    expect(fieldOf(entities, 'Worker', 'workerId')).toMatchObject({ identifier: true, nullable: false });
    expect(fieldOf(entities, 'Worker', 'person.legalName.givenName')).toMatchObject({ type: FieldType.STRING });
    expect(fieldOf(entities, 'Worker', 'person.dateOfBirth')).toMatchObject({ type: FieldType.DATE });
    expect(fieldOf(entities, 'Worker', 'position')).toMatchObject({
      type: FieldType.REFERENCE,
      referenceTarget: 'Position',
    });
    // `$ref: "#"` is the root schema itself: a reference, not an endless nesting.
    expect(fieldOf(entities, 'Worker', 'manager')).toMatchObject({
      type: FieldType.REFERENCE,
      referenceTarget: 'Worker',
    });
    expect(fieldOf(entities, 'Worker', 'compensation.currency')).toMatchObject({
      type: FieldType.ENUM,
      isArray: true,
      enumValues: ['EUR', 'USD'],
    });
    expect(fieldOf(entities, 'Organization', 'parent')).toMatchObject({ referenceTarget: 'Organization' });
    expect(warnings).toEqual([]);
  });

  it('reads a draft-07 schema in YAML with definitions only', () => {
    const { entities, source } = importJsonSchema(fixture('ticket.schema-draft-07.yaml'));
    expect(source).toBe('JSON Schema draft-07');
    expect(entities.map((e) => e.name)).toEqual(['Ticket', 'Requester']);
    expect(fieldOf(entities, 'Ticket', 'requester')).toMatchObject({
      type: FieldType.REFERENCE,
      referenceTarget: 'Requester',
    });
    expect(fieldOf(entities, 'Ticket', 'status').enumValues).toEqual(['new', 'open', 'pending', 'solved', 'closed']);
  });

  it('names an untitled root schema after the given entity name', () => {
    const { entities } = importJsonSchema('{"type": "object", "properties": {"sku": {"type": "string"}}}', {
      entityName: 'product',
    });
    expect(entities.map((e) => e.name)).toEqual(['product']);
  });

  it('resolves references by the schema’s own $id', () => {
    const schema = {
      $id: 'https://example.com/order.json',
      title: 'Order',
      type: 'object',
      properties: {
        id: { type: 'string' },
        lines: { type: 'array', items: { $ref: 'https://example.com/order.json#/$defs/Line' } },
      },
      $defs: { Line: { type: 'object', properties: { qty: { type: 'integer' } } } },
    };
    const { entities } = importJsonSchema(JSON.stringify(schema));
    expect(fieldOf(entities, 'Order', 'lines.qty')).toMatchObject({ type: FieldType.INTEGER, isArray: true });
  });

  it('refuses an unknown dialect or a schema with nothing to import, naming where', () => {
    expect(problemsOf(() => importJsonSchema('{"$schema": "https://example.com/my-meta-schema"}'))).toEqual([
      {
        pointer: '/$schema',
        message:
          'unsupported JSON Schema dialect "https://example.com/my-meta-schema" (supported: draft-04 to 2020-12)',
      },
    ]);
    expect(problemsOf(() => importJsonSchema('{"type": "string"}'))).toEqual([
      { pointer: '', message: 'the schema has no properties and no definitions to import as entities' },
    ]);
    expect(problemsOf(() => importJsonSchema('[1, 2]'))[0].message).toBe('a JSON Schema is a JSON/YAML object');
  });
});
