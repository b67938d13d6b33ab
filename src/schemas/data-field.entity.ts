import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { inList } from '../database/sql-checks';
import { DataEntityEntity } from './data-entity.entity';
import { FieldType, PiiClass } from './schema.types';

@Entity('data_field')
@Unique('uq_data_field_name', ['entityId', 'name'])
@Check('chk_data_field_name', `length(btrim(name::text)) > 0`)
@Check('chk_data_field_type', inList('type', FieldType))
@Check('chk_data_field_pii_class', inList('pii_class', PiiClass))
@Index('idx_data_field_type', ['type'])
// Partial / expression / GIN indexes managed by migrations:
@Index('idx_data_field_pii', { synchronize: false })
@Index('idx_data_field_name_trgm', { synchronize: false })
@Index('idx_data_field_description', { synchronize: false })
export class DataFieldEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_data_field' })
  id: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @ManyToOne(() => DataEntityEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'entity_id', foreignKeyConstraintName: 'fk_data_field_entity' })
  entity?: DataEntityEntity;

  @Column({ type: 'citext' })
  name: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'source_type', type: 'text', nullable: true })
  sourceType: string | null;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'boolean', default: true })
  nullable: boolean;

  @Column({ name: 'is_identifier', type: 'boolean', default: false })
  isIdentifier: boolean;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'enum_values', type: 'text', array: true, default: () => "'{}'" })
  enumValues: string[];

  @Column({ name: 'reference_target', type: 'text', nullable: true })
  referenceTarget: string | null;

  @Column({ name: 'is_array', type: 'boolean', default: false })
  isArray: boolean;

  @Column({ name: 'pii_class', type: 'text', nullable: true })
  piiClass: string | null;

  @Column({ name: 'pii_reason', type: 'text', nullable: true })
  piiReason: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
