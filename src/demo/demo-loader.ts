import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog, type Caller } from '../audit/audit-log';
import { DomainError, ErrorCode } from '../common/errors';
import { ServiceCatalog } from '../inventory/service-catalog';
import { ServiceRepository } from '../inventory/service.repository';
import { TeamRegistry } from '../inventory/team-registry';
import { TeamRepository } from '../inventory/team.repository';
import { countFields, normaliseEntity, schemaProblems } from '../schemas/change-set';
import { SchemaMode } from '../schemas/schema.types';
import { UnifiedSchemaRepository } from '../unified/unified-schema.repository';
import { UnifiedSchemaService } from '../unified/unified-schema.service';
import type { DemoEstate } from './demo-estate';

export interface DemoLoadSummary {
  teams: number;
  services: number;
  integrations: number;
  entities: number;
  fields: number;
  unifiedEntities: number;
  unifiedFields: number;
  unifiedSchemaVersion: number;
  confirmedMappings: number;
  seconds: number;
}

export type DemoProgress = (phase: string, done: number, total: number) => void;

/** Services per importMany call: one statement each, and a step of the progress bar. */
const SERVICE_CHUNK = 300;
/** Rows per set-based insert of entities, fields and mappings. */
const ROW_CHUNK = 5000;
const DECIDED_BY = 'estate demo';

/**
 * Writes a generated estate into an EMPTY database, in one transaction: all of it or nothing. Teams,
 * services and the unified schema go through Estate's own services (validated and audited as any
 * import); entities, fields, integrations and confirmed mappings, which those services write one
 * service or one row at a time, go as set-based inserts after the same shape checks.
 */
export async function loadDemoEstate(
  dataSource: DataSource,
  estate: DemoEstate,
  caller: Caller,
  progress: DemoProgress = () => undefined,
): Promise<DemoLoadSummary> {
  const started = performance.now();
  const audit = new AuditLog(dataSource);
  const teamRepository = new TeamRepository(dataSource);
  const teams = new TeamRegistry(dataSource, teamRepository, audit);
  const catalog = new ServiceCatalog(dataSource, new ServiceRepository(dataSource), teamRepository, audit);
  const unified = new UnifiedSchemaService(dataSource, new UnifiedSchemaRepository(dataSource), audit);
  // One transaction for everything: the demo is all there or not there at all.
  const { version, counts } = await dataSource.transaction(async (manager) => {
    await refuseUnlessEmpty(manager);
    for (const [n, team] of estate.teams.entries()) {
      await teams.upsert(team, caller, manager);
      progress('teams', n + 1, estate.teams.length);
    }
    for (let from = 0; from < estate.services.length; from += SERVICE_CHUNK) {
      const rows = estate.services.slice(from, from + SERVICE_CHUNK);
      const report = await catalog.importMany(rows, false, caller, manager);
      if (!report.ok) {
        const first = report.errors.slice(0, 5).map((e) => `${e.key ?? `row ${e.index}`}: ${e.path} ${e.message}`);
        throw new Error(`demo services were refused: ${first.join('; ')}`);
      }
      progress('services', from + rows.length, estate.services.length);
    }
    await unified.put(estate.unifiedSchema, SchemaMode.REPLACE, false, caller, 'estate demo', manager);
    const version = await unified.publish('Demo estate', caller, manager);
    progress('unified', 1, 1);
    return { version, counts: await writeData(manager, estate, version.version, progress) };
  });
  await dataSource.query(`ANALYZE team, service, integration, data_entity, data_field, field_mapping, entity_mapping`);
  return {
    teams: estate.teams.length,
    services: estate.services.length,
    unifiedEntities: version.entityCount,
    unifiedFields: version.fieldCount,
    unifiedSchemaVersion: version.version,
    ...counts,
    seconds: (performance.now() - started) / 1000,
  };
}

