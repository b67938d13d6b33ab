import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data of each service: entities and their fields. Names are citext (unique
 * per service / per entity, case-insensitively). Fields keep their ids across
 * schema updates: later features (mappings) refer to them.
 */
export class ServiceData1795327200000 implements MigrationInterface {
  name = 'ServiceData1795327200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE data_entity (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        service_id        uuid        NOT NULL,
        name              citext      NOT NULL,
        description       text,
        record_count      bigint,
        contains_pii      boolean     NOT NULL DEFAULT false,
        identifier_fields text[]      NOT NULL DEFAULT '{}',
        position          integer     NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_data_entity PRIMARY KEY (id),
        CONSTRAINT uq_data_entity_name UNIQUE (service_id, name),
        CONSTRAINT fk_data_entity_service FOREIGN KEY (service_id) REFERENCES service (id) ON DELETE RESTRICT,
        CONSTRAINT chk_data_entity_name CHECK (length(btrim(name::text)) > 0),
        CONSTRAINT chk_data_entity_record_count CHECK (record_count >= 0)
      )`);
    await db.query(`
      CREATE TABLE data_field (
        id               uuid        NOT NULL DEFAULT gen_random_uuid(),
        entity_id        uuid        NOT NULL,
        name             citext      NOT NULL,
        position         integer     NOT NULL,
        source_type      text,
        type             text        NOT NULL,
        nullable         boolean     NOT NULL DEFAULT true,
        is_identifier    boolean     NOT NULL DEFAULT false,
        description      text,
        enum_values      text[]      NOT NULL DEFAULT '{}',
        reference_target text,
        is_array         boolean     NOT NULL DEFAULT false,
        pii_class        text,
        pii_reason       text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_data_field PRIMARY KEY (id),
        CONSTRAINT uq_data_field_name UNIQUE (entity_id, name),
        CONSTRAINT fk_data_field_entity FOREIGN KEY (entity_id) REFERENCES data_entity (id) ON DELETE CASCADE,
        CONSTRAINT chk_data_field_name CHECK (length(btrim(name::text)) > 0),
        CONSTRAINT chk_data_field_type CHECK (type IN ('STRING', 'TEXT', 'INTEGER', 'DECIMAL', 'BOOLEAN', 'DATE', 'DATETIME', 'ENUM', 'REFERENCE', 'JSON', 'BINARY')),
        CONSTRAINT chk_data_field_pii_class CHECK (pii_class IN ('EMAIL', 'PHONE', 'PERSON_NAME', 'POSTAL_ADDRESS', 'BIRTH_DATE', 'NATIONAL_ID', 'BANK_ACCOUNT', 'PAYMENT_CARD', 'IP_ADDRESS', 'GEOLOCATION'))
      )`);
    await db.query(`CREATE INDEX idx_data_field_type ON data_field (type)`);
    await db.query(`CREATE INDEX idx_data_field_pii ON data_field (pii_class) WHERE pii_class IS NOT NULL`);
    // "Every field anywhere that looks like an email address": substrings of names, words of descriptions.
    await db.query(`CREATE INDEX idx_data_field_name_trgm ON data_field USING gin ((name::text) gin_trgm_ops)`);
    await db.query(
      `CREATE INDEX idx_data_field_description ON data_field USING gin (to_tsvector('simple', coalesce(description, '')))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE data_field`);
    await db.query(`DROP TABLE data_entity`);
  }
}
