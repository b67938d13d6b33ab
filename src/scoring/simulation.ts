import { annualCostOf } from './baseline';
import { round2 } from './combine';
import type { ProfileSettings } from './profile';
import { scoreEstate } from './scorer';
import { isActive, type ServiceFacts, type ServiceScores } from './scoring.types';
import { appendTo } from '../common/multimap';

/** An active service supplies a unified field through a CONFIRMED mapping. */
export interface SupplyPair {
  serviceId: string;
  unifiedFieldId: string;
}

/** A live integration: data flows from source to target. */
export interface IntegrationEdge {
  id: string;
  sourceId: string;
  targetId: string;
  mechanism: string;
}

export interface Distribution {
  services: number;
  mean: number | null;
  median: number | null;
  /** Counts of scores in [0,10), [10,20), … [90,100]. */
  buckets: number[];
}

export interface ScoreChange {
  serviceId: string;
  before: number | null;
  after: number | null;
}

export interface Simulation {
  /** Unified fields whose every source is retired: they lose their only source(s). */
  orphanedFields: { unifiedFieldId: string; sourceIds: string[] }[];
  /** Integrations from a retired service into a surviving one: the consumer loses that data. */
  brokenIntegrations: IntegrationEdge[];
  /** Annual savings in the profile's base currency, over the retired services whose cost is known and convertible. */
  annualSavings: number;
  /** Retired services whose cost is unknown or not convertible: savings leave them out. */
  unpricedServiceIds: string[];
  before: { aiReadiness: Distribution; retirement: Distribution; annualCost: number };
  after: { aiReadiness: Distribution; retirement: Distribution; annualCost: number };
  /** Surviving services whose retirement score moves, largest move first. */
  changes: ScoreChange[];
}

/**
 * The estate's facts with supply and dependents recomputed from the pairs and edges, leaving out
 * the `removed` services: what the SQL aggregate would say once they are gone.
 */
export function withoutServices(
  facts: readonly ServiceFacts[],
  pairs: readonly SupplyPair[],
  edges: readonly IntegrationEdge[],
  removed: ReadonlySet<string>,
): ServiceFacts[] {
  const sourcesOf = new Map<string, number>();
  for (const p of pairs)
    if (!removed.has(p.serviceId)) sourcesOf.set(p.unifiedFieldId, (sourcesOf.get(p.unifiedFieldId) ?? 0) + 1);
  const unified = new Map<string, ServiceFacts['unified']>();
  for (const p of pairs) {
    if (removed.has(p.serviceId)) continue;
    const u = unified.get(p.serviceId) ?? { supplied: 0, shared: 0, soleSource: 0 };
    u.supplied += 1;
    if ((sourcesOf.get(p.unifiedFieldId) ?? 0) > 1) u.shared += 1;
    else u.soleSource += 1;
    unified.set(p.serviceId, u);
  }
  const dependents = new Map<string, { integrations: number; consumers: Set<string> }>();
  for (const e of edges) {
    if (removed.has(e.sourceId) || removed.has(e.targetId)) continue;
    const d = dependents.get(e.sourceId) ?? { integrations: 0, consumers: new Set<string>() };
    d.integrations += 1;
    d.consumers.add(e.targetId);
    dependents.set(e.sourceId, d);
  }
  return facts
    .filter((f) => !removed.has(f.id))
    .map((f) => {
      const d = dependents.get(f.id);
      return {
        ...f,
        unified: unified.get(f.id) ?? { supplied: 0, shared: 0, soleSource: 0 },
        dependents: { integrations: d?.integrations ?? 0, consumers: d?.consumers.size ?? 0 },
      };
    });
}

/** What retiring `removed` would do to the estate, scored with `settings`. */
export function simulateRetirement(
  facts: readonly ServiceFacts[],
  pairs: readonly SupplyPair[],
  edges: readonly IntegrationEdge[],
  removed: ReadonlySet<string>,
  settings: ProfileSettings,
): Simulation {
  const beforeFacts = withoutServices(facts, pairs, edges, new Set());
  const afterFacts = withoutServices(facts, pairs, edges, removed);
  const beforeScores = scoreEstate(beforeFacts, settings);
  const afterScores = scoreEstate(afterFacts, settings);

  const sources = new Map<string, string[]>();
  for (const p of pairs) {
    appendTo(sources, p.unifiedFieldId, p.serviceId);
  }
  const orphanedFields = [...sources]
    .filter(([, ids]) => ids.every((id) => removed.has(id)))
    .map(([unifiedFieldId, sourceIds]) => ({ unifiedFieldId, sourceIds }));

  let annualSavings = 0;
  const unpricedServiceIds: string[] = [];
  for (const f of facts) {
    if (!removed.has(f.id) || !isActive(f)) continue;
    const cost = annualCostOf(f, settings);
    if (cost === null) unpricedServiceIds.push(f.id);
    else annualSavings += cost;
  }

  const changes: ScoreChange[] = [];
  for (const f of afterFacts) {
    if (!isActive(f)) continue;
    const before = beforeScores.get(f.id)?.retirement.score ?? null;
    const after = afterScores.get(f.id)?.retirement.score ?? null;
    if (before !== after) changes.push({ serviceId: f.id, before, after });
  }
  changes.sort((a, b) => Math.abs((b.after ?? 0) - (b.before ?? 0)) - Math.abs((a.after ?? 0) - (a.before ?? 0)));

  return {
    orphanedFields,
    brokenIntegrations: edges.filter((e) => removed.has(e.sourceId) && !removed.has(e.targetId)),
    annualSavings: round2(annualSavings),
    unpricedServiceIds,
    before: summarise(beforeFacts, beforeScores, settings),
    after: summarise(afterFacts, afterScores, settings),
    changes,
  };
}

function summarise(facts: readonly ServiceFacts[], scores: Map<string, ServiceScores>, settings: ProfileSettings) {
  const active = facts.filter(isActive);
  const pick = (of: (s: ServiceScores) => number | null) =>
    distribution(active.map((f) => of(scores.get(f.id)!)).filter((x): x is number => x !== null));
  return {
    aiReadiness: pick((s) => s.aiReadiness.score),
    retirement: pick((s) => s.retirement.score),
    annualCost: round2(active.reduce((total, f) => total + (annualCostOf(f, settings) ?? 0), 0)),
  };
}

export function distribution(scores: number[]): Distribution {
  const buckets = new Array<number>(10).fill(0);
  for (const s of scores) buckets[Math.min(9, Math.floor(s / 10))] += 1;
  if (scores.length === 0) return { services: 0, mean: null, median: null, buckets };
  const sorted = [...scores].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { services: n, mean: round2(sorted.reduce((a, b) => a + b, 0) / n), median: round2(median), buckets };
}
