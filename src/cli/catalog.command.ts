import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { CatalogCounts, CatalogImportReport } from '../catalog/catalog-importer';
import { CLI_CALLER } from './cli-caller';
import { progressOn } from './progress';
import { UsageError } from './usage-error';

/** Folders a walk never enters. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'build', 'vendor']);

interface ImportOptions {
  dryRun?: boolean;
  json?: boolean;
}

@Command({
  name: 'import',
  arguments: '<paths...>',
  description:
    'Import catalog files — estate.yaml and Backstage catalog-info.yaml — from files or folders: all in one transaction, or nothing',
})
export class ImportCommand extends CommandRunner {
  async run(paths: string[], options: ImportOptions): Promise<void> {
    if (!paths.length) throw new UsageError('give the catalog files or folders to import');
    // Loaded when the command runs, as all the work is: `--help` and usage errors need none of it.
    const [{ CatalogImporter }, { formatMessage }, { CATALOG_FILE_NAME }, { oversizeProblem }, { withDatabase }] =
      await Promise.all([
        import('../catalog/catalog-importer'),
        import('../catalog/catalog-source'),
        import('../catalog/read-catalog'),
        import('../schemas/importers/import-schema'),
        import('./with-database'),
      ]);
    const roots = paths.flatMap((p) => catalogFiles(p, CATALOG_FILE_NAME));
    const readFromDisk = (file: string): string | undefined => {
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile()) return undefined;
      const tooLarge = oversizeProblem(stat.size);
      if (tooLarge) throw new Error(`${file}: ${tooLarge}`);
      return fs.readFileSync(file, 'utf8');
    };
    if (!roots.length) {
      throw new Error(
        `no catalog files in ${paths.join(', ')} (folders are searched for estate.yaml, *.estate.yaml and catalog-info.yaml)`,
      );
    }
    const progress = progressOn();
    let report: CatalogImportReport;
    try {
      report = await withDatabase((dataSource) =>
        CatalogImporter.on(dataSource).import(
          { roots, read: readFromDisk },
          options.dryRun ?? false,
          CLI_CALLER,
          [],
          (phase, done, total) => progress.update(phase, done, total),
        ),
      );
    } finally {
      progress.stop();
    }
    for (const warning of report.warnings) console.error(`warning: ${formatMessage(warning)}`);
    for (const error of report.errors) console.error(formatMessage(error));
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (!report.ok) {
      throw new Error(`the catalog cannot be imported (${report.errors.length} problem(s)); nothing was written`);
    }
    if (!options.json) process.stdout.write(importSummary(report));
  }

  @Option({ flags: '--dry-run', description: 'check everything and show what would change; write nothing' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print the import report as JSON' })
  parseJson(): boolean {
    return true;
  }
}

interface ExportOptions {
  out?: string;
  team?: string[];
  withoutData?: boolean;
}

@Command({
  name: 'export',
  description: 'Write the estate as estate.yaml (teams, services, integrations, entities and fields)',
})
export class ExportCommand extends CommandRunner {
  async run(args: string[], options: ExportOptions): Promise<void> {
    if (args.length) throw new UsageError(`export takes no arguments (got "${args.join(' ')}"); use --out <file>`);
    const [{ CatalogExporter }, { CatalogRepository }, { withDatabase }] = await Promise.all([
      import('../catalog/catalog-exporter'),
      import('../catalog/catalog.repository'),
      import('./with-database'),
    ]);
    const yaml = await withDatabase((dataSource) =>
      new CatalogExporter(new CatalogRepository(dataSource)).estateYaml({
        teams: options.team,
        withoutData: options.withoutData,
      }),
    );
    if (!options.out) {
      process.stdout.write(yaml);
      return;
    }
    try {
      fs.writeFileSync(options.out, yaml);
    } catch (error) {
      throw new Error(`cannot write --out ${options.out}: ${(error as Error).message}`);
    }
    console.error(`wrote ${options.out} (${Buffer.byteLength(yaml).toLocaleString('en')} bytes)`);
  }

  @Option({ flags: '--out <file>', description: 'write to this file instead of stdout' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--team <key>', description: 'only this team and its services (repeatable)' })
  parseTeam(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }

  @Option({ flags: '--without-data', description: 'leave entities and fields out' })
  parseWithoutData(): boolean {
    return true;
  }
}

/** A file as given; a folder walked (in name order) for files named like catalog files. */
function catalogFiles(given: string, catalogFileName: RegExp): string[] {
  const stat = fs.statSync(given, { throwIfNoEntry: false });
  if (!stat) throw new Error(`cannot read ${given}: no such file or folder`);
  if (stat.isFile()) return [toCatalogPath(given)];
  const found: string[] = [];
  const walk = (folder: string) => {
    const entries = fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) walk(full);
      } else if (entry.isFile() && catalogFileName.test(entry.name)) found.push(toCatalogPath(full));
    }
  };
  walk(given);
  return found;
}

/** Catalog paths are POSIX and relative to the working directory, as they are printed. */
function toCatalogPath(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return (relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative)
    .split(path.sep)
    .join('/');
}

function importSummary(report: CatalogImportReport): string {
  const counts = (what: string, c: CatalogCounts) =>
    `  ${what.padEnd(13)} ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;
  const lines = [
    `${report.dryRun ? 'dry run: would import' : 'imported'} ${report.files.length} file(s):`,
    counts('teams', report.teams),
    counts('services', report.services),
    counts('integrations', report.integrations),
    counts('data', report.schemas),
  ];
  const changes = report.changes.slice(0, 50);
  if (changes.length)
    lines.push(
      '',
      ...changes.map(
        (c) =>
          `  ${c.outcome.toLowerCase().padEnd(8)} ${c.kind.toLowerCase()} ${c.key}  (${c.file}${c.line ? `:${c.line}` : ''})`,
      ),
    );
  if (report.changes.length > changes.length) lines.push(`  … and ${report.changes.length - changes.length} more`);
  if (!report.changes.length) lines.push('', 'nothing to change: the estate already says what the files say');
  if (report.dryRun) lines.push('', 'dry run: nothing was written');
  return `${lines.join('\n')}\n`;
}
