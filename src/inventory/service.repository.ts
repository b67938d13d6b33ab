import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Cursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import { returningRows } from '../database/returning';
import { keysetSql, pagesByParent, perParentKeysetSql, toPage, type SortDirection } from '../database/keyset';
import { selectColumns } from '../database/select-columns';
import { SqlParams } from '../database/sql-params';
import { ImpactDirection } from './inventory.enums';
import { describeService } from './service-patch';
import { toServiceRecord, type ServiceRecord } from './service-record';
import { serviceFilterConditions, serviceSort, type ServiceListFilter, type ServiceOrderField } from './service-query';
import { SoftwareServiceEntity } from './software-service.entity';

/** Column type of each ServiceRecord field, for reading a JSON batch with jsonb_to_recordset. */
const RECORD_TYPES: Record<keyof ServiceRecord, string> = {
  key: 'citext',
  name: 'text',
  description: 'text',
  kind: 'text',
  vendor: 'text',
  category: 'text',
  owner_team: 'citext',
  lifecycle: 'text',
  criticality: 'text',
  annual_cost_amount: 'numeric',
  annual_cost_currency: 'text',
  licensed_seats: 'integer',
  monthly_active_users: 'integer',
  contract_renewal_date: 'date',
  tags: 'text[]',
  links: 'jsonb',
  api_style: 'text',
  machine_readable_spec: 'boolean',
  spec_format: 'text',
  bulk_export: 'boolean',
  change_events: 'text',
  data_structure: 'text',
  auth_method: 'text',
  rate_limit_per_minute: 'integer',
};

const FIELDS = Object.keys(RECORD_TYPES) as (keyof ServiceRecord)[];
const column = (field: keyof ServiceRecord) => (field === 'owner_team' ? 'owner_team_id' : field);
const valueOf = (field: keyof ServiceRecord) => (field === 'owner_team' ? 't.id' : `r.${field}`);
const MUTABLE = FIELDS.filter((f) => f !== 'key');

/**
 * One statement for any number of services. An identical row is left alone
 * (no new version, no new updatedAt); a soft-deleted service is not touched.
 * Returns the rows it created or updated.
 */
const UPSERT_SQL = `
  INSERT INTO service AS s (${FIELDS.map(column).join(', ')})
  SELECT ${FIELDS.map(valueOf).join(', ')}
  FROM jsonb_to_recordset($1::jsonb) AS r(${FIELDS.map((f) => `${f} ${RECORD_TYPES[f]}`).join(', ')})
  JOIN team t ON t.key = r.owner_team AND t.deleted_at IS NULL
  ORDER BY r.key -- rows are locked in this order: concurrent batches cannot deadlock
  ON CONFLICT (key) DO UPDATE SET
    ${MUTABLE.map((f) => `${column(f)} = EXCLUDED.${column(f)}`).join(',\n    ')},
    version = s.version + 1,
    updated_at = now()
  WHERE s.deleted_at IS NULL
    AND (${MUTABLE.map((f) => `s.${column(f)}`).join(', ')})
        IS DISTINCT FROM (${MUTABLE.map((f) => `EXCLUDED.${column(f)}`).join(', ')})
  RETURNING s.id, s.key::text AS key, (s.xmax = 0) AS created`;

export interface WrittenService {
  id: string;
  key: string;
  created: boolean;
}

export interface ImpactRow {
  serviceId: string;
  distance: number;
  path: string[];
}

