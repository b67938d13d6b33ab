import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ESTATE_REVISION_SQL } from '../database/estate-revision';
import { selectColumns } from '../database/select-columns';
import { IntegrationEntity } from '../inventory/integration.entity';
import { SoftwareServiceEntity } from '../inventory/software-service.entity';
import { UnifiedFieldEntity } from '../unified/unified-field.entity';
import { MappingStatus } from '../unified/mapping.types';
import { ScoringProfileEntity } from './scoring-profile.entity';
import type { ServiceFacts } from './scoring.types';
import type { IntegrationEdge, SupplyPair } from './simulation';

const CONFIRMED = `'${MappingStatus.CONFIRMED}'`;
const FACTS_WORK_MEM = '64MB';
/** Services that still take part in the estate: not soft-deleted and not RETIRED. */
const ACTIVE = (alias: string) => `${alias}.deleted_at IS NULL AND ${alias}.lifecycle <> 'RETIRED'`;

/** Distinct (service, unified field) pairs of CONFIRMED mappings from active services. */
const SUPPLY_SQL = `SELECT DISTINCT e.service_id, m.unified_field_id
  FROM field_mapping m
  JOIN data_field f ON f.id = m.data_field_id
  JOIN data_entity e ON e.id = f.entity_id
  JOIN service ss ON ss.id = e.service_id AND ${ACTIVE('ss')}
  WHERE m.status = ${CONFIRMED}`;

/** Live integrations between two active services. */
const EDGES_SQL = `SELECT i.id, i.source_service_id, i.target_service_id, i.mechanism
  FROM integration i
  JOIN service src ON src.id = i.source_service_id AND ${ACTIVE('src')}
  JOIN service tgt ON tgt.id = i.target_service_id AND ${ACTIVE('tgt')}
  WHERE i.deleted_at IS NULL`;

/**
 * The facts scoring needs about every live service, aggregated in SQL: fields per entity first
 * (descriptions, types, PII, mapped fields, identifiers), then entities per service; the unified fields
 * each service supplies and how many services supply each; its consumers. One statement whose
 * rows are already service-shaped, so ranking needs no second trip for the services themselves.
 */
const FACTS_SQL = (serviceColumns: string) => `
WITH field_stats AS (
  SELECT f.entity_id,
         count(*) AS fields,
         count(*) FILTER (WHERE btrim(f.description) <> '') AS described,
         count(*) FILTER (WHERE f.type NOT IN ('JSON', 'BINARY')) AS typed,
         count(*) FILTER (WHERE f.pii_class IS NOT NULL) AS pii,
         count(*) FILTER (WHERE f.id IN (SELECT data_field_id FROM field_mapping WHERE status = ${CONFIRMED})) AS mapped,
         bool_or(f.is_identifier) AS any_identifier
  FROM data_field f GROUP BY f.entity_id
), data_stats AS (
  SELECT e.service_id, count(*) AS entities,
         count(*) FILTER (WHERE cardinality(e.identifier_fields) > 0 OR fs.any_identifier) AS identified,
         sum(fs.fields) AS fields, sum(fs.described) AS described, sum(fs.typed) AS typed,
         sum(fs.pii) AS pii, sum(fs.mapped) AS mapped
  FROM data_entity e LEFT JOIN field_stats fs ON fs.entity_id = e.id
  GROUP BY e.service_id
), supply AS (${SUPPLY_SQL}
), sources AS (
  SELECT unified_field_id, count(*) AS services FROM supply GROUP BY unified_field_id
), unified_stats AS (
  SELECT su.service_id, count(*) AS supplied,
         count(*) FILTER (WHERE so.services > 1) AS shared,
         count(*) FILTER (WHERE so.services = 1) AS sole
  FROM supply su JOIN sources so USING (unified_field_id) GROUP BY su.service_id
), dependent_stats AS (
  SELECT source_service_id AS service_id, count(*) AS integrations, count(DISTINCT target_service_id) AS consumers
  FROM (${EDGES_SQL}) edges GROUP BY source_service_id
)
SELECT ${serviceColumns}, t.key::text AS "ownerTeamKey", ${ESTATE_REVISION_SQL} AS "revision",
       coalesce(d.entities, 0)::int AS "entities", coalesce(d.identified, 0)::int AS "identifiedEntities",
       coalesce(d.fields, 0)::int AS "fields", coalesce(d.described, 0)::int AS "describedFields",
       coalesce(d.typed, 0)::int AS "typedFields", coalesce(d.pii, 0)::int AS "piiFields",
       coalesce(d.mapped, 0)::int AS "mappedFields",
       coalesce(u.supplied, 0)::int AS "supplied", coalesce(u.shared, 0)::int AS "shared",
       coalesce(u.sole, 0)::int AS "sole",
       coalesce(dep.integrations, 0)::int AS "integrations", coalesce(dep.consumers, 0)::int AS "consumers"
FROM service s
JOIN team t ON t.id = s.owner_team_id
LEFT JOIN data_stats d ON d.service_id = s.id
LEFT JOIN unified_stats u ON u.service_id = s.id
LEFT JOIN dependent_stats dep ON dep.service_id = s.id
WHERE s.deleted_at IS NULL`;

export type FactsRow = SoftwareServiceEntity & {
  ownerTeamKey: string;
  /** The estate's revision in the snapshot the facts were read in. */
  revision: string;
  entities: number;
  identifiedEntities: number;
  fields: number;
  describedFields: number;
  typedFields: number;
  piiFields: number;
  mappedFields: number;
  supplied: number;
  shared: number;
  sole: number;
  integrations: number;
  consumers: number;
};

