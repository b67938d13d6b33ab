import { Injectable, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from '../common/errors';
import { hashTokenSecret } from './token-secret';

/**
 * Per-token rate limit (per address for requests without a token). The token
 * is identified by a hash of its header, so that limiting needs no database
 * lookup and an invalid token cannot be used to hammer the token table.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext): { req: Request; res: Response } {
    if (context.getType<GqlContextType>() === 'graphql') {
      const req = GqlExecutionContext.create(context).getContext<{ req: Request }>().req;
      return { req, res: req.res! };
    }
    return super.getRequestResponse(context) as { req: Request; res: Response };
  }

  protected override getTracker(req: Request): Promise<string> {
    const authorization = req.headers.authorization;
    return Promise.resolve(
      authorization ? `token:${hashTokenSecret(authorization)}` : `address:${req.ip ?? 'unknown'}`,
    );
  }

  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfterSeconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new DomainError(
      ErrorCode.RATE_LIMITED,
      `Too many requests: at most ${detail.limit} per minute for this token; retry in ${retryAfterSeconds} s`,
      { limit: detail.limit, retryAfterSeconds },
    );
  }
}
