import { Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { EstateConfigService } from '../config/estate-config.service';
import { dataSourceOptions } from './data-source';
import { migrateUp } from './migrate';

@Module({})
export class DatabaseModule {
  /** Connects to `databaseUrl` and, unless configured otherwise, applies pending migrations first. */
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [EstateConfigService, PinoLogger],
          useFactory: (config: EstateConfigService, logger: PinoLogger) => {
            logger.setContext('Database');
            return {
              ...dataSourceOptions(
                databaseUrl,
                { debug: (m) => logger.debug(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
                config.values,
              ),
              // Start-up waits for the database beforehand (waitForDatabase, logging as it waits); Nest's
              // own retries would wait again, 27 s in silence (its logs are buffered until the app is up).
              toRetry: () => false,
            };
          },
          dataSourceFactory: (options) => new DataSource(options!).initialize(),
        }),
      ],
      providers: [MigrationsOnStart],
    };
  }
}

/** Applies pending migrations before the app serves anything (a cluster-wide lock serialises instances). */
@Injectable()
class MigrationsOnStart implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: EstateConfigService,
    private readonly logger: PinoLogger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.values.migrateOnStart) return;
    const applied = await migrateUp(this.dataSource);
    for (const migration of applied) this.logger.info(`applied migration ${migration.name}`);
  }
}
