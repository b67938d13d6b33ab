import type { Lifecycle } from '../../inventory/inventory.enums';
import type { FieldType, PiiClass } from '../../schemas/schema.types';
import type { MappingStatus } from '../mapping.types';

/**
 * The data dictionary: the unified schema of one version with, for every field, the services that
 * supply it. What an AI agent or a data engineer is given as context, rendered as JSON Schema,
 * OpenAPI or Markdown. Plain data, in a fixed order, so that two versions diff cleanly.
 */
export interface DataDictionary {
  /** The published version described, or the draft. */
  version: number | 'draft';
  /** ISO 8601; null for the draft. */
  publishedAt: string | null;
  publishedBy: string | null;
  /** What the version brings, as its publisher wrote it. */
  note: string | null;
  /** By name, case aside. */
  entities: DictionaryEntity[];
  coverage: DictionaryCoverage;
}

export interface DictionaryEntity {
  name: string;
  description: string | null;
  synonyms: string[];
  /** By name, case aside. */
  fields: DictionaryField[];
  coverage: DictionaryCoverage;
}

export interface DictionaryField {
  /** A dotted path, `[]` marking a list: `addresses[].city`. */
  name: string;
  /** Null while the architects have not settled it. */
  type: FieldType | null;
  description: string | null;
  required: boolean;
  synonyms: string[];
  piiClass: PiiClass | null;
  allowedValues: string[];
  /** Services mapped onto the field by CONFIRMED mappings: systems of record first, then by service key. */
  suppliers: DictionarySupplier[];
  coverage: FieldCoverage;
}

/** A service field that a unified field's values come from. */
export interface DictionarySupplier {
  serviceKey: string;
  serviceName: string;
  lifecycle: Lifecycle;
  /** The service's entity, e.g. Salesforce `Account`. */
  entity: string;
  /** The source field's path in that entity, e.g. `BillingAddress.city`. */
  field: string;
  systemOfRecord: boolean;
  status: MappingStatus.CONFIRMED;
}

export interface FieldCoverage {
  /** Distinct services supplying the field. */
  services: number;
  /** Distinct services that claim to be its system of record. */
  systemsOfRecord: number;
  singleSource: boolean;
  conflictingMasters: boolean;
}

/** How the fields of an entity (or of the whole schema) are sourced, by the rules of `coverageReport`. */
export interface DictionaryCoverage {
  fields: number;
  withSource: number;
  withoutSource: number;
  singleSource: number;
  conflictingMasters: number;
}

export type DictionaryFormat = 'jsonschema' | 'openapi' | 'markdown';

export const DICTIONARY_FORMATS: readonly DictionaryFormat[] = ['jsonschema', 'openapi', 'markdown'];

/** A published version by number, the latest published one, or the draft. */
export type DictionaryVersion = number | 'draft' | 'latest';

export interface RenderedDictionary {
  contentType: string;
  /** e.g. `estate-unified-v3.schema.json`. */
  fileName: string;
  body: string;
}

/** `3`, `latest` or `draft` (any case) as a DictionaryVersion; undefined for anything else. */
export function parseDictionaryVersion(text: string): DictionaryVersion | undefined {
  const word = text.trim().toLowerCase();
  if (word === 'draft' || word === 'latest') return word;
  if (!/^[1-9][0-9]{0,8}$/.test(word)) return undefined;
  return Number(word);
}
