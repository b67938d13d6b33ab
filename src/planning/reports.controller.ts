import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Requires } from '../auth/access.decorators';
import { Permission } from '../auth/roles';
import { DomainError } from '../common/errors';
import { ReportFormat } from './plan.types';
import type { RenderedReport } from './report/render';
import { Reports } from './reports';

const FORMATS: Record<string, ReportFormat> = {
  md: ReportFormat.MARKDOWN,
  html: ReportFormat.HTML,
  csv: ReportFormat.CSV,
  json: ReportFormat.JSON,
};

/** `/reports/plans/<id>.<md|html|csv|json>` and `/reports/estate.<…>`: the same reports as GraphQL, same tokens. */
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: Reports) {}

  @Get('plans/:file')
  @Requires(Permission.READ)
  async plan(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const { name, format } = parseFile(file);
    send(res, await this.reports.plan(name, format), `plan-${name}`);
  }

  @Get('estate.:extension')
  @Requires(Permission.READ)
  async estate(
    @Param('extension') extension: string,
    @Query('profile') profile: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const format = formatOf(extension);
    send(res, await this.reports.estate(format, { name: profile }), 'estate');
  }
}

function parseFile(file: string): { name: string; format: ReportFormat } {
  const dot = file.lastIndexOf('.');
  if (dot < 1) throw badFormat(file);
  return { name: file.slice(0, dot), format: formatOf(file.slice(dot + 1)) };
}

function formatOf(extension: string): ReportFormat {
  const format = FORMATS[extension.toLowerCase()];
  if (!format) throw badFormat(extension);
  return format;
}

function badFormat(given: string): DomainError {
  return DomainError.badInput([{ path: 'format', message: `ask for .md, .html, .csv or .json (got "${given}")` }]);
}

/** Reports are self-contained: nothing may load from anywhere, nothing may run. */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function send(res: Response, report: RenderedReport, baseName: string): void {
  res
    .status(200)
    .setHeader('Content-Security-Policy', REPORT_CSP)
    .type(report.contentType)
    .setHeader('Content-Disposition', `inline; filename="${baseName}.${report.fileExtension}"`)
    .setHeader('X-Content-Type-Options', 'nosniff')
    .send(report.body);
}
