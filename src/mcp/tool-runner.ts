import { Logger } from '@nestjs/common';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AuditLog } from '../audit/audit-log';
import type { Permission } from '../auth/roles';
import { DomainError, ErrorCode } from '../common/errors';
import { sessionMay, type McpSession } from './mcp-session';
import { toolError } from './tool-results';

/** PostgreSQL's statement timeout: the one database failure worth telling the caller about. */
const STATEMENT_TIMEOUT = '57014';

/**
 * Runs every tool call the same way: the caller's permission first (a refusal is a tool error and
 * an audit event, like a refused GraphQL call), then the work; a DomainError becomes a tool error
 * with its code and message, anything else is logged and reported without its details.
 */
export class ToolRunner {
  private readonly logger = new Logger('MCP');

  constructor(
    readonly session: McpSession,
    private readonly audit: AuditLog,
  ) {}

  async run(
    tool: string,
    permission: Permission,
    target: string | null,
    work: () => Promise<CallToolResult>,
  ): Promise<CallToolResult> {
    if (!sessionMay(this.session, permission)) return this.refuse(tool, permission, target);
    try {
      return await work();
    } catch (error) {
      return this.failure(tool, error);
    }
  }

  private async refuse(tool: string, permission: Permission, target: string | null): Promise<CallToolResult> {
    const { actor } = this.session.caller;
    const message =
      actor.role === null
        ? 'Not authenticated: send "Authorization: Bearer <token>"'
        : `Role ${actor.role} may not call ${tool}: it needs the ${permission} permission`;
    await this.audit
      .recordDenial(this.session.caller, {
        action: `mcp.${tool}`,
        targetType: 'operation',
        targetKey: target ?? tool,
        reason: message,
      })
      // The refusal is the answer, whether or not it could be recorded.
      .catch((error: unknown) => this.logger.error(`could not record a refusal: ${(error as Error).message}`));
    return toolError(actor.role === null ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN, message);
  }

  private failure(tool: string, error: unknown): CallToolResult {
    if (error instanceof DomainError) return toolError(error.code, error.message);
    const requestId = this.session.caller.requestId;
    if ((error as { code?: unknown }).code === STATEMENT_TIMEOUT) {
      return toolError(
        ErrorCode.SERVICE_UNAVAILABLE,
        'The database did not answer in time; narrow the request or retry',
      );
    }
    this.logger.error(
      `${tool} failed${requestId ? ` (request ${requestId})` : ''}: ${(error as Error).stack ?? String(error)}`,
    );
    return toolError(
      ErrorCode.INTERNAL_SERVER_ERROR,
      `${tool} failed unexpectedly${requestId ? `; the error is logged under request id ${requestId}` : ''}`,
    );
  }
}
