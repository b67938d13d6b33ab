import { Logger } from '@nestjs/common';
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode as RpcErrorCode, McpError, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { Permission } from '../auth/roles';
import { DomainError, ErrorCode } from '../common/errors';
import { ReportFormat } from '../planning/plan.types';
import type { DictionaryFormat, RenderedDictionary } from '../unified/dictionary/data-dictionary.types';
import { sessionMay } from './mcp-session';
import { MAX_LIST } from './tool-results';
import type { ToolContext } from './tool-context';

export const DICTIONARY_URI = 'estate://unified/latest';
export const DICTIONARY_JSON_SCHEMA_URI = 'estate://unified/latest/schema.json';
export const PLAN_URI_TEMPLATE = 'estate://plans/{id}';

/** A plan report beyond this is cut (a plan of every service of a large estate runs to megabytes). */
export const MAX_RESOURCE_CHARS = 512 * 1024;

/**
 * Resources: the unified schema as a data dictionary (Markdown, and JSON Schema for tools that
 * validate), and every saved migration plan as its Markdown report.
 */
export function registerResources(server: McpServer, ctx: ToolContext): void {
  const logger = new Logger('MCP');
  const read = async (uri: URL, work: () => Promise<ReadResourceResult>): Promise<ReadResourceResult> => {
    if (!sessionMay(ctx.run.session, Permission.READ)) {
      throw new McpError(RpcErrorCode.InvalidRequest, `Not allowed to read ${uri.href}`);
    }
    try {
      return await work();
    } catch (error) {
      if (error instanceof DomainError) {
        throw new McpError(
          error.code === ErrorCode.NOT_FOUND ? RpcErrorCode.InvalidParams : RpcErrorCode.InternalError,
          `${error.code}: ${error.message}`,
        );
      }
      logger.error(`reading ${uri.href} failed: ${(error as Error).stack ?? String(error)}`);
      throw new McpError(RpcErrorCode.InternalError, `Reading ${uri.href} failed unexpectedly`);
    }
  };
  const dictionary = (uri: URL, format: DictionaryFormat) =>
    read(uri, async () => {
      const rendered = await latestOrDraft(ctx, format);
      return { contents: [{ uri: uri.href, mimeType: rendered.contentType, text: rendered.body }] };
    });

  server.registerResource(
    'unified-schema',
    DICTIONARY_URI,
    {
      title: 'Unified schema (data dictionary)',
      description:
        'The latest published unified schema (the draft while none is published): every entity and field with ' +
        'its type, meaning, personal-data class and the services that supply it. Markdown.',
      mimeType: 'text/markdown',
    },
    (uri) => dictionary(uri, 'markdown'),
  );
  server.registerResource(
    'unified-schema-json-schema',
    DICTIONARY_JSON_SCHEMA_URI,
    {
      title: 'Unified schema (JSON Schema)',
      description: 'The same data dictionary as a JSON Schema 2020-12 document, one definition per entity.',
      mimeType: 'application/schema+json',
    },
    (uri) => dictionary(uri, 'jsonschema'),
  );

  server.registerResource(
    'migration-plan',
    new ResourceTemplate(PLAN_URI_TEMPLATE, {
      list: async () => {
        if (!sessionMay(ctx.run.session, Permission.READ)) return { resources: [] };
        const page = await ctx.estate.planner.list(MAX_LIST);
        return {
          resources: page.rows.map(({ node }) => ({
            uri: `estate://plans/${node.id}`,
            name: node.name,
            title: `Migration plan: ${node.name}`,
            description:
              `${node.serviceCount} service(s) in ${node.waveCount} wave(s), saving ${node.annualSavings} ` +
              `${node.currency} a year; made ${node.createdAt.toISOString().slice(0, 10)} by ${node.createdBy}`,
            mimeType: 'text/markdown',
          })),
        };
      },
    }),
    {
      title: 'Saved migration plans',
      description: 'A saved migration plan as its Markdown report: totals, waves, data gaps and risks.',
      mimeType: 'text/markdown',
    },
    (uri, variables) =>
      read(uri, async () => {
        const id = String(variables.id);
        const report = await ctx.estate.reports.plan(decodeURIComponent(id), ReportFormat.MARKDOWN);
        const body =
          report.body.length > MAX_RESOURCE_CHARS
            ? `${report.body.slice(0, MAX_RESOURCE_CHARS)}\n\n… (cut at ${MAX_RESOURCE_CHARS} characters; ` +
              `the whole report is at /reports/plans/${id}.md)\n`
            : report.body;
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: body }] };
      }),
  );
}

/** The latest published version's dictionary; the draft's while nothing is published yet. */
async function latestOrDraft(ctx: ToolContext, format: DictionaryFormat): Promise<RenderedDictionary> {
  try {
    return await ctx.estate.dictionary.render(format, 'latest');
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== ErrorCode.NOT_FOUND) throw error;
    return ctx.estate.dictionary.render(format, 'draft');
  }
}
