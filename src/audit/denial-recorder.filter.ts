import { Catch, Injectable, Logger, type ArgumentsHost } from '@nestjs/common';
import { GqlArgumentsHost, type GqlContextType, type GqlExceptionFilter } from '@nestjs/graphql';
import type { Request, Response } from 'express';
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

  catch(exception: DomainError, host: ArgumentsHost): Promise<never> | Promise<void> | DomainError {
    if (host.getType() === 'http') return this.answerHttp(exception, host);
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

  /** Outside GraphQL the error is the response: its status and `{ code, message, ...details }` as JSON. */
  private async answerHttp(exception: DomainError, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (REFUSALS.has(exception.code)) {
      await this.audit
        .recordDenial(
          { actor: actorOf(req) ?? ANONYMOUS, requestId: requestIdOf(req) },
          {
            action: `${req.method} ${req.path}`,
            targetType: 'operation',
            targetKey: req.path,
            reason: exception.message,
          },
        )
        .catch((error: unknown) => this.logger.error(`could not record a refusal: ${(error as Error).message}`));
    }
    res
      .status(HTTP_STATUS[exception.code] ?? 500)
      .json({ ...exception.details, code: exception.code, message: exception.message });
  }
}

/** HTTP status for each error code, for the routes outside GraphQL (reports). */
const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

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
