import { problemsOf } from '../../test/support/import-problems';
import { FieldType, PiiClass } from '../schemas/schema.types';
import { formatUnifiedSchema, parseUnifiedSchema } from './unified-document';
import type { UnifiedSchemaSpec } from './unified.types';

const doc = (entities: unknown[]) => JSON.stringify({ entities });

describe('parseUnifiedSchema', () => {
  it('reads a document that names only entities and fields', () => {
    const { schema, warnings } = parseUnifiedSchema(
      '{"entities":[{"name":"crm.Account","fields":[{"name":"addresses[].city"},{"name":"id"}]}]}',
    );
    expect(schema.entities).toEqual([
      {
        name: 'crm.Account',
        description: null,
        synonyms: [],
        fields: [
          { name: 'addresses[].city', type: null, description: null, synonyms: [], piiClass: null, enumValues: [] },
          { name: 'id', type: null, description: null, synonyms: [], piiClass: null, enumValues: [] },
        ],
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reads every attribute, from YAML as from JSON', () => {
    const yaml = [
      'entities:',
      '  - name: hr.Employee',
      '    description: Someone the company employs.',
      '    synonyms: [Worker, Staff]',
      '    fields:',
      '      - name: email',
      '        type: string',
      '        required: true',
      '        piiClass: email',
      '        synonyms: [workEmail]',
      '      - name: status',
      '        enum: [ACTIVE, 2024, true]',
    ].join('\n');
    const [employee] = parseUnifiedSchema(yaml).schema.entities;
    expect(employee).toMatchObject({ name: 'hr.Employee', synonyms: ['Worker', 'Staff'] });
    expect(employee.fields[0]).toMatchObject({
      type: FieldType.STRING,
      required: true,
      piiClass: PiiClass.EMAIL,
      synonyms: ['workEmail'],
    });
    expect(employee.fields[1].enumValues).toEqual(['ACTIVE', '2024', 'true']);
  });

  it.each([
    ['STRING', FieldType.STRING],
    ['datetime', FieldType.DATETIME],
    ['string', FieldType.STRING],
    ['text', FieldType.TEXT],
    ['integer', FieldType.INTEGER],
    ['int', FieldType.INTEGER],
    ['number', FieldType.DECIMAL],
    ['Boolean', FieldType.BOOLEAN],
    ['date', FieldType.DATE],
    ['date-time', FieldType.DATETIME],
    ['timestamp', FieldType.DATETIME],
    ['object', FieldType.JSON],
    ['array', FieldType.JSON],
    ['enum', FieldType.ENUM],
    ['reference', FieldType.REFERENCE],
  ])('reads the type %s as %s', (spelling, type) => {
    const { schema } = parseUnifiedSchema(doc([{ name: 'a.B', fields: [{ name: 'x', type: spelling }] }]));
    expect(schema.entities[0].fields[0].type).toBe(type);
  });

  it.each([
    [
      'an unknown type',
      [{ name: 'a.B', fields: [{ name: 'x', type: 'varchar2' }] }],
      '/entities/0/fields/0/type',
      /^unknown type "varchar2": use one of STRING, TEXT, .* \(or str, int, .*\)$/,
    ],
    ['a missing entity name', [{ fields: [] }], '/entities/0/name', /^must be a non-empty string$/],
    ['no fields', [{ name: 'a.B' }], '/entities/0/fields', /^must be a list of fields$/],
    ['a field that is not an object', [{ name: 'a.B', fields: ['x'] }], '/entities/0/fields/0', /must be an object/],
    [
      'required as text',
      [{ name: 'a.B', fields: [{ name: 'x', required: 'yes' }] }],
      '/entities/0/fields/0/required',
      /true or false/,
    ],
    [
      'an unknown PII class',
      [{ name: 'a.B', fields: [{ name: 'x', piiClass: 'SHOE' }] }],
      '/entities/0/fields/0/piiClass',
      /^must be one of EMAIL/,
    ],
    ['synonyms as text', [{ name: 'a.B', synonyms: 'client', fields: [] }], '/entities/0/synonyms', /list of words/],
    [
      'enum values as an object',
      [{ name: 'a.B', fields: [{ name: 'x', enumValues: { a: 1 } }] }],
      '/entities/0/fields/0/enumValues',
      /list of values/,
    ],
    [
      'a duplicate entity',
      [
        { name: 'a.B', fields: [] },
        { name: 'A.b', fields: [] },
      ],
      '/entities/1/name',
      /^duplicates entities\[0\]/,
    ],
    [
      'a duplicate field',
      [{ name: 'a.B', fields: [{ name: 'id' }, { name: 'ID' }] }],
      '/entities/0/fields/1/name',
      /^duplicates fields\[0\]/,
    ],
    [
      'a field name that is no path',
      [{ name: 'a.B', fields: [{ name: 'first name' }] }],
      '/entities/0/fields/0/name',
      /dotted path/,
    ],
    [
      'a blank synonym',
      [{ name: 'a.B', fields: [{ name: 'x', synonyms: ['ok', ' '] }] }],
      '/entities/0/fields/0/synonyms/1',
      /must not be blank/,
    ],
    [
      'a long enum value',
      [{ name: 'a.B', fields: [{ name: 'x', enum: ['x'.repeat(301)] }] }],
      '/entities/0/fields/0/enum/0',
      /at most 300/,
    ],
  ])('refuses %s, naming its JSON pointer', (_case, entities, pointer, message) => {
    const [problem, ...others] = problemsOf(() => parseUnifiedSchema(doc(entities)));
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ pointer, line: 1 });
    expect(problem.message).toMatch(message);
  });

  it('reports every problem at once, each with its line and column', () => {
    const yaml = [
      'entities:', //                         1
      '  - name: crm.Account', //             2
      '    fields:', //                       3
      '      - name: id', //                  4
      '        type: uuid4', //               5
      '      - name: owner', //               6
      '        required: maybe', //           7
      '  - name: crm.Contact', //             8
    ].join('\n');
    expect(problemsOf(() => parseUnifiedSchema(yaml))).toEqual([
      {
        pointer: '/entities/0/fields/0/type',
        line: 5,
        column: 15,
        message: expect.stringMatching(/^unknown type "uuid4"/),
      },
      { pointer: '/entities/0/fields/1/required', line: 7, column: 19, message: 'must be true or false' },
      // A missing key is placed at what holds it.
      { pointer: '/entities/1/fields', line: 8, column: 5, message: 'must be a list of fields' },
    ]);
  });

  it('locates syntax errors by line and column', () => {
    expect(problemsOf(() => parseUnifiedSchema('{"entities": [\n  {"name": "a.B",, "fields": []}\n]}'))).toEqual([
      { message: expect.stringMatching(/^invalid JSON/), line: 2, column: 18 },
    ]);
    expect(problemsOf(() => parseUnifiedSchema('entities:\n  - name: [a\n'))).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^invalid YAML/), line: 3 }),
    ]);
    expect(problemsOf(() => parseUnifiedSchema('  \n'))).toEqual([{ line: 1, message: 'the file is empty' }]);
    expect(problemsOf(() => parseUnifiedSchema('[1, 2]'))).toEqual([
      { pointer: '/entities', line: 1, column: 1, message: 'must be a list of entities' },
    ]);
  });

  it('warns about keys it does not know, where they are, and reads the rest', () => {
    const json = JSON.stringify(
      { version: 2, entities: [{ name: 'a.B', owner: 'x', fields: [{ name: 'id', nullable: false }] }] },
      null,
      2,
    );
    const { schema, warnings } = parseUnifiedSchema(json);
    expect(schema.entities[0].fields[0].name).toBe('id');
    expect(warnings).toEqual([
      { pointer: '', line: 1, column: 1, message: 'ignored: version' },
      { pointer: '/entities/0', line: 4, column: 5, message: 'ignored: owner' },
      { pointer: '/entities/0/fields/0', line: 8, column: 9, message: 'ignored: nullable' },
    ]);
  });
});

