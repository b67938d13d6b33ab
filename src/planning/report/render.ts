import { ReportFormat, type EstateReport, type MigrationPlanResult } from '../plan.types';
import { estateCsv, planCsv } from './csv';
import type { ReportDocument } from './document';
import { estateDocument } from './estate-document';
import { toHtml } from './html';
import { toMarkdown } from './markdown';
import { planDocument } from './plan-document';

/*
 * Reports as bytes: pure functions of the plan (or estate) data, so GraphQL, HTTP and the CLI serve
 * the same report for the same plan. Nothing here reads the clock: the data carries generatedAt.
 */

export interface RenderedReport {
  contentType: string;
  fileExtension: string;
  body: string;
}

const TYPES: Record<ReportFormat, { contentType: string; fileExtension: string }> = {
  [ReportFormat.MARKDOWN]: { contentType: 'text/markdown; charset=utf-8', fileExtension: 'md' },
  [ReportFormat.HTML]: { contentType: 'text/html; charset=utf-8', fileExtension: 'html' },
  [ReportFormat.CSV]: { contentType: 'text/csv; charset=utf-8', fileExtension: 'csv' },
  [ReportFormat.JSON]: { contentType: 'application/json', fileExtension: 'json' },
};

export function renderPlanReport(plan: MigrationPlanResult, format: ReportFormat): RenderedReport {
  return render(
    format,
    plan,
    () => planDocument(plan),
    () => planCsv(plan),
  );
}

export function renderEstateReport(report: EstateReport, format: ReportFormat): RenderedReport {
  return render(
    format,
    report,
    () => estateDocument(report),
    () => estateCsv(report),
  );
}

function render(
  format: ReportFormat,
  data: unknown,
  document: () => ReportDocument,
  csv: () => string,
): RenderedReport {
  const type = TYPES[format];
  if (!type) throw new RangeError(`Unknown report format: ${String(format)}`);
  return { ...type, body: body(format, data, document, csv) };
}

function body(format: ReportFormat, data: unknown, document: () => ReportDocument, csv: () => string): string {
  switch (format) {
    case ReportFormat.MARKDOWN:
      return toMarkdown(document());
    case ReportFormat.HTML:
      return toHtml(document());
    case ReportFormat.CSV:
      return csv();
    case ReportFormat.JSON:
      return `${JSON.stringify(data, null, 2)}\n`;
  }
}
