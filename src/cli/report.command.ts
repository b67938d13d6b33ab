import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError, ErrorCode } from '../common/errors';
import { ReportFormat } from '../planning/plan.types';
import type { RenderedReport } from '../planning/report/render';
import type { ProfileRef } from '../scoring/scoring.service';
import { explainingInput, planningServices } from './plan.command';
import { progressOn } from './progress';
import { parseProfileRef } from './text-table';
import { formatOrJson, UsageError } from './usage-error';

interface ReportOptions {
  estate?: boolean;
  format?: ReportFormat;
  json?: boolean;
  profile?: ProfileRef;
  out?: string;
}

const FORMATS: Record<string, ReportFormat> = {
  md: ReportFormat.MARKDOWN,
  markdown: ReportFormat.MARKDOWN,
  html: ReportFormat.HTML,
  htm: ReportFormat.HTML,
  csv: ReportFormat.CSV,
  json: ReportFormat.JSON,
};

@Command({
  name: 'report',
  arguments: '[planId]',
  argsDescription: { planId: 'a saved plan (estate plan list shows them)' },
  description: 'Render a saved plan, or the estate (--estate), as Markdown, HTML with charts, CSV or JSON',
})
export class ReportCommand extends CommandRunner {
  async run(args: string[], options: ReportOptions): Promise<void> {
    const [planId, ...extra] = args;
    if (extra.length) throw new UsageError(`report takes one plan id (got "${args.join(' ')}")`);
    if (planId !== undefined && options.estate) throw new UsageError('give a plan id or --estate, not both');
    if (planId === undefined && !options.estate)
      throw new UsageError('give a plan id (estate plan list shows them) or --estate');
    if (planId !== undefined && options.profile)
      throw new UsageError('--profile is for --estate: a plan report uses the profile version the plan was made with');
    const format =
      formatOrJson(options.format, options.json, ReportFormat.JSON) ??
      formatOfFile(options.out) ??
      ReportFormat.MARKDOWN;

    const { withDatabase } = await import('./with-database');
    const progress = progressOn();
    let rendered: RenderedReport;
    try {
      rendered = await withDatabase(async (dataSource) => {
        const { scoring, reports } = await planningServices(dataSource);
        progress.phase(`rendering the ${planId === undefined ? 'estate' : 'plan'} report`);
        if (planId === undefined)
          return explainingInput(
            scoring,
            (p) => `${/(^|\.)profile(Version)?$/.test(p.path) ? '--profile' : p.path}: ${p.message}`,
            () => reports.estate(format, options.profile ?? {}),
          );
        return reports.plan(planId, format).catch((error: unknown) => {
          if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND)
            throw new Error(`${error.message} (estate plan list shows the saved plans)`);
          throw error;
        });
      });
    } finally {
      progress.stop();
    }
    await deliver(rendered, planId === undefined ? 'estate report' : 'plan report', options.out);
  }

  @Option({ flags: '--estate', description: 'report on the estate (inventory, coverage, quadrant, top candidates)' })
  parseEstate(): boolean {
    return true;
  }

  @Option({ flags: '--format <format>', description: 'md, html, csv or json (default: from --out, else md)' })
  parseFormat(value: string): ReportFormat {
    const format = FORMATS[value.toLowerCase()];
    if (!format) throw new UsageError(`--format must be md, html, csv or json (got "${value}")`);
    return format;
  }

  @Option({ flags: '--json', description: 'the report as JSON (short for --format json)' })
  parseJson(): boolean {
    return true;
  }

  @Option({ flags: '--profile <name[@version]>', description: 'scoring profile of an --estate report' })
  parseProfile(value: string): ProfileRef {
    return parseProfileRef(value);
  }

  @Option({ flags: '--out <file>', description: 'write to this file (default: standard output)' })
  parseOut(value: string): string {
    return value;
  }
}

/** The format a file name asks for; null without a file, an error when its extension is not one. */
function formatOfFile(file: string | undefined): ReportFormat | null {
  if (file === undefined) return null;
  const extension = path.extname(file).slice(1).toLowerCase();
  const format = FORMATS[extension];
  if (!format)
    throw new UsageError(
      `cannot tell the format from --out ${file}: end it in .md, .html, .csv or .json, or give --format`,
    );
  return format;
}

async function deliver(report: RenderedReport, what: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    process.stdout.write(report.body);
    return;
  }
  try {
    await fs.promises.writeFile(out, report.body);
  } catch (error) {
    throw new Error(`cannot write --out ${out}: ${(error as Error).message}`);
  }
  console.error(`wrote ${what} (${report.fileExtension}, ${size(Buffer.byteLength(report.body))}) to ${out}`);
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
