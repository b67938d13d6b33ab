import * as path from 'node:path';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import type { DataSource } from 'typeorm';
import { enumMember } from '../common/enums';
import type { InputProblem } from '../common/errors';
import { countFields, schemaProblems, type SchemaChangeSet } from '../schemas/change-set';
import type { ImportedSchema } from '../schemas/importers/import.types';
import { SchemaFormat, SchemaImportError } from '../schemas/importers/import.types';
import { SqlDialect } from '../schemas/importers/sql-ddl.importer';
import type { SchemaRegistry } from '../schemas/schema-registry';
import { ChangeLevel, SchemaMode, type EntitySpec } from '../schemas/schema.types';
import type { MatchResult } from '../unified/matching/match.types';
import { CLI_CALLER } from './cli-caller';
import { progressOn } from './progress';
import { subcommandRequired, UsageError } from './usage-error';

/** Loaded when a command runs, as all the work is: `--help` and usage errors need none of it. */
async function schemaRegistry(dataSource: DataSource): Promise<SchemaRegistry> {
  const [{ AuditLog }, { ServiceRepository }, { SchemaRegistry }, { SchemaRepository }] = await Promise.all([
    import('../audit/audit-log'),
    import('../inventory/service.repository'),
    import('../schemas/schema-registry'),
    import('../schemas/schema.repository'),
  ]);
  return new SchemaRegistry(
    dataSource,
    new SchemaRepository(dataSource),
    new ServiceRepository(dataSource),
    new AuditLog(dataSource),
  );
}

/** What `schema import --json` and `unified import --json` print: the change set, and whether it was written. */
export function changeSetJson(
  target: Record<string, string>,
  mode: SchemaMode,
  dryRun: boolean,
  changes: SchemaChangeSet,
): string {
  const written = !dryRun && changes.level !== ChangeLevel.NONE;
  return `${JSON.stringify({ ...target, mode, dryRun, written, ...changes }, null, 2)}\n`;
}

interface ImportOptions {
  format?: SchemaFormat;
  mode?: SchemaMode;
  dialect?: SqlDialect;
  maxDepth?: number;
  dryRun?: boolean;
  json?: boolean;
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
  argsDescription: { serviceKey: 'the service, by key', file: 'the schema file' },
  description:
    "Set a service's entities and fields from an OpenAPI/Swagger, JSON Schema, SQL DDL, CSV or Estate JSON file",
})
export class SchemaImportCommand extends CommandRunner {
  async run([serviceKey, file]: string[], options: ImportOptions): Promise<void> {
    const [{ changeSummaryLine, located, readImportFile }, { importSchema }, { withDatabase }] = await Promise.all([
      import('./import-file'),
      import('../schemas/importers/import-schema'),
      import('./with-database'),
    ]);
    const name = path.basename(file);
    const content = await readImportFile(file);
    const progress = progressOn();
    let imported: ImportedSchema;
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
      progress.stop();
      for (const problem of error.problems) console.error(located(file, problem));
      throw new Error(`${file} cannot be imported (${error.problems.length} problem(s)); nothing was written`);
    } finally {
      progress.stop();
    }
    const fields = countFields(imported.entities);
    console.error(`read ${name} as ${imported.source}: ${imported.entities.length} entities, ${fields} fields`);
    for (const warning of imported.warnings) console.error(`warning: ${located(file, warning)}`);
    // The registry refuses these too, but only once a database is open and without saying where they are.
    const problems = schemaProblems(imported.entities);
    if (problems.length) {
      for (const problem of problems) console.error(`${file}: ${namedProblem(imported.entities, problem)}`);
      throw new Error(`${file} cannot be imported (${problems.length} problem(s)); nothing was written`);
    }

