import { fieldOf, problemsOf } from '../../../test/support/import-problems';
import { fixture } from '../../../test/support/schema-fixtures';
import { FieldType, PiiClass } from '../schema.types';
import { importCsv } from './csv.importer';

describe('importCsv', () => {
  it('reads one row per field, grouping rows by entity', () => {
    const { entities, warnings } = importCsv(fixture('fields.csv'));
    expect(entities.map((e) => [e.name, e.fields.length])).toEqual([
      ['Employee', 6],
      ['Department', 2],
    ]);
    expect(fieldOf(entities, 'Employee', 'employee_id')).toMatchObject({
      sourceType: 'varchar(20)',
      nullable: false,
      identifier: true,
      description: 'Badge number',
    });
    expect(fieldOf(entities, 'Employee', 'home_phone')).toMatchObject({
      piiClass: PiiClass.PHONE,
      description: 'Private number, only for emergencies',
    });
    expect(fieldOf(entities, 'Employee', 'grade')).toMatchObject({ type: FieldType.ENUM, enumValues: ['A', 'B', 'C'] });
    expect(fieldOf(entities, 'Employee', 'department_id')).toMatchObject({
      type: FieldType.REFERENCE,
      referenceTarget: 'Department',
    });
    expect(fieldOf(entities, 'Department', 'name')).toMatchObject({
      type: FieldType.TEXT,
      description: 'Name, e.g. "Finance"',
    });
    expect(warnings).toEqual([]);
  });

  it('accepts semicolons, any column order and case, and reports unknown columns', () => {
    const { entities, warnings } = importCsv('Field;Entity;Type;Owner\nname;Lead;STRING;sales\n');
    expect(entities).toEqual([
      { name: 'Lead', description: null, fields: [{ name: 'name', description: null, type: FieldType.STRING }] },
    ]);
    expect(warnings).toEqual([{ line: 1, message: 'columns ignored: owner' }]);
  });

  it('refuses a header without entity and field', () => {
    expect(problemsOf(() => importCsv('table,column\na,b\n'))).toEqual([
      { line: 1, message: 'the header must name the columns "entity" and "field" (found: table, column)' },
    ]);
  });

  it('reports every bad cell with its line and column, counting lines inside quoted values', () => {
    const csv = 'entity,field,description,nullable,pii\nA,a,"two\nlines",maybe,\nA,b,,true,SHOE_SIZE\n,c,,,\nA,a,,,\n';
    expect(problemsOf(() => importCsv(csv))).toEqual([
      { line: 3, column: 4, message: 'nullable: must be true or false (got "maybe")' },
      { line: 4, column: 5, message: expect.stringMatching(/^pii: must be one of EMAIL, PHONE/) },
      { line: 5, column: 1, message: 'entity: must not be empty' },
      { line: 6, column: 2, message: 'field: "A.a" is listed twice' },
    ]);
  });

  it('refuses malformed CSV with the line', () => {
    expect(problemsOf(() => importCsv('entity,field\nA,"unclosed\n'))[0]).toMatchObject({
      message: expect.stringMatching(/^invalid CSV/),
      line: expect.any(Number),
    });
  });
});
