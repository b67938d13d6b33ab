import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Cursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import { keysetSql, toPage } from '../database/keyset';
import { selectColumns } from '../database/select-columns';
import { SqlParams } from '../database/sql-params';
import { MappingStatus } from '../unified/mapping.types';
import { MigrationPlanEntity } from './migration-plan.entity';
import type { PlanningField } from './plan-builder';

export type PlanSummary = Omit<MigrationPlanEntity, 'result'> & { result?: undefined };

/** Plans newest first. */
const CREATED_ORDER = { expr: 'p.created_at', type: 'timestamptz', direction: 'DESC' } as const;

@Injectable()
export class PlanningRepository {
  private readonly planColumns: string;
  /** Everything but the computed result, which can run to megabytes. */
  private readonly summaryColumns: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    const metadata = dataSource.getMetadata(MigrationPlanEntity);
    this.planColumns = selectColumns(metadata, 'p');
    this.summaryColumns = selectColumns({ columns: metadata.columns.filter((c) => c.propertyName !== 'result') }, 'p');
  }

  /**
   * The fields of the given services, each with the unified entity its CONFIRMED mapping lands in
   * (null without one), in schema order; one statement.
   */
  async fieldsOf(serviceIds: readonly string[]): Promise<(PlanningField & { serviceId: string })[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (e.position, f.position, f.id)
              e.service_id AS "serviceId", e.name::text AS entity, f.name::text AS field, f.pii_class AS "piiClass",
              ue.name::text AS "unifiedEntity", ue.name::text || '.' || uf.name::text AS "unifiedField"
       FROM data_entity e
       JOIN data_field f ON f.entity_id = e.id
       LEFT JOIN field_mapping m ON m.data_field_id = f.id AND m.status = '${MappingStatus.CONFIRMED}'
       LEFT JOIN unified_field uf ON uf.id = m.unified_field_id
       LEFT JOIN unified_entity ue ON ue.id = uf.entity_id
       WHERE e.service_id = ANY($1::uuid[])
       ORDER BY e.position, f.position, f.id, ue.name`,
      [serviceIds],
    );
  }

  /** Every unified field's qualified name (Entity.field), by id. */
  async unifiedFieldNames(): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT uf.id, ue.name::text || '.' || uf.name::text AS name
       FROM unified_field uf JOIN unified_entity ue ON ue.id = uf.entity_id`,
      [],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async latestUnifiedVersion(): Promise<number | null> {
    const [row] = await this.dataSource.query<{ version: number | null }[]>(
      `SELECT max(version) AS version FROM unified_schema_version`,
      [],
    );
    return row.version;
  }

  async insertPlan(
    manager: EntityManager,
    row: Omit<MigrationPlanEntity, 'id' | 'createdAt' | 'rerunOfPlan'>,
  ): Promise<MigrationPlanEntity> {
    const [saved] = await manager.query<MigrationPlanEntity[]>(
      `INSERT INTO migration_plan AS p (name, inputs, profile_name, profile_version, unified_schema_version, result,
                                        service_count, wave_count, annual_savings, currency, rerun_of, created_by)
       VALUES ($1, $2::jsonb, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12)
       RETURNING ${this.planColumns}`,
      [
        row.name,
        JSON.stringify(row.inputs),
        row.profileName,
        row.profileVersion,
        row.unifiedSchemaVersion,
        JSON.stringify(row.result),
        row.serviceCount,
        row.waveCount,
        row.annualSavings,
        row.currency,
        row.rerunOf,
        row.createdBy,
      ],
    );
    return saved;
  }

  async findPlan(id: string): Promise<MigrationPlanEntity | null> {
    const rows = await this.dataSource.query<MigrationPlanEntity[]>(
      `SELECT ${this.planColumns} FROM migration_plan p WHERE p.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findPlans(ids: readonly string[]): Promise<MigrationPlanEntity[]> {
    return this.dataSource.query<MigrationPlanEntity[]>(
      `SELECT ${this.planColumns} FROM migration_plan p WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Plans newest first, without their computed result (see findPlans). */
  async pagePlans(first: number, order: string, after?: Cursor): Promise<Page<PlanSummary>> {
    const params = new SqlParams();
    const rows = await this.dataSource.query<(PlanSummary & { sortValue: string })[]>(
      keysetSql({
        select: this.summaryColumns,
        from: 'migration_plan p',
        where: [],
        sort: CREATED_ORDER,
        id: 'p.id',
        first,
        after,
        params,
      }),
      params.values,
    );
    return toPage(rows, first, order, after !== undefined, ({ sortValue: _sortValue, ...plan }) => plan);
  }

  async countPlans(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM migration_plan`, []);
    return row.n;
  }
}
