import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Cursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import { keysetSql, toPage } from '../database/keyset';
import { selectColumns } from '../database/select-columns';
import { SqlParams } from '../database/sql-params';
import { containsPattern } from './service-query';
import { TeamEntity } from './team.entity';

export interface TeamRecord {
  key: string;
  name: string;
  description: string | null;
  contactEmail: string | null;
}

@Injectable()
export class TeamRepository {
  private readonly columns: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.columns = selectColumns(dataSource.getMetadata(TeamEntity), 't');
  }

  /** Creates or updates a live team by key; returns null when nothing changed (or the team is deleted). */
  async upsert(manager: EntityManager, team: TeamRecord): Promise<(TeamEntity & { created: boolean }) | null> {
    const rows: (TeamEntity & { created: boolean })[] = await manager.query(
      `INSERT INTO team AS t (key, name, description, contact_email) VALUES ($1::citext, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET
         name = EXCLUDED.name, description = EXCLUDED.description, contact_email = EXCLUDED.contact_email,
         version = t.version + 1, updated_at = now()
       WHERE t.deleted_at IS NULL
         AND (t.name, t.description, t.contact_email) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.description, EXCLUDED.contact_email)
       RETURNING ${this.columns}, (t.xmax = 0) AS created`,
      [team.key, team.name, team.description, team.contactEmail],
    );
    return rows[0] ?? null;
  }

  async findByKey(key: string, manager?: EntityManager): Promise<TeamEntity | null> {
    const rows: TeamEntity[] = await (manager ?? this.dataSource).query(
      `SELECT ${this.columns} FROM team t WHERE t.key = $1::citext`,
      [key],
    );
    return rows[0] ?? null;
  }

  async findByIds(ids: readonly string[]): Promise<TeamEntity[]> {
    return this.dataSource.query(`SELECT ${this.columns} FROM team t WHERE t.id = ANY($1::uuid[])`, [ids]);
  }

  /** Of `keys`, the live teams (id and key as stored). */
  async findLive(manager: EntityManager, keys: string[]): Promise<{ id: string; key: string }[]> {
    return manager.query(`SELECT id, key::text AS key FROM team WHERE key = ANY($1::citext[]) AND deleted_at IS NULL`, [
      keys,
    ]);
  }

  async page(first: number, order: string, search?: string, after?: Cursor): Promise<Page<TeamEntity>> {
    const params = new SqlParams();
    const where = ['t.deleted_at IS NULL'];
    if (search?.trim()) {
      const like = params.add(containsPattern(search.trim()));
      where.push(`(t.key::text ILIKE ${like} OR t.name ILIKE ${like})`);
    }
    const rows: (TeamEntity & { sortValue: string })[] = await this.dataSource.query(
      keysetSql({
        select: this.columns,
        from: 'team t',
        where,
        sort: { expr: 'lower(t.key::text)', type: 'text', direction: 'ASC' },
        id: 't.id',
        first,
        after,
        params,
      }),
      params.values,
    );
    return toPage(rows, first, order, after !== undefined, ({ sortValue: _s, ...team }) => team);
  }

  async count(search?: string): Promise<number> {
    const like = search?.trim() ? containsPattern(search.trim()) : null;
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM team t
       WHERE t.deleted_at IS NULL AND ($1::text IS NULL OR t.key::text ILIKE $1 OR t.name ILIKE $1)`,
      [like],
    );
    return row.count;
  }
}
