import { Injectable } from '@nestjs/common';
import { appendTo } from '../common/multimap';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Cursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import { keysetSql, pagesByParent, perParentKeysetSql, toPage } from '../database/keyset';
import { selectColumns } from '../database/select-columns';
import { SqlParams } from '../database/sql-params';
import { containsPattern, toPrefixTsQuery } from '../inventory/service-query';
import type { NormalisedEntity } from './change-set';
import { entityConnectionsSql } from './entity-json.sql';
import type { EntityConnectionPlan } from './entity-selection';
import { DataEntityEntity } from './data-entity.entity';
import { DataFieldEntity } from './data-field.entity';
import type { FieldType, PiiClass } from './schema.types';

export interface FieldSearch {
  search?: string;
  types?: string[];
  piiClasses?: string[];
  serviceKeys?: string[];
  /** Only fields that hold personal data of some class. */
  pii?: boolean;
}

type Ranked<T> = T & { sortValue: string };

/** A field as a prefetched page carries it: every column the models read (not the timestamps). */
export type DataFieldRow = Omit<DataFieldEntity, 'entity' | 'createdAt' | 'updatedAt'>;

/** A page of entities whose fields were read in the same statement: one page of fields per entity. */
export type EntityWithFields = DataEntityEntity & { fieldRows: DataFieldRow[] };

/** The keyset of a page of children by position: the first `first` after `after`. */
export interface PositionPage {
  first: number;
  after?: Cursor;
}

@Injectable()
export class SchemaRepository {
  private readonly entityColumns: string;
  private readonly fieldColumns: string;

