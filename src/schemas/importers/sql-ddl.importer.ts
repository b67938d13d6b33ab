import { Parser as MySqlParser } from 'node-sql-parser/build/mysql';
import { parse as parsePostgres } from 'pgsql-ast-parser';
import { FieldType, type EntitySpec } from '../schema.types';
import { scalarText } from './document';
import {
  lineAndColumn,
  SchemaImportError,
  type ImportedSchema,
  type ImportMessage,
  type ImportOptions,
} from './import.types';
import { leadingWords, splitSqlStatements, type SqlStatement } from './sql-statements';

export enum SqlDialect {
  POSTGRESQL = 'POSTGRESQL',
  MYSQL = 'MYSQL',
}

interface Column {
  name: string;
  sqlType: string;
  nullable: boolean;
  primaryKey: boolean;
  references: string | null;
  description: string | null;
  enumValues: string[];
  isArray: boolean;
}

interface Table {
  name: string;
  description: string | null;
  columns: Column[];
}

/** What a dialect's parser made of one statement, in dialect-neutral terms. */
type Effect =
  | { kind: 'table'; table: Table; copyFrom: string[] }
  | { kind: 'enum'; name: string; values: string[] }
  | { kind: 'domain'; name: string; baseType: string }
  | { kind: 'primary key'; table: string; columns: string[] }
  | { kind: 'foreign key'; table: string; columns: string[]; target: string }
  | { kind: 'comment'; table: string; column: string | null; text: string | null }
  | { kind: 'ignored'; what: string };

/**
 * Entities from SQL DDL (PostgreSQL, e.g. `pg_dump --schema-only`, or MySQL,
 * e.g. `mysqldump --no-data`): each CREATE TABLE is an entity, each column a
 * field. Primary keys (inline, table constraint or ALTER TABLE) make
 * identifier fields; foreign keys make REFERENCE fields naming their target
 * table; enum types, domains and column comments are used; other statements
 * (indexes, grants, functions …) are counted and skipped. A CREATE TABLE the
 * parser cannot read is an error with its line and column.
 */
