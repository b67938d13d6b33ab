import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { inList } from '../database/sql-checks';
import { DataEntityEntity } from '../schemas/data-entity.entity';
import { UnifiedEntityEntity } from './unified-entity.entity';
import { MappingStatus } from './mapping.types';

/** A service's entity mapped onto a unified entity. */
@Entity('entity_mapping')
@Unique('uq_entity_mapping_pair', ['dataEntityId', 'unifiedEntityId'])
@Check('chk_entity_mapping_status', inList('status', MappingStatus))
@Check('chk_entity_mapping_confidence', `confidence BETWEEN 0 AND 1`)
@Check('chk_entity_mapping_decision', `(status = 'SUGGESTED') = (decided_at IS NULL)`)
@Index('idx_entity_mapping_unified', ['unifiedEntityId', 'status'])
export class EntityMappingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_entity_mapping' })
  id: string;

  @Column({ name: 'data_entity_id', type: 'uuid' })
  dataEntityId: string;

  @ManyToOne(() => DataEntityEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'data_entity_id', foreignKeyConstraintName: 'fk_entity_mapping_data_entity' })
  source?: DataEntityEntity;

  @Column({ name: 'unified_entity_id', type: 'uuid' })
  unifiedEntityId: string;

  @ManyToOne(() => UnifiedEntityEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'unified_entity_id', foreignKeyConstraintName: 'fk_entity_mapping_unified_entity' })
  target?: UnifiedEntityEntity;

  @Column({ type: 'text' })
  status: MappingStatus;

  @Column({ type: 'real', nullable: true })
  confidence: number | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  reasons: string[];

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
