import { inBaseCurrency, type ProfileSettings } from './profile';
import { isActive, type ServiceFacts } from './scoring.types';

/**
 * The active estate's costs and usage, sorted, so that a service can be compared with its peers:
 * every comparison leaves the service itself out, so changing one service's own cost or usage
 * moves its own factors only in the direction of the change.
 */
export class EstateBaseline {
  private constructor(
    private readonly costs: number[],
    private readonly users: number[],
    private readonly costsPerUser: number[],
  ) {}

  static of(facts: readonly ServiceFacts[], settings: ProfileSettings): EstateBaseline {
    const costs: number[] = [];
    const users: number[] = [];
    const perUser: number[] = [];
    for (const f of facts) {
      if (!isActive(f)) continue;
      const cost = annualCostOf(f, settings);
      if (cost !== null) costs.push(cost);
      if (f.monthlyActiveUsers !== null) users.push(f.monthlyActiveUsers);
      const cpu = costPerUserOf(f, settings);
      if (cpu !== null && Number.isFinite(cpu)) perUser.push(cpu);
    }
    const ascending = (a: number, b: number) => a - b;
    return new EstateBaseline(costs.sort(ascending), users.sort(ascending), perUser.sort(ascending));
  }

  /** Share of the other services with a known cost that cost less (ties count half); null without peers. */
  costRank(self: ServiceFacts, cost: number, settings: ProfileSettings): Peers | null {
    return rankAmongOthers(this.costs, cost, isActive(self) && annualCostOf(self, settings) !== null);
  }

  /** Share of the other services with known usage that have more active users (ties count half). */
  fewerUsersRank(self: ServiceFacts, users: number): Peers | null {
    const peers = rankAmongOthers(this.users, users, isActive(self));
    return peers && { ...peers, share: 1 - peers.share };
  }

  /** Median cost per active user of the other services; null without peers. */
  medianCostPerUser(self: ServiceFacts, settings: ProfileSettings): number | null {
    const own = costPerUserOf(self, settings);
    const excluded = isActive(self) && own !== null && Number.isFinite(own) ? own : null;
    return medianWithout(this.costsPerUser, excluded);
  }
}

export interface Peers {
  /** In [0, 1]. */
  share: number;
  others: number;
}

/** Annual cost in the profile's base currency; null when unknown or not convertible. */
export function annualCostOf(f: ServiceFacts, settings: ProfileSettings): number | null {
  return f.annualCost && inBaseCurrency(settings, f.annualCost.amount, f.annualCost.currency);
}

/** Annual cost per monthly active user (Infinity with a cost and no users); null when either is unknown. */
export function costPerUserOf(f: ServiceFacts, settings: ProfileSettings): number | null {
  const cost = annualCostOf(f, settings);
  const users = f.monthlyActiveUsers;
  if (cost === null || users === null) return null;
  if (users === 0) return cost === 0 ? 0 : Infinity;
  return cost / users;
}

/** Index of the first element ≥ x (lower) or > x (upper) in an ascending array. */
function bound(sorted: readonly number[], x: number, upper: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x || (upper && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rankAmongOthers(sorted: readonly number[], x: number, selfIncluded: boolean): Peers | null {
  const below = bound(sorted, x, false);
  const equal = bound(sorted, x, true) - below - (selfIncluded ? 1 : 0);
  const others = sorted.length - (selfIncluded ? 1 : 0);
  if (others <= 0) return null;
  return { share: (below + equal / 2) / others, others };
}

function medianWithout(sorted: readonly number[], excluded: number | null): number | null {
  const skip = excluded === null ? -1 : bound(sorted, excluded, false);
  const n = sorted.length - (skip >= 0 ? 1 : 0);
  if (n <= 0) return null;
  const at = (k: number) => sorted[skip >= 0 && k >= skip ? k + 1 : k];
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}
