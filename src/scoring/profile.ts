import type { InputProblem } from '../common/errors';
import { AI_READINESS_FACTORS, ScoringFactor, type AiReadinessFactor, type RetirementFactor } from './scoring.types';

/** The tunable part of scoring: weights per factor and the thresholds the factor functions use. */
export interface ProfileSettings {
  aiReadinessWeights: Record<AiReadinessFactor, number>;
  retirementWeights: Record<RetirementFactor, number>;
  thresholds: ProfileThresholds;
  /** Costs are compared in this currency; others are converted with `exchangeRates`. */
  baseCurrency: string;
  /** Units of the base currency per unit of each other currency, e.g. { EUR: 1.08 } for base USD. */
  exchangeRates: Record<string, number>;
}

export interface ProfileThresholds {
  /** Consumers at which the DEPENDENTS risk reaches one half (risk = n / (n + this)). */
  dependentsHalfRisk: number;
  /** Sole-sourced unified fields at which the SOLE_SOURCE risk reaches one half. */
  soleSourceHalfRisk: number;
  /** Business value (0–100) at or above which a service is worth keeping: INVEST or MIGRATE. */
  businessValue: number;
  /** AI-readiness (0–100) at or above which a service's data is fit where it is: INVEST or TOLERATE. */
  technicalFit: number;
}

/** A profile as scoring uses it. The built-in default has version 0 and is never stored. */
export interface ScoringProfileSpec extends ProfileSettings {
  name: string;
  version: number;
}

export const DEFAULT_PROFILE_NAME = 'default';

/**
 * The documented default (README, "How scores are made"). AI-readiness leans on how the data can be
 * reached (API, bulk, events: 45 of 100); retirement on what AI-readiness, redundancy and cost say,
 * with dependency risk (25 of 100) pulling the other way.
 */
export const DEFAULT_PROFILE: ScoringProfileSpec = Object.freeze({
  name: DEFAULT_PROFILE_NAME,
  version: 0,
  aiReadinessWeights: {
    [ScoringFactor.API_ACCESS]: 25,
    [ScoringFactor.BULK_EXPORT]: 10,
    [ScoringFactor.CHANGE_EVENTS]: 10,
    [ScoringFactor.DATA_STRUCTURE]: 10,
    [ScoringFactor.DOCUMENTATION]: 10,
    [ScoringFactor.TYPED_FIELDS]: 10,
    [ScoringFactor.STABLE_IDENTIFIERS]: 10,
    [ScoringFactor.PII_HANDLING]: 5,
    [ScoringFactor.UNIFIED_MAPPING]: 10,
  },
  retirementWeights: {
    [ScoringFactor.LOW_AI_READINESS]: 15,
    [ScoringFactor.REDUNDANCY]: 15,
    [ScoringFactor.MAPPING_COVERAGE]: 10,
    [ScoringFactor.ANNUAL_COST]: 10,
    [ScoringFactor.COST_PER_USER]: 10,
    [ScoringFactor.SEAT_UTILISATION]: 10,
    [ScoringFactor.ACTIVE_USERS]: 5,
    [ScoringFactor.LIFECYCLE]: 5,
    [ScoringFactor.DEPENDENTS]: 10,
    [ScoringFactor.CRITICALITY]: 5,
    [ScoringFactor.SOLE_SOURCE]: 5,
  },
  thresholds: { dependentsHalfRisk: 5, soleSourceHalfRisk: 10, businessValue: 50, technicalFit: 50 },
  baseCurrency: 'USD',
  exchangeRates: {},
});

/** What a caller may change: any subset; the rest comes from the profile it is based on. */
export interface ProfileChanges {
  weights?: { factor: ScoringFactor; weight: number }[];
  thresholds?: Partial<ProfileThresholds>;
  baseCurrency?: string;
  exchangeRates?: { currency: string; rate: number }[];
}

const MAX_WEIGHT = 1000;
const AI_SET = new Set<ScoringFactor>(AI_READINESS_FACTORS);
const CURRENCY = /^[A-Z]{3}$/;

