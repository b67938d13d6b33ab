import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API tokens. Only a SHA-256 hash of each secret is stored; the secret is shown
 * once. Editors act for one team; other roles for none.
 */
export class ApiTokens1795320000000 implements MigrationInterface {
  name = 'ApiTokens1795320000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_token (
        id           uuid        NOT NULL DEFAULT gen_random_uuid(),
        name         text        NOT NULL,
        role         text        NOT NULL,
        team_id      uuid,
        token_hash   text        NOT NULL,
        token_prefix text        NOT NULL,
        created_by   uuid,
        created_at   timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz,
        revoked_at   timestamptz,
        last_used_at timestamptz,
        CONSTRAINT pk_api_token PRIMARY KEY (id),
        CONSTRAINT uq_api_token_hash UNIQUE (token_hash),
        CONSTRAINT fk_api_token_team FOREIGN KEY (team_id) REFERENCES team (id) ON DELETE RESTRICT,
        CONSTRAINT fk_api_token_created_by FOREIGN KEY (created_by) REFERENCES api_token (id) ON DELETE RESTRICT,
        CONSTRAINT chk_api_token_role CHECK (role IN ('ADMIN', 'ARCHITECT', 'EDITOR', 'VIEWER')),
        CONSTRAINT chk_api_token_team CHECK ((role = 'EDITOR') = (team_id IS NOT NULL)),
        CONSTRAINT chk_api_token_name CHECK (length(btrim(name)) > 0),
        CONSTRAINT chk_api_token_hash CHECK (token_hash ~ '^[0-9a-f]{64}$')
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE api_token`);
  }
}
