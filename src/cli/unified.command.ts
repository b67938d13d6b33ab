import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import type { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { enumMember } from '../common/enums';
import { countFields } from '../schemas/change-set';
import { SchemaImportError } from '../schemas/importers/import.types';
import { SchemaMode } from '../schemas/schema.types';
import { parseUnifiedSchema, type UnifiedDocumentFormat } from '../unified/unified-document';
import { UnifiedSchemaRepository } from '../unified/unified-schema.repository';
import { UnifiedSchemaService } from '../unified/unified-schema.service';
import { CLI_CALLER } from './cli-caller';
import { changeSummaryLine, located, readImportFile } from './import-file';
import { withDatabase } from './with-database';
import { UsageError } from './usage-error';

function unifiedSchema(dataSource: DataSource): UnifiedSchemaService {
  return new UnifiedSchemaService(dataSource, new UnifiedSchemaRepository(dataSource), new AuditLog(dataSource));
}

interface ImportOptions {
  mode?: SchemaMode;
  dryRun?: boolean;
}

@SubCommand({
  name: 'import',
  arguments: '<file>',
  description: "Set the unified schema's draft from a JSON or YAML document",
})
export class UnifiedImportCommand extends CommandRunner {
  async run([file]: string[], options: ImportOptions): Promise<void> {
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
    const changes = await withDatabase((dataSource) =>
      unifiedSchema(dataSource).put(entities, mode, dryRun, CLI_CALLER, name),
    );
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
}

interface ExportOptions {
  version?: number;
  format?: UnifiedDocumentFormat;
  out?: string;
}

@SubCommand({
  name: 'export',
  description: 'Write the unified schema (the draft, or a published version) as a JSON or YAML document',
})
export class UnifiedExportCommand extends CommandRunner {
  async run(_args: string[], options: ExportOptions): Promise<void> {
    const format = options.format ?? (/\.ya?ml$/i.test(options.out ?? '') ? 'yaml' : 'json');
    const text = await withDatabase((dataSource) => unifiedSchema(dataSource).document(options.version, format));
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
  run(): Promise<void> {
    this.command.help();
  }
}
