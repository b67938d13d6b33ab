import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose changes a scored estate depends on. */
const WATCHED = ['team', 'service', 'integration', 'data_entity', 'data_field', 'field_mapping'];

/**
 * Scoring profiles: named, versioned weights and thresholds for the AI-readiness
 * and retirement scores. Saving a profile adds a version; versions are never
 * changed or deleted (a trigger refuses it), so a score or a plan that names
 * `name@version` can always be reproduced. The built-in `default` profile lives
 * in code and is never stored.
 *
 * The estate's revision: every transaction that writes to a watched table adds
 * one row to estate_change (statement triggers; no row is ever updated, so
 * writers never wait on each other). The sum of `weight` over the committed rows
 * therefore grows with every such commit, and compaction (old rows folded into
 * one with their summed weight) keeps it, so "same sum" means "same data" and
 * the app can keep the scored estate until it changes.
 */
export class Scoring1795338000000 implements MigrationInterface {
  name = 'Scoring1795338000000';

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

    await db.query(`
      CREATE TABLE estate_change (
        txid   bigint NOT NULL,
        weight bigint NOT NULL DEFAULT 1,
        CONSTRAINT pk_estate_change PRIMARY KEY (txid),
        CONSTRAINT chk_estate_change_weight CHECK (weight > 0)
      )`);
    await db.query(`
      CREATE FUNCTION estate_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO estate_change (txid) VALUES (txid_current()) ON CONFLICT (txid) DO NOTHING;
        RETURN NULL;
      END $$`);
    for (const table of WATCHED) {
      await db.query(`
        CREATE TRIGGER trg_${table}_estate_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION estate_note_change()`);
    }
    await db.query(`INSERT INTO estate_change (txid) VALUES (txid_current())`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of WATCHED) await db.query(`DROP TRIGGER trg_${table}_estate_change ON ${table}`);
    await db.query(`DROP FUNCTION estate_note_change()`);
    await db.query(`DROP TABLE estate_change`);
    await db.query(`DROP TABLE scoring_profile`);
    await db.query(`DROP FUNCTION estate_scoring_profile_immutable()`);
  }
}