    const mode = options.mode ?? SchemaMode.REPLACE;
    const dryRun = options.dryRun ?? false;
    let changes: SchemaChangeSet;
    try {
      changes = await withDatabase(async (dataSource) => {
        const registry = await schemaRegistry(dataSource);
        progress.phase(dryRun ? `comparing with ${serviceKey}'s schema` : `writing ${serviceKey}'s schema`);
        return registry.put(serviceKey, imported.entities, mode, dryRun, CLI_CALLER, imported.source);
      });
    } finally {
      progress.stop();
    }
    if (options.json) {
      process.stdout.write(changeSetJson({ service: serviceKey, source: imported.source }, mode, dryRun, changes));
      return;
    }
    console.log(changeSummaryLine(serviceKey, mode, changes));
    if (dryRun) console.log('dry run: nothing was written');
  }

  @Option({
    flags: '--format <format>',
    description: 'openapi, json-schema, sql, csv or estate-json (default: detected)',
  })
  parseFormat(value: string): SchemaFormat {
    return parseSchemaFormat(value);
  }

  @Option({ flags: '--mode <mode>', description: 'replace (default: the file is the whole schema) or merge' })
  parseMode(value: string): SchemaMode {
    const mode = enumMember(SchemaMode, value.toUpperCase());
    if (!mode) throw new UsageError(`--mode must be replace or merge (got "${value}")`);
    return mode;
  }

  @Option({ flags: '--dialect <dialect>', description: 'SQL: postgresql or mysql (default: detected)' })
  parseDialect(value: string): SqlDialect {
    const dialect = enumMember(SqlDialect, value.toUpperCase().replace(/^POSTGRES$/, 'POSTGRESQL'));
    if (!dialect) throw new UsageError(`--dialect must be postgresql or mysql (got "${value}")`);
    return dialect;
  }

  @Option({
    flags: '--max-depth <n>',
    description: 'OpenAPI/JSON Schema: flatten nested objects this deep (default 4)',
  })
  parseMaxDepth(value: string): number {
    const depth = Number(value);
    if (!Number.isInteger(depth) || depth < 1 || depth > 10)
      throw new UsageError(`--max-depth must be 1 to 10 (got "${value}")`);
    return depth;
  }

  @Option({ flags: '--dry-run', description: 'show the change set and write nothing' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print the change set as JSON' })
  parseJson(): boolean {
    return true;
  }
}

interface MatchOptions {
  source?: string;
  target?: string;
  format?: SchemaFormat;
  top?: number;
  minConfidence?: number;
  json?: boolean;
}

@SubCommand({
  name: 'match',
  description:
    'Suggest unified fields for every field of a schema file (offline, no database): ' +
    '--source any importable schema, --target an Estate JSON/YAML unified schema',
})
export class SchemaMatchCommand extends CommandRunner {
  async run(_args: string[], options: MatchOptions): Promise<void> {
    if (!options.source || !options.target) throw new UsageError('--source and --target are required');
    const [{ located, readImportFile }, { matchSchemaFile }, { parseUnifiedSchema }] = await Promise.all([
      import('./import-file'),
      import('../unified/matching/match-files'),
      import('../unified/unified-document'),
    ]);
    const [source, target] = await Promise.all([readImportFile(options.source), readImportFile(options.target)]);
    let result: MatchResult;
    let reading = options.target;
    const progress = progressOn();
    try {
      const { schema } = parseUnifiedSchema(target);
      reading = options.source;
      const file = { content: source, fileName: path.basename(options.source), format: options.format };
      progress.phase(`matching ${path.basename(options.source)} to ${schema.entities.length} unified entities`);
      result = matchSchemaFile(file, schema, {
        top: options.top ?? 3,
        ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
      });
    } catch (error) {
      if (!(error instanceof SchemaImportError)) throw error;
      progress.stop();
      for (const problem of error.problems) console.error(located(reading, problem));
      throw new Error(`${reading} cannot be read (${error.problems.length} problem(s))`);
    } finally {
      progress.stop();
    }
    for (const warning of result.warnings) console.error(`warning: ${warning}`);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ suggestions: result.suggestions, entities: result.entities })}\n`);
      return;
    }
    process.stdout.write(matchReport(result));
  }

  @Option({ flags: '--source <file>', description: 'OpenAPI, JSON Schema, SQL DDL, CSV or Estate JSON file' })
  parseSource(value: string): string {
    return value;
  }

  @Option({ flags: '--target <file>', description: 'unified schema, Estate JSON or YAML' })
  parseTarget(value: string): string {
    return value;
  }

  @Option({ flags: '--format <format>', description: 'format of --source (default: detected)' })
  parseFormat(value: string): SchemaFormat {
    return parseSchemaFormat(value);
  }

  @Option({ flags: '--top <n>', description: 'candidates per field (default 3)' })
  parseTop(value: string): number {
    const top = Number(value);
    if (!Number.isInteger(top) || top < 1 || top > 50) throw new UsageError(`--top must be 1 to 50 (got "${value}")`);
    return top;
  }

  @Option({ flags: '--min-confidence <x>', description: 'hide candidates below this confidence (default 0.3)' })
  parseMinConfidence(value: string): number {
    const x = Number(value);
    if (!(x >= 0 && x <= 1)) throw new UsageError(`--min-confidence must be between 0 and 1 (got "${value}")`);
    return x;
  }

  @Option({ flags: '--json', description: 'print { suggestions, entities } as JSON on stdout and nothing else' })
  parseJson(): boolean {
    return true;
  }
}

@Command({
  name: 'schema',
  description: "Describe services' data (entities and fields) and match it to the unified schema",
  subCommands: [SchemaImportCommand, SchemaMatchCommand],
})
export class SchemaCommand extends CommandRunner {
  run(args: string[]): Promise<void> {
    subcommandRequired(this.command, args);
  }
}

/** A problem at `entities[0].fields[1].name` as the file names the place: `field Lead.email: …`. */
function namedProblem(entities: EntitySpec[], { path, message }: InputProblem): string {
  const at = /^entities\[(\d+)\](?:\.fields\[(\d+)\])?/.exec(path);
  const entity = at ? entities[Number(at[1])] : undefined;
  if (!entity) return `${path}: ${message}`;
  const field = at?.[2] === undefined ? undefined : entity.fields[Number(at[2])];
  return field ? `field ${entity.name}.${field.name}: ${message}` : `entity ${entity.name}: ${message}`;
}

function parseSchemaFormat(value: string): SchemaFormat {
  const format = FORMAT_NAMES[value.toLowerCase()] ?? enumMember(SchemaFormat, value.toUpperCase());
  if (!format) throw new UsageError(`--format must be one of ${Object.keys(FORMAT_NAMES).join(', ')} (got "${value}")`);
  return format;
}

/** One line per source field: its best candidate and why, or why there is none; then entity suggestions. */
function matchReport(result: MatchResult): string {
  const lines: string[] = [];
  for (const s of result.suggestions) {
    const best = s.candidates[0];
    const source = `${s.sourceEntity}.${s.sourceField}`;
    if (!s.matched || !best) {
      lines.push(`${source}  (no match: ${s.note ?? 'no candidate'})`);
      continue;
    }
    lines.push(
      `${source}  →  ${best.targetEntity}.${best.targetField}  ${best.confidence.toFixed(2)}  ${best.reasons.join('; ')}`,
    );
    for (const other of s.candidates.slice(1))
      lines.push(`    or ${other.targetEntity}.${other.targetField}  ${other.confidence.toFixed(2)}`);
  }
  for (const e of result.entities) {
    const best = e.candidates[0];
    lines.push(
      best
        ? `entity ${e.sourceEntity}  →  ${best.targetEntity}  ${best.confidence.toFixed(2)}  ${best.reasons.join('; ')}`
        : `entity ${e.sourceEntity}  (no unified entity fits)`,
    );
  }
  const matched = result.suggestions.filter((s) => s.matched).length;
  lines.push(`${matched} of ${result.suggestions.length} fields have a suggestion`);
  return `${lines.join('\n')}\n`;
}
