import { Catch, Injectable, Logger, type ArgumentsHost } from '@nestjs/common';
import { GqlArgumentsHost, type GqlContextType, type GqlExceptionFilter } from '@nestjs/graphql';
import type { Request } from 'express';
import { actorOf, requestIdOf } from '../auth/access.decorators';
import { ANONYMOUS } from '../auth/roles';
import { DomainError, ErrorCode } from '../common/errors';
import { AuditLog } from './audit-log';

const REFUSALS = new Set([ErrorCode.FORBIDDEN, ErrorCode.UNAUTHENTICATED]);

/**
 * Every refused call leaves an audit event, whether the guard refused it
 * (no token, or a role without the permission) or the rules did (ownership).
 * The refused work itself was rolled back; the event is written on its own,
 * then the error goes to the client unchanged. (The rate limit bounds how many
 * such events one caller can cause.)
 */
@Catch(DomainError)
@Injectable()
export class DenialRecorder implements GqlExceptionFilter {
  private readonly logger = new Logger('Audit');

  constructor(private readonly audit: AuditLog) {}

  catch(exception: DomainError, host: ArgumentsHost): Promise<never> | DomainError {
    if (host.getType<GqlContextType>() !== 'graphql' || !REFUSALS.has(exception.code)) return exception;
    const gql = GqlArgumentsHost.create(host);
    const info = gql.getInfo<{ fieldName: string }>();
    const req = gql.getContext<{ req: Request }>().req;
    const args = gql.getArgs<Record<string, unknown>>();
    return (
      this.audit
        .recordDenial(
          { actor: actorOf(req) ?? ANONYMOUS, requestId: requestIdOf(req) },
          {
            action: info.fieldName,
            targetType: 'operation',
            targetKey: targetOf(args) ?? info.fieldName,
            reason: exception.message,
          },
        )
        // The refusal is the answer, whether or not it could be recorded.
        .catch((error: unknown) => this.logger.error(`could not record a refusal: ${(error as Error).message}`))
        .then(() => Promise.reject(exception))
    );
  }
}

/** The key or id a mutation names, when it names one. */
function targetOf(args: Record<string, unknown>): string | null {
  const input = args.input as Record<string, unknown> | unknown[] | undefined;
  if (typeof args.key === 'string') return args.key;
  if (typeof args.id === 'string') return args.id;
  if (Array.isArray(input)) return `${input.length} rows`;
  if (input && typeof input.key === 'string') return input.key;
  if (input && typeof input.source === 'string' && typeof input.target === 'string') {
    return `${input.source}→${input.target}`;
  }
  return null;
}
