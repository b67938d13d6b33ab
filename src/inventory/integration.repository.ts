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

  /**
   * Creates or updates many live edges in one statement (`ids`: service ids by lower-cased key, of
   * live services; no edge twice). Returns the rows written: unchanged edges return nothing.
   */
  async upsertMany(
    manager: EntityManager,
    records: IntegrationRecord[],
    ids: Map<string, string>,
  ): Promise<(IntegrationEntity & { created: boolean })[]> {
    const rows = records.map((r) => ({
      source: ids.get(r.source.toLowerCase()),
      target: ids.get(r.target.toLowerCase()),
      mechanism: r.mechanism,
      frequency: r.frequency,
      description: r.description,
    }));
    return manager.query(
      `INSERT INTO integration AS i (source_service_id, target_service_id, mechanism, frequency, description)
       SELECT r.source, r.target, r.mechanism, r.frequency, r.description
       FROM jsonb_to_recordset($1::jsonb) AS r(source uuid, target uuid, mechanism text, frequency text, description text)
       ON CONFLICT (source_service_id, target_service_id, mechanism) WHERE deleted_at IS NULL DO UPDATE SET
         frequency = EXCLUDED.frequency, description = EXCLUDED.description,
         version = i.version + 1, updated_at = now()
       WHERE (i.frequency, i.description) IS DISTINCT FROM (EXCLUDED.frequency, EXCLUDED.description)
       RETURNING ${this.columns}, (i.xmax = 0) AS created`,
      [JSON.stringify(rows)],
    );
  }

  /** The live edges among `records`, keyed by `sourceId>targetId>MECHANISM`. */
  async findEdges(
    manager: EntityManager,
    records: IntegrationRecord[],
    ids: Map<string, string>,
  ): Promise<Map<string, IntegrationEntity>> {
    const rows: IntegrationEntity[] = await manager.query(
      `SELECT ${this.columns} FROM integration i
       JOIN jsonb_to_recordset($1::jsonb) AS r(source uuid, target uuid, mechanism text)
         ON i.source_service_id = r.source AND i.target_service_id = r.target AND i.mechanism = r.mechanism
       WHERE i.deleted_at IS NULL`,
      [
        JSON.stringify(
          records.map((r) => ({
            source: ids.get(r.source.toLowerCase()),
            target: ids.get(r.target.toLowerCase()),
            mechanism: r.mechanism,
          })),
        ),
      ],
    );
    return new Map(rows.map((row) => [edgeIdKey(row.sourceServiceId, row.targetServiceId, row.mechanism), row]));
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

/** How an edge is told apart from the others: its two services' ids and its mechanism. */
export function edgeIdKey(sourceId: string, targetId: string, mechanism: string): string {
  return `${sourceId}>${targetId}>${mechanism}`;
}
