import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mappings from services' data onto the unified schema: entity to entity and
 * field to field, each SUGGESTED by the matcher, or CONFIRMED / REJECTED by an
 * architect (who and when). A pair is one row whatever its status, so a
 * rejection is remembered and never suggested again. Field mappings carry the
 * transformation (JSON, validated by the service) and whether the source is the
 * system of record. Both ends cascade: a field that leaves its service's schema
 * or the unified schema takes its mappings with it.
 */
export class Mappings1795334400000 implements MigrationInterface {
  name = 'Mappings1795334400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE entity_mapping (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        data_entity_id    uuid        NOT NULL,
        unified_entity_id uuid        NOT NULL,
        status            text        NOT NULL,
        confidence        real,
        reasons           text[]      NOT NULL DEFAULT '{}',
        decided_by        text,
        decided_at        timestamptz,
        unified_version   integer,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_entity_mapping PRIMARY KEY (id),
        CONSTRAINT uq_entity_mapping_pair UNIQUE (data_entity_id, unified_entity_id),
        CONSTRAINT fk_entity_mapping_data_entity FOREIGN KEY (data_entity_id) REFERENCES data_entity (id) ON DELETE CASCADE,
        CONSTRAINT fk_entity_mapping_unified_entity FOREIGN KEY (unified_entity_id) REFERENCES unified_entity (id) ON DELETE CASCADE,
        CONSTRAINT chk_entity_mapping_status CHECK (status IN ('SUGGESTED', 'CONFIRMED', 'REJECTED')),
        CONSTRAINT chk_entity_mapping_confidence CHECK (confidence BETWEEN 0 AND 1),
        CONSTRAINT chk_entity_mapping_decision CHECK ((status = 'SUGGESTED') = (decided_at IS NULL))
      )`);
    await db.query(`CREATE INDEX idx_entity_mapping_unified ON entity_mapping (unified_entity_id, status)`);
    await db.query(`
      CREATE TABLE field_mapping (
        id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
        data_field_id       uuid        NOT NULL,
        unified_field_id    uuid        NOT NULL,
        status              text        NOT NULL,
        confidence          real,
        reasons             text[]      NOT NULL DEFAULT '{}',
        transformation      jsonb,
        is_system_of_record boolean     NOT NULL DEFAULT false,
        decided_by          text,
        decided_at          timestamptz,
        unified_version     integer,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_field_mapping PRIMARY KEY (id),
        CONSTRAINT uq_field_mapping_pair UNIQUE (data_field_id, unified_field_id),
        CONSTRAINT fk_field_mapping_data_field FOREIGN KEY (data_field_id) REFERENCES data_field (id) ON DELETE CASCADE,
        CONSTRAINT fk_field_mapping_unified_field FOREIGN KEY (unified_field_id) REFERENCES unified_field (id) ON DELETE CASCADE,
        CONSTRAINT chk_field_mapping_status CHECK (status IN ('SUGGESTED', 'CONFIRMED', 'REJECTED')),
        CONSTRAINT chk_field_mapping_confidence CHECK (confidence BETWEEN 0 AND 1),
        CONSTRAINT chk_field_mapping_decision CHECK ((status = 'SUGGESTED') = (decided_at IS NULL)),
        CONSTRAINT chk_field_mapping_transformation CHECK (transformation IS NULL OR jsonb_typeof(transformation -> 'kind') = 'string')
      )`);
    // Sources of a unified field (coverage), the review queue (by confidence) and a field's decisions.
    await db.query(`CREATE INDEX idx_field_mapping_unified ON field_mapping (unified_field_id, status)`);
    await db.query(`CREATE INDEX idx_field_mapping_review ON field_mapping (status, confidence DESC, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE field_mapping`);
    await db.query(`DROP TABLE entity_mapping`);
  }
}
