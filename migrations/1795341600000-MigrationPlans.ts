import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved migration plans: the inputs, the scoring-profile and unified-schema versions used, who
 * made it and when, and the computed plan itself (waves, services, totals) as JSON, so a plan
 * reads the same however the estate changes afterwards. A re-run is a new plan pointing at the
 * one it repeats. Plans are never changed (a trigger refuses it).
 */
export class MigrationPlans1795341600000 implements MigrationInterface {
  name = 'MigrationPlans1795341600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE migration_plan (
        id                     uuid          NOT NULL DEFAULT gen_random_uuid(),
        name                   text          NOT NULL,
        inputs                 jsonb         NOT NULL,
        profile_name           citext        NOT NULL,
        profile_version        integer       NOT NULL,
        unified_schema_version integer,
        result                 jsonb         NOT NULL,
        service_count          integer       NOT NULL,
        wave_count             integer       NOT NULL,
        annual_savings         numeric(16,2) NOT NULL,
        currency               text          NOT NULL,
        rerun_of               uuid,
        created_by             text          NOT NULL,
        created_at             timestamptz   NOT NULL DEFAULT now(),
        CONSTRAINT pk_migration_plan PRIMARY KEY (id),
        CONSTRAINT fk_migration_plan_rerun_of FOREIGN KEY (rerun_of) REFERENCES migration_plan (id),
        CONSTRAINT chk_migration_plan_name CHECK (length(btrim(name)) > 0 AND length(name) <= 200),
        CONSTRAINT chk_migration_plan_inputs CHECK (jsonb_typeof(inputs) = 'object'),
        CONSTRAINT chk_migration_plan_result CHECK (jsonb_typeof(result) = 'object'),
        CONSTRAINT chk_migration_plan_counts CHECK (profile_version >= 0 AND service_count >= 0 AND wave_count >= 0),
        CONSTRAINT chk_migration_plan_currency CHECK (currency ~ '^[A-Z]{3}$')
      )`);
    await db.query(`CREATE INDEX idx_migration_plan_created ON migration_plan (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX idx_migration_plan_rerun_of ON migration_plan (rerun_of)`);
    await db.query(`
      CREATE FUNCTION estate_migration_plan_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'migration plans cannot be changed' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER trg_migration_plan_immutable BEFORE UPDATE ON migration_plan
      FOR EACH STATEMENT EXECUTE FUNCTION estate_migration_plan_immutable()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE migration_plan`);
    await db.query(`DROP FUNCTION estate_migration_plan_immutable()`);
  }
}
