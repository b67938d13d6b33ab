import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { inList } from '../database/sql-checks';
import { FieldType, PiiClass } from '../schemas/schema.types';
import { UnifiedEntityEntity } from './unified-entity.entity';

/** A canonical field of a unified entity; its name is a dotted path (`addresses[].city`). */
@Entity('unified_field')
@Unique('uq_unified_field_name', ['entityId', 'name'])
@Check('chk_unified_field_name', `length(btrim(name::text)) > 0`)
@Check('chk_unified_field_type', inList('type', FieldType))
@Check('chk_unified_field_pii_class', inList('pii_class', PiiClass))
@Index('idx_unified_field_position', ['entityId', 'position'])
export class UnifiedFieldEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_unified_field' })
  id: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  // Mappings will refer to fields: removing one goes through UnifiedSchemaService, which decides what happens to them.
  @ManyToOne(() => UnifiedEntityEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'entity_id', foreignKeyConstraintName: 'fk_unified_field_entity' })
  entity?: UnifiedEntityEntity;

  @Column({ type: 'citext' })
  name: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text', nullable: true })
  type: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  synonyms: string[];

  @Column({ type: 'boolean', default: false })
  required: boolean;

  @Column({ name: 'pii_class', type: 'text', nullable: true })
  piiClass: string | null;

  @Column({ name: 'enum_values', type: 'text', array: true, default: () => "'{}'" })
  enumValues: string[];

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
