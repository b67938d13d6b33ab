import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Cursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import { keysetSql, pagesByParent, perParentKeysetSql, toPage, type SortDirection } from '../database/keyset';
import { selectColumns } from '../database/select-columns';
import { SqlParams } from '../database/sql-params';
import { SoftwareServiceEntity } from '../inventory/software-service.entity';
import { DataFieldEntity } from '../schemas/data-field.entity';
import {
  Sourcing,
  type ServiceCoverageCounts,
  type ServiceWithCoverage,
  type SourceVerdict,
  type UnifiedCoverageCounts,
  type UnifiedFieldSourceRow,
} from './coverage.types';
import { MappingStatus } from './mapping.types';
import { UnifiedFieldEntity } from './unified-field.entity';

type Ranked<T> = T & { sortValue: string };

const CONFIRMED = `'${MappingStatus.CONFIRMED}'`;
const SUGGESTED = `'${MappingStatus.SUGGESTED}'`;
const REJECTED = `'${MappingStatus.REJECTED}'`;

/**
 * Per service whose entities (alias `e`) match `where`: its entities and fields and how many are
 * mapped; services without entities have no row. A field's state is its best mapping: CONFIRMED
 * (mapped) over SUGGESTED (suggested); REJECTED and none count for nothing. Set-based, so the
 * planner walks the indexes for a page of services (data_entity by service, data_field by entity,
 * field_mapping by data field: the leading columns of their unique keys) and hashes the estate.
 */
function serviceCountsSql(where: string): string {
  return `SELECT e.service_id,
         count(*)::int AS entities,
         coalesce(sum(ef.fields), 0)::int AS fields,
         coalesce(sum(ef.mapped), 0)::int AS mapped_fields,
         coalesce(sum(ef.suggested), 0)::int AS suggested_fields,
         (count(*) FILTER (WHERE ef.mapped > 0 OR e.id IN (
            SELECT em.data_entity_id FROM entity_mapping em WHERE em.status = ${CONFIRMED})))::int AS mapped_entities
    FROM data_entity e
    LEFT JOIN (
      SELECT fs.entity_id, count(*) AS fields,
             count(*) FILTER (WHERE fs.state = 2) AS mapped,
             count(*) FILTER (WHERE fs.state = 1) AS suggested
      FROM (
        SELECT f.entity_id, max(CASE m.status WHEN ${CONFIRMED} THEN 2 WHEN ${SUGGESTED} THEN 1 END) AS state
        FROM data_entity e
        JOIN data_field f ON f.entity_id = e.id
        LEFT JOIN field_mapping m ON m.data_field_id = f.id
        WHERE ${where}
        GROUP BY f.id
      ) fs
      GROUP BY fs.entity_id
    ) ef ON ef.entity_id = e.id
    WHERE ${where}
    GROUP BY e.service_id`;
}

/** The columns of serviceCountsSql joined as `c` to service `s`, zeros for a service without entities. */
const SERVICE_COUNT_COLUMNS = `s.id AS "serviceId", coalesce(c.fields, 0) AS fields,
  coalesce(c.mapped_fields, 0) AS "mappedFields", coalesce(c.suggested_fields, 0) AS "suggestedFields",
  coalesce(c.entities, 0) AS entities, coalesce(c.mapped_entities, 0) AS "mappedEntities"`;

/** Mapped fields / fields, 0 without fields: exact (numeric), so that equal ratios tie. */
const COVERAGE_RATIO = `(CASE WHEN coalesce(c.fields, 0) = 0 THEN 0 ELSE c.mapped_fields::numeric / c.fields END)`;

/**
 * Per unified field (alias `uf`) matching `where` (on field_mapping m): the distinct live services
 * supplying it through CONFIRMED mappings, and those of them that are its system of record. Fields
 * without a source have no row. Through idx_field_mapping_unified for a batch of fields; hashed
 * for the whole schema.
 */
function sourceCountsSql(where: string): string {
  return `SELECT m.unified_field_id,
         count(DISTINCT e.service_id)::int AS services,
         (count(DISTINCT e.service_id) FILTER (WHERE m.is_system_of_record))::int AS masters
    FROM field_mapping m
    JOIN data_field f ON f.id = m.data_field_id
    JOIN data_entity e ON e.id = f.entity_id
    JOIN service s ON s.id = e.service_id AND s.deleted_at IS NULL
    WHERE m.status = ${CONFIRMED} AND ${where}
    GROUP BY m.unified_field_id`;
}