@Injectable()
export class ServiceRepository {
  private readonly columns: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.columns = selectColumns(dataSource.getMetadata(SoftwareServiceEntity), 's');
  }

  async upsertMany(manager: EntityManager, records: ServiceRecord[]): Promise<WrittenService[]> {
    if (records.length === 0) return [];
    return manager.query(UPSERT_SQL, [JSON.stringify(records)]);
  }

  /** Updates a live service only if it is still at `expectedVersion`; null when it is not. */
  async updateAtVersion(
    manager: EntityManager,
    key: string,
    expectedVersion: number,
    record: ServiceRecord,
  ): Promise<SoftwareServiceEntity | null> {
    const params = new SqlParams();
    const assignments = MUTABLE.map((f) =>
      f === 'owner_team'
        ? `owner_team_id = (SELECT id FROM team WHERE key = ${params.add(record.owner_team)}::citext AND deleted_at IS NULL)`
        : `${f} = ${params.add(f === 'links' ? JSON.stringify(record[f]) : record[f])}::${RECORD_TYPES[f]}`,
    );
    const rows = await returningRows<SoftwareServiceEntity>(
      manager,
      `UPDATE service s SET ${assignments.join(', ')}, version = s.version + 1, updated_at = now()
       WHERE s.key = ${params.add(key)}::citext AND s.version = ${params.add(expectedVersion)} AND s.deleted_at IS NULL
       RETURNING ${this.columns}`,
      params.values,
    );
    return rows[0] ?? null;
  }

  /** Sets or clears deleted_at; returns the changed row, or null when there was nothing to change. */
  async setDeleted(manager: EntityManager, key: string, deleted: boolean): Promise<SoftwareServiceEntity | null> {
    const rows = await returningRows<SoftwareServiceEntity>(
      manager,
      `UPDATE service s SET deleted_at = ${deleted ? 'now()' : 'NULL'}, version = s.version + 1, updated_at = now()
       WHERE s.key = $1::citext AND s.deleted_at IS ${deleted ? 'NULL' : 'NOT NULL'}
       RETURNING ${this.columns}`,
      [key],
    );
    return rows[0] ?? null;
  }

  async findByKey(
    key: string,
    options: { includeDeleted?: boolean; manager?: EntityManager } = {},
  ): Promise<SoftwareServiceEntity | null> {
    const rows: SoftwareServiceEntity[] = await (options.manager ?? this.dataSource).query(
      `SELECT ${this.columns} FROM service s WHERE s.key = $1::citext ${options.includeDeleted ? '' : 'AND s.deleted_at IS NULL'}`,
      [key],
    );
    return rows[0] ?? null;
  }

  /**
   * The given services that exist (live or soft-deleted), locked until the
   * transaction ends so that their deletion state cannot change under it.
   * The lock is the one the upsert takes anyway (a share lock would have to be
   * upgraded, and two writers upgrading deadlock), in key order like the upsert.
   */
  async lockExisting(
    manager: EntityManager,
    keys: string[],
  ): Promise<{ id: string; key: string; deleted: boolean; ownerTeamId: string; ownerTeamKey: string }[]> {
    return manager.query(
      // The team key comes from a subquery, not a join: after waiting for a row lock, PostgreSQL
      // re-checks the row's new version, and a join would be re-checked against the old team row.
      `SELECT s.id, s.key::text AS key, s.deleted_at IS NOT NULL AS deleted, s.owner_team_id AS "ownerTeamId",
              (SELECT t.key::text FROM team t WHERE t.id = s.owner_team_id) AS "ownerTeamKey"
       FROM service s
       WHERE s.key = ANY($1::citext[]) ORDER BY s.key FOR NO KEY UPDATE`,
      [keys],
    );
  }

  /**
   * Of `keys`, those naming a live service (as stored), share-locked in key
   * order until the transaction ends: they cannot be deleted meanwhile.
   */
  async lockLiveForShare(
    manager: EntityManager,
    keys: string[],
  ): Promise<{ id: string; key: string; ownerTeamId: string; ownerTeamKey: string }[]> {
    return manager.query(
      `SELECT s.id, s.key::text AS key, s.owner_team_id AS "ownerTeamId",
              (SELECT t.key::text FROM team t WHERE t.id = s.owner_team_id) AS "ownerTeamKey"
       FROM service s
       WHERE s.key = ANY($1::citext[]) AND s.deleted_at IS NULL ORDER BY s.key FOR SHARE`,
      [keys],
    );
  }

  /**
   * The current state of each given live service as a record (owner team by its
   * stored key), keyed by lower-cased service key: what the audit trail diffs.
   */
  async findStates(manager: EntityManager, keys: string[]): Promise<Map<string, ServiceRecord>> {
    const rows = await manager.query<(SoftwareServiceEntity & { ownerTeamKey: string })[]>(
      `SELECT ${this.columns}, t.key::text AS "ownerTeamKey"
       FROM service s JOIN team t ON t.id = s.owner_team_id
       WHERE s.key = ANY($1::citext[]) AND s.deleted_at IS NULL`,
      [keys],
    );
    return new Map(rows.map((row) => [row.key.toLowerCase(), toServiceRecord(describeService(row, row.ownerTeamKey))]));
  }

  async findByIds(ids: readonly string[]): Promise<SoftwareServiceEntity[]> {
    return this.dataSource.query(`SELECT ${this.columns} FROM service s WHERE s.id = ANY($1::uuid[])`, [ids]);
  }

  async page(
    filter: ServiceListFilter,
    order: { field: ServiceOrderField; direction: SortDirection; name: string },
    first: number,
    after?: Cursor,
  ): Promise<Page<SoftwareServiceEntity>> {
    const params = new SqlParams();
    const rows: (SoftwareServiceEntity & { sortValue: string })[] = await this.dataSource.query(
      keysetSql({
        select: this.columns,
        from: 'service s',
        where: serviceFilterConditions(filter, params),
        sort: serviceSort(order.field, order.direction, filter.search, params),
        id: 's.id',
        first,
        after,
        params,
      }),
      params.values,
    );
    return toPage(rows, first, order.name, after !== undefined, stripSortValue);
  }

  async count(filter: ServiceListFilter): Promise<number> {
    const params = new SqlParams();
    const where = serviceFilterConditions(filter, params);
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM service s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params.values,
    );
    return row.count;
  }

  /**
   * Services of several teams at once, ordered by name: the first `first + 1`
   * of each team after the cursor, so a page of teams costs one statement.
   */
  async pageByTeams(
    teamIds: readonly string[],
    first: number,
    order: string,
    after?: Cursor,
  ): Promise<Map<string, Page<SoftwareServiceEntity>>> {
    const params = new SqlParams();
    const rows = await this.dataSource.query<(SoftwareServiceEntity & { sortValue: string })[]>(
      perParentKeysetSql({
        select: this.columns,
        from: 'service s',
        where: ['s.deleted_at IS NULL'],
        parent: 's.owner_team_id',
        parentIds: teamIds,
        sort: { expr: 'lower(s.name)', type: 'text' },
        id: 's.id',
        first,
        after,
        params,
      }),
      params.values,
    );
    return pagesByParent(teamIds, rows, (row) => row.ownerTeamId, first, order, after !== undefined, stripSortValue);
  }

  async countByTeams(teamIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { teamId: string; count: number }[] = await this.dataSource.query(
      `SELECT owner_team_id AS "teamId", count(*)::int AS count FROM service
       WHERE owner_team_id = ANY($1::uuid[]) AND deleted_at IS NULL GROUP BY owner_team_id`,
      [teamIds],
    );
    return new Map(rows.map((r) => [r.teamId, r.count]));
  }

  /**
   * Every live service reachable from `startId` through live integrations, with
   * its shortest distance and one shortest path (of keys), in one statement.
   * Breadth-first: each level's frontier is the set of services not yet
   * visited, so cycles end the walk and each service is reached once.
   */
  async impact(startId: string, direction: ImpactDirection, maxDepth: number): Promise<ImpactRow[]> {
    const [from, to] =
      direction === ImpactDirection.DOWNSTREAM
        ? ['source_service_id', 'target_service_id']
        : ['target_service_id', 'source_service_id'];
    return this.dataSource.query(
      `WITH RECURSIVE walk(depth, frontier, paths, visited) AS (
         SELECT 0, ARRAY[s.id], ARRAY[s.key::text], ARRAY[s.id]
         FROM service s WHERE s.id = $1::uuid
         UNION ALL
         SELECT w.depth + 1, step.ids, step.paths, w.visited || step.ids
         FROM walk w
         CROSS JOIN LATERAL (
           SELECT array_agg(next.id ORDER BY next.key) AS ids,
                  array_agg(next.path ORDER BY next.key) AS paths
           FROM (
             SELECT DISTINCT ON (n.id) n.id, n.key::text AS key,
                    w.paths[array_position(w.frontier, i.${from})] || ',' || n.key::text AS path
             FROM integration i
             JOIN service n ON n.id = i.${to} AND n.deleted_at IS NULL
             WHERE i.deleted_at IS NULL
               AND i.${from} = ANY(w.frontier)
               AND NOT (i.${to} = ANY(w.visited))
             ORDER BY n.id, path
           ) next
         ) step
         WHERE w.depth < $2 AND step.ids IS NOT NULL
       )
       SELECT reached.id AS "serviceId", w.depth AS distance, string_to_array(reached.path, ',') AS path
       FROM walk w, unnest(w.frontier, w.paths) AS reached(id, path)
       WHERE w.depth > 0
       ORDER BY w.depth, reached.path`,
      [startId, maxDepth],
    );
  }
}

function stripSortValue<T extends { sortValue: string }>(row: T): Omit<T, 'sortValue'> {
  const { sortValue: _sortValue, ...rest } = row;
  return rest;
}
