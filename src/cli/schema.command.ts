import { enumMember } from '../common/enums';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { AuditLog } from '../audit/audit-log';
import { ServiceRepository } from '../inventory/service.repository';
import { countFields } from '../schemas/change-set';
import { importSchema, oversizeProblem } from '../schemas/importers/import-schema';
import {
  describeLocation,
  SchemaFormat,
  SchemaImportError,
  type ImportMessage,
} from '../schemas/importers/import.types';
import { SqlDialect } from '../schemas/importers/sql-ddl.importer';
import { SchemaRegistry } from '../schemas/schema-registry';
import { SchemaRepository } from '../schemas/schema.repository';
import { SchemaMode } from '../schemas/schema.types';
import { progressOn } from './progress';
import { CLI_CALLER } from './cli-caller';
import { withDatabase } from './with-database';
import type { SchemaChangeSet } from '../schemas/change-set';

interface ImportOptions {
  format?: SchemaFormat;
  mode?: SchemaMode;
  dialect?: SqlDialect;
  maxDepth?: number;
  dryRun?: boolean;
}

const FORMAT_NAMES: Record<string, SchemaFormat> = {
  openapi: SchemaFormat.OPENAPI,
  swagger: SchemaFormat.OPENAPI,
  'json-schema': SchemaFormat.JSON_SCHEMA,
  jsonschema: SchemaFormat.JSON_SCHEMA,
  sql: SchemaFormat.SQL_DDL,
  ddl: SchemaFormat.SQL_DDL,
  'sql-ddl': SchemaFormat.SQL_DDL,
  csv: SchemaFormat.CSV,
  estate: SchemaFormat.ESTATE_JSON,
  'estate-json': SchemaFormat.ESTATE_JSON,
};

@SubCommand({
  name: 'import',
  arguments: '<serviceKey> <file>',
  description:
    "Set a service's entities and fields from an OpenAPI/Swagger, JSON Schema, SQL DDL, CSV or Estate JSON file",
})
export class SchemaImportCommand extends CommandRunner {
  async run([serviceKey, file]: string[], options: ImportOptions): Promise<void> {
    const name = path.basename(file);
    const content = await readWithProgress(file);
    const progress = progressOn();
    let imported: ReturnType<typeof importSchema>;
    try {
      imported = importSchema(content, options.format, {
        fileName: name,
        entityName: name.replace(/\..*$/, ''),
        sqlDialect: options.dialect,
        maxDepth: options.maxDepth,
        onProgress: (phase, done, total) => progress.update(phase, done, total),
      });
    } catch (error) {
      if (!(error instanceof SchemaImportError)) throw error;
      for (const problem of error.problems) console.error(located(file, problem));
      throw new Error(`${file} cannot be imported (${error.problems.length} problem(s)); nothing was written`);
    } finally {
      progress.stop();
    }
    const fields = countFields(imported.entities);
    console.error(`read ${name} as ${imported.source}: ${imported.entities.length} entities, ${fields} fields`);
    for (const warning of imported.warnings) console.error(`warning: ${located(file, warning)}`);

    const mode = options.mode ?? SchemaMode.REPLACE;
    const dryRun = options.dryRun ?? false;
    const changes = await withDatabase((dataSource) =>
      new SchemaRegistry(
        dataSource,
        new SchemaRepository(dataSource),
        new ServiceRepository(dataSource),
        new AuditLog(dataSource),
      ).put(serviceKey, imported.entities, mode, dryRun, CLI_CALLER, imported.source),
    );
    console.log(summary(serviceKey, mode, changes));
    if (dryRun) console.log('dry run: nothing was written');
  }

  @Option({
    flags: '--format <format>',
    description: 'openapi, json-schema, sql, csv or estate-json (default: detected)',
  })
  parseFormat(value: string): SchemaFormat {
    const format =
      FORMAT_NAMES[value.toLowerCase()] ?? (SchemaFormat as Record<string, SchemaFormat>)[value.toUpperCase()];
    if (!format) throw new Error(`--format must be one of ${Object.keys(FORMAT_NAMES).join(', ')} (got "${value}")`);
    return format;
  }

  @Option({ flags: '--mode <mode>', description: 'replace (default: the file is the whole schema) or merge' })
  parseMode(value: string): SchemaMode {
    const mode = enumMember(SchemaMode, value.toUpperCase());
    if (!mode) throw new Error(`--mode must be replace or merge (got "${value}")`);
    return mode;
  }

  @Option({ flags: '--dialect <dialect>', description: 'SQL: postgresql or mysql (default: detected)' })
  parseDialect(value: string): SqlDialect {
    const dialect = enumMember(SqlDialect, value.toUpperCase().replace(/^POSTGRES$/, 'POSTGRESQL'));
    if (!dialect) throw new Error(`--dialect must be postgresql or mysql (got "${value}")`);
    return dialect;
  }

  @Option({
    flags: '--max-depth <n>',
    description: 'OpenAPI/JSON Schema: flatten nested objects this deep (default 4)',
  })
  parseMaxDepth(value: string): number {
    const depth = Number(value);
    if (!Number.isInteger(depth) || depth < 1 || depth > 10)
      throw new Error(`--max-depth must be 1 to 10 (got "${value}")`);
    return depth;
  }

  @Option({ flags: '--dry-run', description: 'show the change set and write nothing' })
  parseDryRun(): boolean {
    return true;
  }
}

@Command({
  name: 'schema',
  description: "Describe services' data (entities and fields)",
  subCommands: [SchemaImportCommand],
})
export class SchemaCommand extends CommandRunner {
  run(): Promise<void> {
    this.command.help();
  }
}

/** Reads the file, refusing it before reading when it is over the limit, with a progress bar for large files. */
async function readWithProgress(file: string): Promise<string> {
  const { size } = await fs.promises.stat(file).catch(() => {
    throw new Error(`cannot read ${file}: no such file`);
  });
  const tooLarge = oversizeProblem(size);
  if (tooLarge) throw new Error(`${file}: ${tooLarge}`);
  const progress = progressOn();
  const chunks: Buffer[] = [];
  let read = 0;
  try {
    for await (const chunk of fs.createReadStream(file)) {
      chunks.push(chunk as Buffer);
      read += (chunk as Buffer).length;
      if (size > 1024 * 1024) progress.update('reading', read, size);
    }
  } finally {
    progress.stop();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `file:line:column: message` (or `file#/pointer: message`), as compilers print. */
function located(file: string, problem: ImportMessage): string {
  if (problem.line !== undefined)
    return `${file}:${problem.line}${problem.column !== undefined ? `:${problem.column}` : ''}: ${problem.message}`;
  if (problem.pointer !== undefined) return `${file}#${problem.pointer}: ${problem.message}`;
  return `${file}: ${describeLocation(problem)}`;
}

function summary(serviceKey: string, mode: SchemaMode, changes: SchemaChangeSet): string {
  const counts = [
    `${changes.entitiesAdded.length} entities added`,
    `${changes.entitiesRemoved.length} removed`,
    `${changes.entitiesChanged.length} changed`,
    `${changes.fieldsAdded.length} fields added`,
    `${changes.fieldsRemoved.length} removed`,
    `${changes.fieldsChanged.length} changed`,
  ];
  return `${serviceKey} (${mode}): change level ${changes.level}; ${counts.join(', ')}`;
}
