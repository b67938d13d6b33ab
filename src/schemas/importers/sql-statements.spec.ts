import { leadingWords, splitSqlStatements } from './sql-statements';

describe('splitSqlStatements', () => {
  it('splits at semicolons outside quotes, dollar quotes and comments, keeping offsets', () => {
    const script = [
      'INSERT INTO t VALUES (\'a;b\', "c;d");',
      '-- a comment; with a semicolon',
      'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;',
      '/* block /* nested; */ still comment; */ SELECT $$;$$;',
      "SELECT E'it\\'s; fine';",
      'SELECT 2',
    ].join('\n');
    const statements = splitSqlStatements(script);
    expect(statements.map((s) => s.text)).toEqual([
      'INSERT INTO t VALUES (\'a;b\', "c;d")',
      '-- a comment; with a semicolon\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql',
      '/* block /* nested; */ still comment; */ SELECT $$;$$',
      "SELECT E'it\\'s; fine'",
      'SELECT 2',
    ]);
    for (const s of statements) expect(script.slice(s.offset, s.offset + s.text.length)).toBe(s.text);
  });

  it('honours MySQL backslash escapes and # comments only when asked', () => {
    const script = "INSERT INTO t VALUES ('it\\'s; ok'); # note; here\nSELECT 1;";
    expect(splitSqlStatements(script, true).map((s) => s.text)).toEqual([
      "INSERT INTO t VALUES ('it\\'s; ok')",
      '# note; here\nSELECT 1',
    ]);
  });

  it('drops psql meta-commands and COPY … FROM stdin data', () => {
    const script =
      '\\restrict abc\nCREATE TABLE a (x int);\nCOPY a (x) FROM stdin;\n1;\n2\n\\.\nSELECT 1;\n\\unrestrict abc\n';
    expect(splitSqlStatements(script).map((s) => s.text)).toEqual(['CREATE TABLE a (x int)', 'SELECT 1']);
  });

  it('reads a statement’s leading words past comments', () => {
    expect(leadingWords('-- Name: x\n/* y */ create  table foo (a int)')).toBe('CREATE TABLE FOO');
  });
});
