import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { encodeCursor, type Cursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import { keysetSql, pagesByParent, perParentKeysetSql, toPage } from '../database/keyset';
import { selectColumns } from '../database/select-columns';
import { SqlParams } from '../database/sql-params';
import { containsPattern, toPrefixTsQuery } from '../inventory/service-query';
import type { FieldType, PiiClass } from '../schemas/schema.types';
import { compareNames } from './unified-document';
import { UnifiedEntityEntity } from './unified-entity.entity';
import { UnifiedFieldEntity } from './unified-field.entity';
import { UnifiedSchemaVersionEntity } from './unified-schema-version.entity';
import type { NormalisedUnifiedEntity, StoredUnifiedEntity, StoredUnifiedSchema } from './unified.types';

/** Arbitrary but fixed (beside the migration and bootstrap locks): serialises writes to the draft and publishing. */
const DRAFT_LOCK_KEY = 7_335_162_203;

/** Versions are unique, so their cursors need no tie-breaking id: this one stands in for it. */
const NO_ID = '00000000-0000-0000-0000-000000000000';

export interface UnifiedEntityFilter {
  /** Substring of the name or of a synonym, or words of the description. */
  search?: string;
}

export interface NewUnifiedSchemaVersion {
  version: number;
  snapshot: StoredUnifiedSchema;
  note: string | null;
  publishedBy: string;
  entityCount: number;
  fieldCount: number;
}

type Ranked<T> = T & { sortValue: string };

@Injectable()
export class UnifiedSchemaRepository {
  private readonly entityColumns: string;
  private readonly fieldColumns: string;
  private readonly versionColumns: string;
  /** A version without its snapshot: what lists show. */
  private readonly versionSummaryColumns: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.entityColumns = selectColumns(dataSource.getMetadata(UnifiedEntityEntity), 'e');
    this.fieldColumns = selectColumns(dataSource.getMetadata(UnifiedFieldEntity), 'f');
    const versions = dataSource.getMetadata(UnifiedSchemaVersionEntity);
    this.versionColumns = selectColumns(versions, 'v');
    this.versionSummaryColumns = selectColumns(
      { columns: versions.columns.filter((c) => c.propertyName !== 'snapshot') },
      'v',
    );
  }

  /** Holds the draft until the transaction ends: writers and publishers take turns. */
  async lockDraft(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [DRAFT_LOCK_KEY]);
  }

  /** The draft as stored: entities by name, fields in their positions, every one with its id. One statement. */
  async load(manager: EntityManager): Promise<StoredUnifiedEntity[]> {
    const rows = await manager.query<
      (UnifiedFieldEntity & {
        ownerId: string;
        ownerName: string;
        ownerDescription: string | null;
        ownerSynonyms: string[];
      })[]
    >(
      // Not "entityId": a field's own entity_id is null on the row of an entity without fields.
      `SELECT e.id AS "ownerId", e.name::text AS "ownerName", e.description AS "ownerDescription",
              e.synonyms AS "ownerSynonyms", ${this.fieldColumns}
       FROM unified_entity e LEFT JOIN unified_field f ON f.entity_id = e.id
       ORDER BY e.id, f.position`,
      [],
    );
    const entities = new Map<string, StoredUnifiedEntity>();
    for (const row of rows) {
      let entity = entities.get(row.ownerId);
      if (!entity) {
        entity = {
          id: row.ownerId,
          name: row.ownerName,
          description: row.ownerDescription,
          synonyms: row.ownerSynonyms,
          fields: [],
        };
        entities.set(row.ownerId, entity);
      }
      if (row.id === null) continue;
      entity.fields.push({
        id: row.id,
        name: row.name,
        type: row.type as FieldType | null,
        description: row.description,
        synonyms: row.synonyms,
        required: row.required,
        piiClass: row.piiClass as PiiClass | null,
        enumValues: row.enumValues,
      });
    }
    // Sorted here rather than in SQL, so the order is the same whatever the database's collation.
    return [...entities.values()].sort((a, b) => compareNames(a.name, b.name));
  }

  /**
   * Writes `schema` into the draft: entities and fields upserted by name (ids
   * kept; identical rows untouched), fields at their positions. Removes
   * nothing: removals are the service's to decide. Three statements.
   */
  async upsert(manager: EntityManager, schema: NormalisedUnifiedEntity[]): Promise<void> {
    const entities = schema.map((e) => ({ name: e.name, description: e.description, synonyms: e.synonyms }));
    const ids = await manager.query<{ id: string; name: string }[]>(
      `WITH written AS (
         INSERT INTO unified_entity AS e (name, description, synonyms)
         SELECT r.name, r.description, r.synonyms
         FROM jsonb_to_recordset($1::jsonb) AS r(name citext, description text, synonyms text[])
         ORDER BY r.name
         ON CONFLICT (name) DO UPDATE SET
           name = EXCLUDED.name, description = EXCLUDED.description, synonyms = EXCLUDED.synonyms, updated_at = now()
         WHERE (e.name::text, e.description, e.synonyms)
               IS DISTINCT FROM (EXCLUDED.name::text, EXCLUDED.description, EXCLUDED.synonyms)
         RETURNING e.id, e.name::text AS name)
       -- Entities the upsert left as they were are not RETURNed: read them beside it.
       SELECT id, name FROM written
       UNION ALL
       SELECT e.id, e.name::text FROM unified_entity e
       WHERE e.name = ANY($2::citext[]) AND NOT EXISTS (SELECT 1 FROM written w WHERE w.id = e.id)`,
      [JSON.stringify(entities), schema.map((e) => e.name)],
    );
    const entityId = new Map(ids.map((row) => [row.name.toLowerCase(), row.id]));
    const fields = schema.flatMap((e) =>
      e.fields.map((f, position) => ({
        entity_id: entityId.get(e.name.toLowerCase()),
        name: f.name,
        position,
        type: f.type,
        description: f.description,
        synonyms: f.synonyms,
        required: f.required,
        pii_class: f.piiClass,
        enum_values: f.enumValues,
      })),
    );
    const columns = ['name', 'position', 'type', 'description', 'synonyms', 'required', 'pii_class', 'enum_values'];
    await manager.query(
      `INSERT INTO unified_field AS f (entity_id, ${columns.join(', ')})
       SELECT r.entity_id, ${columns.map((c) => `r.${c}`).join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS r(entity_id uuid, name citext, position integer, type text,
         description text, synonyms text[], required boolean, pii_class text, enum_values text[])
       ORDER BY r.entity_id, r.name
       ON CONFLICT (entity_id, name) DO UPDATE SET
         ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
       WHERE (${columns.map((c) => (c === 'name' ? 'f.name::text' : `f.${c}`)).join(', ')})
             IS DISTINCT FROM (${columns.map((c) => (c === 'name' ? 'EXCLUDED.name::text' : `EXCLUDED.${c}`)).join(', ')})`,
      [JSON.stringify(fields)],
    );
  }

  /** A new version for each entity named (case-insensitively) whose own attributes or fields changed. */
  async bumpVersions(manager: EntityManager, entityNames: string[]): Promise<void> {
    if (!entityNames.length) return;
    await manager.query(
      `UPDATE unified_entity SET version = version + 1, updated_at = now() WHERE name = ANY($1::citext[])`,
      [entityNames],
    );
  }

  async deleteFields(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await manager.query(`DELETE FROM unified_field WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Their fields go with them (ON DELETE CASCADE). */
  async deleteEntities(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await manager.query(`DELETE FROM unified_entity WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async findEntities(ids: readonly string[]): Promise<UnifiedEntityEntity[]> {
    return this.dataSource.query<UnifiedEntityEntity[]>(
      `SELECT ${this.entityColumns} FROM unified_entity e WHERE e.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async findEntity(by: { id: string } | { name: string }): Promise<UnifiedEntityEntity | null> {
    const [condition, value] = 'id' in by ? ['e.id = $1::uuid', by.id] : ['e.name = $1::citext', by.name];
    const rows = await this.dataSource.query<UnifiedEntityEntity[]>(
      `SELECT ${this.entityColumns} FROM unified_entity e WHERE ${condition}`,
      [value],
    );
    return rows[0] ?? null;
  }

  /** Entities by name (case-insensitively), then id. */
  async pageEntities(
    filter: UnifiedEntityFilter,
    first: number,
    order: string,
    after?: Cursor,
  ): Promise<Page<UnifiedEntityEntity>> {
    const params = new SqlParams();
    const rows = await this.dataSource.query<Ranked<UnifiedEntityEntity>[]>(
      keysetSql({
        select: this.entityColumns,
        from: 'unified_entity e',
        where: this.entityConditions(filter, params),
        sort: { expr: 'lower(e.name::text)', type: 'text', direction: 'ASC' },
        id: 'e.id',
        first,
        after,
        params,
      }),
      params.values,
    );
    return toPage(rows, first, order, after !== undefined, stripSortValue);
  }

  async countEntities(filter: UnifiedEntityFilter): Promise<number> {
    const params = new SqlParams();
    const where = this.entityConditions(filter, params);
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM unified_entity e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params.values,
    );
    return row.n;
  }

  private entityConditions(filter: UnifiedEntityFilter, params: SqlParams): string[] {
    const search = filter.search?.trim();
    if (!search) return [];
    const like = params.add(containsPattern(search));
    const words = toPrefixTsQuery(search);
    const described = words
      ? ` OR to_tsvector('simple', coalesce(e.description, '')) @@ to_tsquery('simple', ${params.add(words)})`
      : '';
    return [
      `(e.name::text ILIKE ${like} OR EXISTS (SELECT 1 FROM unnest(e.synonyms) AS s(synonym) WHERE s.synonym ILIKE ${like})${described})`,
    ];
  }

  /** A page of fields per entity (by position), for several entities in one statement. */
  async fieldsByEntities(
    entityIds: readonly string[],
    first: number,
    order: string,
    after?: Cursor,
  ): Promise<Map<string, Page<UnifiedFieldEntity>>> {
    const params = new SqlParams();
    const rows = await this.dataSource.query<Ranked<UnifiedFieldEntity>[]>(
      perParentKeysetSql({
        select: this.fieldColumns,
        from: 'unified_field f',
        where: [],
        parent: 'f.entity_id',
        parentIds: entityIds,
        sort: { expr: 'f.position', type: 'integer' },
        id: 'f.id',
        first,
        after,
        params,
      }),
      params.values,
    );
    return pagesByParent(entityIds, rows, (row) => row.entityId, first, order, after !== undefined, stripSortValue);
  }

  async countFields(entityIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<{ entityId: string; n: number }[]>(
      `SELECT entity_id AS "entityId", count(*)::int AS n FROM unified_field WHERE entity_id = ANY($1::uuid[]) GROUP BY entity_id`,
      [entityIds],
    );
    return new Map(rows.map((r) => [r.entityId, r.n]));
  }

  /** The number of the latest published version, or null before the first. */
  /** Fields among `fieldIds` that confirmed mappings land in, with how many each (`crm.Account.name`). */
  async confirmedMappingCounts(
    manager: EntityManager,
    fieldIds: string[],
  ): Promise<{ field: string; count: number }[]> {
    if (!fieldIds.length) return [];
    const rows = await manager.query<{ field: string; count: string }[]>(
      `SELECT ue.name::text || '.' || uf.name::text AS field, count(*) AS count
       FROM field_mapping m JOIN unified_field uf ON uf.id = m.unified_field_id JOIN unified_entity ue ON ue.id = uf.entity_id
       WHERE m.unified_field_id = ANY($1::uuid[]) AND m.status = 'CONFIRMED'
       GROUP BY ue.name, uf.name ORDER BY 1`,
      [fieldIds],
    );
    return rows.map((r) => ({ field: r.field, count: Number(r.count) }));
  }

  async latestVersionNumber(manager: EntityManager = this.dataSource.manager): Promise<number | null> {
    const [row] = await manager.query<{ version: number | null }[]>(
      `SELECT max(version) AS version FROM unified_schema_version`,
      [],
    );
    return row.version;
  }

  async findVersion(
    version: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<UnifiedSchemaVersionEntity | null> {
    const rows = await manager.query<UnifiedSchemaVersionEntity[]>(
      `SELECT ${this.versionColumns} FROM unified_schema_version v WHERE v.version = $1`,
      [version],
    );
    return rows[0] ?? null;
  }

  /** The latest published version with its snapshot, or null before the first; one statement. */
  async findLatestVersion(): Promise<UnifiedSchemaVersionEntity | null> {
    const rows = await this.dataSource.query<UnifiedSchemaVersionEntity[]>(
      `SELECT ${this.versionColumns} FROM unified_schema_version v ORDER BY v.version DESC LIMIT 1`,
      [],
    );
    return rows[0] ?? null;
  }

  async insertVersion(manager: EntityManager, row: NewUnifiedSchemaVersion): Promise<UnifiedSchemaVersionEntity> {
    const [inserted] = await manager.query<UnifiedSchemaVersionEntity[]>(
      `INSERT INTO unified_schema_version AS v (version, snapshot, note, published_by, entity_count, field_count)
       VALUES ($1, $2::jsonb, $3, $4, $5, $6)
       RETURNING ${this.versionColumns}`,
      [row.version, JSON.stringify(row.snapshot), row.note, row.publishedBy, row.entityCount, row.fieldCount],
    );
    return inserted;
  }

  /** Published versions, newest first, without their snapshots. */
  async pageVersions(
    first: number,
    order: string,
    after?: Cursor,
  ): Promise<Page<Omit<UnifiedSchemaVersionEntity, 'snapshot'>>> {
    const rows = await this.dataSource.query<Omit<UnifiedSchemaVersionEntity, 'snapshot'>[]>(
      `SELECT ${this.versionSummaryColumns} FROM unified_schema_version v
       WHERE $1::integer IS NULL OR v.version < $1::integer
       ORDER BY v.version DESC LIMIT $2`,
      [after ? Number(after.value) : null, first + 1],
    );
    return {
      rows: rows.slice(0, first).map((node) => ({
        node,
        cursor: encodeCursor({ order, value: String(node.version), id: NO_ID }),
      })),
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== undefined,
    };
  }

  async countVersions(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM unified_schema_version`,
      [],
    );
    return row.n;
  }
}

function stripSortValue<T>(row: Ranked<T>): T {
  const { sortValue: _sortValue, ...rest } = row;
  return rest as unknown as T;
}
