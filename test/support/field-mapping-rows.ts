import type { TestApp } from './test-app';

export type MappingStatusName = 'SUGGESTED' | 'CONFIRMED' | 'REJECTED';

export interface FieldMappingRow {
  dataFieldId: string;
  unifiedFieldId: string;
  status: MappingStatusName;
  isSystemOfRecord?: boolean;
  confidence?: number | null;
}

export interface EntityMappingRow {
  dataEntityId: string;
  unifiedEntityId: string;
  status: MappingStatusName;
  confidence?: number | null;
}

/** A decided mapping (not SUGGESTED) carries who decided and when: the CHECK constraints want both or neither. */
const decision = (status: MappingStatusName) => (status === 'SUGGESTED' ? [null, null] : ['test', new Date()]);

/** Inserts a field mapping row directly, as the mapping workflow would have left it; returns its id. */
export async function insertFieldMapping(app: TestApp, row: FieldMappingRow): Promise<string> {
  const [inserted] = await app.dataSource.query<{ id: string }[]>(
    `INSERT INTO field_mapping (data_field_id, unified_field_id, status, confidence, is_system_of_record, decided_by, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      row.dataFieldId,
      row.unifiedFieldId,
      row.status,
      row.confidence ?? null,
      row.isSystemOfRecord ?? false,
      ...decision(row.status),
    ],
  );
  return inserted.id;
}

/** Inserts an entity mapping row directly; returns its id. */
export async function insertEntityMapping(app: TestApp, row: EntityMappingRow): Promise<string> {
  const [inserted] = await app.dataSource.query<{ id: string }[]>(
    `INSERT INTO entity_mapping (data_entity_id, unified_entity_id, status, confidence, decided_by, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [row.dataEntityId, row.unifiedEntityId, row.status, row.confidence ?? null, ...decision(row.status)],
  );
  return inserted.id;
}

/** Ids of services' data fields by `serviceKey.Entity.Field` and of their entities by `serviceKey.Entity`. */
export async function dataIds(app: TestApp): Promise<Map<string, string>> {
  const rows = await app.dataSource.query<{ path: string; id: string }[]>(
    `SELECT s.key::text || '.' || e.name::text AS path, e.id FROM data_entity e JOIN service s ON s.id = e.service_id
     UNION ALL
     SELECT s.key::text || '.' || e.name::text || '.' || f.name::text, f.id
     FROM data_field f JOIN data_entity e ON e.id = f.entity_id JOIN service s ON s.id = e.service_id`,
  );
  return new Map(rows.map((r) => [r.path, r.id]));
}

/** Ids of unified fields by `entity.field` (e.g. crm.Account.id) and of unified entities by name. */
export async function unifiedIds(app: TestApp): Promise<Map<string, string>> {
  const rows = await app.dataSource.query<{ path: string; id: string }[]>(
    `SELECT name::text AS path, id FROM unified_entity
     UNION ALL
     SELECT e.name::text || '.' || f.name::text, f.id FROM unified_field f JOIN unified_entity e ON e.id = f.entity_id`,
  );
  return new Map(rows.map((r) => [r.path, r.id]));
}

/** The id under `path`, or a failed test naming the path. */
export function idOf(ids: Map<string, string>, path: string): string {
  const id = ids.get(path);
  if (!id) throw new Error(`no id for ${path}`);
  return id;
}
