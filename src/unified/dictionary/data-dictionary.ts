import { MappingStatus } from '../mapping.types';
import { compareNames } from '../unified-document';
import type { StoredUnifiedEntity, StoredUnifiedField } from '../unified.types';
import type {
  DataDictionary,
  DictionaryCoverage,
  DictionaryEntity,
  DictionaryField,
  DictionarySupplier,
  FieldCoverage,
} from './data-dictionary.types';

/** The unified schema of one version (or the draft) as stored, with what is known of its publication. */
export interface DictionarySource {
  version: number | 'draft';
  publishedAt: Date | string | null;
  publishedBy: string | null;
  note: string | null;
  entities: StoredUnifiedEntity[];
}

/** A CONFIRMED mapping of a live service's field onto a unified field. */
export type SupplierRow = Omit<DictionarySupplier, 'status'> & { unifiedFieldId: string };

/**
 * The data dictionary of `source`: entities and fields by name, each field with its suppliers
 * (systems of record first, then by service key, entity and field) and the coverage figures,
 * counted as `coverageReport` counts them (distinct services; two or more systems of record
 * conflict). Rows for fields that `source` does not hold are ignored.
 */
export function buildDataDictionary(source: DictionarySource, suppliers: readonly SupplierRow[]): DataDictionary {
  const byField = new Map<string, SupplierRow[]>();
  for (const row of suppliers) {
    const list = byField.get(row.unifiedFieldId);
    if (list) list.push(row);
    else byField.set(row.unifiedFieldId, [row]);
  }
  const entities = [...source.entities]
    .sort((a, b) => compareNames(a.name, b.name))
    .map((entity) => dictionaryEntity(entity, byField));
  return {
    version: source.version,
    publishedAt: source.publishedAt === null ? null : new Date(source.publishedAt).toISOString(),
    publishedBy: source.publishedBy,
    note: source.note,
    entities,
    coverage: sumCoverage(entities.map((e) => e.coverage)),
  };
}

function dictionaryEntity(entity: StoredUnifiedEntity, suppliers: Map<string, SupplierRow[]>): DictionaryEntity {
  const fields = [...entity.fields]
    .sort((a, b) => compareNames(a.name, b.name))
    .map((field) => dictionaryField(field, suppliers.get(field.id) ?? []));
  return {
    name: entity.name,
    description: entity.description ?? null,
    synonyms: [...(entity.synonyms ?? [])],
    fields,
    coverage: entityCoverage(fields.map((f) => f.coverage)),
  };
}

function dictionaryField(field: StoredUnifiedField, rows: SupplierRow[]): DictionaryField {
  const suppliers = rows.map(supplier).sort(compareSuppliers);
  return {
    name: field.name,
    type: field.type ?? null,
    // Published snapshots are read as they were frozen: an attribute they lack reads as unset.
    description: field.description ?? null,
    required: field.required ?? false,
    synonyms: [...(field.synonyms ?? [])],
    piiClass: field.piiClass ?? null,
    allowedValues: [...(field.enumValues ?? [])],
    suppliers,
    coverage: fieldCoverage(suppliers),
  };
}

function supplier(row: SupplierRow): DictionarySupplier {
  return {
    serviceKey: row.serviceKey,
    serviceName: row.serviceName,
    lifecycle: row.lifecycle,
    entity: row.entity,
    field: row.field,
    systemOfRecord: row.systemOfRecord,
    status: MappingStatus.CONFIRMED,
  };
}

/** Systems of record first, then by service key, entity and field (case aside, the same on every machine). */
export function compareSuppliers(a: DictionarySupplier, b: DictionarySupplier): number {
  if (a.systemOfRecord !== b.systemOfRecord) return a.systemOfRecord ? -1 : 1;
  return compareNames(a.serviceKey, b.serviceKey) || compareNames(a.entity, b.entity) || compareNames(a.field, b.field);
}

function fieldCoverage(suppliers: DictionarySupplier[]): FieldCoverage {
  const services = new Set(suppliers.map((s) => s.serviceKey.toLowerCase())).size;
  const systemsOfRecord = new Set(suppliers.filter((s) => s.systemOfRecord).map((s) => s.serviceKey.toLowerCase()))
    .size;
  return { services, systemsOfRecord, singleSource: services === 1, conflictingMasters: systemsOfRecord >= 2 };
}

function entityCoverage(fields: FieldCoverage[]): DictionaryCoverage {
  const withSource = fields.filter((f) => f.services > 0).length;
  return {
    fields: fields.length,
    withSource,
    withoutSource: fields.length - withSource,
    singleSource: fields.filter((f) => f.singleSource).length,
    conflictingMasters: fields.filter((f) => f.conflictingMasters).length,
  };
}

function sumCoverage(parts: DictionaryCoverage[]): DictionaryCoverage {
  const total: DictionaryCoverage = {
    fields: 0,
    withSource: 0,
    withoutSource: 0,
    singleSource: 0,
    conflictingMasters: 0,
  };
  for (const part of parts) {
    for (const key of Object.keys(total) as (keyof DictionaryCoverage)[]) total[key] += part[key];
  }
  return total;
}
