import { fieldOf, problemsOf } from '../../../test/support/import-problems';
import { fixture } from '../../../test/support/schema-fixtures';
import { FieldType } from '../schema.types';
import { importEstateJson } from './estate-json.importer';

describe('importEstateJson', () => {
  it('reads entities and fields as given', () => {
    const { entities, source } = importEstateJson(fixture('crm.estate.json'));
    expect(source).toBe('Estate JSON');
    expect(entities[0]).toMatchObject({ name: 'Lead', description: 'A prospective customer.', recordCount: 125000 });
    expect(fieldOf(entities, 'Lead', 'Status').enumValues).toEqual(['Open', 'Working', 'Converted']);
    expect(fieldOf(entities, 'Lead', 'AnnualRevenue')).toMatchObject({ sourceType: 'currency' });
    expect(fieldOf(entities, 'Lead', 'Owner')).toMatchObject({ type: FieldType.REFERENCE, referenceTarget: 'User' });
  });

  it('takes a type it does not know as the source type', () => {
    const { entities } = importEstateJson(
      '{"entities": [{"name": "A", "fields": [{"name": "x", "type": "picklist"}]}]}',
    );
    expect(entities[0].fields[0]).toMatchObject({ sourceType: 'picklist' });
    expect(entities[0].fields[0].type).toBeUndefined();
  });

  it('reports every problem with its JSON pointer', () => {
    const document = {
      entities: [
        { name: 'A', fields: [{ name: '' }, { name: 'b', nullable: 'yes', enum: 'x', piiClass: 'SHOE' }] },
        { name: 3, fields: {} },
      ],
    };
    expect(problemsOf(() => importEstateJson(JSON.stringify(document)))).toEqual([
      { pointer: '/entities/0/fields/0/name', message: 'must be a non-empty string' },
      { pointer: '/entities/0/fields/1/nullable', message: 'must be true or false' },
      { pointer: '/entities/0/fields/1/enum', message: 'must be a list of values' },
      { pointer: '/entities/0/fields/1/piiClass', message: expect.stringMatching(/^must be one of EMAIL/) },
      { pointer: '/entities/1/name', message: 'must be a non-empty string' },
      { pointer: '/entities/1/fields', message: 'must be a list of fields' },
    ]);
    expect(problemsOf(() => importEstateJson('{"services": []}'))).toEqual([
      { pointer: '/entities', message: 'must be a list of entities' },
    ]);
  });
});
