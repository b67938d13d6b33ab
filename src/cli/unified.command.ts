import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import type { DataSource } from 'typeorm';
import { enumMember } from '../common/enums';
import { countFields, type SchemaChangeSet } from '../schemas/change-set';
import { SchemaImportError } from '../schemas/importers/import.types';
import { SchemaMode } from '../schemas/schema.types';
import {
  parseDictionaryVersion,
  type DictionaryFormat,
  type DictionaryVersion,
} from '../unified/dictionary/data-dictionary.types';
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

/** The unified schema as Estate reads it back (json, yaml), or its data dictionary (jsonschema, openapi, markdown). */
type ExportFormat = UnifiedDocumentFormat | DictionaryFormat;

const FORMAT_SPELLINGS: Record<string, ExportFormat> = {
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  jsonschema: 'jsonschema',
  'json-schema': 'jsonschema',
  openapi: 'openapi',
  markdown: 'markdown',
  md: 'markdown',
};

/** The format a file name asks for: `.schema.json`, `.openapi.json`, `.md`, `.yaml`; else JSON. */
function formatOfFile(file: string | undefined): ExportFormat {
  const name = (file ?? '').toLowerCase();
  if (name.endsWith('.schema.json')) return 'jsonschema';
  if (name.endsWith('.openapi.json')) return 'openapi';
  if (/\.(md|markdown)$/.test(name)) return 'markdown';
  if (/\.ya?ml$/.test(name)) return 'yaml';
  return 'json';
}

interface ExportOptions {
  version?: DictionaryVersion;
  format?: ExportFormat;
  json?: boolean;
  out?: string;
}

@SubCommand({
  name: 'export',
  description:
    'Write the unified schema (the draft, or a published version) as a JSON or YAML document, ' +
    'or its data dictionary as JSON Schema, OpenAPI or Markdown',
})
export class UnifiedExportCommand extends CommandRunner {
  async run(_args: string[], options: ExportOptions): Promise<void> {
    const format = formatOrJson(options.format, options.json, 'json') ?? formatOfFile(options.out);
    const version = options.version ?? 'draft';
    const { withDatabase } = await import('./with-database');
    const text = await withDatabase(async (dataSource) => {
      const unified = await unifiedSchema(dataSource);
      if (format === 'json' || format === 'yaml')
        return unified.document(await versionNumber(unified, version), format);
      const [{ DataDictionaryRepository }, { DataDictionaryService }] = await Promise.all([
        import('../unified/dictionary/data-dictionary.repository'),
        import('../unified/dictionary/data-dictionary.service'),
      ]);
      const dictionary = new DataDictionaryService(unified, new DataDictionaryRepository(dataSource));
      return (await dictionary.render(format, version)).body;
    });
    if (!options.out) {
      process.stdout.write(text);
      return;
    }
    await fs.promises.writeFile(options.out, text);
    const which =
      version === 'draft' ? 'the draft' : version === 'latest' ? 'the latest version' : `version ${version}`;
    console.error(`wrote ${which} to ${options.out}`);
  }

  @Option({
    flags: '--version <version>',
    description: 'a published version: its number, or latest (default: the draft, also named draft)',
  })
  parseVersion(value: string): DictionaryVersion {
    const version = parseDictionaryVersion(value);
    if (version === undefined)
      throw new UsageError(`--version must be a version number, latest or draft (got "${value}")`);
    return version;
  }

  @Option({
    flags: '--format <format>',
    description:
      'json or yaml (the document import reads), or the data dictionary: jsonschema, openapi or markdown ' +
      '(default: from --out, else json)',
  })
  parseFormat(value: string): ExportFormat {
    const format = FORMAT_SPELLINGS[value.toLowerCase()];
    if (!format) throw new UsageError(`--format must be json, yaml, jsonschema, openapi or markdown (got "${value}")`);
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

/** The published version `version` names (undefined: the draft); the latest one must exist. */
async function versionNumber(unified: UnifiedSchemaService, version: DictionaryVersion): Promise<number | undefined> {
  if (version === 'draft') return undefined;
  if (version !== 'latest') return version;
  const latest = await unified.latestPublishedVersion();
  if (latest === null) throw new Error('No version of the unified schema has been published yet');
  return latest;
}

@Command({
  name: 'unified',
  description: 'The unified schema: import its draft, export the draft, a published version or its data dictionary',
  subCommands: [UnifiedImportCommand, UnifiedExportCommand],
})
export class UnifiedCommand extends CommandRunner {
  run(args: string[]): Promise<void> {
    subcommandRequired(this.command, args);
  }
}
