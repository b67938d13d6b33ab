/** The normalised type of a field, whatever its source system calls it. */
export enum FieldType {
  STRING = 'STRING',
  TEXT = 'TEXT',
  INTEGER = 'INTEGER',
  DECIMAL = 'DECIMAL',
  BOOLEAN = 'BOOLEAN',
  DATE = 'DATE',
  DATETIME = 'DATETIME',
  ENUM = 'ENUM',
  REFERENCE = 'REFERENCE',
  JSON = 'JSON',
  BINARY = 'BINARY',
}

/** Kinds of personal data a field can hold. */
export enum PiiClass {
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  PERSON_NAME = 'PERSON_NAME',
  POSTAL_ADDRESS = 'POSTAL_ADDRESS',
  BIRTH_DATE = 'BIRTH_DATE',
  NATIONAL_ID = 'NATIONAL_ID',
  BANK_ACCOUNT = 'BANK_ACCOUNT',
  PAYMENT_CARD = 'PAYMENT_CARD',
  IP_ADDRESS = 'IP_ADDRESS',
  GEOLOCATION = 'GEOLOCATION',
}

/** A field as importers produce it and putServiceSchema takes it. */
export interface FieldSpec {
  /** Dotted path for nested data, e.g. `person.legalName.givenName`. */
  name: string;
  sourceType?: string | null;
  type?: FieldType | null;
  nullable?: boolean | null;
  identifier?: boolean | null;
  description?: string | null;
  enumValues?: string[] | null;
  referenceTarget?: string | null;
  isArray?: boolean | null;
  /** Set by hand; when absent, the classifier decides. */
  piiClass?: PiiClass | null;
}

export interface EntitySpec {
  name: string;
  description?: string | null;
  recordCount?: number | null;
  /** The unified entity this entity maps to, as a file may say (read by `estate schema match`). */
  mappedTo?: string | null;
  fields: FieldSpec[];
}

export enum SchemaMode {
  /** The given entities are the whole schema: what is not given is removed. */
  REPLACE = 'REPLACE',
  /** The given entities and fields are added or updated; nothing is removed. */
  MERGE = 'MERGE',
}

export enum ChangeLevel {
  NONE = 'NONE',
  PATCH = 'PATCH',
  MINOR = 'MINOR',
  MAJOR = 'MAJOR',
}

/** Vocabularies enforced by CHECK constraints of the same name; a test keeps them in step. */
export const SCHEMA_CHECKED_VOCABULARIES: Record<string, Record<string, string>> = {
  chk_data_field_type: FieldType,
  chk_data_field_pii_class: PiiClass,
};
