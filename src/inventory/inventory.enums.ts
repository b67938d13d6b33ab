/** Inventory vocabularies. The database enforces the same values with CHECK constraints. */

export enum ServiceKind {
  SAAS = 'SAAS',
  INTERNAL = 'INTERNAL',
  PLATFORM = 'PLATFORM',
  DATA_STORE = 'DATA_STORE',
}

export enum Lifecycle {
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  DEPRECATED = 'DEPRECATED',
  RETIRING = 'RETIRING',
  RETIRED = 'RETIRED',
}

export enum Criticality {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  MISSION_CRITICAL = 'MISSION_CRITICAL',
}

export enum ApiStyle {
  NONE = 'NONE',
  FILE_EXPORT = 'FILE_EXPORT',
  SOAP = 'SOAP',
  REST = 'REST',
  GRAPHQL = 'GRAPHQL',
}

export enum SpecFormat {
  OPENAPI = 'OPENAPI',
  GRAPHQL_SDL = 'GRAPHQL_SDL',
  WSDL = 'WSDL',
  ODATA = 'ODATA',
  JSON_SCHEMA = 'JSON_SCHEMA',
  ASYNCAPI = 'ASYNCAPI',
  OTHER = 'OTHER',
}

export enum ChangeEvents {
  NONE = 'NONE',
  WEBHOOKS = 'WEBHOOKS',
  CDC = 'CDC',
}

export enum DataStructure {
  STRUCTURED = 'STRUCTURED',
  SEMI_STRUCTURED = 'SEMI_STRUCTURED',
  UNSTRUCTURED = 'UNSTRUCTURED',
}

export enum AuthMethod {
  NONE = 'NONE',
  API_KEY = 'API_KEY',
  BASIC = 'BASIC',
  OAUTH2 = 'OAUTH2',
  OIDC = 'OIDC',
  SAML = 'SAML',
  MTLS = 'MTLS',
  OTHER = 'OTHER',
}

export enum IntegrationMechanism {
  API = 'API',
  FILE = 'FILE',
  ETL = 'ETL',
  EVENT = 'EVENT',
  MANUAL = 'MANUAL',
}

export enum IntegrationFrequency {
  REAL_TIME = 'REAL_TIME',
  HOURLY = 'HOURLY',
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
  ON_DEMAND = 'ON_DEMAND',
}

/** Outcome of an idempotent write. */
export enum WriteOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}

/** Which way an impact walk follows integrations. */
export enum ImpactDirection {
  /** Services that consume this service's data, directly or transitively. */
  DOWNSTREAM = 'DOWNSTREAM',
  /** Services whose data flows into this one, directly or transitively. */
  UPSTREAM = 'UPSTREAM',
}

/** Vocabularies enforced by a CHECK constraint of the same name; a test keeps them in step. */
export const CHECKED_VOCABULARIES: Record<string, Record<string, string>> = {
  chk_service_kind: ServiceKind,
  chk_service_lifecycle: Lifecycle,
  chk_service_criticality: Criticality,
  chk_service_api_style: ApiStyle,
  chk_service_spec_format: SpecFormat,
  chk_service_change_events: ChangeEvents,
  chk_service_data_structure: DataStructure,
  chk_service_auth_method: AuthMethod,
  chk_integration_mechanism: IntegrationMechanism,
  chk_integration_frequency: IntegrationFrequency,
};
