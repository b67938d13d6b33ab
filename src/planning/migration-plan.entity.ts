import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { MigrationPlanResult, PlanInputs } from './plan.types';

/** A saved migration plan: inputs, versions used and the computed plan. Immutable (a trigger refuses updates). */
@Entity('migration_plan')
@Check('chk_migration_plan_name', `length(btrim(name)) > 0 AND length(name) <= 200`)
@Check('chk_migration_plan_inputs', `jsonb_typeof(inputs) = 'object'`)
@Check('chk_migration_plan_result', `jsonb_typeof(result) = 'object'`)
@Check('chk_migration_plan_counts', `profile_version >= 0 AND service_count >= 0 AND wave_count >= 0`)
@Check('chk_migration_plan_currency', `currency ~ '^[A-Z]{3}$'`)
@Index('idx_migration_plan_created', { synchronize: false })
@Index('idx_migration_plan_rerun_of', ['rerunOf'])
export class MigrationPlanEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_migration_plan' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  inputs: PlanInputs;

  @Column({ name: 'profile_name', type: 'citext' })
  profileName: string;

  @Column({ name: 'profile_version', type: 'integer' })
  profileVersion: number;

  @Column({ name: 'unified_schema_version', type: 'integer', nullable: true })
  unifiedSchemaVersion: number | null;

  @Column({ type: 'jsonb' })
  result: MigrationPlanResult;

  @Column({ name: 'service_count', type: 'integer' })
  serviceCount: number;

  @Column({ name: 'wave_count', type: 'integer' })
  waveCount: number;

  /** Decimal string. */
  @Column({ name: 'annual_savings', type: 'numeric', precision: 16, scale: 2 })
  annualSavings: string;

  @Column({ type: 'text' })
  currency: string;

  @Column({ name: 'rerun_of', type: 'uuid', nullable: true })
  rerunOf: string | null;

  @ManyToOne(() => MigrationPlanEntity, { nullable: true })
  @JoinColumn({ name: 'rerun_of', foreignKeyConstraintName: 'fk_migration_plan_rerun_of' })
  rerunOfPlan?: MigrationPlanEntity;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