export function factsOf(row: FactsRow): ServiceFacts {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    kind: row.kind,
    lifecycle: row.lifecycle,
    criticality: row.criticality,
    ownerTeamId: row.ownerTeamId,
    annualCost:
      row.annualCostAmount !== null && row.annualCostCurrency !== null
        ? { amount: Number(row.annualCostAmount), currency: row.annualCostCurrency }
        : null,
    licensedSeats: row.licensedSeats,
    monthlyActiveUsers: row.monthlyActiveUsers,
    access: {
      apiStyle: row.apiStyle,
      machineReadableSpec: row.machineReadableSpec,
      bulkExport: row.bulkExport,
      changeEvents: row.changeEvents,
      dataStructure: row.dataStructure,
      authMethod: row.authMethod,
    },
    data: {
      entities: row.entities,
      identifiedEntities: row.identifiedEntities,
      fields: row.fields,
      describedFields: row.describedFields,
      typedFields: row.typedFields,
      piiFields: row.piiFields,
      mappedFields: row.mappedFields,
    },
    unified: { supplied: row.supplied, shared: row.shared, soleSource: row.sole },
    dependents: { integrations: row.integrations, consumers: row.consumers },
  };
}

@Injectable()
export class ScoringRepository {
  private readonly factsSql: string;
  private readonly profileColumns: string;
  private readonly integrationColumns: string;
  private readonly unifiedFieldColumns: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.factsSql = FACTS_SQL(selectColumns(dataSource.getMetadata(SoftwareServiceEntity), 's'));
    this.profileColumns = selectColumns(dataSource.getMetadata(ScoringProfileEntity), 'p');
    this.integrationColumns = selectColumns(dataSource.getMetadata(IntegrationEntity), 'i');
    this.unifiedFieldColumns = selectColumns(dataSource.getMetadata(UnifiedFieldEntity), 'uf');
  }

  /**
   * Every live (not soft-deleted) service with its scoring facts and the estate's revision, in one
   * statement; with room to hash its aggregates in memory (at ten times the Klarna estate the
   * default work_mem makes them spill to disk and take twice as long).
   */
  async estateFacts(): Promise<FactsRow[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL work_mem = '${FACTS_WORK_MEM}'`);
      return manager.query<FactsRow[]>(this.factsSql, []);
    });
  }

  /** Which active service supplies which unified field (CONFIRMED mappings), for what-if. */
  async supplyPairs(): Promise<SupplyPair[]> {
    return this.dataSource.query<SupplyPair[]>(
      `SELECT service_id AS "serviceId", unified_field_id AS "unifiedFieldId" FROM (${SUPPLY_SQL}) supply`,
      [],
    );
  }

  /** Live integrations between active services. */
  async integrationEdges(): Promise<IntegrationEdge[]> {
    return this.dataSource.query<IntegrationEdge[]>(
      `SELECT id, source_service_id AS "sourceId", target_service_id AS "targetId", mechanism FROM (${EDGES_SQL}) edges`,
      [],
    );
  }

  async integrationsByIds(ids: readonly string[]): Promise<IntegrationEntity[]> {
    return this.dataSource.query<IntegrationEntity[]>(
      `SELECT ${this.integrationColumns} FROM integration i WHERE i.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async unifiedFieldsByIds(ids: readonly string[]): Promise<UnifiedFieldEntity[]> {
    return this.dataSource.query<UnifiedFieldEntity[]>(
      `SELECT ${this.unifiedFieldColumns} FROM unified_field uf WHERE uf.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** The given version of a profile, or its latest when `version` is undefined. */
  async findProfile(name: string, version?: number, manager?: EntityManager): Promise<ScoringProfileEntity | null> {
    const rows = await (manager ?? this.dataSource).query<ScoringProfileEntity[]>(
      `SELECT ${this.profileColumns} FROM scoring_profile p
       WHERE p.name = $1 AND ($2::int IS NULL OR p.version = $2)
       ORDER BY p.version DESC LIMIT 1`,
      [name, version ?? null],
    );
    return rows[0] ?? null;
  }

  /** The latest version of every profile, by name. */
  async latestProfiles(): Promise<ScoringProfileEntity[]> {
    return this.dataSource.query<ScoringProfileEntity[]>(
      `SELECT DISTINCT ON (lower(p.name::text)) ${this.profileColumns} FROM scoring_profile p
       ORDER BY lower(p.name::text), p.version DESC`,
      [],
    );
  }

  /** Every version of one profile, newest first. */
  async profileVersions(name: string): Promise<ScoringProfileEntity[]> {
    return this.dataSource.query<ScoringProfileEntity[]>(
      `SELECT ${this.profileColumns} FROM scoring_profile p WHERE p.name = $1 ORDER BY p.version DESC`,
      [name],
    );
  }

  /** Adds the next version of `name`; the caller holds the transaction. */
  async insertProfileVersion(
    manager: EntityManager,
    row: Pick<ScoringProfileEntity, 'name' | 'version' | 'description' | 'settings' | 'createdBy'>,
  ): Promise<ScoringProfileEntity> {
    const [saved] = await manager.query<ScoringProfileEntity[]>(
      `INSERT INTO scoring_profile AS p (name, version, description, settings, created_by)
       VALUES ($1, $2, $3, $4::jsonb, $5)
       RETURNING ${this.profileColumns}`,
      [row.name, row.version, row.description, JSON.stringify(row.settings), row.createdBy],
    );
    return saved;
  }

  /** Serialises saves of one profile name, so two saves cannot take the same version number. */
  async lockProfileName(manager: EntityManager, name: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('scoring_profile:' || lower($1)))`, [name]);
  }
}
