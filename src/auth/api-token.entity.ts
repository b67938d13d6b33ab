import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { inList } from '../database/sql-checks';
import { TeamEntity } from '../inventory/team.entity';
import { Role } from './roles';

@Entity('api_token')
@Unique('uq_api_token_hash', ['tokenHash'])
@Check('chk_api_token_role', inList('role', Role))
@Check('chk_api_token_team', `(role = 'EDITOR') = (team_id IS NOT NULL)`)
@Check('chk_api_token_name', `length(btrim(name)) > 0`)
@Check('chk_api_token_hash', `token_hash ~ '^[0-9a-f]{64}$'`)
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_api_token' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: string;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_api_token_team' })
  team?: TeamEntity;

  /** SHA-256 of the secret, hex. The secret itself is never stored. */
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  /** The first characters of the secret, to recognise a token in lists. */
  @Column({ name: 'token_prefix', type: 'text' })
  tokenPrefix: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => ApiTokenEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_api_token_created_by' })
  creator?: ApiTokenEntity;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
