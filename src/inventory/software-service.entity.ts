import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { VersionedColumns } from '../database/versioned-columns';
import { inList } from '../database/sql-checks';
import {
  ApiStyle,
  AuthMethod,
  ChangeEvents,
  Criticality,
  DataStructure,
  Lifecycle,
  ServiceKind,
  SpecFormat,
} from './inventory.enums';
import { KEY_PATTERN_SQL, TeamEntity } from './team.entity';

export interface ServiceLink {
  title: string;
  url: string;
}

/** A piece of software in the estate. GraphQL calls it `Service`. */
@Entity('service')
@Unique('uq_service_key', ['key'])
@Check('chk_service_key_format', `key ~ ${KEY_PATTERN_SQL}`)
@Check('chk_service_name', `length(btrim(name)) > 0`)
@Check('chk_service_kind', inList('kind', ServiceKind))
@Check('chk_service_lifecycle', inList('lifecycle', Lifecycle))
@Check('chk_service_criticality', inList('criticality', Criticality))
@Check('chk_service_api_style', inList('api_style', ApiStyle))
@Check('chk_service_spec_format', inList('spec_format', SpecFormat))
@Check('chk_service_change_events', inList('change_events', ChangeEvents))
@Check('chk_service_data_structure', inList('data_structure', DataStructure))
@Check('chk_service_auth_method', inList('auth_method', AuthMethod))
@Check('chk_service_cost_amount', `annual_cost_amount >= 0`)
@Check('chk_service_cost_currency', `annual_cost_currency ~ '^[A-Z]{3}$'`)
@Check('chk_service_cost_pair', `(annual_cost_amount IS NULL) = (annual_cost_currency IS NULL)`)
@Check('chk_service_seats', `licensed_seats >= 0`)
@Check('chk_service_active_users', `monthly_active_users >= 0`)
@Check('chk_service_rate_limit', `rate_limit_per_minute > 0`)
@Check('chk_service_links', `jsonb_typeof(links) = 'array'`)
@Check('chk_service_version', `version > 0`)
@Index('idx_service_owner_team', ['ownerTeamId'])
// Managed by migrations only (expression / partial / GIN indexes TypeORM cannot describe):
@Index('idx_service_search', { synchronize: false })
@Index('idx_service_name_trgm', { synchronize: false })
@Index('idx_service_key_trgm', { synchronize: false })
@Index('idx_service_tags', { synchronize: false })
@Index('idx_service_name_order', { synchronize: false })
@Index('idx_service_updated_order', { synchronize: false })
export class SoftwareServiceEntity extends VersionedColumns {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_service' })
  id: string;

  @Column({ type: 'citext' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text', nullable: true })
  vendor: string | null;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ name: 'owner_team_id', type: 'uuid' })
  ownerTeamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'owner_team_id', foreignKeyConstraintName: 'fk_service_owner_team' })
  ownerTeam?: TeamEntity;

  @Column({ type: 'text', default: 'ACTIVE' })
  lifecycle: string;

  @Column({ type: 'text', nullable: true })
  criticality: string | null;

  /** Decimal string; never a float. */
  @Column({ name: 'annual_cost_amount', type: 'numeric', precision: 14, scale: 2, nullable: true })
  annualCostAmount: string | null;

  @Column({ name: 'annual_cost_currency', type: 'text', nullable: true })
  annualCostCurrency: string | null;

  @Column({ name: 'licensed_seats', type: 'integer', nullable: true })
  licensedSeats: number | null;

  @Column({ name: 'monthly_active_users', type: 'integer', nullable: true })
  monthlyActiveUsers: number | null;

  /** ISO date (YYYY-MM-DD). */
  @Column({ name: 'contract_renewal_date', type: 'date', nullable: true })
  contractRenewalDate: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  links: ServiceLink[];

  @Column({ name: 'api_style', type: 'text', nullable: true })
  apiStyle: string | null;

  @Column({ name: 'machine_readable_spec', type: 'boolean', nullable: true })
  machineReadableSpec: boolean | null;

  @Column({ name: 'spec_format', type: 'text', nullable: true })
  specFormat: string | null;

  @Column({ name: 'bulk_export', type: 'boolean', nullable: true })
  bulkExport: boolean | null;

  @Column({ name: 'change_events', type: 'text', nullable: true })
  changeEvents: string | null;

  @Column({ name: 'data_structure', type: 'text', nullable: true })
  dataStructure: string | null;

  @Column({ name: 'auth_method', type: 'text', nullable: true })
  authMethod: string | null;

  @Column({ name: 'rate_limit_per_minute', type: 'integer', nullable: true })
  rateLimitPerMinute: number | null;
}
