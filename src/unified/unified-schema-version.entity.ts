import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { StoredUnifiedSchema } from './unified.types';

/** A published version of the unified schema: the draft frozen as it was. Immutable (a trigger refuses changes). */
@Entity('unified_schema_version')
@Check('chk_unified_schema_version_version', `version > 0`)
@Check('chk_unified_schema_version_snapshot', `jsonb_typeof(snapshot -> 'entities') = 'array'`)
@Check('chk_unified_schema_version_counts', `entity_count > 0 AND field_count >= 0`)
export class UnifiedSchemaVersionEntity {
  /** 1, 2, 3, … in publishing order. */
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_unified_schema_version' })
  version: number;

  @Column({ type: 'jsonb' })
  snapshot: StoredUnifiedSchema;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' })
  publishedAt: Date;

  /** The actor's name, as in the audit trail. */
  @Column({ name: 'published_by', type: 'text' })
  publishedBy: string;

  @Column({ name: 'entity_count', type: 'integer' })
  entityCount: number;

  @Column({ name: 'field_count', type: 'integer' })
  fieldCount: number;
}