async function refuseUnlessEmpty(manager: EntityManager): Promise<void> {
  // Serialises concurrent demo loads: the second waits, then finds the first one's services.
  await manager.query(`LOCK TABLE service IN SHARE ROW EXCLUSIVE MODE`);
  const [row] = await manager.query<{ services: number; unified: number }[]>(
    `SELECT (SELECT count(*) FROM service)::int AS services, (SELECT count(*) FROM unified_entity)::int AS unified`,
  );
  if (row.services > 0 || row.unified > 0) {
    const what = row.services > 0 ? `${row.services} services` : `a unified schema of ${row.unified} entities`;
    throw new DomainError(
      ErrorCode.CONFLICT,
      `The database already holds ${what}: the demo estate loads into an empty database only`,
      { services: row.services, unifiedEntities: row.unified },
    );
  }
}

async function writeData(
  manager: EntityManager,
  estate: DemoEstate,
  unifiedVersion: number,
  progress: DemoProgress,
): Promise<Pick<DemoLoadSummary, 'entities' | 'fields' | 'integrations' | 'confirmedMappings'>> {
  const serviceIds = new Map(
    (await manager.query<{ id: string; key: string }[]>(`SELECT id, lower(key::text) AS key FROM service`)).map((r) => [
      r.key,
      r.id,
    ]),
  );
  const idOf = (key: string) => {
    const id = serviceIds.get(key.toLowerCase());
    if (!id) throw new Error(`demo data names service "${key}", which was not written`);
    return id;
  };

  const entityRows: Record<string, unknown>[] = [];
  const fieldRows: Record<string, unknown>[] = [];
  const fieldIds = new Map<string, string>();
  const entityIds = new Map<string, string>();
  for (const schema of estate.schemas) {
    const problems = schemaProblems(schema.entities);
    if (problems.length)
      throw new Error(
        `demo schema of ${schema.serviceKey}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      );
    const serviceId = idOf(schema.serviceKey);
    for (const [position, entity] of schema.entities.map(normaliseEntity).entries()) {
      const entityId = randomUUID();
      entityIds.set(`${schema.serviceKey}.${entity.name}`.toLowerCase(), entityId);
      entityRows.push({
        id: entityId,
        service_id: serviceId,
        name: entity.name,
        description: entity.description,
        record_count: entity.recordCount,
        contains_pii: entity.fields.some((f) => f.piiClass !== null),
        identifier_fields: entity.fields.filter((f) => f.identifier).map((f) => f.name),
        position,
      });
      for (const [fieldPosition, field] of entity.fields.entries()) {
        const fieldId = randomUUID();
        fieldIds.set(`${schema.serviceKey}.${entity.name}.${field.name}`.toLowerCase(), fieldId);
        fieldRows.push({
          id: fieldId,
          entity_id: entityId,
          name: field.name,
          position: fieldPosition,
          source_type: field.sourceType,
          type: field.type,
          nullable: field.nullable,
          is_identifier: field.identifier,
          description: field.description,
          enum_values: field.enumValues,
          reference_target: field.referenceTarget,
          is_array: field.isArray,
          pii_class: field.piiClass,
          pii_reason: field.piiReason,
        });
      }
    }
  }
  const totalFields = countFields(estate.schemas.flatMap((s) => s.entities));

  await inChunks(entityRows, (rows) =>
    manager.query(
      `INSERT INTO data_entity (id, service_id, name, description, record_count, contains_pii, identifier_fields, position)
       SELECT r.id, r.service_id, r.name, r.description, r.record_count, r.contains_pii, r.identifier_fields, r.position
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, service_id uuid, name citext, description text,
         record_count bigint, contains_pii boolean, identifier_fields text[], position integer)`,
      [JSON.stringify(rows)],
    ),
  );
  progress('entities', entityRows.length, entityRows.length);
  let fieldsWritten = 0;
  await inChunks(fieldRows, async (rows) => {
    await manager.query(
      `INSERT INTO data_field (id, entity_id, name, position, source_type, type, nullable, is_identifier, description,
                               enum_values, reference_target, is_array, pii_class, pii_reason)
       SELECT r.id, r.entity_id, r.name, r.position, r.source_type, r.type, r.nullable, r.is_identifier, r.description,
              r.enum_values, r.reference_target, r.is_array, r.pii_class, r.pii_reason
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, entity_id uuid, name citext, position integer, source_type text,
         type text, nullable boolean, is_identifier boolean, description text, enum_values text[],
         reference_target text, is_array boolean, pii_class text, pii_reason text)`,
      [JSON.stringify(rows)],
    );
    fieldsWritten += rows.length;
    progress('fields', fieldsWritten, totalFields);
  });

  const integrations = estate.integrations.map((i) => ({
    source: idOf(i.source),
    target: idOf(i.target),
    mechanism: i.mechanism,
    description: `${i.mechanism.toLowerCase()} flow from ${i.source} to ${i.target}`,
  }));
  await inChunks(integrations, (rows) =>
    manager.query(
      `INSERT INTO integration (source_service_id, target_service_id, mechanism, description)
       SELECT r.source, r.target, r.mechanism, r.description
       FROM jsonb_to_recordset($1::jsonb) AS r(source uuid, target uuid, mechanism text, description text)`,
      [JSON.stringify(rows)],
    ),
  );
  progress('integrations', integrations.length, integrations.length);

  const unifiedIds = new Map(
    (
      await manager.query<{ id: string; path: string; entity_id: string; entity: string }[]>(
        `SELECT f.id, lower(e.name::text || '.' || f.name::text) AS path, e.id AS entity_id, lower(e.name::text) AS entity
         FROM unified_field f JOIN unified_entity e ON e.id = f.entity_id`,
      )
    ).map((r) => [r.path, r]),
  );
  const fieldMappings: Record<string, unknown>[] = [];
  const entityPairs = new Map<string, { data_entity_id: string; unified_entity_id: string }>();
  for (const m of estate.mappings) {
    const dataFieldId = fieldIds.get(`${m.serviceKey}.${m.entity}.${m.field}`.toLowerCase());
    const target = unifiedIds.get(`${m.unifiedEntity}.${m.unifiedField}`.toLowerCase());
    if (!dataFieldId || !target)
      throw new Error(
        `demo mapping ${m.serviceKey}.${m.entity}.${m.field} → ${m.unifiedEntity}.${m.unifiedField} is dangling`,
      );
    fieldMappings.push({ data_field_id: dataFieldId, unified_field_id: target.id, sor: m.systemOfRecord });
    const dataEntityId = entityIds.get(`${m.serviceKey}.${m.entity}`.toLowerCase())!;
    entityPairs.set(`${dataEntityId}>${target.entity_id}`, {
      data_entity_id: dataEntityId,
      unified_entity_id: target.entity_id,
    });
  }
  await inChunks(fieldMappings, (rows) =>
    manager.query(
      `INSERT INTO field_mapping (data_field_id, unified_field_id, status, reasons, transformation, is_system_of_record,
                                  decided_by, decided_at, unified_version)
       SELECT r.data_field_id, r.unified_field_id, 'CONFIRMED', ARRAY['confirmed in the demo estate'],
              '{"kind": "RENAME"}'::jsonb, r.sor, $2, now(), $3
       FROM jsonb_to_recordset($1::jsonb) AS r(data_field_id uuid, unified_field_id uuid, sor boolean)`,
      [JSON.stringify(rows), DECIDED_BY, unifiedVersion],
    ),
  );
  await inChunks([...entityPairs.values()], (rows) =>
    manager.query(
      `INSERT INTO entity_mapping (data_entity_id, unified_entity_id, status, reasons, decided_by, decided_at, unified_version)
       SELECT r.data_entity_id, r.unified_entity_id, 'CONFIRMED', ARRAY['confirmed in the demo estate'], $2, now(), $3
       FROM jsonb_to_recordset($1::jsonb) AS r(data_entity_id uuid, unified_entity_id uuid)`,
      [JSON.stringify(rows), DECIDED_BY, unifiedVersion],
    ),
  );
  progress('mappings', fieldMappings.length, fieldMappings.length);
  return {
    entities: entityRows.length,
    fields: fieldRows.length,
    integrations: integrations.length,
    confirmedMappings: fieldMappings.length,
  };
}

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let from = 0; from < rows.length; from += ROW_CHUNK) await write(rows.slice(from, from + ROW_CHUNK));
}
