import { Injectable, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from '../common/errors';
import { bearerToken, hashTokenSecret } from './token-secret';

/** Requests per address may be this many times the per-token limit (several tokens behind one address). */
export const ADDRESS_LIMIT_FACTOR = 5;

/**
 * The per-token counter: keyed by a hash of the token's secret as parsed (so one
 * token has one counter however its header is spelled), or by address when
 * there is no usable token. Limiting needs no database lookup.
 */
export function tokenTracker(req: Record<string, unknown>): string {
  const bearer = bearerToken((req as unknown as Request).headers.authorization);
  return bearer.kind === 'token' ? `token:${hashTokenSecret(bearer.secret)}` : addressTracker(req);
}

/** The per-address counter: bounds a caller who sprays made-up tokens, each with a counter of its own. */
export function addressTracker(req: Record<string, unknown>): string {
  return `address:${(req as unknown as Request).ip ?? 'unknown'}`;
}

/** Per-token and per-address rate limits (the throttlers are configured in AuthModule). */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext): { req: Request; res: Response } {
    if (context.getType<GqlContextType>() === 'graphql') {
      const req = GqlExecutionContext.create(context).getContext<{ req: Request }>().req;
      return { req, res: req.res! };
    }
    return super.getRequestResponse(context) as { req: Request; res: Response };
  }

  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfterSeconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new DomainError(
      ErrorCode.RATE_LIMITED,
      `Too many requests: at most ${detail.limit} per minute for this ${detail.tracker.startsWith('address:') ? 'address' : 'token'}; retry in ${retryAfterSeconds} s`,
      { limit: detail.limit, retryAfterSeconds },
    );
  }
}