describe('formatUnifiedSchema', () => {
  const schema: UnifiedSchemaSpec = {
    entities: [
      {
        id: '5f0c6c59-6f0a-4d4f-9d0e-0d7e2f2f6a11',
        name: 'crm.Contact',
        description: null,
        synonyms: [],
        fields: [
          { name: 'lastName', type: FieldType.STRING, required: true, synonyms: ['surname'], enumValues: [] },
          { name: 'emails[].address', type: FieldType.STRING, piiClass: PiiClass.EMAIL },
        ],
      },
      {
        name: 'crm.account',
        description: 'A company: "quoted", # not a comment\nsecond line',
        synonyms: ['Company', 'true', '2024-01-01', 'null'],
        fields: [{ name: 'stage', enumValues: ['yes', 'no', '1.0', 'a: b'] }],
      },
    ],
  };

  it.each(['json', 'yaml'] as const)('writes %s that reads back as the same schema, entities by name', (format) => {
    const text = formatUnifiedSchema(schema, format);
    const { schema: back, warnings } = parseUnifiedSchema(text);
    expect(warnings).toEqual([]);
    expect(back.entities.map((e) => e.name)).toEqual(['crm.account', 'crm.Contact']);
    expect(back.entities[0]).toMatchObject({
      description: schema.entities[1].description,
      synonyms: schema.entities[1].synonyms,
      fields: [{ name: 'stage', enumValues: ['yes', 'no', '1.0', 'a: b'] }],
    });
    expect(back.entities[1].fields).toMatchObject([
      { name: 'lastName', type: FieldType.STRING, required: true, synonyms: ['surname'] },
      { name: 'emails[].address', type: FieldType.STRING, piiClass: PiiClass.EMAIL },
    ]);
  });

  it('leaves out ids and attributes without a value', () => {
    const text = formatUnifiedSchema(schema, 'yaml');
    expect(text).not.toContain('5f0c6c59');
    expect(text).toContain(
      [
        '  - name: crm.Contact',
        '    fields:',
        '      - name: lastName',
        '        type: STRING',
        '        synonyms:',
      ].join('\n'),
    );
    expect(JSON.parse(formatUnifiedSchema(schema, 'json')).entities[1].fields[1]).toEqual({
      name: 'emails[].address',
      type: 'STRING',
      piiClass: 'EMAIL',
    });
  });
});
