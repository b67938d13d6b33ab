import { appendTo } from '../common/multimap';

/**
 * Orders the services of a plan into waves. The rule: a service retires only once the services
 * that consume its data are gone too — retired in the same or an earlier wave — or, for consumers
 * that stay, re-pointed in its wave. Services that feed each other in a cycle retire together.
 * Within that, the strongest candidates go first, and each wave holds at most its capacity.
 * Pure and deterministic: the same services and integrations give the same waves.
 */

export interface WaveCandidate {
  id: string;
  key: string;
  /** Higher goes first (the retirement score); null last. */
  priority: number | null;
  effort: number;
}

/** Data flows from source to target: the target consumes the source's data. */
export interface DataFlow {
  sourceId: string;
  targetId: string;
}

export interface WaveCapacity {
  services?: number | null;
  effort?: number | null;
}

export interface Placement {
  wave: number | null;
  /** e.g. "wave 3: after crm-sync (consumer, wave 2)". */
  reason: string;
  /** The other members of its cycle, by key (empty when it is in none). */
  retiresWith: string[];
  /** Its group alone is larger than a wave: it was given a wave of its own. */
  overCapacity: boolean;
  /**
   * When it is in a cycle: its size, and which part of it this service is in. A cycle larger than
   * a wave is split into parts (consumers first); the data flowing into the later parts must be
   * kept flowing until they retire.
   */
  cycle: { size: number; part: number; parts: number } | null;
}

export interface WavePlan {
  placements: Map<string, Placement>;
  /** Number of waves used. */
  waves: number;
  /** Cycles (two or more services), by key, each sorted; in the order they were placed. */
  cycles: string[][];
}

interface Unit {
  index: number;
  members: WaveCandidate[];
  priority: number;
  key: string;
  effort: number;
  /** Units that must retire no later than this one (its consumers in the plan). */
  before: Set<number>;
  /** Units this one must retire no later than (it consumes their data). */
  after: Set<number>;
}

