import { EstateBaseline } from './baseline';
import { combine, round2 } from './combine';
import * as factor from './factors';
import type { ProfileSettings } from './profile';
import {
  Disposition,
  ScoringFactor,
  type DispositionVerdict,
  type Measure,
  type Score,
  type ServiceFacts,
  type ServiceScores,
} from './scoring.types';

export function aiReadinessOf(f: ServiceFacts, settings: ProfileSettings): Score {
  const measures: [ScoringFactor, Measure][] = [
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
  return combine(measures, settings.aiReadinessWeights);
}

export function retirementOf(
  f: ServiceFacts,
  aiReadiness: number | null,
  baseline: EstateBaseline,
  settings: ProfileSettings,
): Score {
  const measures: [ScoringFactor, Measure][] = [
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
  return combine(measures, settings.retirementWeights);
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

export function scoreService(f: ServiceFacts, baseline: EstateBaseline, settings: ProfileSettings): ServiceScores {
  const aiReadiness = aiReadinessOf(f, settings);
  return {
    serviceId: f.id,
    aiReadiness,
    retirement: retirementOf(f, aiReadiness.score, baseline, settings),
    disposition: dispositionOf(f, aiReadiness.score, baseline, settings),
  };
}

/** Scores of every service, each against the active estate as its baseline. */
export function scoreEstate(facts: readonly ServiceFacts[], settings: ProfileSettings): Map<string, ServiceScores> {
  const baseline = EstateBaseline.of(facts, settings);
  return new Map(facts.map((f) => [f.id, scoreService(f, baseline, settings)]));
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
