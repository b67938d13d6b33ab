import { FieldType, PiiClass } from '../schemas/schema.types';

/**
 * The unified schema as a plain document: what `estate unified import|export` reads and writes,
 * what a published version freezes, and what the matcher ranks candidates from.
 * Entity names are qualified by a domain, e.g. `crm.Account`; field names may be dotted paths,
 * with `[]` marking a list (`addresses[].city`).
 */
export interface UnifiedFieldSpec {
  /** Set on what Estate stores (the draft, a published snapshot); ignored on input. */
  id?: string;
  name: string;
  type?: FieldType | null;
  description?: string | null;
  synonyms?: string[];
  required?: boolean;
  piiClass?: PiiClass | null;
  /** Allowed values of an ENUM field. */
  enumValues?: string[] | null;
}

export interface UnifiedEntitySpec {
  /** Set on what Estate stores (the draft, a published snapshot); ignored on input. */
  id?: string;
  name: string;
  description?: string | null;
  synonyms?: string[];
  fields: UnifiedFieldSpec[];
}

export interface UnifiedSchemaSpec {
  entities: UnifiedEntitySpec[];
}

/** A field as the draft holds it: every attribute explicit. */
export interface NormalisedUnifiedField {
  name: string;
  /** Null while the architects have not settled it. */
  type: FieldType | null;
  description: string | null;
  synonyms: string[];
  required: boolean;
  piiClass: PiiClass | null;
  enumValues: string[];
}

export interface NormalisedUnifiedEntity {
  name: string;
  description: string | null;
  synonyms: string[];
  fields: NormalisedUnifiedField[];
}

/** A stored field, with the id that stays the same across drafts and versions (mappings refer to it). */
export interface StoredUnifiedField extends NormalisedUnifiedField {
  id: string;
}

export interface StoredUnifiedEntity extends Omit<NormalisedUnifiedEntity, 'fields'> {
  id: string;
  /** In their stored order. */
  fields: StoredUnifiedField[];
}

/** The draft, or a published version's snapshot: entities by name, each entity and field with its id. */
export interface StoredUnifiedSchema {
  entities: StoredUnifiedEntity[];
}

/** Vocabularies enforced by CHECK constraints of the same name; a test keeps them in step. */
export const UNIFIED_CHECKED_VOCABULARIES: Record<string, Record<string, string>> = {
  chk_unified_field_type: FieldType,
  chk_unified_field_pii_class: PiiClass,
};