export function planWaves(
  candidates: readonly WaveCandidate[],
  flows: readonly DataFlow[],
  capacity: WaveCapacity,
  maxWaves: number | null = null,
): WavePlan {
  const byId = new Map(candidates.map((c, i) => [c.id, i]));
  const consumers: number[][] = candidates.map(() => []);
  for (const flow of flows) {
    const source = byId.get(flow.sourceId);
    const target = byId.get(flow.targetId);
    if (source !== undefined && target !== undefined && source !== target) consumers[source].push(target);
  }
  const units = groupCycles(candidates, consumers);
  const unitOf = new Map<number, Unit>();
  for (const unit of units) for (const m of unit.members) unitOf.set(byId.get(m.id)!, unit);
  consumers.forEach((targets, source) => {
    const sourceUnit = unitOf.get(source)!;
    for (const target of targets) {
      const targetUnit = unitOf.get(target)!;
      if (targetUnit === sourceUnit) continue;
      sourceUnit.after.add(targetUnit.index);
      targetUnit.before.add(sourceUnit.index);
    }
  });

  const waveOf = new Map<number, number | null>();
  const load: { services: number; effort: number }[] = [];
  const placements = new Map<string, Placement>();
  const cycles: string[][] = [];
  const waiting = units.map((u) => u.after.size);
  const ready = new Heap<Unit>(higherPriority);
  for (const unit of units) if (unit.after.size === 0) ready.push(unit);

  while (ready.size > 0) {
    const unit = ready.pop()!;
    const keys = unit.members.map((m) => m.key);
    const retiresWith = (key: string) => (keys.length > 1 ? keys.filter((k) => k !== key) : []);
    if (keys.length > 1) cycles.push([...keys].sort(compareKeys));

    // Its consumers in the plan: the one that retires last binds it (ties: the first by key). Each
    // is a service that actually consumes its data, placed already (consumers go first).
    let earliest = 1;
    let binding: { key: string; wave: number } | null = null;
    let blocked: string | null = null;
    const ownIndexes = new Set(unit.members.map((m) => byId.get(m.id)!));
    const consumerIndexes = [
      ...new Set(unit.members.flatMap((m) => consumers[byId.get(m.id)!]).filter((t) => !ownIndexes.has(t))),
    ].sort((a, b) => compareKeys(candidates[a].key, candidates[b].key));
    for (const target of consumerIndexes) {
      const key = candidates[target].key;
      const wave = placements.get(candidates[target].id)!.wave;
      if (wave === null) {
        blocked ??= key;
        continue;
      }
      if (binding === null || wave > binding.wave) binding = { key, wave };
      earliest = Math.max(earliest, wave);
    }

    // A group goes into one wave when it fits one; a larger cycle is spread over as many waves as
    // it takes, member by member in split order, filling each wave's room.
    const split = blocked === null && tooBig(unit, capacity);
    const pieces = split ? splitOrder(unit, consumers, byId).map((m) => [m]) : [unit.members];
    const waves: (number | null)[] = [];
    let from = earliest;
    let cut = blocked !== null;
    for (const piece of pieces) {
      const effort = piece.reduce((total, m) => total + m.effort, 0);
      let w = from;
      while (!cut && !fits(load[w - 1], piece.length, effort, capacity)) w += 1;
      if (cut || (maxWaves !== null && w > maxWaves)) {
        cut = true;
        waves.push(null);
        continue;
      }
      const l = load[w - 1] ?? { services: 0, effort: 0 };
      load[w - 1] = { services: l.services + piece.length, effort: l.effort + effort };
      waves.push(w);
      from = w;
    }
    if (cut && split) {
      // Retiring part of a cycle would leave the rest consuming data that is gone: all or none.
      pieces.forEach((piece, i) => {
        const w = waves[i];
        if (w === null) return;
        const l = load[w - 1];
        load[w - 1] = {
          services: l.services - piece.length,
          effort: l.effort - piece.reduce((t, m) => t + m.effort, 0),
        };
        waves[i] = null;
      });
      while (load.length && load[load.length - 1].services === 0) load.pop();
    }
    const partWaves = [...new Set(waves.filter((w): w is number => w !== null))];
    const parts = split ? partWaves.length + (cut ? 1 : 0) : 1;
    pieces.forEach((piece, i) => {
      const wave = waves[i];
      const effort = piece.reduce((total, m) => total + m.effort, 0);
      const overCapacity =
        wave !== null &&
        ((capacity.services != null && piece.length > capacity.services) ||
          (capacity.effort != null && tenths(effort) > tenths(capacity.effort)));
      const part = wave === null ? parts : partWaves.indexOf(wave) + 1;
      let reason: string;
      if (blocked !== null) reason = `not planned: its consumer ${blocked} is not planned either`;
      else if (wave === null && split)
        reason = `not planned: its cycle of ${keys.length} services does not fit in the ${maxWaves} wave${maxWaves === 1 ? '' : 's'} allowed`;
      else if (wave === null)
        reason = `not planned: no room in the ${maxWaves} wave${maxWaves === 1 ? '' : 's'} allowed`;
      else if (part === 1) reason = placementReason(wave, earliest, binding, capacity, overCapacity);
      else reason = `wave ${wave}: after part ${part - 1} of its cycle (wave ${partWaves[part - 2]})`;
      const cycle = keys.length > 1 ? { size: keys.length, part, parts } : null;
      for (const member of piece) {
        const others = split ? [] : retiresWith(member.key);
        let text = reason;
        if (split && wave !== null)
          text += `; part ${part} of ${parts} of a cycle of ${keys.length} services, split to fit the waves`;
        else if (others.length) text += `; retires with ${listed(others)} (they feed each other)`;
        placements.set(member.id, { wave, reason: text, retiresWith: others, overCapacity, cycle });
      }
    });
    const lastWave = partWaves.length ? partWaves[partWaves.length - 1] : null;
    waveOf.set(unit.index, cut ? null : lastWave);
    for (const next of unit.before) {
      waiting[next] -= 1;
      if (waiting[next] === 0) ready.push(units[next]);
    }
  }
  return { placements, waves: load.length, cycles };
}

function fits(
  load: { services: number; effort: number } | undefined,
  size: number,
  effort: number,
  capacity: WaveCapacity,
): boolean {
  if (!load || load.services === 0) return true;
  return (
    (capacity.services == null || load.services + size <= capacity.services) &&
    (capacity.effort == null || tenths(load.effort + effort) <= tenths(capacity.effort))
  );
}

/** At most five keys, then how many more. */
function listed(keys: string[]): string {
  return keys.length <= 5 ? keys.join(', ') : `${keys.slice(0, 5).join(', ')} and ${keys.length - 5} more`;
}

function tooBig(unit: Unit, capacity: WaveCapacity): boolean {
  if (unit.members.length === 1) return false;
  return (
    (capacity.services != null && unit.members.length > capacity.services) ||
    (capacity.effort != null && tenths(unit.effort) > tenths(capacity.effort))
  );
}

