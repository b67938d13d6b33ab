import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { GraphiqlAssets } from './graphiql-assets';
import { GraphiqlAssetsController } from './graphiql-assets.controller';
import { GraphiqlPageMiddleware } from './graphiql-page.middleware';
import { GRAPHQL_PATH } from './graphiql-page';

/** GraphiQL at GET /graphql for browsers, its assets under /graphiql, all served by Estate (no CDN). */
@Module({
  controllers: [GraphiqlAssetsController],
  providers: [GraphiqlAssets],
})
export class GraphiqlModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(GraphiqlPageMiddleware).forRoutes({ path: GRAPHQL_PATH, method: RequestMethod.GET });
  }
}
