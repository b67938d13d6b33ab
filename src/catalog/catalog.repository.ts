import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EstateSnapshot } from './export-catalog';

/** Reads the live estate whole, as `estate export` writes it back. */
@Injectable()
export class CatalogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Live teams, services, integrations between live services, and the services' entities and fields. */
  async snapshot(): Promise<EstateSnapshot> {
    // One snapshot: the four reads see the same committed state.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const teams = await manager.query<EstateSnapshot['teams']>(
        `SELECT key::text, name, description, contact_email AS "contactEmail"
         FROM team WHERE deleted_at IS NULL ORDER BY lower(key::text)`,
      );
      const services = await manager.query<EstateSnapshot['services']>(
        `SELECT s.key::text, s.name, s.description, s.kind, s.vendor, s.category, t.key::text AS "ownerTeam",
                s.lifecycle, s.criticality,
                CASE WHEN s.annual_cost_amount IS NULL THEN NULL
                     ELSE json_build_object('amount', s.annual_cost_amount::text, 'currency', s.annual_cost_currency) END
                  AS "annualCost",
                s.licensed_seats AS "licensedSeats", s.monthly_active_users AS "monthlyActiveUsers",
                to_char(s.contract_renewal_date, 'YYYY-MM-DD') AS "contractRenewalDate", s.tags, s.links,
                json_build_object('apiStyle', s.api_style, 'machineReadableSpec', s.machine_readable_spec,
                  'specFormat', s.spec_format, 'bulkExport', s.bulk_export, 'changeEvents', s.change_events,
                  'dataStructure', s.data_structure, 'authMethod', s.auth_method,
                  'rateLimitPerMinute', s.rate_limit_per_minute) AS "dataAccess"
         FROM service s JOIN team t ON t.id = s.owner_team_id
         WHERE s.deleted_at IS NULL ORDER BY lower(s.key::text)`,
      );
      const integrations = await manager.query<EstateSnapshot['integrations']>(
        `SELECT src.key::text AS source, tgt.key::text AS target, i.mechanism, i.frequency, i.description
         FROM integration i
         JOIN service src ON src.id = i.source_service_id AND src.deleted_at IS NULL
         JOIN service tgt ON tgt.id = i.target_service_id AND tgt.deleted_at IS NULL
         WHERE i.deleted_at IS NULL
         ORDER BY lower(src.key::text), lower(tgt.key::text), i.mechanism`,
      );
      const entities = await manager.query<EstateSnapshot['entities']>(
        `SELECT s.key::text AS "serviceKey", e.name::text AS name, e.description, e.record_count::float8 AS "recordCount",
                coalesce(json_agg(json_build_object(
                  'name', f.name, 'type', f.type, 'sourceType', f.source_type, 'description', f.description,
                  'nullable', f.nullable, 'identifier', f.is_identifier, 'enumValues', f.enum_values,
                  'referenceTarget', f.reference_target, 'isArray', f.is_array, 'piiClass', f.pii_class,
                  'piiReason', f.pii_reason) ORDER BY f.position) FILTER (WHERE f.id IS NOT NULL), '[]') AS fields
         FROM data_entity e
         JOIN service s ON s.id = e.service_id AND s.deleted_at IS NULL
         LEFT JOIN data_field f ON f.entity_id = e.id
         GROUP BY s.key, e.id
         ORDER BY lower(s.key::text), e.position`,
      );
      return { teams, services, integrations, entities };
    });
  }
}
