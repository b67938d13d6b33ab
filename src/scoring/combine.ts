import type { Measure, Score, ScoredFactor, ScoringFactor } from './scoring.types';

/** Rounds to hundredths. Monotone, so it keeps every "never lowers" property of the exact score. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Weighted mean of the known measures, on 0–100. A missing measure takes no part: the weights of
 * the known ones are scaled up to fill the 100 points, and `confidence` (known weight / all weight)
 * says how much of the profile the score rests on. Missing data is never read as zero.
 * Contributions are apportioned in hundredths (largest remainder) so that they add up to the score.
 */
export function combine(measures: [ScoringFactor, Measure][], weights: Record<string, number>): Score {
  let totalWeight = 0;
  let knownWeight = 0;
  for (const [factor, m] of measures) {
    const w = weights[factor] ?? 0;
    totalWeight += w;
    if (m.value !== null) knownWeight += w;
  }
  const exact = measures.map(([factor, m]) =>
    m.value === null || knownWeight === 0 ? 0 : (100 * clamp01(m.value) * (weights[factor] ?? 0)) / knownWeight,
  );
  const exactScore = exact.reduce((a, b) => a + b, 0);
  const cents = apportion(exact, Math.round(exactScore * 100));
  const factors: ScoredFactor[] = measures.map(([factor, m], i) => {
    const profileWeight = weights[factor] ?? 0;
    const known = m.value !== null && knownWeight > 0;
    return {
      factor,
      value: m.value === null ? null : Math.round(clamp01(m.value) * 10_000) / 10_000,
      profileWeight,
      weight: known ? round2((100 * profileWeight) / knownWeight) : 0,
      contribution: cents[i] / 100,
      missing: m.value === null,
      reason: m.reason,
    };
  });
  return {
    score: knownWeight === 0 ? null : round2(exactScore),
    confidence: totalWeight === 0 ? 0 : Math.round((knownWeight / totalWeight) * 1000) / 1000,
    factors,
  };
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
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
