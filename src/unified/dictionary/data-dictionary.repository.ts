import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MappingStatus } from '../mapping.types';
import type { SupplierRow } from './data-dictionary';

@Injectable()
export class DataDictionaryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every CONFIRMED mapping of a live service's field onto one of `unifiedFieldIds`, with the
   * service and its source field; one statement for the whole schema (through
   * idx_field_mapping_unified for a few fields, hashed for many). Unordered: the caller sorts.
   */
  async confirmedSuppliers(unifiedFieldIds: readonly string[]): Promise<SupplierRow[]> {
    if (!unifiedFieldIds.length) return [];
    return this.dataSource.query<SupplierRow[]>(
      `SELECT m.unified_field_id AS "unifiedFieldId", m.is_system_of_record AS "systemOfRecord",
              s.key::text AS "serviceKey", s.name AS "serviceName", s.lifecycle,
              e.name::text AS entity, f.name::text AS field
       FROM field_mapping m
       JOIN data_field f ON f.id = m.data_field_id
       JOIN data_entity e ON e.id = f.entity_id
       JOIN service s ON s.id = e.service_id AND s.deleted_at IS NULL
       WHERE m.unified_field_id = ANY($1::uuid[]) AND m.status = $2`,
      [unifiedFieldIds, MappingStatus.CONFIRMED],
    );
  }
}