export function importSqlDdl(content: string, options: ImportOptions & { dialect?: SqlDialect } = {}): ImportedSchema {
  const dialect = options.dialect ?? detectSqlDialect(content);
  const statements = splitSqlStatements(content, dialect === SqlDialect.MYSQL);
  const read = dialect === SqlDialect.MYSQL ? mysqlEffects : postgresEffects;
  const errors: ImportMessage[] = [];
  const warnings: ImportMessage[] = [];
  const ignored = new Map<string, number>();
  const tables = new Map<string, Table>();
  const enums = new Map<string, string[]>();
  const domains = new Map<string, string>();
  const pending: { effect: Effect; at: SqlStatement }[] = [];

  statements.forEach((statement, i) => {
    const words = leadingWords(statement.text);
    const relevant = /^CREATE (OR REPLACE )?((GLOBAL|LOCAL|TEMP|TEMPORARY|UNLOGGED) )*(TABLE|TYPE|DOMAIN)\b/.test(
      `${leadingWords(statement.text, 6)} `,
    );
    const optional = /^(ALTER TABLE|COMMENT ON)/.test(words);
    if (!words) {
      // Only comments (e.g. MySQL's /*!40101 SET … */).
    } else if (!relevant && !optional) {
      const what = statementKind(words);
      ignored.set(what, (ignored.get(what) ?? 0) + 1);
    } else {
      try {
        for (const effect of read(statement.text)) {
          if (effect.kind === 'ignored') ignored.set(effect.what, (ignored.get(effect.what) ?? 0) + 1);
          else pending.push({ effect, at: statement });
        }
      } catch (error) {
        const problem = parseProblem(content, statement, error as Error & Record<string, unknown>);
        if (relevant && !/^CREATE (TYPE|DOMAIN)/.test(words)) errors.push(problem);
        else warnings.push({ ...problem, message: `skipped: ${problem.message}` });
      }
    }
    if (i % 200 === 199 || i === statements.length - 1) options.onProgress?.('statements', i + 1, statements.length);
  });
  if (errors.length) throw new SchemaImportError(errors);

  for (const { effect, at } of pending) {
    const where = lineAndColumn(content, at.offset);
    if (effect.kind === 'enum') enums.set(effect.name.toLowerCase(), effect.values);
    else if (effect.kind === 'domain') domains.set(effect.name.toLowerCase(), effect.baseType);
    else if (effect.kind === 'table') {
      if (tables.has(effect.table.name.toLowerCase())) {
        warnings.push({ ...where, message: `table "${effect.table.name}" is created twice; the first is kept` });
        continue;
      }
      const copied = effect.copyFrom.flatMap((source) => {
        const from = tables.get(source.toLowerCase());
        if (!from)
          warnings.push({
            ...where,
            message: `"${effect.table.name}" copies columns of "${source}", which this file does not create`,
          });
        return from ? from.columns.map((c) => ({ ...c, primaryKey: false })) : [];
      });
      tables.set(effect.table.name.toLowerCase(), { ...effect.table, columns: [...copied, ...effect.table.columns] });
    } else if (effect.kind !== 'ignored') {
      const table = tables.get(effect.table.toLowerCase());
      if (!table) {
        warnings.push({ ...where, message: `skipped: "${effect.table}" is not created in this file` });
        continue;
      }
      applyToTable(table, effect, (message) => warnings.push({ ...where, message }));
    }
  }
  if (ignored.size) {
    const list = [...ignored].map(([what, count]) => `${count} × ${what}`).join(', ');
    warnings.push({ message: `statements that describe no table data were skipped: ${list}` });
  }
  if (!tables.size) throw new SchemaImportError([{ line: 1, column: 1, message: 'the script creates no tables' }]);
  const entities = [...tables.values()].map((table) => toEntity(table, enums, domains));
  return { entities, warnings, source: dialect === SqlDialect.MYSQL ? 'MySQL DDL' : 'PostgreSQL DDL' };
}

/** `CREATE INDEX`, `ALTER SEQUENCE`, `GRANT`, `SET` …: what a skipped statement was, to count it. */
function statementKind(words: string): string {
  const [first, second] = words.split(' ');
  return /^(CREATE|ALTER|DROP|COMMENT)$/.test(first) && second ? `${first} ${second}` : first;
}

