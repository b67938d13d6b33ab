import { Controller, Delete, Get, Logger, Post, Req, Res } from '@nestjs/common';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Request, Response } from 'express';
import { actorOf, requestIdOf, Requires } from '../auth/access.decorators';
import { ANONYMOUS, Permission } from '../auth/roles';
import { EstateConfigService } from '../config/estate-config.service';
import { EstateMcp } from './estate-mcp';
import type { McpSession } from './mcp-session';

/**
 * Estate's MCP endpoint (Streamable HTTP). The global guards run first, as for GraphQL: the bearer
 * token becomes the actor (no token, or a bad one: 401 UNAUTHENTICATED, recorded as a refusal), the
 * caller needs READ, and the per-token rate limit counts each request. Each tool call then checks
 * the permission it needs against that actor.
 *
 * Stateless mode (no Mcp-Session-Id), which the SDK recommends for servers behind a load balancer:
 * a new server and transport per POST, nothing kept in memory between requests, so any instance can
 * answer any request, like /graphql. Estate never calls back into the client (no sampling,
 * elicitation or subscriptions), which is all that sessions would be needed for. Responses are
 * plain JSON rather than an SSE stream, since every tool answers in one message.
 */
@Controller('mcp')
@Requires(Permission.READ)
export class McpController {
  private readonly logger = new Logger('MCP');

  constructor(
    private readonly mcp: EstateMcp,
    private readonly config: EstateConfigService,
  ) {}

  @Post()
  async post(@Req() req: Request, @Res() res: Response): Promise<void> {
    const session: McpSession = {
      caller: { actor: actorOf(req) ?? ANONYMOUS, requestId: requestIdOf(req) },
      anonymousRead: this.config.values.anonymousRead,
      writesEnabled: this.config.values.mcpWrites,
    };
    const server = this.mcp.server(session);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      // Nest's JSON body parser has read the body already (within its size limit): hand it over.
      await transport.handleRequest(req, res, req.body as unknown);
    } catch (error) {
      this.logger.error(`MCP request failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.status(500).json(rpcError(-32603, 'Internal server error'));
    }
  }

  /** No server-to-client stream without sessions: the spec's answer is 405. */
  @Get()
  openStream(@Res() res: Response): void {
    res.status(405).setHeader('Allow', 'POST').json(rpcError(-32000, 'Method not allowed: this server is stateless'));
  }

  /** No session to end. */
  @Delete()
  endSession(@Res() res: Response): void {
    res.status(405).setHeader('Allow', 'POST').json(rpcError(-32000, 'Method not allowed: this server is stateless'));
  }
}

function rpcError(code: number, message: string) {
  return { jsonrpc: '2.0', error: { code, message }, id: null };
}
