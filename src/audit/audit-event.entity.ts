import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ApiTokenEntity } from '../auth/api-token.entity';

/** One committed change, or one refused write. Immutable (a trigger refuses updates and deletes). */
@Entity('audit_event')
@Check('chk_audit_event_outcome', `outcome IN ('SUCCESS', 'DENIED')`)
@Check('chk_audit_event_changes', `changes IS NULL OR jsonb_typeof(changes) = 'object'`)
@Index('idx_audit_event_time', { synchronize: false })
@Index('idx_audit_event_target', { synchronize: false })
@Index('idx_audit_event_import', { synchronize: false })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_event' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt: Date;

  @Column({ name: 'actor_token_id', type: 'uuid', nullable: true })
  actorTokenId: string | null;

  @ManyToOne(() => ApiTokenEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_token_id', foreignKeyConstraintName: 'fk_audit_event_token' })
  actorToken?: ApiTokenEntity;

  @Column({ name: 'actor_name', type: 'text' })
  actorName: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  outcome: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType: string;

  @Column({ name: 'target_key', type: 'text' })
  targetKey: string;

  /** Changed fields: `{ field: { before, after } }`. */
  @Column({ type: 'jsonb', nullable: true })
  changes: Record<string, { before: unknown; after: unknown }> | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId: string | null;
}