/** `base` with `changes` applied, or the problems with `changes` (paths under `path`). */
export function applyProfileChanges(
  base: ProfileSettings,
  changes: ProfileChanges,
  path = 'input',
): { settings: ProfileSettings; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const settings: ProfileSettings = {
    aiReadinessWeights: { ...base.aiReadinessWeights },
    retirementWeights: { ...base.retirementWeights },
    thresholds: { ...base.thresholds },
    baseCurrency: base.baseCurrency,
    exchangeRates: { ...base.exchangeRates },
  };
  const seen = new Set<ScoringFactor>();
  (changes.weights ?? []).forEach(({ factor, weight }, i) => {
    const at = `${path}.weights[${i}]`;
    if (seen.has(factor)) problems.push({ path: `${at}.factor`, message: `${factor} is given twice` });
    seen.add(factor);
    if (!Number.isFinite(weight) || weight < 0 || weight > MAX_WEIGHT) {
      problems.push({ path: `${at}.weight`, message: `must be a number from 0 to ${MAX_WEIGHT} (got ${weight})` });
      return;
    }
    if (AI_SET.has(factor)) settings.aiReadinessWeights[factor as AiReadinessFactor] = weight;
    else settings.retirementWeights[factor as RetirementFactor] = weight;
  });
  const t = changes.thresholds ?? {};
  const checkRange = (name: keyof ProfileThresholds, min: number, max: number, exclusiveMin = false) => {
    const value = t[name];
    if (value === undefined || value === null) return;
    if (!Number.isFinite(value) || value > max || (exclusiveMin ? value <= min : value < min)) {
      const bound = exclusiveMin ? `above ${min}` : `from ${min}`;
      problems.push({ path: `${path}.thresholds.${name}`, message: `must be ${bound} to ${max} (got ${value})` });
    } else {
      settings.thresholds[name] = value;
    }
  };
  checkRange('dependentsHalfRisk', 0, 10_000, true);
  checkRange('soleSourceHalfRisk', 0, 100_000, true);
  checkRange('businessValue', 0, 100);
  checkRange('technicalFit', 0, 100);
  if (changes.baseCurrency !== undefined && changes.baseCurrency !== null) {
    if (CURRENCY.test(changes.baseCurrency)) settings.baseCurrency = changes.baseCurrency;
    else problems.push({ path: `${path}.baseCurrency`, message: 'must be an ISO 4217 code such as USD' });
  }
  const rebased = settings.baseCurrency !== base.baseCurrency;
  if (rebased && !changes.exchangeRates && Object.keys(base.exchangeRates).length > 0) {
    problems.push({
      path: `${path}.exchangeRates`,
      message: `the exchange rates are quoted in ${base.baseCurrency}: give them again in ${settings.baseCurrency}`,
    });
  }
  if (changes.exchangeRates) {
    settings.exchangeRates = {};
    changes.exchangeRates.forEach(({ currency, rate }, i) => {
      const at = `${path}.exchangeRates[${i}]`;
      if (!CURRENCY.test(currency)) problems.push({ path: `${at}.currency`, message: 'must be an ISO 4217 code' });
      else if (currency in settings.exchangeRates) problems.push({ path: `${at}.currency`, message: 'given twice' });
      if (!Number.isFinite(rate) || rate <= 0 || rate > 1e9)
        problems.push({ path: `${at}.rate`, message: `must be a positive number (got ${rate})` });
      settings.exchangeRates[currency] = rate;
    });
  }
  delete settings.exchangeRates[settings.baseCurrency];
  if (sum(Object.values(settings.aiReadinessWeights)) === 0)
    problems.push({ path: `${path}.weights`, message: 'at least one AI-readiness factor needs a weight above 0' });
  if (sum(Object.values(settings.retirementWeights)) === 0)
    problems.push({ path: `${path}.weights`, message: 'at least one retirement factor needs a weight above 0' });
  return { settings, problems };
}

export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** An amount in the profile's base currency; null when the profile has no rate for its currency. */
export function inBaseCurrency(
  settings: Pick<ProfileSettings, 'baseCurrency' | 'exchangeRates'>,
  amount: number,
  currency: string,
): number | null {
  if (currency === settings.baseCurrency) return amount;
  const rate = settings.exchangeRates[currency];
  return rate === undefined ? null : amount * rate;
}