/** The rules, over sourceCountsSql joined as `c`: the one place they are written. */
const SOURCING_CONDITIONS = {
  withSource: 'coalesce(c.services, 0) > 0',
  [Sourcing.WITHOUT_SOURCE]: 'coalesce(c.services, 0) = 0',
  [Sourcing.SINGLE_SOURCE]: 'coalesce(c.services, 0) = 1',
  [Sourcing.CONFLICTING_MASTERS]: 'coalesce(c.masters, 0) >= 2',
};

/**
 * Data fields in their schema order, entity position then field position, as one sortable bigint
 * (exact for any non-negative integer positions), so the keyset helpers can page on it.
 */
const SCHEMA_ORDER_KEY = 'e.position::bigint * 4294967296 + f.position';

/** Unified fields by qualified name, e.g. crm.account.addresses[].city. */
const QUALIFIED_NAME = `lower(ue.name::text || '.' || uf.name::text)`;

/**
 * Coverage of the estate's data by the unified schema, both ways: how much of
 * each service is mapped, and where each unified field gets its data from.
 * Only CONFIRMED mappings count as mapped; sources are live services only.
 */
@Injectable()
export class CoverageRepository {
  private readonly dataFieldColumns: string;
  private readonly unifiedFieldColumns: string;
  private readonly serviceColumns: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.dataFieldColumns = selectColumns(dataSource.getMetadata(DataFieldEntity), 'f');
    this.unifiedFieldColumns = selectColumns(dataSource.getMetadata(UnifiedFieldEntity), 'uf');
    this.serviceColumns = selectColumns(dataSource.getMetadata(SoftwareServiceEntity), 's');
  }

  /** Coverage of each given service, in one statement. Unknown ids are left out. */
  async serviceCoverage(serviceIds: readonly string[]): Promise<ServiceCoverageCounts[]> {
    return this.dataSource.query<ServiceCoverageCounts[]>(
      `SELECT ${SERVICE_COUNT_COLUMNS}
       FROM service s LEFT JOIN (${serviceCountsSql('e.service_id = ANY($1::uuid[])')}) c ON c.service_id = s.id
       WHERE s.id = ANY($1::uuid[])`,
      [serviceIds],
    );
  }

  /** A page per service of its fields without a CONFIRMED mapping, in schema order; one statement. */
  async unmappedFieldsByServices(
    serviceIds: readonly string[],
    first: number,
    order: string,
    after?: Cursor,
  ): Promise<Map<string, Page<DataFieldEntity>>> {
    const params = new SqlParams();
    const rows = await this.dataSource.query<Ranked<DataFieldEntity & { serviceId: string }>[]>(
      perParentKeysetSql({
        select: `${this.dataFieldColumns}, e.service_id AS "serviceId"`,
        from: 'data_field f JOIN data_entity e ON e.id = f.entity_id',
        where: [`NOT EXISTS (SELECT 1 FROM field_mapping m WHERE m.data_field_id = f.id AND m.status = ${CONFIRMED})`],
        parent: 'e.service_id',
        parentIds: serviceIds,
        sort: { expr: SCHEMA_ORDER_KEY, type: 'bigint' },
        id: 'f.id',
        first,
        after,
        params,
      }),
      params.values,
    );
    return pagesByParent(
      serviceIds,
      rows,
      (row) => row.serviceId,
      first,
      order,
      after !== undefined,
      ({ sortValue: _sortValue, serviceId: _serviceId, ...field }) => field,
    );
  }

  /** The non-rejected mappings onto each given unified field: confirmed first, then by service key. */
  async sourcesOf(unifiedFieldIds: readonly string[]): Promise<UnifiedFieldSourceRow[]> {
    return this.dataSource.query<UnifiedFieldSourceRow[]>(
      `SELECT m.id AS "mappingId", m.unified_field_id AS "unifiedFieldId", m.status,
              m.is_system_of_record AS "isSystemOfRecord", m.confidence,
              s.key::text AS "serviceKey", s.name AS "serviceName", e.name::text AS "entityName",
              f.name::text AS "fieldName", f.id AS "dataFieldId"
       FROM field_mapping m
       JOIN data_field f ON f.id = m.data_field_id
       JOIN data_entity e ON e.id = f.entity_id
       JOIN service s ON s.id = e.service_id AND s.deleted_at IS NULL
       WHERE m.unified_field_id = ANY($1::uuid[]) AND m.status <> ${REJECTED}
       -- COLLATE "C": the same order whatever the database's collation (keys may hold . _ -).
       ORDER BY m.status = ${CONFIRMED} DESC, lower(s.key::text) COLLATE "C", e.position, f.position, m.id`,
      [unifiedFieldIds],
    );
  }

  /** Whether each given unified field has a single source and whether its masters conflict; one statement. */
  async sourceVerdicts(unifiedFieldIds: readonly string[]): Promise<SourceVerdict[]> {
    return this.dataSource.query<SourceVerdict[]>(
      `SELECT uf.id AS "unifiedFieldId",
              ${SOURCING_CONDITIONS[Sourcing.SINGLE_SOURCE]} AS "singleSource",
              ${SOURCING_CONDITIONS[Sourcing.CONFLICTING_MASTERS]} AS "conflictingMasters"
       FROM unified_field uf
       LEFT JOIN (${sourceCountsSql('m.unified_field_id = ANY($1::uuid[])')}) c ON c.unified_field_id = uf.id
       WHERE uf.id = ANY($1::uuid[])`,
      [unifiedFieldIds],
    );
  }

  /** The unified schema's fields counted by how they are sourced, in one statement. */
  async countUnifiedFields(): Promise<UnifiedCoverageCounts> {
    const [row] = await this.dataSource.query<UnifiedCoverageCounts[]>(
      `SELECT count(*)::int AS "unifiedFields",
              (count(*) FILTER (WHERE ${SOURCING_CONDITIONS.withSource}))::int AS "withSource",
              (count(*) FILTER (WHERE ${SOURCING_CONDITIONS[Sourcing.WITHOUT_SOURCE]}))::int AS "withoutSource",
              (count(*) FILTER (WHERE ${SOURCING_CONDITIONS[Sourcing.SINGLE_SOURCE]}))::int AS "singleSource",
              (count(*) FILTER (WHERE ${SOURCING_CONDITIONS[Sourcing.CONFLICTING_MASTERS]}))::int AS "conflictingMasters"
       FROM unified_field uf LEFT JOIN (${sourceCountsSql('TRUE')}) c ON c.unified_field_id = uf.id`,
      [],
    );
    return row;
  }

  /** Unified fields sourced as `sourcing` says, by qualified name then id. */
  async pageUnifiedFields(
    sourcing: Sourcing,
    first: number,
    order: string,
    after?: Cursor,
  ): Promise<Page<UnifiedFieldEntity>> {
    const params = new SqlParams();
    const rows = await this.dataSource.query<Ranked<UnifiedFieldEntity>[]>(
      keysetSql({
        select: this.unifiedFieldColumns,
        from: `unified_field uf JOIN unified_entity ue ON ue.id = uf.entity_id
          LEFT JOIN (${sourceCountsSql('TRUE')}) c ON c.unified_field_id = uf.id`,
        where: [SOURCING_CONDITIONS[sourcing]],
        sort: { expr: QUALIFIED_NAME, type: 'text', direction: 'ASC' },
        id: 'uf.id',
        first,
        after,
        params,
      }),
      params.values,
    );
    return toPage(rows, first, order, after !== undefined, ({ sortValue: _sortValue, ...field }) => field);
  }

  /** Live services with their coverage, by coverage ratio (then id) in `direction`; one statement. */
  async pageServicesByCoverage(
    direction: SortDirection,
    first: number,
    order: string,
    after?: Cursor,
  ): Promise<Page<ServiceWithCoverage>> {
    const params = new SqlParams();
    const rows = await this.dataSource.query<Ranked<SoftwareServiceEntity & { coverage: ServiceCoverageCounts }>[]>(
      keysetSql({
        select: `${this.serviceColumns}, (SELECT to_json(coverage) FROM (SELECT ${SERVICE_COUNT_COLUMNS}) coverage) AS coverage`,
        from: `service s LEFT JOIN (${serviceCountsSql('TRUE')}) c ON c.service_id = s.id`,
        where: ['s.deleted_at IS NULL'],
        sort: { expr: COVERAGE_RATIO, type: 'numeric', direction },
        id: 's.id',
        first,
        after,
        params,
      }),
      params.values,
    );
    return toPage(rows, first, order, after !== undefined, ({ sortValue: _sortValue, coverage, ...service }) => ({
      service,
      coverage,
    }));
  }

  async countLiveServices(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM service WHERE deleted_at IS NULL`,
      [],
    );
    return row.n;
  }
}
