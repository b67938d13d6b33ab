import { problemsOf } from '../../../test/support/import-problems';
import { fixture } from '../../../test/support/schema-fixtures';
import { detectSchemaFormat, importSchema, MAX_SCHEMA_IMPORT_BYTES } from './import-schema';
import { SchemaFormat } from './import.types';

describe('detectSchemaFormat', () => {
  it.each([
    ['crm-openapi-3.1.yaml', SchemaFormat.OPENAPI],
    ['billing-swagger-2.0.json', SchemaFormat.OPENAPI],
    ['worker.schema-2020-12.json', SchemaFormat.JSON_SCHEMA],
    ['ticket.schema-draft-07.yaml', SchemaFormat.JSON_SCHEMA],
    ['shop-pg_dump.sql', SchemaFormat.SQL_DDL],
    ['shop-mysqldump.sql', SchemaFormat.SQL_DDL],
    ['fields.csv', SchemaFormat.CSV],
    ['crm.estate.json', SchemaFormat.ESTATE_JSON],
  ])('tells %s is %s from its content alone', (file, format) => {
    expect(detectSchemaFormat(fixture(file))).toBe(format);
  });

  it('reads the top-level keys of a JSON document cut off by the 64 KiB sample', () => {
    const big = JSON.stringify({ swagger: '2.0', info: { description: 'x'.repeat(70_000) }, definitions: {} });
    expect(detectSchemaFormat(big)).toBe(SchemaFormat.OPENAPI);
  });

  it('trusts a .sql or .csv extension', () => {
    expect(detectSchemaFormat('-- nothing yet', 'empty.sql')).toBe(SchemaFormat.SQL_DDL);
  });

  it('says what it expected when it cannot tell', () => {
    expect(problemsOf(() => detectSchemaFormat('hello world'))[0].message).toMatch(/^cannot tell the format/);
  });
});

describe('importSchema', () => {
  it('detects the format and says which it used', () => {
    const imported = importSchema(fixture('fields.csv'), undefined);
    expect(imported.format).toBe(SchemaFormat.CSV);
    expect(imported.entities).toHaveLength(2);
  });

  it('refuses files over the size limit and empty files', () => {
    const tooBig = ' '.repeat(MAX_SCHEMA_IMPORT_BYTES + 1);
    expect(problemsOf(() => importSchema(tooBig, SchemaFormat.CSV))).toEqual([
      { message: 'the file has 26,214,401 bytes; at most 26,214,400 (25 MiB) can be imported at once' },
    ]);
    expect(problemsOf(() => importSchema(' \n', undefined))).toEqual([{ line: 1, message: 'the file is empty' }]);
  });
});
