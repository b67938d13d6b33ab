import type { FieldType } from '../../schemas/schema.types';

/** A field of a service's entity, as the matcher sees it. */
export interface SourceField {
  name: string;
  type?: FieldType | null;
  description?: string | null;
  /** The field identifies its record (a primary key). */
  identifier?: boolean | null;
}

export interface SourceEntity {
  name: string;
  description?: string | null;
  /** The unified entity this entity is already mapped to: its fields' candidates come from there only. */
  mappedTo?: string | null;
  fields: SourceField[];
}

/** A mapping an architect confirmed before: strong evidence for the same name or description next time. */
export interface PastMapping {
  sourceEntity?: string | null;
  sourceField: string;
  sourceDescription?: string | null;
  targetEntity: string;
  targetField: string;
}

export interface MatchOptions {
  /** Candidates per source field (default 3). */
  top?: number;
  /** Below this a candidate is not worth showing (default 0.3). */
  minConfidence?: number;
  /** Below this the best candidate is not good enough to suggest (default 0.5). */
  acceptConfidence?: number;
  history?: readonly PastMapping[];
  /** Pairs an architect rejected: never suggested again. */
  isRejected?: (sourceEntity: string, sourceField: string, targetEntity: string, targetField: string) => boolean;
}

export interface FieldCandidate {
  targetEntity: string;
  targetField: string;
  confidence: number;
  reasons: string[];
}

export interface FieldSuggestion {
  sourceEntity: string;
  sourceField: string;
  candidates: FieldCandidate[];
  /** False when no candidate reached the acceptance threshold: the matcher does not guess. */
  matched: boolean;
  note?: string;
}

export interface EntityCandidate {
  targetEntity: string;
  confidence: number;
  reasons: string[];
}

export interface EntitySuggestion {
  sourceEntity: string;
  candidates: EntityCandidate[];
}

export interface MatchResult {
  suggestions: FieldSuggestion[];
  /** Unified entities for source entities that are not mapped yet. */
  entities: EntitySuggestion[];
  warnings: string[];
}