  private readonly fieldJson: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.entityColumns = selectColumns(dataSource.getMetadata(DataEntityEntity), 'e');
    this.fieldColumns = selectColumns(dataSource.getMetadata(DataFieldEntity), 'f');
    this.fieldJson = `json_build_object(${dataSource
      .getMetadata(DataFieldEntity)
      .columns.filter((c) => !['createdAt', 'updatedAt'].includes(c.propertyName))
      .map((c) => `'${c.propertyName}', f."${c.databaseName}"`)
      .join(', ')})`;
  }

  /** The stored schema of a service, entities and fields in their positions. */
  async load(manager: EntityManager, serviceId: string): Promise<NormalisedEntity[]> {
    return (await this.loadMany(manager, [serviceId])).get(serviceId) ?? [];
  }

  /** The schemas of many services in one statement, by service id (services without entities are absent). */
  async loadMany(manager: EntityManager, serviceIds: string[]): Promise<Map<string, NormalisedEntity[]>> {
    const rows = await manager.query<
      (DataFieldEntity & {
        entityName: string;
        entityDescription: string | null;
        recordCount: string | null;
        ownerId: string;
        serviceId: string;
      })[]
    >(
      `SELECT e.service_id AS "serviceId", e.id AS "ownerId", e.name::text AS "entityName",
              e.description AS "entityDescription", e.record_count::text AS "recordCount", ${this.fieldColumns}
       FROM data_entity e LEFT JOIN data_field f ON f.entity_id = e.id
       WHERE e.service_id = ANY($1::uuid[]) ORDER BY e.service_id, e.position, f.position`,
      [serviceIds],
    );
    const schemas = new Map<string, NormalisedEntity[]>();
    const entities = new Map<string, NormalisedEntity>();
    for (const row of rows) {
      let entity = entities.get(row.ownerId);
      if (!entity) {
        entity = {
          name: row.entityName,
          description: row.entityDescription,
          recordCount: row.recordCount === null ? null : Number(row.recordCount),
          fields: [],
        };
        entities.set(row.ownerId, entity);
        appendTo(schemas, row.serviceId, entity);
      }
      if (row.id === null) continue;
      entity.fields.push({
        name: row.name,
        sourceType: row.sourceType,
        type: row.type as FieldType,
        nullable: row.nullable,
        identifier: row.isIdentifier,
        description: row.description,
        enumValues: row.enumValues,
        referenceTarget: row.referenceTarget,
        isArray: row.isArray,
        piiClass: row.piiClass as PiiClass | null,
        piiReason: row.piiReason,
      });
    }
    return schemas;
  }

  /**
   * Makes the stored schema equal to `schema`: removed entities and fields are
   * deleted, the rest upserted in place (ids kept; identical rows untouched).
   * Five statements whatever the schema's size; four when the caller knows
   * no field of a kept entity goes (the delete would re-read the whole payload).
   */
  async apply(
    manager: EntityManager,
    serviceId: string,
    schema: NormalisedEntity[],
    removesFields = true,
  ): Promise<void> {
    await manager.query(`DELETE FROM data_entity WHERE service_id = $1::uuid AND NOT (name = ANY($2::citext[]))`, [
      serviceId,
      schema.map((e) => e.name),
    ]);
    const entities = schema.map((e, position) => ({
      name: e.name,
      description: e.description,
      record_count: e.recordCount,
      contains_pii: e.fields.some((f) => f.piiClass !== null),
      identifier_fields: e.fields.filter((f) => f.identifier).map((f) => f.name),
      position,
    }));
    await manager.query(
      `INSERT INTO data_entity AS e (service_id, name, description, record_count, contains_pii, identifier_fields, position)
         SELECT $1::uuid, r.name, r.description, r.record_count, r.contains_pii, r.identifier_fields, r.position
         FROM jsonb_to_recordset($2::jsonb) AS r(name citext, description text, record_count bigint, contains_pii boolean, identifier_fields text[], position integer)
         ON CONFLICT (service_id, name) DO UPDATE SET
           name = EXCLUDED.name, description = EXCLUDED.description, record_count = EXCLUDED.record_count,
           contains_pii = EXCLUDED.contains_pii, identifier_fields = EXCLUDED.identifier_fields,
           position = EXCLUDED.position, updated_at = now()
         WHERE (e.name::text, e.description, e.record_count, e.contains_pii, e.identifier_fields, e.position)
               IS DISTINCT FROM (EXCLUDED.name::text, EXCLUDED.description, EXCLUDED.record_count, EXCLUDED.contains_pii, EXCLUDED.identifier_fields, EXCLUDED.position)
`,
      [serviceId, JSON.stringify(entities)],
    );
    // A separate statement: rows written by a statement are not visible to that statement's own reads.
    const ids = await manager.query<{ id: string; name: string }[]>(
      `SELECT id, name::text AS name FROM data_entity WHERE service_id = $1::uuid`,
      [serviceId],
    );
    const entityId = new Map(ids.map((row) => [row.name.toLowerCase(), row.id]));
    const fields = schema.flatMap((e) =>
      e.fields.map((f, position) => ({
        entity_id: entityId.get(e.name.toLowerCase()),
        name: f.name,
        position,
        source_type: f.sourceType,
        type: f.type,
        nullable: f.nullable,
        is_identifier: f.identifier,
        description: f.description,
        enum_values: f.enumValues,
        reference_target: f.referenceTarget,
        is_array: f.isArray,
        pii_class: f.piiClass,
        pii_reason: f.piiReason,
      })),
    );
    const json = JSON.stringify(fields);
    if (removesFields) {
      await manager.query(
        `DELETE FROM data_field f USING data_entity e
       WHERE f.entity_id = e.id AND e.service_id = $1::uuid
         AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS r(entity_id uuid, name citext)
                         WHERE r.entity_id = f.entity_id AND r.name = f.name)`,
        [serviceId, json],
      );
    }
    const columns = [
      'name',
      'position',
      'source_type',
      'type',
      'nullable',
      'is_identifier',
      'description',
      'enum_values',
      'reference_target',
      'is_array',
      'pii_class',
      'pii_reason',
    ];
    await manager.query(
      `INSERT INTO data_field AS f (entity_id, ${columns.join(', ')})
       SELECT r.entity_id, ${columns.map((c) => `r.${c}`).join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS r(entity_id uuid, name citext, position integer, source_type text, type text,
         nullable boolean, is_identifier boolean, description text, enum_values text[], reference_target text,
         is_array boolean, pii_class text, pii_reason text)
       ORDER BY r.entity_id, r.name
       ON CONFLICT (entity_id, name) DO UPDATE SET
         ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
       WHERE (${columns.map((c) => (c === 'name' ? 'f.name::text' : `f.${c}`)).join(', ')})
             IS DISTINCT FROM (${columns.map((c) => (c === 'name' ? 'EXCLUDED.name::text' : `EXCLUDED.${c}`)).join(', ')})`,
      [json],
    );
  }

  async findEntities(ids: readonly string[]): Promise<DataEntityEntity[]> {
    return this.dataSource.query<DataEntityEntity[]>(
      `SELECT ${this.entityColumns} FROM data_entity e WHERE e.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async findEntity(id: string): Promise<DataEntityEntity | null> {
    const rows = await this.dataSource.query<DataEntityEntity[]>(
      `SELECT ${this.entityColumns} FROM data_entity e WHERE e.id = $1::uuid`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** A page of entities per service (by position), for several services in one statement. */
  async entitiesByServices(
    serviceIds: readonly string[],
    first: number,
    order: string,
    after?: Cursor,
  ): Promise<Map<string, Page<DataEntityEntity>>> {
    const rows = await this.pagePerParent<DataEntityEntity>(
      'data_entity',
      'e',
      this.entityColumns,
      'service_id',
      serviceIds,
      first,
      after,
    );
    return pagesByParent(serviceIds, rows, (row) => row.serviceId, first, order, after !== undefined, stripSortValue);
  }

  /** A page of fields per entity (by position), for several entities in one statement. */
  async fieldsByEntities(
    entityIds: readonly string[],
    first: number,
    order: string,
    after?: Cursor,
  ): Promise<Map<string, Page<DataFieldEntity>>> {
    const rows = await this.pagePerParent<DataFieldEntity>(
      'data_field',
      'f',
      this.fieldColumns,
      'entity_id',
      entityIds,
      first,
      after,
    );
    return pagesByParent(entityIds, rows, (row) => row.entityId, first, order, after !== undefined, stripSortValue);
  }

  /**
   * A page of entities per service, each with a page of its fields, for several services in ONE
   * statement: what `services { entities { fields } }` reads, without a statement (and thousands of
   * rows to parse) for the fields. Each entity's fields come as one JSON array of `fields.first + 1`
   * rows at most (the extra one tells whether a next page exists), in position order.
   */
  async entitiesWithFields(
    serviceIds: readonly string[],
    entities: PositionPage,
    fields: PositionPage,
    order: string,
  ): Promise<Map<string, Page<EntityWithFields>>> {
    const params = new SqlParams();
    const entityPage = perParentKeysetSql({
      select: this.entityColumns,
      from: 'data_entity e',
      where: [],
      parent: 'e.service_id',
      parentIds: serviceIds,
      sort: { expr: 'e.position', type: 'integer' },
      id: 'e.id',
      first: entities.first,
      after: entities.after,
      params,
    });
    const fieldsAfter = fields.after
      ? `AND (f.position, f.id) > (${params.add(fields.after.value)}::integer, ${params.add(fields.after.id)}::uuid)`
      : '';
    const rows = await this.dataSource.query<Ranked<EntityWithFields>[]>(
      `SELECT p.*, coalesce((
         SELECT json_agg(${this.fieldJson} ORDER BY f.position, f.id)
         FROM (SELECT * FROM data_field f WHERE f.entity_id = p.id ${fieldsAfter}
               ORDER BY f.position, f.id LIMIT ${params.add(fields.first + 1)}) f), '[]'::json) AS "fieldRows"
       FROM (${entityPage}) p
       ORDER BY p."parentRank"`,
      params.values,
    );
    return pagesByParent(
      serviceIds,
      rows,
      (row) => row.serviceId,
      entities.first,
      order,
      entities.after !== undefined,
      stripSortValue,
    );
  }

  /**
   * `entities { … }` of several services as the response's JSON, built by PostgreSQL in one
   * statement (entityConnectionsSql), by service id.
   */
  async entityConnections(serviceIds: readonly string[], plan: EntityConnectionPlan): Promise<Map<string, object>> {
    const params = new SqlParams();
    const sql = entityConnectionsSql(plan, params.add(serviceIds), params);
    const rows = await this.dataSource.query<{ parentId: string; connection: object }[]>(sql, params.values);
    return new Map(rows.map((row) => [row.parentId, row.connection]));
  }

  async countChildren(
    table: 'data_entity' | 'data_field',
    parent: 'service_id' | 'entity_id',
    ids: readonly string[],
  ): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<{ parent: string; n: number }[]>(
      `SELECT ${parent} AS parent, count(*)::int AS n FROM ${table} WHERE ${parent} = ANY($1::uuid[]) GROUP BY ${parent}`,
      [ids],
    );
    return new Map(rows.map((r) => [r.parent, r.n]));
  }

  /** Fields anywhere in the estate (of live services), by name then id. */
  async searchFields(
    filter: FieldSearch,
    first: number,
    order: string,
    after?: Cursor,
  ): Promise<Page<DataFieldEntity>> {
    const params = new SqlParams();
    const rows = await this.dataSource.query<Ranked<DataFieldEntity>[]>(
      keysetSql({
        select: this.fieldColumns,
        from: 'data_field f JOIN data_entity e ON e.id = f.entity_id JOIN service s ON s.id = e.service_id',
        where: this.fieldConditions(filter, params),
        sort: { expr: 'lower(f.name::text)', type: 'text', direction: 'ASC' },
        id: 'f.id',
        first,
        after,
        params,
      }),
      params.values,
    );
    return toPage(rows, first, order, after !== undefined, ({ sortValue: _s, ...row }) => row);
  }

  /**
   * Entities of live services whose name contains `search` or whose description has its words,
   * exact names first, then by name and service key; at most `limit`, with how many match in all.
   */
  async searchEntities(
    search: string,
    limit: number,
  ): Promise<{ rows: (DataEntityEntity & { serviceKey: string; fields: number })[]; total: number }> {
    const params = new SqlParams();
    const like = params.add(containsPattern(search.trim()));
    const words = toPrefixTsQuery(search);
    const described = words
      ? ` OR to_tsvector('simple', coalesce(e.description, '')) @@ to_tsquery('simple', ${params.add(words)})`
      : '';
    const exact = params.add(search.trim());
    const rows = await this.dataSource.query<
      (DataEntityEntity & { serviceKey: string; fields: number; total: number })[]
    >(
      `SELECT ${this.entityColumns}, s.key::text AS "serviceKey",
              (SELECT count(*)::int FROM data_field f WHERE f.entity_id = e.id) AS fields,
              count(*) OVER ()::int AS total
       FROM data_entity e JOIN service s ON s.id = e.service_id
       WHERE s.deleted_at IS NULL AND (e.name::text ILIKE ${like}${described})
       ORDER BY e.name = ${exact}::citext DESC, lower(e.name::text), lower(s.key::text) COLLATE "C", e.id
       LIMIT ${params.add(limit)}`,
      params.values,
    );
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  async countFields(filter: FieldSearch): Promise<number> {
    const params = new SqlParams();
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM data_field f JOIN data_entity e ON e.id = f.entity_id JOIN service s ON s.id = e.service_id
       WHERE ${this.fieldConditions(filter, params).join(' AND ')}`,
      params.values,
    );
    return row.n;
  }

  private fieldConditions(filter: FieldSearch, params: SqlParams): string[] {
    const where = ['s.deleted_at IS NULL'];
    if (filter.types?.length) where.push(`f.type = ANY(${params.add(filter.types)}::text[])`);
    if (filter.piiClasses?.length) where.push(`f.pii_class = ANY(${params.add(filter.piiClasses)}::text[])`);
    if (filter.pii !== undefined) where.push(`f.pii_class IS ${filter.pii ? 'NOT ' : ''}NULL`);
    if (filter.serviceKeys?.length) where.push(`s.key = ANY(${params.add(filter.serviceKeys)}::citext[])`);
    const search = filter.search?.trim();
    if (search) {
      const like = params.add(containsPattern(search));
      const words = toPrefixTsQuery(search);
      const described = words
        ? ` OR to_tsvector('simple', coalesce(f.description, '')) @@ to_tsquery('simple', ${params.add(words)})`
        : '';
      where.push(`(f.name::text ILIKE ${like}${described})`);
    }
    return where;
  }

  private async pagePerParent<T extends { id: string }>(
    table: string,
    alias: string,
    columns: string,
    parent: string,
    parentIds: readonly string[],
    first: number,
    after?: Cursor,
  ): Promise<Ranked<T>[]> {
    const params = new SqlParams();
    return this.dataSource.query<Ranked<T>[]>(
      perParentKeysetSql({
        select: columns,
        from: `${table} ${alias}`,
        where: [],
        parent: `${alias}.${parent}`,
        parentIds,
        sort: { expr: `${alias}.position`, type: 'integer' },
        id: `${alias}.id`,
        first,
        after,
        params,
      }),
      params.values,
    );
  }
}

function stripSortValue<T>(row: Ranked<T>): T {
  const { sortValue: _sortValue, ...rest } = row;
  return rest as unknown as T;
}
