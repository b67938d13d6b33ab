import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Cursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import { keysetSql, toPage } from '../database/keyset';
import { SqlParams } from '../database/sql-params';
import type { FieldType } from '../schemas/schema.types';
import type { PastMapping } from './matching/match.types';
import { MappingStatus } from './mapping.types';
import type { Transformation } from './transformation';

/** A service's field as the matcher and the transformation rules see it. */
export interface SourceFieldRow {
  id: string;
  name: string;
  type: FieldType;
  description: string | null;
  enumValues: string[];
  identifier: boolean;
  entityId: string;
  entityName: string;
}

/** A field mapping with both of its ends, flattened: what lists and decisions return. */
export interface FieldMappingRow {
  id: string;
  status: MappingStatus;
  confidence: number | null;
  reasons: string[];
  transformation: Transformation | null;
  isSystemOfRecord: boolean;
  decidedBy: string | null;
  decidedAt: Date | null;
  unifiedVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
  dataFieldId: string;
  fieldName: string;
  fieldType: FieldType;
  fieldEnumValues: string[];
  dataEntityId: string;
  entityName: string;
  serviceId: string;
  serviceKey: string;
  serviceName: string;
  ownerTeamId: string;
  unifiedFieldId: string;
  unifiedFieldName: string;
  unifiedFieldType: FieldType | null;
  unifiedFieldEnumValues: string[];
  unifiedEntityId: string;
  unifiedEntityName: string;
}

export interface EntityMappingRow {
  id: string;
  status: MappingStatus;
  confidence: number | null;
  reasons: string[];
  decidedBy: string | null;
  decidedAt: Date | null;
  unifiedVersion: number | null;
  createdAt: Date;
  dataEntityId: string;
  entityName: string;
  serviceKey: string;
  unifiedEntityId: string;
  unifiedEntityName: string;
}

export interface NewFieldSuggestion {
  dataFieldId: string;
  unifiedFieldId: string;
  confidence: number;
  reasons: string[];
}

export interface NewEntitySuggestion {
  dataEntityId: string;
  unifiedEntityId: string;
  confidence: number;
  reasons: string[];
}

export interface Decision {
  status: MappingStatus.CONFIRMED | MappingStatus.REJECTED;
  decidedBy: string;
  unifiedVersion: number | null;
  transformation?: Transformation | null;
  isSystemOfRecord?: boolean;
  reason?: string | null;
}

export interface MappingFilter {
  serviceKeys?: string[];
  statuses?: MappingStatus[];
  unifiedEntity?: string;
  unifiedFieldId?: string;
  dataEntityId?: string;
  minConfidence?: number;
}

const FIELD_MAPPING_SELECT = `
  m.id, m.status, m.confidence, m.reasons, m.transformation, m.is_system_of_record AS "isSystemOfRecord",
  m.decided_by AS "decidedBy", m.decided_at AS "decidedAt", m.unified_version AS "unifiedVersion",
  m.created_at AS "createdAt", m.updated_at AS "updatedAt",
  f.id AS "dataFieldId", f.name::text AS "fieldName", f.type AS "fieldType", f.enum_values AS "fieldEnumValues",
  e.id AS "dataEntityId", e.name::text AS "entityName",
  s.id AS "serviceId", s.key::text AS "serviceKey", s.name AS "serviceName", s.owner_team_id AS "ownerTeamId",
  uf.id AS "unifiedFieldId", uf.name::text AS "unifiedFieldName", uf.type AS "unifiedFieldType",
  uf.enum_values AS "unifiedFieldEnumValues", ue.id AS "unifiedEntityId", ue.name::text AS "unifiedEntityName"`;

const FIELD_MAPPING_FROM = `field_mapping m
  JOIN data_field f ON f.id = m.data_field_id
  JOIN data_entity e ON e.id = f.entity_id
  JOIN service s ON s.id = e.service_id
  JOIN unified_field uf ON uf.id = m.unified_field_id
  JOIN unified_entity ue ON ue.id = uf.entity_id`;

const ENTITY_MAPPING_SELECT = `
  m.id, m.status, m.confidence, m.reasons, m.decided_by AS "decidedBy", m.decided_at AS "decidedAt",
  m.unified_version AS "unifiedVersion", m.created_at AS "createdAt",
  e.id AS "dataEntityId", e.name::text AS "entityName", s.key::text AS "serviceKey",
  ue.id AS "unifiedEntityId", ue.name::text AS "unifiedEntityName"`;

const ENTITY_MAPPING_FROM = `entity_mapping m
  JOIN data_entity e ON e.id = m.data_entity_id
  JOIN service s ON s.id = e.service_id
  JOIN unified_entity ue ON ue.id = m.unified_entity_id`;

/** The confidence sort of the review queue; unscored (manual) mappings last. */
const CONFIDENCE_SORT = 'coalesce(m.confidence, -1)::numeric';

