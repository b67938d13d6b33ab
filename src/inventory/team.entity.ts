import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { VersionedColumns } from '../database/versioned-columns';

export const KEY_PATTERN_SQL = `'^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'`;

@Entity('team')
@Unique('uq_team_key', ['key'])
@Check('chk_team_key_format', `key ~ ${KEY_PATTERN_SQL}`)
@Check('chk_team_name', `length(btrim(name)) > 0`)
@Check('chk_team_version', `version > 0`)
export class TeamEntity extends VersionedColumns {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_team' })
  id: string;

  @Column({ type: 'citext' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail: string | null;
}
