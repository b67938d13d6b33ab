import { EstateBaseline } from './baseline';
import { averages, combine, round2, type Assumptions } from './combine';
import * as factor from './factors';
import type { ProfileSettings } from './profile';
import {
  Disposition,
  ScoringFactor,
  type DispositionVerdict,
  isActive,
  type Measure,
  type Score,
  type ScoredFactor,
  type ServiceFacts,
  type ServiceScores,
} from './scoring.types';

type Measures = [ScoringFactor, Measure][];

/** What the estate's services are counted at where their own data is missing. */
export interface EstateAssumptions {
  aiReadiness: Assumptions;
  retirement: Assumptions;
}

export const NO_ASSUMPTIONS: EstateAssumptions = { aiReadiness: {}, retirement: {} };

export function aiReadinessMeasures(f: ServiceFacts): Measures {
  return [
    [ScoringFactor.API_ACCESS, factor.apiAccess(f)],
    [ScoringFactor.BULK_EXPORT, factor.bulkExport(f)],
    [ScoringFactor.CHANGE_EVENTS, factor.changeEvents(f)],
    [ScoringFactor.DATA_STRUCTURE, factor.dataStructure(f)],
    [ScoringFactor.DOCUMENTATION, factor.documentation(f)],
    [ScoringFactor.TYPED_FIELDS, factor.typedFields(f)],
    [ScoringFactor.STABLE_IDENTIFIERS, factor.stableIdentifiers(f)],
    [ScoringFactor.PII_HANDLING, factor.piiHandling(f)],
    [ScoringFactor.UNIFIED_MAPPING, factor.unifiedMapping(f)],
  ];
}

export function retirementMeasures(
  f: ServiceFacts,
  aiReadiness: number | null,
  baseline: EstateBaseline,
  settings: ProfileSettings,
): Measures {
  return [
    [ScoringFactor.LOW_AI_READINESS, factor.lowAiReadiness(aiReadiness)],
    [ScoringFactor.REDUNDANCY, factor.redundancy(f)],
    [ScoringFactor.MAPPING_COVERAGE, factor.mappingCoverage(f)],
    [ScoringFactor.ANNUAL_COST, factor.annualCost(f, baseline, settings)],
    [ScoringFactor.COST_PER_USER, factor.costPerUser(f, baseline, settings)],
    [ScoringFactor.SEAT_UTILISATION, factor.seatUtilisation(f)],
    [ScoringFactor.ACTIVE_USERS, factor.activeUsers(f, baseline)],
    [ScoringFactor.LIFECYCLE, factor.lifecycle(f)],
    [ScoringFactor.DEPENDENTS, factor.dependents(f, settings)],
    [ScoringFactor.CRITICALITY, factor.criticality(f)],
    [ScoringFactor.SOLE_SOURCE, factor.soleSource(f, settings)],
  ];
}

/**
 * TIME from two axes: business value (criticality, usage, consumers, sole-sourced data) and
 * technical fit (AI-readiness). Valuable and fit: INVEST; valuable, not fit: MIGRATE (keep the
 * capability, move its data); fit, not valuable: TOLERATE; neither: ELIMINATE.
 */
export function dispositionOf(
  f: ServiceFacts,
  aiReadiness: number | null,
  baseline: EstateBaseline,
  settings: ProfileSettings,
): DispositionVerdict {
  const value = factor.businessValue(f, baseline, settings);
  const businessValue = round2(value.value);
  const { businessValue: valueBar, technicalFit: fitBar } = settings.thresholds;
  const valueText = `business value ${businessValue.toFixed(1)} (${value.parts.join(', ')})`;
  if (aiReadiness === null) {
    return { disposition: null, businessValue, technicalFit: null, reason: `${valueText}; AI-readiness unknown` };
  }
  const valuable = businessValue >= valueBar;
  const fit = aiReadiness >= fitBar;
  const disposition = valuable
    ? fit
      ? Disposition.INVEST
      : Disposition.MIGRATE
    : fit
      ? Disposition.TOLERATE
      : Disposition.ELIMINATE;
  const compare = (x: boolean) => (x ? '≥' : '<');
  return {
    disposition,
    businessValue,
    technicalFit: aiReadiness,
    reason: `${valueText} ${compare(valuable)} ${valueBar}; AI-readiness ${aiReadiness.toFixed(1)} ${compare(fit)} ${fitBar}`,
  };
}

export function scoreService(
  f: ServiceFacts,
  baseline: EstateBaseline,
  settings: ProfileSettings,
  assumed: EstateAssumptions = NO_ASSUMPTIONS,
): ServiceScores {
  const aiReadiness = combine(aiReadinessMeasures(f), settings.aiReadinessWeights, assumed.aiReadiness);
  const retirement = combine(
    retirementMeasures(f, aiReadiness.score, baseline, settings),
    settings.retirementWeights,
    assumed.retirement,
  );
  return {
    serviceId: f.id,
    aiReadiness,
    retirement,
    disposition: dispositionOf(f, aiReadiness.score, baseline, settings),
  };
}

/**
 * Scores of every service, each against the active estate: its peers for cost and usage, and the
 * estate's averages for the factors its own data leaves missing. Two passes, since retirement
 * weighs AI-readiness: AI-readiness of all, then retirement of all.
 */
export function scoreEstate(facts: readonly ServiceFacts[], settings: ProfileSettings): Map<string, ServiceScores> {
  const baseline = EstateBaseline.of(facts, settings);
  const activeOnly = (lists: Measures[]) => lists.filter((_, i) => isActive(facts[i]));
  const aiMeasures = facts.map(aiReadinessMeasures);
  const aiAssumed = averages(activeOnly(aiMeasures));
  const aiScores = aiMeasures.map((m) => combine(m, settings.aiReadinessWeights, aiAssumed));
  const retMeasures = facts.map((f, i) => retirementMeasures(f, aiScores[i].score, baseline, settings));
  const retAssumed = averages(activeOnly(retMeasures));
  return new Map(
    facts.map((f, i) => [
      f.id,
      {
        serviceId: f.id,
        aiReadiness: aiScores[i],
        retirement: combine(retMeasures[i], settings.retirementWeights, retAssumed),
        disposition: dispositionOf(f, aiScores[i].score, baseline, settings),
      },
    ]),
  );
}

/** Highest retirement score first; unknown scores last; ties by key (case-insensitive, code point order). */
export function byRetirementScore(
  a: { facts: ServiceFacts; scores: ServiceScores },
  b: { facts: ServiceFacts; scores: ServiceScores },
): number {
  const x = a.scores.retirement.score ?? -1;
  const y = b.scores.retirement.score ?? -1;
  if (x !== y) return y - x;
  const ka = a.facts.key.toLowerCase();
  const kb = b.facts.key.toLowerCase();
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The factor that gave the score the most points (the first of equals), or null when none gave any. */
export function strongestFactor(score: Score): ScoredFactor | null {
  let top: ScoredFactor | null = null;
  for (const f of score.factors) if (f.contribution > 0 && (!top || f.contribution > top.contribution)) top = f;
  return top;
}