@Injectable()
export class MappingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The fields of a service (optionally of one entity), in entity and field order. */
  async sourceFields(manager: EntityManager, serviceId: string, entityName?: string): Promise<SourceFieldRow[]> {
    return manager.query<SourceFieldRow[]>(
      `SELECT f.id, f.name::text AS name, f.type, f.description, f.enum_values AS "enumValues", f.is_identifier AS identifier,
              e.id AS "entityId", e.name::text AS "entityName"
       FROM data_entity e JOIN data_field f ON f.entity_id = e.id
       WHERE e.service_id = $1::uuid AND ($2::citext IS NULL OR e.name = $2::citext)
       ORDER BY e.position, f.position`,
      [serviceId, entityName ?? null],
    );
  }

  /** Every mapping row (any status) of the given fields: what was decided must not be suggested over. */
  async fieldMappingsOf(
    manager: EntityManager,
    dataFieldIds: string[],
  ): Promise<{ dataFieldId: string; unifiedFieldId: string; status: MappingStatus }[]> {
    return manager.query(
      `SELECT data_field_id AS "dataFieldId", unified_field_id AS "unifiedFieldId", status
       FROM field_mapping WHERE data_field_id = ANY($1::uuid[])`,
      [dataFieldIds],
    );
  }

  async entityMappingsOf(manager: EntityManager, dataEntityIds: string[]): Promise<EntityMappingRow[]> {
    return manager.query<EntityMappingRow[]>(
      `SELECT ${ENTITY_MAPPING_SELECT} FROM ${ENTITY_MAPPING_FROM} WHERE m.data_entity_id = ANY($1::uuid[])`,
      [dataEntityIds],
    );
  }

  /** Confirmed field mappings as the matcher learns from them: source name, description and entity, and the target. */
  async history(manager: EntityManager, limit: number): Promise<PastMapping[]> {
    return manager.query<PastMapping[]>(
      `SELECT e.name::text AS "sourceEntity", f.name::text AS "sourceField", f.description AS "sourceDescription",
              ue.name::text AS "targetEntity", uf.name::text AS "targetField"
       FROM field_mapping m
       JOIN data_field f ON f.id = m.data_field_id JOIN data_entity e ON e.id = f.entity_id
       JOIN unified_field uf ON uf.id = m.unified_field_id JOIN unified_entity ue ON ue.id = uf.entity_id
       WHERE m.status = 'CONFIRMED'
       ORDER BY m.decided_at DESC LIMIT $1`,
      [limit],
    );
  }

  /** Drops the open suggestions of these fields and stores the new ones; decided pairs stay as they are. */
  async replaceFieldSuggestions(
    manager: EntityManager,
    dataFieldIds: string[],
    suggestions: NewFieldSuggestion[],
    unifiedVersion: number | null,
  ): Promise<number> {
    await manager.query(`DELETE FROM field_mapping WHERE data_field_id = ANY($1::uuid[]) AND status = 'SUGGESTED'`, [
      dataFieldIds,
    ]);
    if (!suggestions.length) return 0;
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO field_mapping (data_field_id, unified_field_id, status, confidence, reasons, unified_version)
       SELECT r.data_field_id, r.unified_field_id, 'SUGGESTED', r.confidence, r.reasons, $2::integer
       FROM jsonb_to_recordset($1::jsonb) AS r(data_field_id uuid, unified_field_id uuid, confidence real, reasons text[])
       ON CONFLICT ON CONSTRAINT uq_field_mapping_pair DO NOTHING
       RETURNING id`,
      [JSON.stringify(suggestions.map(snakeSuggestion)), unifiedVersion],
    );
    return inserted.length;
  }

  async replaceEntitySuggestions(
    manager: EntityManager,
    dataEntityIds: string[],
    suggestions: NewEntitySuggestion[],
    unifiedVersion: number | null,
  ): Promise<void> {
    await manager.query(`DELETE FROM entity_mapping WHERE data_entity_id = ANY($1::uuid[]) AND status = 'SUGGESTED'`, [
      dataEntityIds,
    ]);
    if (!suggestions.length) return;
    await manager.query(
      `INSERT INTO entity_mapping (data_entity_id, unified_entity_id, status, confidence, reasons, unified_version)
       SELECT r.data_entity_id, r.unified_entity_id, 'SUGGESTED', r.confidence, r.reasons, $2::integer
       FROM jsonb_to_recordset($1::jsonb) AS r(data_entity_id uuid, unified_entity_id uuid, confidence real, reasons text[])
       ON CONFLICT ON CONSTRAINT uq_entity_mapping_pair DO NOTHING`,
      [
        JSON.stringify(
          suggestions.map((s) => ({
            data_entity_id: s.dataEntityId,
            unified_entity_id: s.unifiedEntityId,
            confidence: s.confidence,
            reasons: s.reasons,
          })),
        ),
        unifiedVersion,
      ],
    );
  }

  async findFieldMapping(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FieldMappingRow | null> {
    const rows = await manager.query<FieldMappingRow[]>(
      `SELECT ${FIELD_MAPPING_SELECT} FROM ${FIELD_MAPPING_FROM} WHERE m.id = $1::uuid`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findFieldMappingForUpdate(manager: EntityManager, id: string): Promise<FieldMappingRow | null> {
    const rows = await manager.query<FieldMappingRow[]>(
      `SELECT ${FIELD_MAPPING_SELECT} FROM ${FIELD_MAPPING_FROM} WHERE m.id = $1::uuid FOR UPDATE OF m`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findEntityMappingForUpdate(manager: EntityManager, id: string): Promise<EntityMappingRow | null> {
    const rows = await manager.query<EntityMappingRow[]>(
      `SELECT ${ENTITY_MAPPING_SELECT} FROM ${ENTITY_MAPPING_FROM} WHERE m.id = $1::uuid FOR UPDATE OF m`,
      [id],
    );
    return rows[0] ?? null;
  }

  async decideField(manager: EntityManager, id: string, decision: Decision): Promise<void> {
    await manager.query(
      `UPDATE field_mapping SET status = $2, decided_by = $3, decided_at = now(), unified_version = $4,
              transformation = $5::jsonb, is_system_of_record = $6,
              reasons = CASE WHEN $7::text IS NULL THEN reasons ELSE array_append(reasons, $7::text) END,
              updated_at = now()
       WHERE id = $1::uuid`,
      [
        id,
        decision.status,
        decision.decidedBy,
        decision.unifiedVersion,
        decision.transformation ? JSON.stringify(decision.transformation) : null,
        decision.isSystemOfRecord ?? false,
        decision.reason ?? null,
      ],
    );
  }

  async decideEntity(manager: EntityManager, id: string, decision: Decision): Promise<void> {
    await manager.query(
      `UPDATE entity_mapping SET status = $2, decided_by = $3, decided_at = now(), unified_version = $4,
              reasons = CASE WHEN $5::text IS NULL THEN reasons ELSE array_append(reasons, $5::text) END,
              updated_at = now()
       WHERE id = $1::uuid`,
      [id, decision.status, decision.decidedBy, decision.unifiedVersion, decision.reason ?? null],
    );
  }

  /** A decision made by hand: the pair becomes CONFIRMED whatever it was. Returns the mapping's id. */
  async upsertConfirmedField(
    manager: EntityManager,
    dataFieldId: string,
    unifiedFieldId: string,
    decision: Decision,
  ): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO field_mapping (data_field_id, unified_field_id, status, confidence, reasons, transformation,
                                  is_system_of_record, decided_by, decided_at, unified_version)
       VALUES ($1::uuid, $2::uuid, 'CONFIRMED', NULL, ARRAY[$3::text], $4::jsonb, $5, $6, now(), $7)
       ON CONFLICT ON CONSTRAINT uq_field_mapping_pair DO UPDATE
         SET status = 'CONFIRMED', confidence = NULL, transformation = EXCLUDED.transformation,
             is_system_of_record = EXCLUDED.is_system_of_record, decided_by = EXCLUDED.decided_by,
             decided_at = now(), unified_version = EXCLUDED.unified_version,
             reasons = array_append(field_mapping.reasons, $3::text), updated_at = now()
       RETURNING id`,
      [
        dataFieldId,
        unifiedFieldId,
        decision.reason ?? `set by ${decision.decidedBy}`,
        decision.transformation ? JSON.stringify(decision.transformation) : null,
        decision.isSystemOfRecord ?? false,
        decision.decidedBy,
        decision.unifiedVersion,
      ],
    );
    return rows[0].id;
  }

  /** Confirms the entity pair if it is not decided yet (a confirmed field says where its entity goes). */
  async confirmEntityIfOpen(
    manager: EntityManager,
    dataEntityId: string,
    unifiedEntityId: string,
    decidedBy: string,
    unifiedVersion: number | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO entity_mapping (data_entity_id, unified_entity_id, status, reasons, decided_by, decided_at, unified_version)
       VALUES ($1::uuid, $2::uuid, 'CONFIRMED', ARRAY['a field of this entity was confirmed onto this unified entity'], $3, now(), $4)
       ON CONFLICT ON CONSTRAINT uq_entity_mapping_pair DO UPDATE
         SET status = 'CONFIRMED', decided_by = EXCLUDED.decided_by, decided_at = now(),
             unified_version = EXCLUDED.unified_version, updated_at = now()
         WHERE entity_mapping.status = 'SUGGESTED'`,
      [dataEntityId, unifiedEntityId, decidedBy, unifiedVersion],
    );
  }

  /**
   * The best open suggestion of each field at or above `minConfidence` whose field has no
   * confirmed mapping yet, locked for the bulk confirmation.
   */
  async bestOpenSuggestions(
    manager: EntityManager,
    minConfidence: number,
    serviceKey?: string,
  ): Promise<FieldMappingRow[]> {
    return manager.query<FieldMappingRow[]>(
      `WITH best AS (
         SELECT DISTINCT ON (m.data_field_id) m.id
         FROM field_mapping m
         JOIN data_field f ON f.id = m.data_field_id JOIN data_entity e ON e.id = f.entity_id
         JOIN service s ON s.id = e.service_id
         WHERE m.status = 'SUGGESTED' AND m.confidence >= $1::float8 AND s.deleted_at IS NULL
           AND ($2::citext IS NULL OR s.key = $2::citext)
           AND NOT EXISTS (SELECT 1 FROM field_mapping c WHERE c.data_field_id = m.data_field_id AND c.status = 'CONFIRMED')
         ORDER BY m.data_field_id, m.confidence DESC, m.id)
       SELECT ${FIELD_MAPPING_SELECT} FROM ${FIELD_MAPPING_FROM}
       WHERE m.id IN (SELECT id FROM best) AND m.status = 'SUGGESTED'
       ORDER BY m.id
       FOR UPDATE OF m`,
      [minConfidence, serviceKey ?? null],
    );
  }

  async confirmMany(
    manager: EntityManager,
    rows: { id: string; transformation: Transformation }[],
    decidedBy: string,
    unifiedVersion: number | null,
  ): Promise<void> {
    if (!rows.length) return;
    await manager.query(
      `UPDATE field_mapping m SET status = 'CONFIRMED', decided_by = $2, decided_at = now(), unified_version = $3,
              transformation = r.transformation, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, transformation jsonb)
       WHERE m.id = r.id`,
      [JSON.stringify(rows), decidedBy, unifiedVersion],
    );
  }

  async listFieldMappings(filter: MappingFilter, first: number, after?: Cursor): Promise<Page<FieldMappingRow>> {
    const params = new SqlParams();
    const sql = keysetSql({
      select: FIELD_MAPPING_SELECT,
      from: FIELD_MAPPING_FROM,
      where: this.where(filter, params),
      sort: { expr: CONFIDENCE_SORT, type: 'numeric', direction: 'DESC' },
      id: 'm.id',
      first,
      after,
      params,
    });
    const rows = await this.dataSource.query<(FieldMappingRow & { sortValue: string })[]>(sql, params.values);
    return toPage(rows, first, MAPPING_ORDER, after !== undefined, (row) => row);
  }

  async countFieldMappings(filter: MappingFilter): Promise<number> {
    const params = new SqlParams();
    const where = this.where(filter, params);
    const rows = await this.dataSource.query<{ count: string }[]>(
      `SELECT count(*) AS count FROM ${FIELD_MAPPING_FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params.values,
    );
    return Number(rows[0].count);
  }

  async listEntityMappings(serviceId: string): Promise<EntityMappingRow[]> {
    return this.dataSource.query<EntityMappingRow[]>(
      `SELECT ${ENTITY_MAPPING_SELECT} FROM ${ENTITY_MAPPING_FROM}
       WHERE e.service_id = $1::uuid ORDER BY e.position, m.confidence DESC NULLS LAST, m.id`,
      [serviceId],
    );
  }

  private where(filter: MappingFilter, params: SqlParams): string[] {
    const where: string[] = [];
    if (filter.serviceKeys?.length) where.push(`s.key = ANY(${params.add(filter.serviceKeys)}::citext[])`);
    if (filter.statuses?.length) where.push(`m.status = ANY(${params.add(filter.statuses)}::text[])`);
    if (filter.unifiedEntity) where.push(`ue.name = ${params.add(filter.unifiedEntity)}::citext`);
    if (filter.unifiedFieldId) where.push(`m.unified_field_id = ${params.add(filter.unifiedFieldId)}::uuid`);
    if (filter.dataEntityId) where.push(`e.id = ${params.add(filter.dataEntityId)}::uuid`);
    // float8: a parameter typed after the real column could not hold every double (5e-324 is out of range for real).
    if (filter.minConfidence !== undefined) where.push(`m.confidence >= ${params.add(filter.minConfidence)}::float8`);
    where.push('s.deleted_at IS NULL');
    return where;
  }
}

export const MAPPING_ORDER = 'CONFIDENCE_DESC';

function snakeSuggestion(s: NewFieldSuggestion): Record<string, unknown> {
  return {
    data_field_id: s.dataFieldId,
    unified_field_id: s.unifiedFieldId,
    confidence: s.confidence,
    reasons: s.reasons,
  };
}
