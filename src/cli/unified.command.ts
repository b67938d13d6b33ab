import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import type { DataSource } from 'typeorm';
import { enumMember } from '../common/enums';
import { countFields, type SchemaChangeSet } from '../schemas/change-set';
import { SchemaImportError } from '../schemas/importers/import.types';
import { SchemaMode } from '../schemas/schema.types';
import type { UnifiedDocumentFormat } from '../unified/unified-document';
import type { UnifiedSchemaService } from '../unified/unified-schema.service';
import { CLI_CALLER } from './cli-caller';
import { changeSetJson } from './schema.command';
import { progressOn } from './progress';
import { formatOrJson, subcommandRequired, UsageError } from './usage-error';

/** Loaded when a command runs, as all the work is: `--help` and usage errors need none of it. */
async function unifiedSchema(dataSource: DataSource): Promise<UnifiedSchemaService> {
  const [{ AuditLog }, { UnifiedSchemaRepository }, { UnifiedSchemaService }] = await Promise.all([
    import('../audit/audit-log'),
    import('../unified/unified-schema.repository'),
    import('../unified/unified-schema.service'),
  ]);
  return new UnifiedSchemaService(dataSource, new UnifiedSchemaRepository(dataSource), new AuditLog(dataSource));
}

interface ImportOptions {
  mode?: SchemaMode;
  dryRun?: boolean;
  json?: boolean;
}

@SubCommand({
  name: 'import',
  arguments: '<file>',
  argsDescription: { file: 'the unified schema, an Estate JSON or YAML document' },
  description: "Set the unified schema's draft from a JSON or YAML document",
})
export class UnifiedImportCommand extends CommandRunner {
  async run([file]: string[], options: ImportOptions): Promise<void> {
    const [{ located, readImportFile, changeSummaryLine }, { parseUnifiedSchema }, { withDatabase }] =
      await Promise.all([import('./import-file'), import('../unified/unified-document'), import('./with-database')]);
    const content = await readImportFile(file);
    let parsed: ReturnType<typeof parseUnifiedSchema>;
    try {
      parsed = parseUnifiedSchema(content);
    } catch (error) {
      if (!(error instanceof SchemaImportError)) throw error;
      for (const problem of error.problems) console.error(located(file, problem));
      throw new Error(`${file} cannot be imported (${error.problems.length} problem(s)); nothing was written`);
    }
    const { entities } = parsed.schema;
    const name = path.basename(file);
    console.error(`read ${name}: ${entities.length} entities, ${countFields(entities)} fields`);
    for (const warning of parsed.warnings) console.error(`warning: ${located(file, warning)}`);

    const mode = options.mode ?? SchemaMode.REPLACE;
    const dryRun = options.dryRun ?? false;
    const progress = progressOn();
    let changes: SchemaChangeSet;
    try {
      changes = await withDatabase(async (dataSource) => {
        const service = await unifiedSchema(dataSource);
        progress.phase(dryRun ? 'comparing with the draft' : 'writing the draft');
        return service.put(entities, mode, dryRun, CLI_CALLER, name);
      });
    } finally {
      progress.stop();
    }
    if (options.json) {
      process.stdout.write(changeSetJson({ file: name }, mode, dryRun, changes));
      return;
    }
    console.log(changeSummaryLine('unified schema draft', mode, changes));
    if (dryRun) console.log('dry run: nothing was written');
  }

  @Option({ flags: '--mode <mode>', description: 'replace (default: the file is the whole schema) or merge' })
  parseMode(value: string): SchemaMode {
    const mode = enumMember(SchemaMode, value.toUpperCase());
    if (!mode) throw new UsageError(`--mode must be replace or merge (got "${value}")`);
    return mode;
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

interface ExportOptions {
  version?: number;
  format?: UnifiedDocumentFormat;
  json?: boolean;
  out?: string;
}

@SubCommand({
  name: 'export',
  description: 'Write the unified schema (the draft, or a published version) as a JSON or YAML document',
})
export class UnifiedExportCommand extends CommandRunner {
  async run(_args: string[], options: ExportOptions): Promise<void> {
    const format =
      formatOrJson(options.format, options.json, 'json') ?? (/\.ya?ml$/i.test(options.out ?? '') ? 'yaml' : 'json');
    const { withDatabase } = await import('./with-database');
    const text = await withDatabase(async (dataSource) =>
      (await unifiedSchema(dataSource)).document(options.version, format),
    );
    if (!options.out) {
      process.stdout.write(text);
      return;
    }
    await fs.promises.writeFile(options.out, text);
    console.error(`wrote ${options.version ? `version ${options.version}` : 'the draft'} to ${options.out}`);
  }

  @Option({ flags: '--version <n>', description: 'a published version (default: the draft)' })
  parseVersion(value: string): number {
    const version = Number(value);
    if (!Number.isSafeInteger(version) || version < 1)
      throw new UsageError(`--version must be a version number (got "${value}")`);
    return version;
  }

  @Option({ flags: '--format <format>', description: 'json or yaml (default: from --out, else json)' })
  parseFormat(value: string): UnifiedDocumentFormat {
    const format = value.toLowerCase().replace(/^yml$/, 'yaml');
    if (format !== 'json' && format !== 'yaml') throw new UsageError(`--format must be json or yaml (got "${value}")`);
    return format;
  }

  @Option({ flags: '--json', description: 'write JSON (short for --format json)' })
  parseJson(): boolean {
    return true;
  }

  @Option({ flags: '--out <file>', description: 'write to this file (default: standard output)' })
  parseOut(value: string): string {
    return value;
  }
}

@Command({
  name: 'unified',
  description: 'The unified schema: import its draft, export the draft or a published version',
  subCommands: [UnifiedImportCommand, UnifiedExportCommand],
})
export class UnifiedCommand extends CommandRunner {
  run(args: string[]): Promise<void> {
    subcommandRequired(this.command, args);
  }
}
