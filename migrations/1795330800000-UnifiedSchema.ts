import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unified schema: canonical entities and fields (the live rows are the
 * draft) and its published versions, each a frozen snapshot. Names are citext
 * (unique, case-insensitively). Entities and fields keep their ids across
 * drafts and versions: mappings refer to them. A published version cannot be
 * changed or deleted: a trigger refuses it, whoever asks.
 */
export class UnifiedSchema1795330800000 implements MigrationInterface {
  name = 'UnifiedSchema1795330800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE unified_entity (
        id          uuid        NOT NULL DEFAULT gen_random_uuid(),
        name        citext      NOT NULL,
        description text,
        synonyms    text[]      NOT NULL DEFAULT '{}',
        version     integer     NOT NULL DEFAULT 1,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_unified_entity PRIMARY KEY (id),
        CONSTRAINT uq_unified_entity_name UNIQUE (name),
        CONSTRAINT chk_unified_entity_name CHECK (length(btrim(name::text)) > 0),
        CONSTRAINT chk_unified_entity_version CHECK (version > 0)
      )`);
    await db.query(`
      CREATE TABLE unified_field (
        id          uuid        NOT NULL DEFAULT gen_random_uuid(),
        entity_id   uuid        NOT NULL,
        name        citext      NOT NULL,
        position    integer     NOT NULL,
        type        text,
        description text,
        synonyms    text[]      NOT NULL DEFAULT '{}',
        required    boolean     NOT NULL DEFAULT false,
        pii_class   text,
        enum_values text[]      NOT NULL DEFAULT '{}',
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_unified_field PRIMARY KEY (id),
        CONSTRAINT uq_unified_field_name UNIQUE (entity_id, name),
        CONSTRAINT fk_unified_field_entity FOREIGN KEY (entity_id) REFERENCES unified_entity (id) ON DELETE CASCADE,
        CONSTRAINT chk_unified_field_name CHECK (length(btrim(name::text)) > 0),
        CONSTRAINT chk_unified_field_type CHECK (type IN ('STRING', 'TEXT', 'INTEGER', 'DECIMAL', 'BOOLEAN', 'DATE', 'DATETIME', 'ENUM', 'REFERENCE', 'JSON', 'BINARY')),
        CONSTRAINT chk_unified_field_pii_class CHECK (pii_class IN ('EMAIL', 'PHONE', 'PERSON_NAME', 'POSTAL_ADDRESS', 'BIRTH_DATE', 'NATIONAL_ID', 'BANK_ACCOUNT', 'PAYMENT_CARD', 'IP_ADDRESS', 'GEOLOCATION'))
      )`);
    // Lists page entities by name and an entity's fields by position.
    await db.query(`CREATE INDEX idx_unified_entity_name_order ON unified_entity (lower(name::text), id)`);
    await db.query(`CREATE INDEX idx_unified_field_position ON unified_field (entity_id, position)`);
    await db.query(`
      CREATE TABLE unified_schema_version (
        version      integer     NOT NULL,
        snapshot     jsonb       NOT NULL,
        note         text,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by text        NOT NULL,
        entity_count integer     NOT NULL,
        field_count  integer     NOT NULL,
        CONSTRAINT pk_unified_schema_version PRIMARY KEY (version),
        CONSTRAINT chk_unified_schema_version_version CHECK (version > 0),
        CONSTRAINT chk_unified_schema_version_snapshot CHECK (jsonb_typeof(snapshot -> 'entities') = 'array'),
        CONSTRAINT chk_unified_schema_version_counts CHECK (entity_count > 0 AND field_count >= 0)
      )`);
    await db.query(`
      CREATE FUNCTION estate_unified_schema_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'published unified schema versions cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER trg_unified_schema_version_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON unified_schema_version
      FOR EACH STATEMENT EXECUTE FUNCTION estate_unified_schema_version_immutable()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE unified_schema_version`);
    await db.query(`DROP FUNCTION estate_unified_schema_version_immutable()`);
    await db.query(`DROP TABLE unified_field`);
    await db.query(`DROP TABLE unified_entity`);
  }
}
