import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { KEY_PATTERN_SQL } from '../inventory/team.entity';
import type { ProfileSettings } from './profile';

/** One version of a named scoring profile. Immutable (a trigger refuses changes). */
@Entity('scoring_profile')
@Unique('uq_scoring_profile_version', ['name', 'version'])
@Check('chk_scoring_profile_name', `name ~ ${KEY_PATTERN_SQL} AND name <> 'default'`)
@Check('chk_scoring_profile_version', `version > 0`)
@Check('chk_scoring_profile_settings', `jsonb_typeof(settings) = 'object'`)
export class ScoringProfileEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_scoring_profile' })
  id: string;

  @Column({ type: 'citext' })
  name: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'jsonb' })
  settings: ProfileSettings;

  /** The actor's name, as in the audit trail. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
