import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Teams, services and integrations.
 * Keys are citext: unique and looked up case-insensitively, stored as first written.
 * Money is numeric(14,2) plus an ISO 4217 code. Vocabularies are CHECK constraints
 * (text columns), so adding a value is a one-line constraint swap, not an enum rewrite.
 */
export class Inventory1795312800000 implements MigrationInterface {
  name = 'Inventory1795312800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await db.query(`
      CREATE TABLE team (
        id            uuid        NOT NULL DEFAULT gen_random_uuid(),
        key           citext      NOT NULL,
        name          text        NOT NULL,
        description   text,
        contact_email text,
        version       integer     NOT NULL DEFAULT 1,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        deleted_at    timestamptz,
        CONSTRAINT pk_team PRIMARY KEY (id),
        CONSTRAINT uq_team_key UNIQUE (key),
        CONSTRAINT chk_team_key_format CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
        CONSTRAINT chk_team_name CHECK (length(btrim(name)) > 0),
        CONSTRAINT chk_team_version CHECK (version > 0)
      )`);

    await db.query(`
      CREATE TABLE service (
        id                    uuid          NOT NULL DEFAULT gen_random_uuid(),
        key                   citext        NOT NULL,
        name                  text          NOT NULL,
        description           text,
        kind                  text          NOT NULL,
        vendor                text,
        category              text,
        owner_team_id         uuid          NOT NULL,
        lifecycle             text          NOT NULL DEFAULT 'ACTIVE',
        criticality           text,
        annual_cost_amount    numeric(14,2),
        annual_cost_currency  text,
        licensed_seats        integer,
        monthly_active_users  integer,
        contract_renewal_date date,
        tags                  text[]        NOT NULL DEFAULT '{}',
        links                 jsonb         NOT NULL DEFAULT '[]',
        api_style             text,
        machine_readable_spec boolean,
        spec_format           text,
        bulk_export           boolean,
        change_events         text,
        data_structure        text,
        auth_method           text,
        rate_limit_per_minute integer,
        version               integer       NOT NULL DEFAULT 1,
        created_at            timestamptz   NOT NULL DEFAULT now(),
        updated_at            timestamptz   NOT NULL DEFAULT now(),
        deleted_at            timestamptz,
        CONSTRAINT pk_service PRIMARY KEY (id),
        CONSTRAINT uq_service_key UNIQUE (key),
        CONSTRAINT fk_service_owner_team FOREIGN KEY (owner_team_id) REFERENCES team (id) ON DELETE RESTRICT,
        CONSTRAINT chk_service_key_format CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
        CONSTRAINT chk_service_name CHECK (length(btrim(name)) > 0),
        CONSTRAINT chk_service_kind CHECK (kind IN ('SAAS', 'INTERNAL', 'PLATFORM', 'DATA_STORE')),
        CONSTRAINT chk_service_lifecycle CHECK (lifecycle IN ('PLANNED', 'ACTIVE', 'DEPRECATED', 'RETIRING', 'RETIRED')),
        CONSTRAINT chk_service_criticality CHECK (criticality IN ('LOW', 'MEDIUM', 'HIGH', 'MISSION_CRITICAL')),
        CONSTRAINT chk_service_api_style CHECK (api_style IN ('NONE', 'FILE_EXPORT', 'SOAP', 'REST', 'GRAPHQL')),
        CONSTRAINT chk_service_spec_format CHECK (spec_format IN ('OPENAPI', 'GRAPHQL_SDL', 'WSDL', 'ODATA', 'JSON_SCHEMA', 'ASYNCAPI', 'OTHER')),
        CONSTRAINT chk_service_change_events CHECK (change_events IN ('NONE', 'WEBHOOKS', 'CDC')),
        CONSTRAINT chk_service_data_structure CHECK (data_structure IN ('STRUCTURED', 'SEMI_STRUCTURED', 'UNSTRUCTURED')),
        CONSTRAINT chk_service_auth_method CHECK (auth_method IN ('NONE', 'API_KEY', 'BASIC', 'OAUTH2', 'OIDC', 'SAML', 'MTLS', 'OTHER')),
        CONSTRAINT chk_service_cost_amount CHECK (annual_cost_amount >= 0),
        CONSTRAINT chk_service_cost_currency CHECK (annual_cost_currency ~ '^[A-Z]{3}$'),
        CONSTRAINT chk_service_cost_pair CHECK ((annual_cost_amount IS NULL) = (annual_cost_currency IS NULL)),
        CONSTRAINT chk_service_seats CHECK (licensed_seats >= 0),
        CONSTRAINT chk_service_active_users CHECK (monthly_active_users >= 0),
        CONSTRAINT chk_service_rate_limit CHECK (rate_limit_per_minute > 0),
        CONSTRAINT chk_service_links CHECK (jsonb_typeof(links) = 'array'),
        CONSTRAINT chk_service_version CHECK (version > 0)
      )`);
    await db.query(`CREATE INDEX idx_service_owner_team ON service (owner_team_id)`);

    // Full-text document of a service. IMMUTABLE so it can back an expression index;
    // the 'simple' configuration keeps product names and vendor names unstemmed.
    await db.query(`
      CREATE FUNCTION estate_service_document(name text, key text, vendor text, category text, tags text[], description text)
      RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(key, '')), 'A')
            || setweight(to_tsvector('simple', coalesce(vendor, '') || ' ' || array_to_string(tags, ' ')), 'B')
            || setweight(to_tsvector('simple', coalesce(category, '')), 'C')
            || setweight(to_tsvector('simple', coalesce(description, '')), 'D')
      $$`);
    await db.query(`
      CREATE INDEX idx_service_search ON service
      USING gin (estate_service_document(name, key::text, vendor, category, tags, description))`);
    // Substring matches ("force" finds Salesforce) that word search cannot give.
    await db.query(`CREATE INDEX idx_service_name_trgm ON service USING gin (name gin_trgm_ops)`);
    await db.query(`CREATE INDEX idx_service_key_trgm ON service USING gin ((key::text) gin_trgm_ops)`);
    await db.query(`CREATE INDEX idx_service_tags ON service USING gin (tags)`);
    // Keyset pagination orders.
    await db.query(`CREATE INDEX idx_service_name_order ON service (lower(name), id) WHERE deleted_at IS NULL`);
    await db.query(`CREATE INDEX idx_service_updated_order ON service (updated_at, id) WHERE deleted_at IS NULL`);

    await db.query(`
      CREATE TABLE integration (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        source_service_id uuid        NOT NULL,
        target_service_id uuid        NOT NULL,
        mechanism         text        NOT NULL,
        frequency         text,
        description       text,
        version           integer     NOT NULL DEFAULT 1,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        deleted_at        timestamptz,
        CONSTRAINT pk_integration PRIMARY KEY (id),
        CONSTRAINT fk_integration_source FOREIGN KEY (source_service_id) REFERENCES service (id) ON DELETE RESTRICT,
        CONSTRAINT fk_integration_target FOREIGN KEY (target_service_id) REFERENCES service (id) ON DELETE RESTRICT,
        CONSTRAINT chk_integration_mechanism CHECK (mechanism IN ('API', 'FILE', 'ETL', 'EVENT', 'MANUAL')),
        CONSTRAINT chk_integration_frequency CHECK (frequency IN ('REAL_TIME', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'ON_DEMAND')),
        CONSTRAINT chk_integration_not_self CHECK (source_service_id <> target_service_id),
        CONSTRAINT chk_integration_version CHECK (version > 0)
      )`);
    await db.query(`CREATE INDEX idx_integration_source ON integration (source_service_id)`);
    await db.query(`CREATE INDEX idx_integration_target ON integration (target_service_id)`);
    // One live edge per (source, target, mechanism); a deleted edge can be added again.
    await db.query(`
      CREATE UNIQUE INDEX uq_integration_edge ON integration (source_service_id, target_service_id, mechanism)
      WHERE deleted_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE integration`);
    await db.query(`DROP TABLE service`);
    await db.query(`DROP FUNCTION estate_service_document(text, text, text, text, text[], text)`);
    await db.query(`DROP TABLE team`);
    // citext and pg_trgm stay: other objects of the database may use them.
  }
}
