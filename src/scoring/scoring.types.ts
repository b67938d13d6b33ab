/** What scoring knows about one service: its own columns and aggregates of its data, integrations and mappings. */
export interface ServiceFacts {
  id: string;
  key: string;
  name: string;
  kind: string;
  lifecycle: string;
  criticality: string | null;
  ownerTeamId: string;
  /** Annual cost as stored (decimal string) with its currency; null when unknown. */
  annualCost: { amount: number; currency: string } | null;
  licensedSeats: number | null;
  monthlyActiveUsers: number | null;
  access: {
    apiStyle: string | null;
    machineReadableSpec: boolean | null;
    bulkExport: boolean | null;
    changeEvents: string | null;
    dataStructure: string | null;
    authMethod: string | null;
  };
  data: {
    entities: number;
    /** Entities with a declared identifier (identifier fields or a field marked as one). */
    identifiedEntities: number;
    fields: number;
    describedFields: number;
    /** Fields of a definite type: everything but opaque JSON and BINARY. */
    typedFields: number;
    piiFields: number;
    /** Fields with a CONFIRMED mapping onto the unified schema. */
    mappedFields: number;
  };
  /** Unified fields this service supplies through CONFIRMED mappings, and how many others supply them. */
  unified: {
    supplied: number;
    /** Also supplied by at least one other active service. */
    shared: number;
    /** Supplied by no other active service: retiring this service leaves them without a source. */
    soleSource: number;
  };
  /** Live integrations that carry this service's data to another active service. */
  dependents: { integrations: number; consumers: number };
}

/** Services still part of the estate: retired ones neither supply data nor count as peers. */
export function isActive(facts: Pick<ServiceFacts, 'lifecycle'>): boolean {
  return facts.lifecycle !== 'RETIRED';
}

export enum ScoringFactor {
  // AI-readiness
  API_ACCESS = 'API_ACCESS',
  BULK_EXPORT = 'BULK_EXPORT',
  CHANGE_EVENTS = 'CHANGE_EVENTS',
  DATA_STRUCTURE = 'DATA_STRUCTURE',
  DOCUMENTATION = 'DOCUMENTATION',
  TYPED_FIELDS = 'TYPED_FIELDS',
  STABLE_IDENTIFIERS = 'STABLE_IDENTIFIERS',
  PII_HANDLING = 'PII_HANDLING',
  UNIFIED_MAPPING = 'UNIFIED_MAPPING',
  // Retirement: for
  LOW_AI_READINESS = 'LOW_AI_READINESS',
  REDUNDANCY = 'REDUNDANCY',
  MAPPING_COVERAGE = 'MAPPING_COVERAGE',
  ANNUAL_COST = 'ANNUAL_COST',
  COST_PER_USER = 'COST_PER_USER',
  SEAT_UTILISATION = 'SEAT_UTILISATION',
  ACTIVE_USERS = 'ACTIVE_USERS',
  LIFECYCLE = 'LIFECYCLE',
  // Retirement: against (their value is high when the risk is low)
  DEPENDENTS = 'DEPENDENTS',
  CRITICALITY = 'CRITICALITY',
  SOLE_SOURCE = 'SOLE_SOURCE',
}

export const AI_READINESS_FACTORS = [
  ScoringFactor.API_ACCESS,
  ScoringFactor.BULK_EXPORT,
  ScoringFactor.CHANGE_EVENTS,
  ScoringFactor.DATA_STRUCTURE,
  ScoringFactor.DOCUMENTATION,
  ScoringFactor.TYPED_FIELDS,
  ScoringFactor.STABLE_IDENTIFIERS,
  ScoringFactor.PII_HANDLING,
  ScoringFactor.UNIFIED_MAPPING,
] as const;

export const RETIREMENT_FACTORS = [
  ScoringFactor.LOW_AI_READINESS,
  ScoringFactor.REDUNDANCY,
  ScoringFactor.MAPPING_COVERAGE,
  ScoringFactor.ANNUAL_COST,
  ScoringFactor.COST_PER_USER,
  ScoringFactor.SEAT_UTILISATION,
  ScoringFactor.ACTIVE_USERS,
  ScoringFactor.LIFECYCLE,
  ScoringFactor.DEPENDENTS,
  ScoringFactor.CRITICALITY,
  ScoringFactor.SOLE_SOURCE,
] as const;

export type AiReadinessFactor = (typeof AI_READINESS_FACTORS)[number];
export type RetirementFactor = (typeof RETIREMENT_FACTORS)[number];

/** A factor as measured: a value in [0, 1] (null when the data is missing) and why. */
export interface Measure {
  value: number | null;
  reason: string;
}

/** A factor as scored. `weight` is its share of the score in points; contributions add up to the score. */
export interface ScoredFactor {
  factor: ScoringFactor;
  value: number | null;
  /** For a missing factor: the estate's average it is counted at (null when no service has it). */
  assumedValue: number | null;
  /** The profile's weight. */
  profileWeight: number;
  /** Points this factor can give: its profile weight over the weights of the factors counted (0 when not counted). */
  weight: number;
  /** value × weight, rounded so that the contributions add up to the score exactly. */
  contribution: number;
  missing: boolean;
  reason: string;
}

export interface Score {
  /** 0–100, two decimals; null when nothing the score weighs is known about the service. */
  score: number | null;
  /** Share (0–1) of the profile's weight carried by known factors. */
  confidence: number;
  factors: ScoredFactor[];
}

/** TIME: Gartner's disposition of an application, from business value and technical (here: AI) fit. */
export enum Disposition {
  TOLERATE = 'TOLERATE',
  INVEST = 'INVEST',
  MIGRATE = 'MIGRATE',
  ELIMINATE = 'ELIMINATE',
}

export interface DispositionVerdict {
  disposition: Disposition | null;
  /** 0–100: how much the business relies on the service. */
  businessValue: number | null;
  /** 0–100: the AI-readiness score. */
  technicalFit: number | null;
  reason: string;
}

export interface ServiceScores {
  serviceId: string;
  aiReadiness: Score;
  retirement: Score;
  disposition: DispositionVerdict;
}
