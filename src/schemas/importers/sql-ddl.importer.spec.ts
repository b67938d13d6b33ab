import { fieldOf, problemsOf } from '../../../test/support/import-problems';
import { fixture } from '../../../test/support/schema-fixtures';
import { FieldType } from '../schema.types';
import { detectSqlDialect, importSqlDdl, sqlFieldType, SqlDialect } from './sql-ddl.importer';

describe('importSqlDdl', () => {
  describe('a pg_dump --schema-only script', () => {
    const script = fixture('shop-pg_dump.sql');
    const { entities, warnings, source } = importSqlDdl(script);

    it('makes each table an entity, schema-qualified unless public, with quoted identifiers kept as written', () => {
      expect(source).toBe('PostgreSQL DDL');
      expect(entities.map((e) => e.name)).toEqual([
        'customers',
        'sales.orders',
        'sales.order_lines',
        'Audit Log',
        'customers_archive',
      ]);
      expect(fieldOf(entities, 'customers', 'First Name')).toMatchObject({
        type: FieldType.STRING,
        sourceType: 'character varying(100)',
      });
      expect(fieldOf(entities, 'Audit Log', 'Event ID')).toMatchObject({ identifier: true, nullable: false });
    });

    it('takes primary and foreign keys from ALTER TABLE, table constraints and columns (composite keys too)', () => {
      expect(fieldOf(entities, 'customers', 'id')).toMatchObject({
        identifier: true,
        nullable: false,
        type: FieldType.INTEGER,
      });
      expect(fieldOf(entities, 'sales.orders', 'customer_id')).toMatchObject({
        type: FieldType.REFERENCE,
        referenceTarget: 'customers',
        sourceType: 'bigint',
      });
      const lines = entities.find((e) => e.name === 'sales.order_lines')!;
      expect(lines.fields.filter((f) => f.identifier).map((f) => f.name)).toEqual(['order_id', 'line_no']);
      expect(fieldOf(entities, 'sales.order_lines', 'order_id')).toMatchObject({
        type: FieldType.REFERENCE,
        referenceTarget: 'sales.orders',
      });
    });

    it('uses enum types, domains, arrays, NOT NULL and comments', () => {
      expect(fieldOf(entities, 'sales.orders', 'status')).toMatchObject({
        type: FieldType.ENUM,
        enumValues: ['open', 'paid', 'shipped', 'cancelled'],
        nullable: false,
      });
      expect(fieldOf(entities, 'customers', 'email')).toMatchObject({
        type: FieldType.STRING,
        sourceType: 'email_address',
        description: 'Login and contact e-mail',
      });
      expect(fieldOf(entities, 'sales.orders', 'tags')).toMatchObject({ isArray: true, sourceType: 'text[]' });
      expect(fieldOf(entities, 'customers', 'date_of_birth')).toMatchObject({ type: FieldType.DATE, nullable: true });
      expect(entities[0].description).toBe("People who have bought from the shop; it's the master list.");
    });

    it('copies the columns of LIKE tables, and counts the statements it skipped', () => {
      const archive = entities.find((e) => e.name === 'customers_archive')!;
      expect(archive.fields.map((f) => f.name)).toContain('email');
      expect(archive.fields.find((f) => f.name === 'id')!.identifier).toBe(false);
      expect(warnings).toEqual([
        {
          message:
            'statements that describe no table data were skipped: 5 × SET, 1 × SELECT, 1 × CREATE SCHEMA, 1 × CREATE FUNCTION, 1 × CREATE SEQUENCE, 1 × ALTER SEQUENCE, 1 × CREATE INDEX, 1 × CREATE TRIGGER, 1 × GRANT',
        },
      ]);
    });
  });

  it('reads a mysqldump script: backquotes, enum and set, tinyint(1), inline and table comments, composite keys', () => {
    const script = fixture('shop-mysqldump.sql');
    expect(detectSqlDialect(script)).toBe(SqlDialect.MYSQL);
    const { entities, source } = importSqlDdl(script);
    expect(source).toBe('MySQL DDL');
    expect(entities.map((e) => [e.name, e.description])).toEqual([
      ['products', 'Products we sell'],
      ['stock_levels', null],
    ]);
    expect(fieldOf(entities, 'products', 'id')).toMatchObject({
      identifier: true,
      type: FieldType.INTEGER,
      sourceType: 'int unsigned',
    });
    expect(fieldOf(entities, 'products', 'sku')).toMatchObject({
      description: 'Stock keeping unit; unique',
      nullable: false,
    });
    expect(fieldOf(entities, 'products', 'status')).toMatchObject({
      type: FieldType.ENUM,
      enumValues: ['draft', 'active', 'retired'],
    });
    expect(fieldOf(entities, 'products', 'is_digital')).toMatchObject({ type: FieldType.BOOLEAN });
    expect(fieldOf(entities, 'products', 'body')).toMatchObject({ type: FieldType.TEXT });
    expect(fieldOf(entities, 'stock_levels', 'product_id')).toMatchObject({
      type: FieldType.REFERENCE,
      referenceTarget: 'products',
      identifier: true,
    });
    expect(fieldOf(entities, 'stock_levels', 'warehouse')).toMatchObject({ identifier: true });
  });

  it('refuses a CREATE TABLE it cannot parse, with the line and column in the file', () => {
    const script = 'SET x = 1;\n\nCREATE TABLE ok (a int);\nCREATE TABLE broken (\n  a int,,\n  b text\n);\n';
    expect(problemsOf(() => importSqlDdl(script))).toEqual([
      {
        line: 5,
        column: 9,
        message: expect.stringMatching(/^cannot parse CREATE TABLE BROKEN: Unexpected comma token/),
      },
    ]);
    const mysql = 'CREATE TABLE `a` (\n  `x` int NOT NULL,\n  `y` varchar(10) NOT NOT NULL\n) ENGINE=InnoDB;';
    expect(problemsOf(() => importSqlDdl(mysql))[0]).toMatchObject({
      line: 3,
      message: expect.stringMatching(/^cannot parse CREATE TABLE/),
    });
  });

  it('refuses a script without tables, and warns about constraints on tables it does not create', () => {
    expect(problemsOf(() => importSqlDdl('CREATE INDEX i ON t (a);'))).toEqual([
      { line: 1, column: 1, message: 'the script creates no tables' },
    ]);
    const { warnings } = importSqlDdl(
      'CREATE TABLE a (x int);\nALTER TABLE ONLY b ADD CONSTRAINT b_pkey PRIMARY KEY (id);',
    );
    expect(warnings).toContainEqual({ line: 2, column: 1, message: 'skipped: "b" is not created in this file' });
  });

  it('normalises SQL types', () => {
    expect(
      [
        'bigint',
        'numeric(12,2)',
        'boolean',
        'tinyint(1)',
        'timestamp with time zone',
        'jsonb',
        'bytea',
        'text',
        'uuid',
        'double unsigned',
      ].map(sqlFieldType),
    ).toEqual([
      FieldType.INTEGER,
      FieldType.DECIMAL,
      FieldType.BOOLEAN,
      FieldType.BOOLEAN,
      FieldType.DATETIME,
      FieldType.JSON,
      FieldType.BINARY,
      FieldType.TEXT,
      FieldType.STRING,
      FieldType.DECIMAL,
    ]);
  });
});
