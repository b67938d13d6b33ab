import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Cursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import { returningRows } from '../database/returning';
import { keysetSql, toPage } from '../database/keyset';
import { selectColumns } from '../database/select-columns';
import { SqlParams } from '../database/sql-params';
import { IntegrationEntity } from './integration.entity';

export interface IntegrationRecord {
  source: string;
  target: string;
  mechanism: string;
  frequency: string | null;
  description: string | null;
}

export interface IntegrationListFilter {
  /** Integrations with this service at either end. */
  service?: string;
  source?: string;
  target?: string;
  mechanisms?: string[];
}

/** An integration is live while it and both of its services are. */
const LIVE = `i.deleted_at IS NULL
  AND EXISTS (SELECT 1 FROM service x WHERE x.id = i.source_service_id AND x.deleted_at IS NULL)
  AND EXISTS (SELECT 1 FROM service y WHERE y.id = i.target_service_id AND y.deleted_at IS NULL)`;

@Injectable()
export class IntegrationRepository {
  private readonly columns: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.columns = selectColumns(dataSource.getMetadata(IntegrationEntity), 'i');
  }

  /** Creates or updates the live edge (source, target, mechanism); null when nothing changed. */
  async upsert(
    manager: EntityManager,
    record: IntegrationRecord,
  ): Promise<(IntegrationEntity & { created: boolean }) | null> {
    const rows: (IntegrationEntity & { created: boolean })[] = await manager.query(
      `INSERT INTO integration AS i (source_service_id, target_service_id, mechanism, frequency, description)
       SELECT src.id, tgt.id, $3, $4, $5
       FROM service src, service tgt
       WHERE src.key = $1::citext AND src.deleted_at IS NULL AND tgt.key = $2::citext AND tgt.deleted_at IS NULL
       ON CONFLICT (source_service_id, target_service_id, mechanism) WHERE deleted_at IS NULL DO UPDATE SET
         frequency = EXCLUDED.frequency, description = EXCLUDED.description,
         version = i.version + 1, updated_at = now()
       WHERE (i.frequency, i.description) IS DISTINCT FROM (EXCLUDED.frequency, EXCLUDED.description)
       RETURNING ${this.columns}, (i.xmax = 0) AS created`,
      [record.source, record.target, record.mechanism, record.frequency, record.description],
    );
    return rows[0] ?? null;
  }

  async findEdge(manager: EntityManager, record: IntegrationRecord): Promise<IntegrationEntity | null> {
    const rows: IntegrationEntity[] = await manager.query(
      `SELECT ${this.columns} FROM integration i
       JOIN service src ON src.id = i.source_service_id JOIN service tgt ON tgt.id = i.target_service_id
       WHERE src.key = $1::citext AND tgt.key = $2::citext AND i.mechanism = $3 AND i.deleted_at IS NULL`,
      [record.source, record.target, record.mechanism],
    );
    return rows[0] ?? null;
  }

  /** The owner teams of a live integration's two services, the integration row locked. Null when not live. */
  async lockOwners(
    manager: EntityManager,
    id: string,
  ): Promise<{
    source: { id: string; key: string; serviceKey: string };
    target: { id: string; key: string; serviceKey: string };
  } | null> {
    const rows = await manager.query<
      { sid: string; skey: string; tid: string; tkey: string; source: string; target: string }[]
    >(
      // Owner keys from subqueries: they then read the services' rows as they are once the locks are held.
      `SELECT src.owner_team_id AS sid, (SELECT t.key::text FROM team t WHERE t.id = src.owner_team_id) AS skey,
              tgt.owner_team_id AS tid, (SELECT t.key::text FROM team t WHERE t.id = tgt.owner_team_id) AS tkey,
              src.key::text AS source, tgt.key::text AS target
       FROM integration i
       JOIN service src ON src.id = i.source_service_id
       JOIN service tgt ON tgt.id = i.target_service_id
       WHERE i.id = $1::uuid AND i.deleted_at IS NULL
       FOR UPDATE OF i FOR SHARE OF src, tgt`,
      [id],
    );
    const row = rows[0];
    return row
      ? {
          source: { id: row.sid, key: row.skey, serviceKey: row.source },
          target: { id: row.tid, key: row.tkey, serviceKey: row.target },
        }
      : null;
  }

  async softDelete(manager: EntityManager, id: string): Promise<IntegrationEntity | null> {
    const rows = await returningRows<IntegrationEntity>(
      manager,
      `UPDATE integration i SET deleted_at = now(), version = i.version + 1, updated_at = now()
       WHERE i.id = $1::uuid AND i.deleted_at IS NULL RETURNING ${this.columns}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Live integrations that end in (UPSTREAM side) or start from (DOWNSTREAM side) each service. */
  async findByServices(serviceIds: readonly string[], end: 'source' | 'target'): Promise<IntegrationEntity[]> {
    return this.dataSource.query(
      `SELECT ${this.columns} FROM integration i
       WHERE i.${end}_service_id = ANY($1::uuid[]) AND ${LIVE}
       ORDER BY i.created_at, i.id`,
      [serviceIds],
    );
  }

  /** Number of distinct live services consuming each service's data. */
  async countDependents(serviceIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { serviceId: string; count: number }[] = await this.dataSource.query(
      `SELECT i.source_service_id AS "serviceId", count(DISTINCT i.target_service_id)::int AS count
       FROM integration i WHERE i.source_service_id = ANY($1::uuid[]) AND ${LIVE}
       GROUP BY i.source_service_id`,
      [serviceIds],
    );
    return new Map(rows.map((r) => [r.serviceId, r.count]));
  }

  async page(
    filter: IntegrationListFilter,
    first: number,
    order: string,
    after?: Cursor,
  ): Promise<Page<IntegrationEntity>> {
    const params = new SqlParams();
    const rows: (IntegrationEntity & { sortValue: string })[] = await this.dataSource.query(
      keysetSql({
        select: this.columns,
        from: 'integration i',
        where: this.conditions(filter, params),
        sort: { expr: 'i.created_at', type: 'timestamptz', direction: 'ASC' },
        id: 'i.id',
        first,
        after,
        params,
      }),
      params.values,
    );
    return toPage(rows, first, order, after !== undefined, ({ sortValue: _s, ...row }) => row);
  }

  async count(filter: IntegrationListFilter): Promise<number> {
    const params = new SqlParams();
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM integration i WHERE ${this.conditions(filter, params).join(' AND ')}`,
      params.values,
    );
    return row.count;
  }

  private conditions(filter: IntegrationListFilter, params: SqlParams): string[] {
    const where = [LIVE];
    const idOf = (key: string) => `(SELECT id FROM service WHERE key = ${params.add(key)}::citext)`;
    if (filter.service) {
      const id = idOf(filter.service);
      where.push(`(i.source_service_id = ${id} OR i.target_service_id = ${id})`);
    }
    if (filter.source) where.push(`i.source_service_id = ${idOf(filter.source)}`);
    if (filter.target) where.push(`i.target_service_id = ${idOf(filter.target)}`);
    if (filter.mechanisms?.length) where.push(`i.mechanism = ANY(${params.add(filter.mechanisms)}::text[])`);
    return where;
  }
}
