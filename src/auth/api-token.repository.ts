import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { returningRows } from '../database/returning';
import { selectColumns } from '../database/select-columns';
import { ApiTokenEntity } from './api-token.entity';

export type TokenWithTeam = ApiTokenEntity & { teamKey: string | null };

@Injectable()
export class ApiTokenRepository {
  private readonly columns: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.columns = selectColumns(dataSource.getMetadata(ApiTokenEntity), 'k');
  }

  async insert(
    manager: EntityManager,
    token: Pick<ApiTokenEntity, 'name' | 'role' | 'teamId' | 'tokenHash' | 'tokenPrefix' | 'createdBy' | 'expiresAt'>,
  ): Promise<ApiTokenEntity> {
    const [row] = await manager.query<ApiTokenEntity[]>(
      `INSERT INTO api_token AS k (name, role, team_id, token_hash, token_prefix, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${this.columns}`,
      [token.name, token.role, token.teamId, token.tokenHash, token.tokenPrefix, token.createdBy, token.expiresAt],
    );
    return row;
  }

  /** The token with this hash, with its team's key, whatever its state. */
  async findByHash(hash: string): Promise<TokenWithTeam | null> {
    const rows = await this.dataSource.query<TokenWithTeam[]>(
      `SELECT ${this.columns}, t.key::text AS "teamKey"
       FROM api_token k LEFT JOIN team t ON t.id = k.team_id WHERE k.token_hash = $1`,
      [hash],
    );
    return rows[0] ?? null;
  }

  async list(includeRevoked: boolean): Promise<TokenWithTeam[]> {
    return this.dataSource.query(
      `SELECT ${this.columns}, t.key::text AS "teamKey"
       FROM api_token k LEFT JOIN team t ON t.id = k.team_id
       ${includeRevoked ? '' : 'WHERE k.revoked_at IS NULL'}
       ORDER BY k.created_at, k.id`,
    );
  }

  async revoke(manager: EntityManager, id: string): Promise<ApiTokenEntity | null> {
    const rows = await returningRows<ApiTokenEntity>(
      manager,
      `UPDATE api_token k SET revoked_at = now() WHERE k.id = $1::uuid AND k.revoked_at IS NULL RETURNING ${this.columns}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findById(manager: EntityManager, id: string): Promise<TokenWithTeam | null> {
    const rows = await manager.query<TokenWithTeam[]>(
      `SELECT ${this.columns}, t.key::text AS "teamKey" FROM api_token k LEFT JOIN team t ON t.id = k.team_id
       WHERE k.id = $1::uuid`,
      [id],
    );
    return rows[0] ?? null;
  }

  async count(manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM api_token`);
    return row.n;
  }

  /** Records use at most once a minute per token, so that reads do not each cost a write. */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_token SET last_used_at = now()
       WHERE id = $1::uuid AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
