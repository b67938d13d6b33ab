import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { inList } from '../database/sql-checks';
import { DataFieldEntity } from '../schemas/data-field.entity';
import { UnifiedFieldEntity } from './unified-field.entity';
import { MappingStatus } from './mapping.types';
import type { Transformation } from './transformation';

/** A service's field mapped onto a unified field, with how its values are transformed. */
@Entity('field_mapping')
@Unique('uq_field_mapping_pair', ['dataFieldId', 'unifiedFieldId'])
@Check('chk_field_mapping_status', inList('status', MappingStatus))
@Check('chk_field_mapping_confidence', `confidence BETWEEN 0 AND 1`)
@Check('chk_field_mapping_decision', `(status = 'SUGGESTED') = (decided_at IS NULL)`)
@Index('idx_field_mapping_unified', ['unifiedFieldId', 'status'])
@Check(
  'chk_field_mapping_transformation',
  `transformation IS NULL OR jsonb_typeof(transformation -> 'kind') = 'string'`,
)
// Descending index managed by the migration:
@Index('idx_field_mapping_review', { synchronize: false })
export class FieldMappingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_field_mapping' })
  id: string;

  @Column({ name: 'data_field_id', type: 'uuid' })
  dataFieldId: string;

  @ManyToOne(() => DataFieldEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'data_field_id', foreignKeyConstraintName: 'fk_field_mapping_data_field' })
  source?: DataFieldEntity;

  @Column({ name: 'unified_field_id', type: 'uuid' })
  unifiedFieldId: string;

  @ManyToOne(() => UnifiedFieldEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'unified_field_id', foreignKeyConstraintName: 'fk_field_mapping_unified_field' })
  target?: UnifiedFieldEntity;

  @Column({ type: 'text' })
  status: MappingStatus;

  @Column({ type: 'real', nullable: true })
  confidence: number | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  reasons: string[];

  @Column({ type: 'jsonb', nullable: true })
  transformation: Transformation | null;

  @Column({ name: 'is_system_of_record', type: 'boolean', default: false })
  isSystemOfRecord: boolean;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'unified_version', type: 'integer', nullable: true })
  unifiedVersion: number | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
