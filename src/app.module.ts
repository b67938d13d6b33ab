import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { EstateConfigModule } from './config/config.module';
import type { EstateConfig } from './config/config';
import { EstateConfigService } from './config/estate-config.service';
import { DatabaseModule } from './database/database.module';
import { CompiledExecution } from './common/graphql/compiled-execution';
import { complexityLimitPlugin } from './common/graphql/complexity';
import { formatGraphQLError } from './common/graphql/format-error';
import { nulGuardPlugin } from './common/graphql/nul-guard';
import { readPrecomputedFields } from './common/graphql/precomputed';
import { queryProtection } from './common/graphql/protection';
import { InputValidationPipe } from './common/graphql/input-validation.pipe';
import type { RequestContext } from './common/graphql/request-context';
import { AuthModule } from './auth/auth.module';
import { CatalogModule } from './catalog/catalog.module';
import { GraphiqlModule } from './graphiql/graphiql.module';
import { HealthModule } from './health/health.module';
import { InventoryLoaderFactory } from './inventory/inventory.loaders';
import { InventoryModule } from './inventory/inventory.module';
import { McpModule } from './mcp/mcp.module';
import { SchemaLoaderFactory } from './schemas/schema.loaders';
import { SchemasModule } from './schemas/schemas.module';
import { PlanningLoaderFactory } from './planning/planning.loaders';
import { PlanningModule } from './planning/planning.module';
import { ScoringLoaderFactory } from './scoring/scoring.loaders';
import { ScoringModule } from './scoring/scoring.module';
import { CoverageLoaderFactory } from './unified/coverage.loaders';
import { UnifiedLoaderFactory } from './unified/unified.loaders';
import { UnifiedModule } from './unified/unified.module';
import { SqlStatisticsMiddleware, sqlStatisticsOf } from './common/sql-statistics.middleware';

export interface AppOptions {
  /** The PostgreSQL to use: DATABASE_URL, or the embedded server started beside the app. */
  databaseUrl: string;
}

const protection = queryProtection();

/**
 * How queries execute: resolvers step aside for values computed ahead (precomputed.ts), and queries
 * run compiled (graphql-jit) unless ESTATE_COMPILED_QUERIES=false, when Apollo runs graphql-js itself.
 */
function execution(config: EstateConfig): Partial<ApolloDriverConfig> {
  if (!config.compiledQueries) return { transformSchema: readPrecomputedFields };
  const compiled = new CompiledExecution({ compileAfter: 2 });
  // `gateway` is Apollo Server's option: the driver passes it through, its type leaves it out.
  const gateway = { gateway: compiled.gateway } as Partial<ApolloDriverConfig>;
  return { transformSchema: (schema) => compiled.schemaFrom(readPrecomputedFields(schema)), ...gateway };
}

@Module({})
export class AppModule implements NestModule {
  constructor(private readonly config: EstateConfigService) {}

  configure(consumer: MiddlewareConsumer): void {
    if (this.config.values.sqlStatementCounts) consumer.apply(SqlStatisticsMiddleware).forRoutes('*');
  }

  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EstateConfigModule.forRoot(),
        LoggerModule.forRootAsync({
          inject: [EstateConfigService],
          useFactory: (config: EstateConfigService) => ({
            pinoHttp: {
              level: config.values.logLevel,
              // A request id per request (the caller's X-Request-Id when it is sane), echoed back
              // and written to the audit trail, so that a change can be traced to its log lines.
              genReqId: (req, res) => {
                const given = req.headers['x-request-id'];
                const id = typeof given === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(given) ? given : randomUUID();
                res.setHeader('X-Request-Id', id);
                return id;
              },
              redact: ['req.headers.authorization', 'req.headers.cookie'],
              autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
              // On the completion line: how many SQL statements the request cost.
              customProps: (req, res) => (res.writableEnded ? { sqlStatements: sqlStatisticsOf(req)?.statements } : {}),
            },
          }),
        }),
        DatabaseModule.forRoot(options.databaseUrl),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [InventoryModule, SchemasModule, UnifiedModule, ScoringModule, PlanningModule],
          inject: [
            InventoryLoaderFactory,
            SchemaLoaderFactory,
            UnifiedLoaderFactory,
            CoverageLoaderFactory,
            ScoringLoaderFactory,
            PlanningLoaderFactory,
            PinoLogger,
            EstateConfigService,
          ],
          useFactory: (
            loaders: InventoryLoaderFactory,
            schemaLoaders: SchemaLoaderFactory,
            unifiedLoaders: UnifiedLoaderFactory,
            coverageLoaders: CoverageLoaderFactory,
            scoringLoaders: ScoringLoaderFactory,
            planningLoaders: PlanningLoaderFactory,
            logger: PinoLogger,
            config: EstateConfigService,
          ) => ({
            ...execution(config.values),
            autoSchemaFile: true,
            sortSchema: true,
            path: '/graphql',
            // GraphiQL comes from the app itself (issue: offline users); Apollo's CDN landing page is off.
            playground: false,
            introspection: config.values.introspection,
            includeStacktraceInErrorResponses: false,
            allowBatchedHttpRequests: false,
            csrfPrevention: true,
            validationRules: protection.validationRules,
            parseOptions: protection.parseOptions,
            // Estate sets no cache hints; the cache-control plugin would only add per-field work.
            plugins: [
              ...protection.plugins,
              nulGuardPlugin(),
              complexityLimitPlugin(),
              ApolloServerPluginCacheControlDisabled(),
            ],
            context: ({ req }: { req: RequestContext['req'] }): RequestContext => ({
              req,
              loaders: loaders.create(),
              schemaLoaders: schemaLoaders.create(),
              unifiedLoaders: unifiedLoaders.create(),
              coverageLoaders: coverageLoaders.create(),
              scoringLoaders: scoringLoaders.create(),
              planningLoaders: planningLoaders.create(),
            }),
            formatError: (formatted, error) => formatGraphQLError(formatted, error, logger),
          }),
        }),
        InventoryModule,
        SchemasModule,
        UnifiedModule,
        ScoringModule,
        PlanningModule,
        CatalogModule,
        AuthModule,
        HealthModule,
        GraphiqlModule,
        McpModule,
      ],
      providers: [{ provide: APP_PIPE, useClass: InputValidationPipe }],
    };
  }
}
