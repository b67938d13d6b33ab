import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: one row per committed change (written in the same
 * transaction) and one per refused write. Rows cannot be changed or deleted:
 * a trigger refuses it, whoever asks.
 */
export class AuditTrail1795323600000 implements MigrationInterface {
  name = 'AuditTrail1795323600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_event (
        id             uuid        NOT NULL DEFAULT gen_random_uuid(),
        occurred_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_token_id uuid,
        actor_name     text        NOT NULL,
        action         text        NOT NULL,
        outcome        text        NOT NULL,
        target_type    text        NOT NULL,
        target_key     text        NOT NULL,
        changes        jsonb,
        reason         text,
        request_id     text,
        import_id      uuid,
        CONSTRAINT pk_audit_event PRIMARY KEY (id),
        CONSTRAINT fk_audit_event_token FOREIGN KEY (actor_token_id) REFERENCES api_token (id) ON DELETE RESTRICT,
        CONSTRAINT chk_audit_event_outcome CHECK (outcome IN ('SUCCESS', 'DENIED')),
        CONSTRAINT chk_audit_event_changes CHECK (changes IS NULL OR jsonb_typeof(changes) = 'object')
      )`);
    await db.query(`CREATE INDEX idx_audit_event_time ON audit_event (occurred_at DESC, id DESC)`);
    await db.query(
      `CREATE INDEX idx_audit_event_target ON audit_event (target_type, lower(target_key), occurred_at DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX idx_audit_event_import ON audit_event (import_id) WHERE import_id IS NOT NULL`);
    await db.query(`
      CREATE FUNCTION estate_audit_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit events cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER trg_audit_event_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION estate_audit_event_immutable()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_event`);
    await db.query(`DROP FUNCTION estate_audit_event_immutable()`);
  }
}
