import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SoftwareServiceEntity } from '../inventory/software-service.entity';

@Entity('data_entity')
@Unique('uq_data_entity_name', ['serviceId', 'name'])
@Check('chk_data_entity_name', `length(btrim(name::text)) > 0`)
@Check('chk_data_entity_record_count', `record_count >= 0`)
export class DataEntityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_data_entity' })
  id: string;

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => SoftwareServiceEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'fk_data_entity_service' })
  service?: SoftwareServiceEntity;

  @Column({ type: 'citext' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** bigint: read as a string by the driver. */
  @Column({ name: 'record_count', type: 'bigint', nullable: true })
  recordCount: string | null;

  @Column({ name: 'contains_pii', type: 'boolean', default: false })
  containsPii: boolean;

  @Column({ name: 'identifier_fields', type: 'text', array: true, default: () => "'{}'" })
  identifierFields: string[];

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
