import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A canonical entity of the unified schema, e.g. `crm.Account`. The live rows are the draft. */
@Entity('unified_entity')
@Unique('uq_unified_entity_name', ['name'])
@Check('chk_unified_entity_name', `length(btrim(name::text)) > 0`)
@Check('chk_unified_entity_version', `version > 0`)
// Expression index managed by the migration:
@Index('idx_unified_entity_name_order', { synchronize: false })
export class UnifiedEntityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_unified_entity' })
  id: string;

  @Column({ type: 'citext' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  synonyms: string[];

  /** Incremented by every change of the entity or of its fields. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
