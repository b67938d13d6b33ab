import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoring profiles: named, versioned weights and thresholds for the AI-readiness
 * and retirement scores. Saving a profile adds a version; versions are never
 * changed or deleted (a trigger refuses it), so a score or a plan that names
 * `name@version` can always be reproduced. The built-in `default` profile lives
 * in code and is never stored.
 */
export class ScoringProfiles1795338000000 implements MigrationInterface {
  name = 'ScoringProfiles1795338000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE scoring_profile (
        id          uuid        NOT NULL DEFAULT gen_random_uuid(),
        name        citext      NOT NULL,
        version     integer     NOT NULL,
        description text,
        settings    jsonb       NOT NULL,
        created_by  text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_scoring_profile PRIMARY KEY (id),
        CONSTRAINT uq_scoring_profile_version UNIQUE (name, version),
        CONSTRAINT chk_scoring_profile_name CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$' AND name <> 'default'),
        CONSTRAINT chk_scoring_profile_version CHECK (version > 0),
        CONSTRAINT chk_scoring_profile_settings CHECK (jsonb_typeof(settings) = 'object')
      )`);
    await db.query(`
      CREATE FUNCTION estate_scoring_profile_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'scoring profile versions cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER trg_scoring_profile_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON scoring_profile
      FOR EACH STATEMENT EXECUTE FUNCTION estate_scoring_profile_immutable()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE scoring_profile`);
    await db.query(`DROP FUNCTION estate_scoring_profile_immutable()`);
  }
}
