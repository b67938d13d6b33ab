import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { GraphiqlAssets } from './graphiql-assets';
import { GRAPHIQL_CSP } from './graphiql-page';

/**
 * A browser opening /graphql gets GraphiQL; every other request there (POST, GET with a query,
 * clients that prefer JSON) goes on to Apollo untouched. A middleware, not a controller, because
 * a route cannot hand a request back to Apollo; the page holds no data, so no guard is needed.
 */
@Injectable()
export class GraphiqlPageMiddleware implements NestMiddleware {
  constructor(private readonly assets: GraphiqlAssets) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (!wantsGraphiql(req)) {
      next();
      return;
    }
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': GRAPHIQL_CSP,
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
        Vary: 'Accept',
      })
      .send(this.assets.page);
  }
}

/** Apollo's own rule for its landing page: a GET without a query whose Accept prefers HTML to JSON. */
export function wantsGraphiql(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if ((req.query as Record<string, unknown> | undefined)?.query !== undefined) return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}