/** MySQL when the script uses backquotes or MySQL-only table options; PostgreSQL otherwise. */
export function detectSqlDialect(content: string): SqlDialect {
  return /`|\bENGINE\s*=|\bAUTO_INCREMENT\b|\bUNSIGNED\b/i.test(content) ? SqlDialect.MYSQL : SqlDialect.POSTGRESQL;
}

function applyToTable(table: Table, effect: Effect, warn: (message: string) => void): void {
  const column = (name: string) => {
    const found = table.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!found) warn(`skipped: "${table.name}" has no column "${name}"`);
    return found;
  };
  if (effect.kind === 'primary key') {
    for (const name of effect.columns) {
      const found = column(name);
      if (found) Object.assign(found, { primaryKey: true, nullable: false });
    }
  } else if (effect.kind === 'foreign key') {
    for (const name of effect.columns) {
      const found = column(name);
      if (found) found.references = effect.target;
    }
  } else if (effect.kind === 'comment') {
    if (effect.column === null) table.description = effect.text;
    else {
      const found = column(effect.column);
      if (found) found.description = effect.text;
    }
  }
}

function toEntity(table: Table, enums: Map<string, string[]>, domains: Map<string, string>): EntitySpec {
  return {
    name: table.name,
    description: table.description,
    fields: table.columns.map((column) => {
      const declared = column.sqlType.toLowerCase().replace(/^public\./, '');
      const base = domains.get(declared) ?? column.sqlType;
      const enumValues = column.enumValues.length ? column.enumValues : (enums.get(declared) ?? []);
      return {
        name: column.name,
        sourceType: `${column.sqlType}${column.isArray ? '[]' : ''}`,
        type: column.references ? FieldType.REFERENCE : enumValues.length ? FieldType.ENUM : sqlFieldType(base),
        nullable: column.nullable && !column.primaryKey,
        identifier: column.primaryKey,
        description: column.description,
        enumValues,
        referenceTarget: column.references,
        isArray: column.isArray,
      };
    }),
  };
}

const SQL_TYPES: [RegExp, FieldType][] = [
  [/^(bool|boolean|bit|bit\(1\)|tinyint\(1\))$/, FieldType.BOOLEAN],
  [
    /^(tinyint|smallint|mediumint|int|int2|int4|int8|integer|bigint|serial\d?|smallserial|bigserial|year)\b/,
    FieldType.INTEGER,
  ],
  [/^(numeric|decimal|dec|real|float\d?|double|double precision|money|fixed)\b/, FieldType.DECIMAL],
  [/^date$/, FieldType.DATE],
  [/^(timestamp|timestamptz|datetime|time|timetz)\b/, FieldType.DATETIME],
  [/^(json|jsonb|xml|hstore)$/, FieldType.JSON],
  [/^(bytea|blob|tinyblob|mediumblob|longblob|binary|varbinary|bit varying|varbit|raster)\b/, FieldType.BINARY],
  [/^(text|tinytext|mediumtext|longtext|clob|ntext)$/, FieldType.TEXT],
];

/** The normalised type of a SQL column type (parameters such as `(12,2)` are ignored, except MySQL's tinyint(1)). */
export function sqlFieldType(sqlType: string): FieldType {
  const type = sqlType
    .toLowerCase()
    .replace(/^pg_catalog\./, '')
    .replace(/\s+unsigned$/, '')
    .trim();
  for (const [pattern, fieldType] of SQL_TYPES) if (pattern.test(type)) return fieldType;
  return FieldType.STRING;
}

function parseProblem(content: string, statement: SqlStatement, error: Error & Record<string, unknown>): ImportMessage {
  // pgsql-ast-parser: error.token.offset; node-sql-parser: error.location.start.offset (within the statement).
  const token = error.token as { offset?: number } | undefined;
  const location = error.location as { start?: { offset?: number } } | undefined;
  const offset = token?.offset ?? location?.start?.offset;
  const firstLine =
    error.message.split('\n').find((l) => l.trim() && !/^Syntax error at line/.test(l)) ?? error.message;
  const detail = /^Syntax error/.test(error.message)
    ? (error.message.split('\n').find((l) => /^Unexpected/.test(l)) ?? firstLine)
    : firstLine;
  const at = lineAndColumn(content, statement.offset + (offset ?? 0));
  return { ...at, message: `cannot parse ${leadingWords(statement.text)}: ${detail.trim()}` };
}

// ---- PostgreSQL (pgsql-ast-parser) ----

interface PgName {
  name: string;
  schema?: string;
}

const pgName = (n: PgName) => (n.schema && n.schema !== 'public' ? `${n.schema}.${n.name}` : n.name);

function postgresEffects(sql: string): Effect[] {
  const domain =
    /^CREATE DOMAIN\s+([\w."]+)\s+(?:AS\s+)?([\w." ]+?)(\(|\s+(NOT|NULL|CHECK|DEFAULT|COLLATE|CONSTRAINT)\b|;|$)/i.exec(
      sql.replace(/^(\s+|--[^\n]*\n)+/, ''),
    );
  if (domain) {
    const plain = (name: string) => name.replace(/"/g, '').replace(/^(public|pg_catalog)\./, '');
    return [{ kind: 'domain', name: plain(domain[1]), baseType: plain(domain[2].trim()) }];
  }
  if (/\bPARTITION\s+OF\b/i.test(sql)) return [{ kind: 'ignored', what: 'CREATE TABLE … PARTITION OF' }];
  const effects: Effect[] = [];
  for (const statement of parsePostgres(sql)) {
    const s = statement as unknown as Record<string, unknown> & { type: string };
    if (s.type === 'create table') effects.push(postgresTable(s));
    else if (s.type === 'create enum') {
      const values = (s.values as { value: string }[]).map((v) => v.value);
      effects.push({ kind: 'enum', name: pgName(s.name as PgName), values });
    } else if (s.type === 'alter table') {
      const table = pgName(s.table as PgName);
      for (const change of s.changes as Record<string, unknown>[]) {
        if (change.type !== 'add constraint') continue;
        effects.push(...postgresConstraint(table, change.constraint as Record<string, unknown>));
      }
    } else if (s.type === 'comment') {
      const on = s.on as { type: string; name?: PgName; column?: { table: string; schema?: string; column: string } };
      const text = (s.comment as string | null) ?? null;
      if (on.type === 'table' && on.name) effects.push({ kind: 'comment', table: pgName(on.name), column: null, text });
      else if (on.type === 'column' && on.column) {
        const table = pgName({ name: on.column.table, schema: on.column.schema });
        effects.push({ kind: 'comment', table, column: unquote(on.column.column), text });
      }
    } else effects.push({ kind: 'ignored', what: s.type.toUpperCase() });
  }
  return effects;
}

function postgresTable(s: Record<string, unknown>): Effect {
  const name = pgName(s.name as PgName);
  const columns: Column[] = [];
  const copyFrom = ((s.inherits as PgName[] | undefined) ?? []).map(pgName);
  const constraints: Effect[] = [];
  for (const c of (s.columns as Record<string, unknown>[]) ?? []) {
    if (c.kind === 'like table') {
      copyFrom.push(pgName(c.like as PgName));
      continue;
    }
    const { sqlType, isArray } = pgType(c.dataType as Record<string, unknown>);
    const column: Column = {
      name: unquote((c.name as PgName).name),
      sqlType,
      nullable: true,
      primaryKey: false,
      references: null,
      description: null,
      enumValues: [],
      isArray,
    };
    for (const k of (c.constraints as Record<string, unknown>[] | undefined) ?? []) {
      if (k.type === 'not null') column.nullable = false;
      else if (k.type === 'primary key') column.primaryKey = true;
      else if (k.type === 'reference') column.references = pgName(k.foreignTable as PgName);
    }
    columns.push(column);
  }
  const table: Table = { name: unquote(name), description: null, columns };
  for (const k of (s.constraints as Record<string, unknown>[] | undefined) ?? [])
    constraints.push(...postgresConstraint(name, k));
  for (const effect of constraints) applyToTable(table, effect, () => undefined);
  return { kind: 'table', table, copyFrom };
}

function postgresConstraint(table: string, k: Record<string, unknown>): Effect[] {
  const names = (list: unknown) => ((list as PgName[] | undefined) ?? []).map((c) => unquote(c.name));
  if (k.type === 'primary key') return [{ kind: 'primary key', table: unquote(table), columns: names(k.columns) }];
  if (k.type === 'foreign key') {
    return [
      {
        kind: 'foreign key',
        table: unquote(table),
        columns: names(k.localColumns),
        target: unquote(pgName(k.foreignTable as PgName)),
      },
    ];
  }
  return [];
}

function pgType(dataType: Record<string, unknown>): { sqlType: string; isArray: boolean } {
  if (dataType.kind === 'array')
    return { sqlType: pgType(dataType.arrayOf as Record<string, unknown>).sqlType, isArray: true };
  const config = dataType.config as number[] | undefined;
  const name = pgName(dataType as unknown as PgName);
  return { sqlType: `${unquote(name)}${config?.length ? `(${config.join(',')})` : ''}`, isArray: false };
}

/** pgsql-ast-parser keeps a quoted identifier's doubled quotes. */
function unquote(name: string): string {
  return name.replace(/""/g, '"');
}

// ---- MySQL (node-sql-parser) ----

const mysql = new MySqlParser();

type MyNode = Record<string, unknown>;

function mysqlEffects(sql: string): Effect[] {
  const parsed = mysql.astify(sql, { database: 'MySQL' }) as unknown as MyNode | MyNode[];
  const effects: Effect[] = [];
  for (const s of Array.isArray(parsed) ? parsed : [parsed]) {
    if (s.type === 'create' && s.keyword === 'table') effects.push(mysqlTable(s));
    else if (s.type === 'alter') {
      const table = mysqlTableName((s.table as MyNode[])[0]);
      for (const expr of (s.expr as MyNode[]) ?? []) {
        if (expr.action !== 'add' || expr.resource !== 'constraint') continue;
        effects.push(...mysqlConstraint(table, expr.create_definitions as MyNode));
      }
    } else effects.push({ kind: 'ignored', what: String(s.type).toUpperCase() });
  }
  return effects;
}

function mysqlTable(s: MyNode): Effect {
  const name = mysqlTableName((s.table as MyNode[])[0]);
  const like = s.like as { table: MyNode[] } | undefined;
  const columns: Column[] = [];
  const constraints: Effect[] = [];
  for (const d of (s.create_definitions as MyNode[] | undefined) ?? []) {
    if (d.resource === 'column') {
      const definition = d.definition as MyNode;
      const dataType = String(definition.dataType).toLowerCase();
      const enumValues = /^(enum|set)$/.test(dataType)
        ? ((definition.expr as { value: { value: unknown }[] } | undefined)?.value ?? []).map((v) => String(v.value))
        : [];
      const length = definition.length as number | undefined;
      const scale = definition.scale as number | null | undefined;
      const suffix = ((definition.suffix as string[] | null) ?? []).map((x) => ` ${String(x).toLowerCase()}`).join('');
      const sqlType = `${dataType}${length !== undefined && length !== null ? `(${length}${scale != null ? `,${scale}` : ''})` : ''}${suffix}`;
      const reference = d.reference_definition as MyNode | undefined;
      const comment = (d.comment as { value?: { value?: unknown } } | undefined)?.value?.value;
      columns.push({
        name: columnName(d.column),
        sqlType,
        nullable: (d.nullable as { type?: string } | undefined)?.type !== 'not null',
        primaryKey: typeof d.primary_key === 'string',
        references: reference ? mysqlTableName((reference.table as MyNode[])[0]) : null,
        description: typeof comment === 'string' ? comment : null,
        enumValues,
        isArray: false,
      });
    } else if (d.resource === 'constraint') constraints.push(...mysqlConstraint(name, d));
  }
  const options = (s.table_options as { keyword: string; value: unknown }[] | null) ?? [];
  const comment = options.find((o) => o.keyword === 'comment')?.value;
  const table: Table = {
    name,
    description: typeof comment === 'string' ? comment.replace(/^'(.*)'$/s, '$1').replace(/''/g, "'") : null,
    columns,
  };
  for (const effect of constraints) applyToTable(table, effect, () => undefined);
  return { kind: 'table', table, copyFrom: like ? [mysqlTableName(like.table[0])] : [] };
}

function mysqlConstraint(table: string, d: MyNode): Effect[] {
  const type = String(d.constraint_type).toLowerCase();
  const columns = ((d.definition as MyNode[]) ?? []).map((c) => columnName(c));
  if (type === 'primary key') return [{ kind: 'primary key', table, columns }];
  if (type === 'foreign key') {
    const reference = d.reference_definition as MyNode;
    return [{ kind: 'foreign key', table, columns, target: mysqlTableName((reference.table as MyNode[])[0]) }];
  }
  return [];
}

function mysqlTableName(t: MyNode): string {
  const table = scalarText(t.table);
  return typeof t.db === 'string' && t.db ? `${t.db}.${table}` : table;
}

/** node-sql-parser gives a column as a string, or as `{ expr: { value } }` in newer versions. */
function columnName(ref: unknown): string {
  const column = (ref as MyNode).column ?? ref;
  if (typeof column === 'string') return column;
  const value = ((column as MyNode).expr as MyNode | undefined)?.value;
  return String(value ?? column);
}
