import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { Inventory1795312800000 } from '../../migrations/1795312800000-Inventory';
import { ApiTokens1795320000000 } from '../../migrations/1795320000000-ApiTokens';
import { AuditTrail1795323600000 } from '../../migrations/1795323600000-AuditTrail';
import { ServiceData1795327200000 } from '../../migrations/1795327200000-ServiceData';
import { UnifiedSchema1795330800000 } from '../../migrations/1795330800000-UnifiedSchema';
import { Mappings1795334400000 } from '../../migrations/1795334400000-Mappings';
import { Scoring1795338000000 } from '../../migrations/1795338000000-Scoring';
import { MigrationPlans1795341600000 } from '../../migrations/1795341600000-MigrationPlans';
import { ServiceSearchPendingList1795345200000 } from '../../migrations/1795345200000-ServiceSearchPendingList';
import { DataEntityEntity } from '../schemas/data-entity.entity';
import { DataFieldEntity } from '../schemas/data-field.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { ApiTokenEntity } from '../auth/api-token.entity';
import { IntegrationEntity } from '../inventory/integration.entity';
import { SoftwareServiceEntity } from '../inventory/software-service.entity';
import { TeamEntity } from '../inventory/team.entity';
import { UnifiedEntityEntity } from '../unified/unified-entity.entity';
import { UnifiedFieldEntity } from '../unified/unified-field.entity';
import { UnifiedSchemaVersionEntity } from '../unified/unified-schema-version.entity';
import { EntityMappingEntity } from '../unified/entity-mapping.entity';
import { FieldMappingEntity } from '../unified/field-mapping.entity';
import { ScoringProfileEntity } from '../scoring/scoring-profile.entity';
import { EstateChangeEntity } from './estate-revision';
import { MigrationPlanEntity } from '../planning/migration-plan.entity';
import { ResilientPool } from './resilient-pool';
import { EstateTypeOrmLogger, type SqlLogSink } from './typeorm-logger';

export const ENTITIES = [
  TeamEntity,
  SoftwareServiceEntity,
  IntegrationEntity,
  ApiTokenEntity,
  AuditEventEntity,
  DataEntityEntity,
  DataFieldEntity,
  UnifiedEntityEntity,
  UnifiedFieldEntity,
  UnifiedSchemaVersionEntity,
  EntityMappingEntity,
  FieldMappingEntity,
  ScoringProfileEntity,
  EstateChangeEntity,
  MigrationPlanEntity,
];
export const MIGRATIONS = [
  Inventory1795312800000,
  ApiTokens1795320000000,
  AuditTrail1795323600000,
  ServiceData1795327200000,
  UnifiedSchema1795330800000,
  Mappings1795334400000,
  Scoring1795338000000,
  MigrationPlans1795341600000,
  ServiceSearchPendingList1795345200000,
];

const SILENT_SINK: SqlLogSink = { debug: () => undefined, warn: () => undefined, error: () => undefined };

export interface ConnectionLimits {
  /** PostgreSQL statement_timeout: a stuck statement fails instead of hanging. */
  statementTimeoutMs: number;
  /** How long to wait for a free pooled connection before failing. */
  poolTimeoutMs: number;
}

const POOL_SIZE = 10;
/** 4 s of waiting for a free connection leaves room for the rest of the request: one that finds none fails within 5 s. */
const DEFAULT_LIMITS: ConnectionLimits = { statementTimeoutMs: 15_000, poolTimeoutMs: 4_000 };

/** node-postgres with a pool whose connections closed by the server while idle do not fail the next request. */
const PG_WITH_RESILIENT_POOL = Object.create(pg, { Pool: { value: ResilientPool } }) as typeof pg;

/** The one definition of Estate's database connection, shared by the app, the CLI and tests. */
export function dataSourceOptions(
  url: string,
  sink: SqlLogSink = SILENT_SINK,
  limits: ConnectionLimits = DEFAULT_LIMITS,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'estate_migrations',
    synchronize: false,
    migrationsRun: false,
    // Extensions come from reviewed migrations, not from the driver at connect time.
    installExtensions: false,
    uuidExtension: 'pgcrypto', // gen_random_uuid(), built into PostgreSQL 13+
    logger: new EstateTypeOrmLogger(sink),
    maxQueryExecutionTime: 1000,
    applicationName: 'estate',
    driver: PG_WITH_RESILIENT_POOL,
    extra: {
      max: POOL_SIZE,
      connectionTimeoutMillis: limits.poolTimeoutMs,
      statement_timeout: limits.statementTimeoutMs,
    },
  };
}

export function createDataSource(url: string, sink?: SqlLogSink): DataSource {
  return new DataSource(dataSourceOptions(url, sink));
}
