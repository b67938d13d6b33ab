import type { Caller } from '../audit/audit-log';
import { hasPermission, Permission } from '../auth/roles';

/** Who is calling the MCP server, and what it offers them: one per HTTP request, one per stdio process. */
export interface McpSession {
  caller: Caller;
  /** ESTATE_ANONYMOUS_READ: callers without a token may read (the HTTP guard let them in). */
  anonymousRead: boolean;
  /** Whether the write tools are offered at all (ESTATE_MCP_WRITES; over stdio also --allow-writes). */
  writesEnabled: boolean;
}

/** Whether the session's caller holds `permission`, as the GraphQL guard decides it. */
export function sessionMay(session: McpSession, permission: Permission): boolean {
  const { actor } = session.caller;
  if (actor.role === null) return permission === Permission.READ && session.anonymousRead;
  return hasPermission(actor, permission);
}
