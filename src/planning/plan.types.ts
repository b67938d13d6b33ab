/*
 * A migration plan as computed and saved: everything a report needs, as plain data (no ORM, no
 * Nest), so that the renderers and the planner are pure functions.
 */

/** How the services of a plan are chosen: exactly one of the three. */
export interface PlanSelection {
  serviceKeys?: string[];
  /** The N strongest retirement candidates. */
  top?: number;
  /** Every candidate scoring at least this. */
  minScore?: number;
}

export interface PlanInputs {
  name: string;
  selection: PlanSelection;
  /** The profile asked for; the plan records the version it used. */
  profile: { name: string; version: number | null };
  /** Per wave, at most this many services and/or this much effort (in effort points). */
  waveCapacity: { services?: number | null; effort?: number | null };
  /** Waves beyond this are not planned: their services are listed as unscheduled. */
  maxWaves?: number | null;
  /** ISO date the first wave starts; waves then follow each other every `waveLengthDays`. */
  startDate?: string | null;
  waveLengthDays: number;
}

export enum RiskKind {
  CRITICALITY = 'CRITICALITY',
  PII = 'PII',
  MANY_DEPENDENTS = 'MANY_DEPENDENTS',
  SOLE_SOURCE = 'SOLE_SOURCE',
  CONTRACT_RENEWAL = 'CONTRACT_RENEWAL',
  CYCLE = 'CYCLE',
  OVER_CAPACITY = 'OVER_CAPACITY',
}

export interface Risk {
  kind: RiskKind;
  message: string;
}

/** How much work retiring a service takes (see EFFORT in effort.ts for the weights). */
export interface Effort {
  /** Fields without a CONFIRMED mapping: each must be mapped, or knowingly dropped. */
  fieldsToMap: number;
  /** Fields with a CONFIRMED mapping: each must be checked after the move. */
  fieldsToVerify: number;
  /** Integrations from it into services that stay: each consumer must be re-pointed. */
  integrationsToRepoint: number;
  /** Effort points (≈ person-days). */
  points: number;
}

export interface EntityMove {
  entity: string;
  fields: number;
  mappedFields: number;
  /** Unified entities its mapped fields land in, by name. */
  unifiedEntities: string[];
  /** Unified fields its mapped fields land in, as Entity.field. */
  unifiedFields: string[];
}

export interface RepointedIntegration {
  integrationId: string;
  consumerKey: string;
  mechanism: string;
}

export interface PlannedService {
  id: string;
  key: string;
  name: string;
  kind: string;
  ownerTeamKey: string;
  lifecycle: string;
  criticality: string | null;
  /** In the plan's currency (the profile's base currency); null when unknown or not convertible. */
  annualCost: number | null;
  contractRenewalDate: string | null;
  retirementScore: number | null;
  aiReadiness: number | null;
  confidence: number;
  disposition: string | null;
  /** 1-based; null when it did not fit in `maxWaves`. */
  wave: number | null;
  /** Why it is in this wave, e.g. "wave 3: after crm-sync (consumer)". */
  placement: string;
  /** Other services it must retire with (a cycle of integrations), by key. */
  retiresWith: string[];
  effort: Effort;
  entities: EntityMove[];
  /** Fields without a CONFIRMED mapping, as Entity.field. */
  unmappedFields: string[];
  integrationsToRepoint: RepointedIntegration[];
  risks: Risk[];
}

export interface PlanWave {
  number: number;
  /** ISO dates, when the plan has a start date. */
  startDate: string | null;
  endDate: string | null;
  serviceKeys: string[];
  annualSavings: number;
  cumulativeSavings: number;
  effortPoints: number;
  fields: number;
  mappedFields: number;
  fieldsToMap: number;
  integrationsToRepoint: number;
  /** Unified fields (Entity.field) whose last source retires in this wave. */
  orphanedUnifiedFields: string[];
  /** Groups of services that must retire together (cycles), by key. */
  cycles: string[][];
  risks: number;
}

export interface PlanTotals {
  currency: string;
  annualSavings: number;
  /** Known annual cost of the active estate that stays. */
  remainingEstateCost: number;
  servicesRetired: number;
  fieldsRetired: number;
  unscheduled: number;
  effortPoints: number;
  /** Mean AI-readiness of the active estate, before and after the plan. */
  aiReadinessBefore: number | null;
  aiReadinessAfter: number | null;
  /** Unified fields left without any source once the plan is done. */
  orphanedUnifiedFields: number;
}

/** One service of the estate on the portfolio quadrant. */
export interface QuadrantPoint {
  key: string;
  name: string;
  aiReadiness: number | null;
  retirementScore: number | null;
  annualCost: number | null;
  disposition: string | null;
  inPlan: boolean;
}

export interface MigrationPlanResult {
  inputs: PlanInputs;
  profile: { name: string; version: number };
  /** The latest published unified schema version when the plan was made; null when none was published. */
  unifiedSchemaVersion: number | null;
  generatedAt: string;
  createdBy: string;
  waves: PlanWave[];
  /** Every selected service, in wave order (unscheduled last), then by rank. */
  services: PlannedService[];
  totals: PlanTotals;
  quadrant: QuadrantPoint[];
}

/** The estate at a glance, without a plan. */
export interface EstateReport {
  generatedAt: string;
  profile: { name: string; version: number };
  currency: string;
  inventory: {
    services: number;
    teams: number;
    integrations: number;
    annualCost: number;
    byKind: Record<string, number>;
    byLifecycle: Record<string, number>;
    byDisposition: Record<string, number>;
  };
  coverage: {
    unifiedFields: number;
    withSource: number;
    withoutSource: number;
    singleSource: number;
    fields: number;
    mappedFields: number;
  };
  quadrant: QuadrantPoint[];
  topCandidates: {
    rank: number;
    key: string;
    name: string;
    retirementScore: number | null;
    confidence: number;
    disposition: string | null;
    annualCost: number | null;
    topReason: string;
  }[];
}

export enum ReportFormat {
  MARKDOWN = 'MARKDOWN',
  HTML = 'HTML',
  CSV = 'CSV',
  JSON = 'JSON',
}
