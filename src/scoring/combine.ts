import { ScoringFactor, type Measure, type Score, type ScoredFactor } from './scoring.types';
import { appendTo } from '../common/multimap';

/** Rounds to hundredths. Monotone, so it keeps every "never lowers" property of the exact score. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** For each factor, the value a service whose data is missing is counted at: the active estate's mean. */
export type Assumptions = Partial<Record<ScoringFactor, number>>;

/**
 * Weighted mean of the measures, on 0–100. A missing measure is never read as zero: it is counted
 * at the estate's average for that factor (`assumed`), flagged `missing`, and lowers `confidence`
 * (known weight / all weight), so a service nobody has described lands mid-table with low
 * confidence instead of at either end. A factor missing everywhere takes no part: the others share
 * its points. With nothing known about the service itself the score is null.
 * Contributions are apportioned in hundredths (largest remainder) so that they add up to the score.
 */
export function combine(
  measures: [ScoringFactor, Measure][],
  weights: Record<string, number>,
  assumed: Assumptions = {},
): Score {
  let totalWeight = 0;
  let knownWeight = 0;
  let countedWeight = 0;
  let missingWeight = 0;
  const counted = measures.map(([factor, m]) => {
    const value = m.value ?? assumed[factor] ?? null;
    const w = weights[factor] ?? 0;
    totalWeight += w;
    if (m.value !== null) knownWeight += w;
    else missingWeight += w;
    if (value !== null) countedWeight += w;
    return value === null ? null : clamp01(value);
  });
  const scored = knownWeight > 0 && countedWeight > 0;
  const exact = measures.map(([factor], i) => {
    const value = counted[i];
    return !scored || value === null ? 0 : (100 * value * (weights[factor] ?? 0)) / countedWeight;
  });
  const exactScore = exact.reduce((a, b) => a + b, 0);
  const cents = apportion(exact, Math.round(exactScore * 100));
  const factors: ScoredFactor[] = measures.map(([factor, m], i) => {
    const profileWeight = weights[factor] ?? 0;
    const assumedValue = m.value === null ? counted[i] : null;
    return {
      factor,
      value: m.value === null ? null : round4(clamp01(m.value)),
      assumedValue: assumedValue === null ? null : round4(assumedValue),
      profileWeight,
      weight: scored && counted[i] !== null ? round2((100 * profileWeight) / countedWeight) : 0,
      contribution: cents[i] / 100,
      missing: m.value === null,
      reason:
        assumedValue === null || !scored
          ? m.reason
          : `${m.reason}; counted at the estate's average (${assumedValue.toFixed(2)})`,
    };
  });
  return {
    score: scored ? round2(exactScore) : null,
    confidence: confidenceOf(knownWeight, totalWeight, missingWeight > 0),
    factors,
  };
}

/**
 * Factors that rank a service against its peers (cost, cost per user, users). Their estate average
 * would move with the very service it stands in for (its own cost shifts its peers' ranks), so a
 * service missing one is counted at the middle of the estate, 0.5, by definition of a rank.
 */
const PEER_RELATIVE = new Set<ScoringFactor>([
  ScoringFactor.ANNUAL_COST,
  ScoringFactor.COST_PER_USER,
  ScoringFactor.ACTIVE_USERS,
]);
const PEER_MIDDLE = 0.5;

/**
 * The value each factor is assumed at for services missing it: the mean of the known values (summed
 * in sorted order and rounded, so the estate's order cannot change it), or the peers' middle for
 * peer-relative factors. Other factors no service knows are left out.
 */
export function averages(measureLists: Iterable<[ScoringFactor, Measure][]>): Assumptions {
  const values = new Map<ScoringFactor, number[]>();
  for (const measures of measureLists) {
    for (const [factor, m] of measures) {
      if (m.value === null) continue;
      appendTo(values, factor, clamp01(m.value));
    }
  }
  const result: Assumptions = {};
  for (const [factor, list] of values) {
    list.sort((a, b) => a - b);
    result[factor] = round4(list.reduce((a, b) => a + b, 0) / list.length);
  }
  // Even when no service has them: whether one does can hinge on the service being assumed for.
  for (const factor of PEER_RELATIVE) result[factor] = PEER_MIDDLE;
  return result;
}

/** Known weight / all weight to three decimals; below 1 whenever anything weighed is missing. */
function confidenceOf(knownWeight: number, totalWeight: number, anyMissing: boolean): number {
  if (totalWeight === 0) return 0;
  if (!anyMissing) return 1;
  return Math.min(Math.round((knownWeight / totalWeight) * 1000) / 1000, 0.999);
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** Integer parts (hundredths) of `exact × 100` that add up to `total`, by largest remainder. */
function apportion(exact: number[], total: number): number[] {
  const scaled = exact.map((x) => x * 100);
  const parts = scaled.map(Math.floor);
  let remainder = total - parts.reduce((a, b) => a + b, 0);
  const byFraction = scaled
    .map((x, i) => ({ i, fraction: x - Math.floor(x) }))
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of byFraction) {
    if (remainder <= 0) break;
    parts[i] += 1;
    remainder -= 1;
  }
  return parts;
}
