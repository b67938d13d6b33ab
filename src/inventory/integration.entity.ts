import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedColumns } from '../database/versioned-columns';
import { inList } from '../database/sql-checks';
import { IntegrationFrequency, IntegrationMechanism } from './inventory.enums';
import { SoftwareServiceEntity } from './software-service.entity';

/** A directed data flow: data leaves `source` and arrives in `target`. */
@Entity('integration')
@Check('chk_integration_mechanism', inList('mechanism', IntegrationMechanism))
@Check('chk_integration_frequency', inList('frequency', IntegrationFrequency))
@Check('chk_integration_not_self', `source_service_id <> target_service_id`)
@Check('chk_integration_version', `version > 0`)
@Index('idx_integration_source', ['sourceServiceId'])
@Index('idx_integration_target', ['targetServiceId'])
// Partial unique index (live edges only), managed by migrations.
@Index('uq_integration_edge', { synchronize: false })
export class IntegrationEntity extends VersionedColumns {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_integration' })
  id: string;

  @Column({ name: 'source_service_id', type: 'uuid' })
  sourceServiceId: string;

  @ManyToOne(() => SoftwareServiceEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'source_service_id', foreignKeyConstraintName: 'fk_integration_source' })
  source?: SoftwareServiceEntity;

  @Column({ name: 'target_service_id', type: 'uuid' })
  targetServiceId: string;

  @ManyToOne(() => SoftwareServiceEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'target_service_id', foreignKeyConstraintName: 'fk_integration_target' })
  target?: SoftwareServiceEntity;

  @Column({ type: 'text' })
  mechanism: string;

  @Column({ type: 'text', nullable: true })
  frequency: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;
}