/** Effort points are given in tenths: compared as whole tenths, sums of them do not drift. */
export function tenths(points: number): number {
  return Math.round(points * 10);
}

/**
 * The members of a cycle too large for one wave, in the order they retire: services before those
 * whose data they consume where the cycle allows (greedily: next the member with the fewest
 * consumers left in the group; ties by priority, then key).
 */
function splitOrder(unit: Unit, consumers: number[][], byId: Map<string, number>): WaveCandidate[] {
  const index = new Map(unit.members.map((m) => [byId.get(m.id)!, m]));
  const left = new Map<number, number>();
  const producers = new Map<number, number[]>();
  for (const [i] of index) {
    const inside = consumers[i].filter((c) => index.has(c) && c !== i);
    left.set(i, inside.length);
    for (const c of inside) {
      appendTo(producers, c, i);
    }
  }
  // Lazy heap: an entry is stale once its member is placed or its count of consumers left moved.
  const heap = new Heap<{ i: number; left: number }>((a, b) =>
    a.left !== b.left ? a.left < b.left : higherCandidate(index.get(a.i)!, index.get(b.i)!),
  );
  for (const [i, n] of left) heap.push({ i, left: n });
  const order: WaveCandidate[] = [];
  const placed = new Set<number>();
  while (heap.size) {
    const { i, left: count } = heap.pop()!;
    if (placed.has(i) || left.get(i) !== count) continue;
    placed.add(i);
    order.push(index.get(i)!);
    for (const p of producers.get(i) ?? []) {
      if (placed.has(p)) continue;
      left.set(p, left.get(p)! - 1);
      heap.push({ i: p, left: left.get(p)! });
    }
  }
  return order;
}

function higherCandidate(a: WaveCandidate, b: WaveCandidate): boolean {
  const [x, y] = [a.priority ?? -1, b.priority ?? -1];
  return x !== y ? x > y : compareKeys(a.key, b.key) < 0;
}

function placementReason(
  wave: number,
  earliest: number,
  binding: { key: string; wave: number } | null,
  capacity: WaveCapacity,
  overCapacity: boolean,
): string {
  const parts: string[] = [];
  if (binding)
    parts.push(`after ${binding.key} (consumer, ${binding.wave === wave ? 'same wave' : `wave ${binding.wave}`})`);
  if (wave > earliest) {
    const full =
      wave - earliest === 1
        ? `wave ${earliest} has no room for it`
        : `waves ${earliest}–${wave - 1} have no room for it`;
    parts.push(`${full} (${capacityText(capacity)})`);
  }
  if (overCapacity) parts.push(`larger than a wave (${capacityText(capacity)}): a wave of its own`);
  if (parts.length === 0) parts.push('nothing else in the plan consumes its data');
  return `wave ${wave}: ${parts.join('; ')}`;
}

function capacityText(capacity: WaveCapacity): string {
  const parts: string[] = [];
  if (capacity.services != null) parts.push(`${capacity.services} service${capacity.services === 1 ? '' : 's'}`);
  if (capacity.effort != null) parts.push(`${capacity.effort} effort point${capacity.effort === 1 ? '' : 's'}`);
  return `capacity ${parts.join(' and ')}`;
}

/** Code point order, case-insensitively: the same whatever the locale. */
export function compareKeys(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function higherPriority(a: Unit, b: Unit): boolean {
  return a.priority !== b.priority ? a.priority > b.priority : compareKeys(a.key, b.key) < 0;
}

/**
 * Strongly connected components (iterative Tarjan) of the consumer graph: each is a unit that
 * retires as one. Members sorted by key; the unit's priority is its strongest member's.
 */
function groupCycles(candidates: readonly WaveCandidate[], consumers: number[][]): Unit[] {
  const n = candidates.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const units: Unit[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      if (i < consumers[v].length) {
        frame[1] += 1;
        const w = consumers[v][i];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const members: WaveCandidate[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          members.push(candidates[w]);
        } while (w !== v);
        members.sort((a, b) => compareKeys(a.key, b.key));
        units.push({
          index: units.length,
          members,
          priority: Math.max(...members.map((m) => m.priority ?? -1)),
          key: members[0].key,
          effort: members.reduce((total, m) => total + m.effort, 0),
          before: new Set(),
          after: new Set(),
        });
      }
    }
  }
  return units;
}

/** A binary heap; `first(a, b)` says whether a comes out before b. */
class Heap<T> {
  private readonly items: T[] = [];

  constructor(private readonly first: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.first(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && this.first(items[l], items[best])) best = l;
        if (r < items.length && this.first(items[r], items[best])) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }
}
