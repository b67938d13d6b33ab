import fc from 'fast-check';
import {
  planWaves,
  type DataFlow,
  type Placement,
  type WaveCandidate,
  type WaveCapacity,
  type WavePlan,
} from './wave-planner';

// ---------------------------------------------------------------------------------------------
// Examples

const svc = (key: string, priority: number | null = 50, effort = 1): WaveCandidate => ({
  id: `id:${key}`,
  key,
  priority,
  effort,
});
/** `target` consumes `source`'s data. */
const flow = (source: string, target: string): DataFlow => ({ sourceId: `id:${source}`, targetId: `id:${target}` });
const at = (wave: number | null, reason: string, extra: Partial<Placement> = {}): Placement => ({
  wave,
  reason,
  retiresWith: [],
  overCapacity: false,
  cycle: null,
  ...extra,
});
/** A member of a cycle that fits a wave: it retires with the others. */
const together = (wave: number, reason: string, others: string[]): Placement =>
  at(wave, `${reason}; retires with ${others.join(', ')} (they feed each other)`, {
    retiresWith: others,
    cycle: { size: others.length + 1, part: 1, parts: 1 },
  });
/** A member of a cycle too large for a wave: one part of it. */
const part = (
  wave: number | null,
  reason: string,
  cycle: { size: number; part: number; parts: number },
  extra: Partial<Placement> = {},
): Placement =>
  at(
    wave,
    `${reason}; part ${cycle.part} of ${cycle.parts} of a cycle of ${cycle.size} services, split to fit the waves`,
    {
      cycle,
      ...extra,
    },
  );

/**
 * A member of a split cycle that maxWaves cut: no member is planned. Only the reason's first clause
 * is pinned here; that nothing follows it is an example test's business.
 */
const cutOff = (size: number, maxWaves: number): Placement =>
  at(
    null,
    expect.stringMatching(
      new RegExp(
        `^not planned: its cycle of ${size} services does not fit in the ${maxWaves} wave${maxWaves === 1 ? '' : 's'} allowed(;|$)`,
      ),
    ),
    { cycle: { size, part: 1, parts: 1 } },
  );

function placementsByKey(plan: WavePlan, candidates: readonly WaveCandidate[]): Record<string, Placement | undefined> {
  return Object.fromEntries(candidates.map((c) => [c.key, plan.placements.get(c.id)]));
}

interface Example {
  name: string;
  candidates: WaveCandidate[];
  flows: DataFlow[];
  capacity: WaveCapacity;
  maxWaves?: number | null;
  placements: Record<string, Placement>;
  waves: number;
  cycles?: string[][];
}

const NOTHING = 'nothing else in the plan consumes its data';

const examples: Example[] = [
  {
    name: 'a chain a→b→c, one service a wave: consumers first whatever their priority',
    candidates: [svc('a', 90), svc('b', 50), svc('c', 10)],
    flows: [flow('a', 'b'), flow('b', 'c')],
    capacity: { services: 1 },
    placements: {
      c: at(1, `wave 1: ${NOTHING}`),
      b: at(2, 'wave 2: after c (consumer, wave 1); wave 1 has no room for it (capacity 1 service)'),
      a: at(3, 'wave 3: after b (consumer, wave 2); wave 2 has no room for it (capacity 1 service)'),
    },
    waves: 3,
  },
  {
    name: 'the same chain with room for all: one wave, each after its consumer in the same wave',
    candidates: [svc('a', 90), svc('b', 50), svc('c', 10)],
    flows: [flow('a', 'b'), flow('b', 'c')],
    capacity: { services: 3 },
    placements: {
      c: at(1, `wave 1: ${NOTHING}`),
      b: at(1, 'wave 1: after c (consumer, same wave)'),
      a: at(1, 'wave 1: after b (consumer, same wave)'),
    },
    waves: 1,
  },
  {
    name: 'a cycle of three that fits a wave retires together and is listed, members by key',
    candidates: [svc('hr', 20), svc('payroll', 60), svc('ats', 40)],
    flows: [flow('hr', 'payroll'), flow('payroll', 'ats'), flow('ats', 'hr')],
    capacity: { services: 3 },
    placements: {
      ats: together(1, `wave 1: ${NOTHING}`, ['hr', 'payroll']),
      hr: together(1, `wave 1: ${NOTHING}`, ['ats', 'payroll']),
      payroll: together(1, `wave 1: ${NOTHING}`, ['ats', 'hr']),
    },
    waves: 1,
    cycles: [['ats', 'hr', 'payroll']],
  },
  {
    name: 'a cycle goes as early as its strongest member',
    candidates: [svc('a', 10), svc('b', 90), svc('c', 50)],
    flows: [flow('a', 'b'), flow('b', 'a')],
    capacity: { services: 2 },
    placements: {
      a: together(1, `wave 1: ${NOTHING}`, ['b']),
      b: together(1, `wave 1: ${NOTHING}`, ['a']),
      c: at(2, 'wave 2: wave 1 has no room for it (capacity 2 services)'),
    },
    waves: 2,
    cycles: [['a', 'b']],
  },
  {
    name: 'a cycle of seven lists the first five others, then how many more',
    candidates: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => svc(k)),
    flows: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k, i, all) => flow(k, all[(i + 1) % all.length])),
    capacity: { services: 7 },
    placements: Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k, _, all) => {
        const others = all.filter((o) => o !== k);
        return [
          k,
          at(1, `wave 1: ${NOTHING}; retires with ${others.slice(0, 5).join(', ')} and 1 more (they feed each other)`, {
            retiresWith: others,
            cycle: { size: 7, part: 1, parts: 1 },
          }),
        ];
      }),
    ),
    waves: 1,
    cycles: [['a', 'b', 'c', 'd', 'e', 'f', 'g']],
  },
  {
    name: 'an unrelated high-priority service goes first',
    candidates: [svc('a', 10), svc('b', 20), svc('z', 90)],
    flows: [flow('a', 'b')],
    capacity: { services: 1 },
    placements: {
      z: at(1, `wave 1: ${NOTHING}`),
      b: at(2, 'wave 2: wave 1 has no room for it (capacity 1 service)'),
      a: at(3, 'wave 3: after b (consumer, wave 2); wave 2 has no room for it (capacity 1 service)'),
    },
    waves: 3,
  },
  {
    name: 'ties go by key case-insensitively, unknown priority last; several waves without room are named as a range',
    candidates: [svc('gamma', null), svc('Beta', 50), svc('delta', 0), svc('alpha', 50)],
    flows: [],
    capacity: { services: 1 },
    placements: {
      alpha: at(1, `wave 1: ${NOTHING}`),
      Beta: at(2, 'wave 2: wave 1 has no room for it (capacity 1 service)'),
      delta: at(3, 'wave 3: waves 1–2 have no room for it (capacity 1 service)'),
      gamma: at(4, 'wave 4: waves 1–3 have no room for it (capacity 1 service)'),
    },
    waves: 4,
  },
  {
    name: 'effort capacity: a later, smaller service fills the room left in an earlier wave',
    candidates: [svc('p', 90, 6), svc('q', 80, 5), svc('r', 70, 4)],
    flows: [],
    capacity: { effort: 10 },
    placements: {
      p: at(1, `wave 1: ${NOTHING}`),
      q: at(2, 'wave 2: wave 1 has no room for it (capacity 10 effort points)'),
      r: at(1, `wave 1: ${NOTHING}`),
    },
    waves: 2,
  },
  {
    name: 'services and effort capacity together: either one fills a wave',
    candidates: [svc('p', 90, 3), svc('q', 80, 8), svc('r', 70, 3), svc('s', 60, 1)],
    flows: [],
    capacity: { services: 2, effort: 10 },
    placements: {
      p: at(1, `wave 1: ${NOTHING}`),
      q: at(2, 'wave 2: wave 1 has no room for it (capacity 2 services and 10 effort points)'),
      r: at(1, `wave 1: ${NOTHING}`),
      s: at(2, 'wave 2: wave 1 has no room for it (capacity 2 services and 10 effort points)'),
    },
    waves: 2,
  },
  {
    name: 'one service above the effort capacity: a wave of its own, which nothing else joins',
    candidates: [svc('big', 90, 12), svc('small', 10, 2)],
    flows: [],
    capacity: { effort: 5 },
    placements: {
      big: at(1, 'wave 1: larger than a wave (capacity 5 effort points): a wave of its own', { overCapacity: true }),
      small: at(2, 'wave 2: wave 1 has no room for it (capacity 5 effort points)'),
    },
    waves: 2,
  },
  {
    // Split order: a (a→b broken), then c (a consumes c's data), then b (c consumes b's data).
    name: 'a cycle larger than a wave is split over waves, filling each one; what feeds it waits only for the members it feeds',
    candidates: [svc('d', 90), svc('a', 50), svc('b', 50), svc('c', 50), svc('e', 40), svc('f', 30), svc('g', 95)],
    flows: [flow('a', 'b'), flow('b', 'c'), flow('c', 'a'), flow('g', 'a')],
    capacity: { services: 2 },
    placements: {
      d: at(1, `wave 1: ${NOTHING}`),
      a: part(1, `wave 1: ${NOTHING}`, { size: 3, part: 1, parts: 2 }),
      c: part(2, 'wave 2: after part 1 of its cycle (wave 1)', { size: 3, part: 2, parts: 2 }),
      b: part(2, 'wave 2: after part 1 of its cycle (wave 1)', { size: 3, part: 2, parts: 2 }),
      g: at(3, 'wave 3: after a (consumer, wave 1); waves 1–2 have no room for it (capacity 2 services)'),
      e: at(3, 'wave 3: waves 1–2 have no room for it (capacity 2 services)'),
      f: at(4, 'wave 4: waves 1–3 have no room for it (capacity 2 services)'),
    },
    waves: 4,
    cycles: [['a', 'b', 'c']],
  },
  {
    // q and r have one consumer in the cycle, p two: r first (priority), then q (r's consumers are
    // gone), then p; only r→p runs backwards.
    name: 'a split cycle retires consumers first where the cycle allows',
    candidates: [svc('p', 90), svc('q', 10), svc('r', 20)],
    flows: [flow('p', 'q'), flow('q', 'r'), flow('r', 'p'), flow('p', 'r')],
    capacity: { services: 1 },
    placements: {
      r: part(1, `wave 1: ${NOTHING}`, { size: 3, part: 1, parts: 3 }),
      q: part(2, 'wave 2: after part 1 of its cycle (wave 1)', { size: 3, part: 2, parts: 3 }),
      p: part(3, 'wave 3: after part 2 of its cycle (wave 2)', { size: 3, part: 3, parts: 3 }),
    },
    waves: 3,
    cycles: [['p', 'q', 'r']],
  },
  {
    // r goes first (one consumer, t; highest priority). Then p and s have no consumer left: s, p
    // before u, though u outranks them. Then u before t, whose consumers are then all gone.
    name: 'a split cycle takes next the member with the fewest consumers left, then by priority',
    candidates: [svc('r', 90), svc('u', 85), svc('s', 80), svc('t', 50), svc('p', 10)],
    flows: [
      flow('p', 'r'),
      flow('s', 'r'),
      flow('r', 't'),
      flow('t', 'p'),
      flow('t', 's'),
      flow('u', 't'),
      flow('t', 'u'),
    ],
    capacity: { services: 1 },
    placements: {
      r: part(1, `wave 1: ${NOTHING}`, { size: 5, part: 1, parts: 5 }),
      s: part(2, 'wave 2: after part 1 of its cycle (wave 1)', { size: 5, part: 2, parts: 5 }),
      p: part(3, 'wave 3: after part 2 of its cycle (wave 2)', { size: 5, part: 3, parts: 5 }),
      u: part(4, 'wave 4: after part 3 of its cycle (wave 3)', { size: 5, part: 4, parts: 5 }),
      t: part(5, 'wave 5: after part 4 of its cycle (wave 4)', { size: 5, part: 5, parts: 5 }),
    },
    waves: 5,
    cycles: [['p', 'r', 's', 't', 'u']],
  },
  {
    name: 'a part of a split cycle larger than a wave has a wave of its own',
    candidates: [svc('x', 50, 8), svc('y', 50, 1)],
    flows: [flow('x', 'y'), flow('y', 'x')],
    capacity: { effort: 5 },
    placements: {
      x: part(
        1,
        'wave 1: larger than a wave (capacity 5 effort points): a wave of its own',
        { size: 2, part: 1, parts: 2 },
        { overCapacity: true },
      ),
      y: part(2, 'wave 2: after part 1 of its cycle (wave 1)', { size: 2, part: 2, parts: 2 }),
    },
    waves: 2,
    cycles: [['x', 'y']],
  },
  {
    name: 'beyond maxWaves: not planned, and neither are the sources of an unplanned consumer, transitively',
    candidates: [svc('x', 90), svc('y', 80), svc('b', 70), svc('a', 60), svc('c', 10)],
    flows: [flow('a', 'b'), flow('c', 'a')],
    capacity: { services: 1 },
    maxWaves: 2,
    placements: {
      x: at(1, `wave 1: ${NOTHING}`),
      y: at(2, 'wave 2: wave 1 has no room for it (capacity 1 service)'),
      b: at(null, 'not planned: no room in the 2 waves allowed'),
      a: at(null, 'not planned: its consumer b is not planned either'),
      c: at(null, 'not planned: its consumer a is not planned either'),
    },
    waves: 2,
  },
  {
    name: 'of several unplanned consumers, the reason names the first by key',
    candidates: [svc('x', 90), svc('c', 80), svc('b', 70), svc('a', 10)],
    flows: [flow('a', 'c'), flow('a', 'b')],
    capacity: { services: 1 },
    maxWaves: 1,
    placements: {
      x: at(1, `wave 1: ${NOTHING}`),
      c: at(null, 'not planned: no room in the 1 wave allowed'),
      b: at(null, 'not planned: no room in the 1 wave allowed'),
      a: at(null, 'not planned: its consumer b is not planned either'),
    },
    waves: 1,
  },
  {
    name: 'flows to and from services outside the plan do not order it, not even through them',
    candidates: [svc('a', 10), svc('b', 90)],
    flows: [flow('b', 'outside'), flow('outside', 'a'), flow('a', 'elsewhere'), flow('nowhere', 'b')],
    capacity: { services: 1 },
    placements: {
      b: at(1, `wave 1: ${NOTHING}`),
      a: at(2, 'wave 2: wave 1 has no room for it (capacity 1 service)'),
    },
    waves: 2,
  },
  {
    name: 'self-loops are no constraint and no cycle',
    candidates: [svc('a', 10), svc('b', 90)],
    flows: [flow('a', 'a'), flow('b', 'b')],
    capacity: { services: 1 },
    placements: {
      b: at(1, `wave 1: ${NOTHING}`),
      a: at(2, 'wave 2: wave 1 has no room for it (capacity 1 service)'),
    },
    waves: 2,
  },
  {
    name: 'of several consumers, the latest binds',
    candidates: [svc('a', 99), svc('c', 90), svc('b', 80)],
    flows: [flow('a', 'c'), flow('a', 'b')],
    capacity: { services: 1 },
    placements: {
      c: at(1, `wave 1: ${NOTHING}`),
      b: at(2, 'wave 2: wave 1 has no room for it (capacity 1 service)'),
      a: at(3, 'wave 3: after b (consumer, wave 2); wave 2 has no room for it (capacity 1 service)'),
    },
    waves: 3,
  },
  {
    name: 'of consumers in the same wave, the first by key binds',
    candidates: [svc('a', 99), svc('c', 90), svc('b', 80)],
    flows: [flow('a', 'c'), flow('a', 'b'), flow('a', 'b')],
    capacity: { services: 2 },
    placements: {
      c: at(1, `wave 1: ${NOTHING}`),
      b: at(1, `wave 1: ${NOTHING}`),
      a: at(2, 'wave 2: after b (consumer, wave 1); wave 1 has no room for it (capacity 2 services)'),
    },
    waves: 2,
  },
  {
    // In binary floating point 2.1 + 2.2 + 2.7 is 7.000000000000001: compared in whole tenths, it is 7.
    name: 'effort points are compared in tenths: those that fill a wave exactly fit in it, a tenth more does not',
    candidates: [svc('p', 90, 2.1), svc('q', 80, 2.2), svc('r', 70, 2.7), svc('s', 60, 0.1)],
    flows: [],
    capacity: { effort: 7 },
    placements: {
      p: at(1, `wave 1: ${NOTHING}`),
      q: at(1, `wave 1: ${NOTHING}`),
      r: at(1, `wave 1: ${NOTHING}`),
      s: at(2, 'wave 2: wave 1 has no room for it (capacity 7 effort points)'),
    },
    waves: 2,
  },
  {
    name: 'a cycle whose effort points equal the capacity (in tenths) is not split: it retires together in one wave',
    candidates: [svc('p', 50, 2.1), svc('q', 50, 2.2), svc('r', 50, 2.7)],
    flows: [flow('p', 'q'), flow('q', 'r'), flow('r', 'p')],
    capacity: { effort: 7 },
    placements: {
      p: together(1, `wave 1: ${NOTHING}`, ['q', 'r']),
      q: together(1, `wave 1: ${NOTHING}`, ['p', 'r']),
      r: together(1, `wave 1: ${NOTHING}`, ['p', 'q']),
    },
    waves: 1,
    cycles: [['p', 'q', 'r']],
  },
  {
    name: 'a cycle a tenth of a point larger than the capacity is split',
    candidates: [svc('p', 50, 2.1), svc('q', 50, 2.2), svc('r', 50, 2.8)],
    flows: [flow('p', 'q'), flow('q', 'r'), flow('r', 'p')],
    capacity: { effort: 7 },
    placements: {
      p: part(1, `wave 1: ${NOTHING}`, { size: 3, part: 1, parts: 2 }),
      r: part(1, `wave 1: ${NOTHING}`, { size: 3, part: 1, parts: 2 }),
      q: part(2, 'wave 2: after part 1 of its cycle (wave 1)', { size: 3, part: 2, parts: 2 }),
    },
    waves: 2,
    cycles: [['p', 'q', 'r']],
  },
  {
    name: 'a capacity of one effort point is worded in the singular',
    candidates: [svc('a', 90, 0.5), svc('b', 80, 0.6)],
    flows: [],
    capacity: { services: 2, effort: 1 },
    placements: {
      a: at(1, `wave 1: ${NOTHING}`),
      b: at(2, 'wave 2: wave 1 has no room for it (capacity 2 services and 1 effort point)'),
    },
    waves: 2,
  },
  {
    // c feeds b only; the group {a, b} is named by its first key, a, which does not consume c's data.
    name: 'the consumer named in a reason is the one that consumes the service’s data, also when it is in a cycle',
    candidates: [svc('a', 90), svc('b', 90), svc('c', 10)],
    flows: [flow('a', 'b'), flow('b', 'a'), flow('c', 'b')],
    capacity: { services: 2 },
    placements: {
      a: together(1, `wave 1: ${NOTHING}`, ['b']),
      b: together(1, `wave 1: ${NOTHING}`, ['a']),
      c: at(2, 'wave 2: after b (consumer, wave 1); wave 1 has no room for it (capacity 2 services)'),
    },
    waves: 2,
    cycles: [['a', 'b']],
  },
  {
    // Of the consumers in the group {a, b, d}, c feeds b and d: b, the first of them by key, is named.
    name: 'of several consumers of its data in one cycle, the reason names the first by key',
    candidates: [svc('a', 90), svc('b', 90), svc('d', 90), svc('c', 10)],
    flows: [flow('a', 'b'), flow('b', 'd'), flow('d', 'a'), flow('c', 'd'), flow('c', 'b')],
    capacity: { services: 3 },
    placements: {
      a: together(1, `wave 1: ${NOTHING}`, ['b', 'd']),
      b: together(1, `wave 1: ${NOTHING}`, ['a', 'd']),
      d: together(1, `wave 1: ${NOTHING}`, ['a', 'b']),
      c: at(2, 'wave 2: after b (consumer, wave 1); wave 1 has no room for it (capacity 3 services)'),
    },
    waves: 2,
    cycles: [['a', 'b', 'd']],
  },
  {
    name: 'an unplanned consumer in a cycle is named by the service that consumes the data',
    candidates: [svc('x', 99), svc('y', 98), svc('a', 50), svc('b', 50), svc('c', 10)],
    flows: [flow('a', 'b'), flow('b', 'a'), flow('c', 'b')],
    capacity: { services: 2 },
    maxWaves: 1,
    placements: {
      x: at(1, `wave 1: ${NOTHING}`),
      y: at(1, `wave 1: ${NOTHING}`),
      a: at(null, 'not planned: no room in the 1 wave allowed; retires with b (they feed each other)', {
        retiresWith: ['b'],
        cycle: { size: 2, part: 1, parts: 1 },
      }),
      b: at(null, 'not planned: no room in the 1 wave allowed; retires with a (they feed each other)', {
        retiresWith: ['a'],
        cycle: { size: 2, part: 1, parts: 1 },
      }),
      c: at(null, 'not planned: its consumer b is not planned either'),
    },
    waves: 1,
    cycles: [['a', 'b']],
  },
  {
    // a would take wave 1 and b wave 2, beyond maxWaves: b consumes a's data, so neither goes, and
    // wave 1 is free again for z.
    name: 'a split cycle that maxWaves cuts is planned all or nothing: none of it, and the room it took is given back',
    candidates: [svc('a', 90), svc('b', 90), svc('z', 10)],
    flows: [flow('a', 'b'), flow('b', 'a')],
    capacity: { services: 1 },
    maxWaves: 1,
    placements: {
      a: cutOff(2, 1),
      b: cutOff(2, 1),
      z: at(1, `wave 1: ${NOTHING}`),
    },
    waves: 1,
    cycles: [['a', 'b']],
  },
  {
    // Two of its three parts would fit in the two waves; none is planned, nor c, which feeds r; z
    // gets wave 1 back.
    name: 'a split cycle cut after some of its parts: none of it is planned, nor what its members’ consumers feed',
    candidates: [svc('p', 90), svc('q', 90), svc('r', 90), svc('c', 80), svc('z', 10)],
    flows: [flow('p', 'q'), flow('q', 'r'), flow('r', 'p'), flow('c', 'r')],
    capacity: { services: 1 },
    maxWaves: 2,
    placements: {
      p: cutOff(3, 2),
      q: cutOff(3, 2),
      r: cutOff(3, 2),
      c: at(null, 'not planned: its consumer r is not planned either'),
      z: at(1, `wave 1: ${NOTHING}`),
    },
    waves: 1,
    cycles: [['p', 'q', 'r']],
  },
  {
    // x (8 points) would have had a wave of its own: not planned, it is not over capacity.
    name: 'a cut split cycle has no member over capacity, and its waves are given back',
    candidates: [svc('x', 50, 8), svc('y', 50, 1)],
    flows: [flow('x', 'y'), flow('y', 'x')],
    capacity: { effort: 5 },
    maxWaves: 1,
    placements: {
      x: cutOff(2, 1),
      y: cutOff(2, 1),
    },
    waves: 0,
    cycles: [['x', 'y']],
  },
  {
    name: 'an unplanned service larger than a wave is not over capacity: it has no wave',
    candidates: [svc('small', 90, 2), svc('big', 10, 12)],
    flows: [],
    capacity: { effort: 5 },
    maxWaves: 1,
    placements: {
      small: at(1, `wave 1: ${NOTHING}`),
      big: at(null, 'not planned: no room in the 1 wave allowed'),
    },
    waves: 1,
  },
  {
    name: 'nothing to plan',
    candidates: [],
    flows: [flow('a', 'b')],
    capacity: { services: 1 },
    placements: {},
    waves: 0,
  },
];

describe('planWaves, examples', () => {
  it.each(examples)('$name', ({ candidates, flows, capacity, maxWaves, placements, waves, cycles }) => {
    const plan = planWaves(candidates, flows, capacity, maxWaves ?? null);
    expect(placementsByKey(plan, candidates)).toEqual(placements);
    expect(plan.placements.size).toBe(candidates.length);
    expect(plan.waves).toBe(waves);
    expect(plan.cycles).toEqual(cycles ?? []);
  });

  // BUG (still): a cycle that maxWaves cuts is not split at all, yet its reason says it is "part 1
  // of 1 of a cycle …, split to fit the waves". Input: a ↔ b, capacity { services: 1 }, maxWaves 1.
  // Expected: a reason that does not call it a part of a split cycle. Actual, for both: "not planned:
  // its cycle of 2 services does not fit in the 1 wave allowed; part 1 of 1 of a cycle of 2
  // services, split to fit the waves".
  it('a cycle that maxWaves cuts does not say it was split into parts', () => {
    const candidates = [svc('a', 50), svc('b', 50)];
    const plan = planWaves(candidates, [flow('a', 'b'), flow('b', 'a')], { services: 1 }, 1);
    for (const c of candidates) {
      const placement = plan.placements.get(c.id)!;
      expect(placement.wave).toBeNull();
      expect(placement.reason).not.toMatch(/part \d+ of \d+|split to fit the waves/);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random graphs

const RUNS = 300;
const MAX_SERVICES = 60;

interface Scenario {
  candidates: WaveCandidate[];
  flows: DataFlow[];
  capacity: WaveCapacity;
  maxWaves: number | null;
}

/** Keys as the database allows them: unique case-insensitively. */
const arbKeys = (n: number) =>
  fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,5}$/), {
    minLength: n,
    maxLength: n,
    selector: (k) => k.toLowerCase(),
  });

/** Few distinct values, so ties are common; null (no score) too. */
const arbPriority = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 4 }),
  fc.double({ min: 0, max: 100, noNaN: true }),
);

/**
 * Effort points in tenths, as they are given (0 to 8 points): their sums in binary floating point
 * drift (0.1 + 0.2 > 0.3), so the checks below count loads in whole tenths, as integers.
 */
const arbEffort = fc.integer({ min: 0, max: 80 }).map((t) => t / 10);
/** 1 to 20 points, in tenths too. */
const arbEffortCapacity = fc.integer({ min: 10, max: 200 }).map((t) => t / 10);

const arbCapacity: fc.Arbitrary<WaveCapacity> = fc.oneof(
  fc.record({ services: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ effort: arbEffortCapacity }),
  fc.record({ services: fc.integer({ min: 1, max: 6 }), effort: arbEffortCapacity }),
  fc.record({
    services: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    effort: fc.option(arbEffortCapacity, { nil: null }),
  }),
);

/** Indices n and n+1 are services outside the plan. */
const idOf = (i: number, n: number) => (i < n ? `svc-${i}` : `outside-${i - n}`);

/** Anywhere (self-loops and services outside the plan included), or between neighbours, which makes short cycles. */
const arbFlow = (n: number): fc.Arbitrary<DataFlow> => {
  const endpoint = fc.integer({ min: 0, max: n + 1 });
  const anywhere = fc.tuple(endpoint, endpoint);
  const nearby =
    n === 0
      ? anywhere
      : fc
          .integer({ min: 0, max: n - 1 })
          .chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: Math.max(0, s - 3), max: Math.min(n - 1, s + 3) })));
  return fc.oneof(anywhere, nearby).map(([s, t]) => ({ sourceId: idOf(s, n), targetId: idOf(t, n) }));
};

const arbScenario = (maxWaves: fc.Arbitrary<number | null>): fc.Arbitrary<Scenario> =>
  fc.integer({ min: 0, max: MAX_SERVICES }).chain((n) =>
    fc
      .record({
        keys: arbKeys(n),
        priorities: fc.array(arbPriority, { minLength: n, maxLength: n }),
        efforts: fc.array(arbEffort, { minLength: n, maxLength: n }),
        flows: fc
          .integer({ min: 0, max: 2 * n })
          .chain((count) => fc.array(arbFlow(n), { minLength: count, maxLength: count })),
        capacity: arbCapacity,
        maxWaves,
      })
      .map(({ keys, priorities, efforts, flows, capacity, maxWaves }) => ({
        candidates: keys.map((key, i) => ({ id: idOf(i, n), key, priority: priorities[i], effort: efforts[i] })),
        flows,
        capacity,
        maxWaves,
      })),
  );

const arbAnyScenario = arbScenario(fc.option(fc.integer({ min: 1, max: 10 }), { nil: null, freq: 2 }));

const byKey = (a: string, b: string) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Effort points as a whole number of tenths. */
const tenths = (points: number) => Math.round(points * 10);

interface Load {
  services: number;
  /** In tenths of a point. */
  effort: number;
}
const EMPTY: Load = { services: 0, effort: 0 };

/**
 * A scenario and its plan, with the graph worked out independently of the planner: strongly
 * connected components by mutual reachability, named by their smallest index.
 */
class Checked {
  readonly p: WavePlan;
  readonly n: number;
  /** consumers[i]: the services in the plan that consume i's data (self-loops left out). */
  readonly consumers: number[][];
  readonly component: number[];
  readonly members = new Map<number, number[]>();
  readonly load = new Map<number, Load>();

  constructor(readonly s: Scenario) {
    this.p = planWaves(s.candidates, s.flows, s.capacity, s.maxWaves);
    this.n = s.candidates.length;
    const index = new Map(s.candidates.map((c, i) => [c.id, i]));
    this.consumers = s.candidates.map(() => []);
    for (const f of s.flows) {
      const source = index.get(f.sourceId);
      const target = index.get(f.targetId);
      if (source !== undefined && target !== undefined && source !== target) this.consumers[source].push(target);
    }
    const reach = this.consumers.map((_, i) => this.reachable(i));
    this.component = reach.map((r, i) => {
      for (let j = 0; j < this.n; j++) if (j === i || (r.has(j) && reach[j].has(i))) return j;
      return i;
    });
    this.component.forEach((c, i) => this.members.set(c, [...(this.members.get(c) ?? []), i]));
    s.candidates.forEach((c, i) => {
      const wave = this.wave(i);
      if (wave === null) return;
      const l = this.load.get(wave) ?? EMPTY;
      this.load.set(wave, { services: l.services + 1, effort: l.effort + tenths(c.effort) });
    });
  }

  private reachable(from: number): Set<number> {
    const seen = new Set<number>();
    const stack = [from];
    while (stack.length) {
      for (const next of this.consumers[stack.pop()!]) {
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(next);
      }
    }
    return seen;
  }

  placement(i: number): Placement {
    return this.p.placements.get(this.s.candidates[i].id)!;
  }

  wave(i: number): number | null {
    return this.placement(i).wave;
  }

  keyOf(i: number): string {
    return this.s.candidates[i].key;
  }

  /** The first of these services by key: the one a reason names. */
  firstKey(services: number[]): string | undefined {
    return services.map((i) => this.keyOf(i)).sort(byKey)[0];
  }

  /** The services outside c that consume the data of a member of c. */
  consumersOutside(c: number): number[] {
    const found = new Set<number>();
    for (const i of this.members.get(c)!) for (const t of this.consumers[i]) if (this.component[t] !== c) found.add(t);
    return [...found];
  }

  /** A component with a member left unplanned does not count as retired by its sources. */
  unplanned(c: number): boolean {
    return this.members.get(c)!.some((i) => this.wave(i) === null);
  }

  /** The wave of the last of the services outside its group that consume its data; null when one is unplanned. */
  latestConsumer(c: number): number | null {
    const consumers = this.consumersOutside(c);
    if (consumers.some((t) => this.wave(t) === null)) return null;
    return Math.max(0, ...consumers.map((t) => this.wave(t)!));
  }

  /** Whether `load` plus these services is more than a wave may hold. */
  exceeds(load: Load, services: number[]): boolean {
    const { services: maxServices, effort: maxEffort } = this.s.capacity;
    const effort = services.reduce((total, i) => total + tenths(this.s.candidates[i].effort), 0);
    return (
      (maxServices != null && load.services + services.length > maxServices) ||
      (maxEffort != null && load.effort + effort > tenths(maxEffort))
    );
  }

  /** A cycle too large for a wave, with all its consumers planned, is spread over waves. */
  split(c: number): boolean {
    const members = this.members.get(c)!;
    return members.length > 1 && this.latestConsumer(c) !== null && this.exceeds(EMPTY, members);
  }

  /**
   * The reason without its cycle suffix, which is checked to be there. Of a split cycle that
   * maxWaves cut, only the first clause (an example pins that nothing follows it).
   */
  baseReason(i: number): string {
    const { reason, cycle } = this.placement(i);
    const c = this.component[i];
    const members = this.members.get(c)!;
    if (members.length === 1) return reason;
    if (this.split(c) && this.unplanned(c)) return reason.split('; ')[0];
    const others = members
      .filter((j) => j !== i)
      .map((j) => this.keyOf(j))
      .sort(byKey);
    const listed =
      others.length <= 5 ? others.join(', ') : `${others.slice(0, 5).join(', ')} and ${others.length - 5} more`;
    const suffix = this.split(c)
      ? `; part ${cycle?.part} of ${cycle?.parts} of a cycle of ${members.length} services, split to fit the waves`
      : `; retires with ${listed} (they feed each other)`;
    expect(reason.endsWith(suffix)).toBe(true);
    return reason.slice(0, -suffix.length);
  }

  waves(members: number[]): number[] {
    return [...new Set(members.map((i) => this.wave(i)).filter((w) => w !== null))].sort((a, b) => a - b);
  }
}

const checkAll = (predicate: (c: Checked) => void, arb: fc.Arbitrary<Scenario> = arbAnyScenario) =>
  fc.assert(
    fc.property(arb, (s) => predicate(new Checked(s))),
    { numRuns: RUNS },
  );

/**
 * "wave 3: after x (consumer, wave 2); …": the binding consumer and the waves without room are
 * right. The consumer named is, of the consumers of c's data in the groups that retire last (in
 * `latest`), the first by key: a service that consumes the data, not the name of its group.
 */
function expectFirstPlacementReason(g: Checked, c: number, i: number, wave: number, earliest: number): void {
  const reason = g.baseReason(i);
  expect(reason.startsWith(`wave ${wave}: `)).toBe(true);
  const latest = g.latestConsumer(c)!;
  const binding = /^wave \d+: after (\S+) \(consumer, (same wave|wave \d+)\)/.exec(reason);
  if (latest === 0) {
    expect(binding).toBeNull();
  } else {
    expect(binding).not.toBeNull();
    expect(binding![2]).toBe(latest === wave ? 'same wave' : `wave ${latest}`);
    const binds = g.consumersOutside(c).filter((t) => g.wave(t) === latest);
    expect(binding![1]).toBe(g.firstKey(binds));
  }
  const noRoom =
    wave - earliest === 1
      ? `wave ${earliest} has no room for it (`
      : `waves ${earliest}–${wave - 1} have no room for it (`;
  expect(reason.includes(noRoom)).toBe(wave > earliest);
  expect(reason.includes(' no room for it (')).toBe(wave > earliest);
}

/** Small waves, few of them, many flows between neighbours: split cycles, often cut by maxWaves. */
const arbTight: fc.Arbitrary<Scenario> = arbScenario(fc.integer({ min: 1, max: 4 })).chain((s) =>
  fc
    .record({
      capacity: fc.oneof(
        fc.record({ services: fc.integer({ min: 1, max: 3 }) }),
        fc.record({ effort: fc.integer({ min: 10, max: 80 }).map((t) => t / 10) }),
        fc.record({
          services: fc.integer({ min: 1, max: 3 }),
          effort: fc.integer({ min: 10, max: 80 }).map((t) => t / 10),
        }),
      ),
      flows: fc.array(arbFlow(s.candidates.length), {
        minLength: 2 * s.candidates.length,
        maxLength: 3 * s.candidates.length,
      }),
    })
    .map(({ capacity, flows }) => ({ ...s, capacity, flows })),
);

/** Over any scenario, then over tight ones, where split cycles are often cut. */
const checkBoth = (predicate: (c: Checked) => void) => {
  checkAll(predicate);
  checkAll(predicate, arbTight);
};

/** (h), below. */
function expectGreedy(g: Checked): void {
  const full = (from: number, to: number, services: number[]) => {
    for (let v = from; v <= to; v++) {
      expect(g.load.has(v)).toBe(true);
      if (!g.exceeds(g.load.get(v)!, services)) return false;
    }
    return true;
  };
  for (const [c, members] of g.members) {
    const latest = g.latestConsumer(c);
    if (latest === null) {
      // Named: of the consumers of its data in groups left unplanned, the first by key.
      const blocking = g.consumersOutside(c).filter((t) => g.unplanned(g.component[t]));
      for (const i of members) {
        expect(g.wave(i)).toBeNull();
        expect(g.baseReason(i)).toBe(`not planned: its consumer ${g.firstKey(blocking)} is not planned either`);
      }
      continue;
    }
    const earliest = Math.max(1, latest);
    const m = g.s.maxWaves;
    const allowed = `the ${m} wave${m === 1 ? '' : 's'} allowed`;
    if (!g.split(c)) {
      const wave = g.wave(c);
      if (wave === null) {
        expect(full(earliest, m!, members)).toBe(true);
        for (const i of members) expect(g.baseReason(i)).toBe(`not planned: no room in ${allowed}`);
      } else {
        expect(wave).toBeGreaterThanOrEqual(earliest);
        expect(full(earliest, wave - 1, members)).toBe(true);
        for (const i of members) expectFirstPlacementReason(g, c, i, wave, earliest);
      }
      continue;
    }
    if (g.unplanned(c)) {
      expect(m).not.toBeNull();
      for (const i of members) {
        expect(g.wave(i)).toBeNull();
        expect(g.baseReason(i)).toBe(`not planned: its cycle of ${members.length} services does not fit in ${allowed}`);
      }
      // One member a wave at worst from the first wave still empty at the end: beyond maxWaves.
      expect(Math.max(earliest, g.p.waves + 1) + members.length - 1).toBeGreaterThan(m!);
      const { services, effort } = g.s.capacity;
      if (effort == null) {
        let room = 0;
        for (let v = earliest; v <= m!; v++) room += Math.max(0, services! - (g.load.get(v)?.services ?? 0));
        expect(members.length).toBeGreaterThan(room);
      }
      continue;
    }
    const waves = g.waves(members);
    expect(waves.length).toBeGreaterThan(0);
    const opens = (from: number, wave: number) => members.some((i) => g.wave(i) === wave && full(from, wave - 1, [i]));
    waves.forEach((wave, k) => {
      expect(opens(k === 0 ? earliest : waves[k - 1], wave)).toBe(true);
      for (const i of members.filter((j) => g.wave(j) === wave)) {
        if (k === 0) expectFirstPlacementReason(g, c, i, wave, earliest);
        else expect(g.baseReason(i)).toBe(`wave ${wave}: after part ${k} of its cycle (wave ${waves[k - 1]})`);
      }
    });
    expect(waves[0]).toBeGreaterThanOrEqual(earliest);
  }
}

describe('planWaves, properties', () => {
  it('(a) a consumer retires in the same wave as its source or earlier, unless both are in one split cycle; an unplanned one keeps its sources unplanned', () => {
    checkBoth((g) => {
      g.consumers.forEach((targets, source) => {
        for (const target of targets) {
          // Within a cycle too: a split cycle is planned all or nothing.
          if (g.unplanned(g.component[target])) expect(g.wave(source)).toBeNull();
          const sourceWave = g.wave(source);
          if (sourceWave === null) continue;
          expect(g.wave(target)).not.toBeNull();
          const c = g.component[source];
          if (c === g.component[target] && g.split(c)) continue;
          expect(g.wave(target)!).toBeLessThanOrEqual(sourceWave);
        }
      });
    });
  });

  it('(b) a strongly connected component shares a wave unless it is larger than a wave; it is planned all or nothing; cycles are listed', () => {
    checkBoth((g) => {
      for (const [c, members] of g.members) {
        const keys = members.map((i) => g.keyOf(i)).sort(byKey);
        const split = g.split(c);
        const waves = g.waves(members);
        const cut = g.unplanned(c);
        for (const i of members) {
          const placement = g.placement(i);
          expect(placement.wave === null).toBe(cut);
          if (members.length === 1) {
            expect(placement.cycle).toBeNull();
            expect(placement.retiresWith).toEqual([]);
          } else if (split) {
            const cycle = cut
              ? { size: members.length, part: 1, parts: 1 }
              : { size: members.length, part: waves.indexOf(placement.wave!) + 1, parts: waves.length };
            expect(placement.cycle).toEqual(cycle);
            expect(placement.retiresWith).toEqual([]);
          } else {
            expect(placement.wave).toBe(g.wave(c));
            expect(placement.cycle).toEqual({ size: members.length, part: 1, parts: 1 });
            expect(placement.retiresWith).toEqual(keys.filter((k) => k !== g.keyOf(i)));
          }
        }
      }
      const expected = [...g.members.values()]
        .filter((m) => m.length > 1)
        .map((m) => m.map((i) => g.keyOf(i)).sort(byKey));
      const asSet = (cycles: string[][]) => cycles.map((cycle) => cycle.join('\n')).sort();
      expect(asSet(g.p.cycles)).toEqual(asSet(expected));
      for (const cycle of g.p.cycles) expect(cycle).toEqual([...cycle].sort(byKey));
    });
  });

  it('(c) a wave holds at most its capacity (effort in whole tenths), unless it holds one service alone that is larger than a wave; only a planned service is over capacity', () => {
    checkBoth((g) => {
      const inWave = (wave: number) => g.s.candidates.map((_, i) => i).filter((i) => g.wave(i) === wave);
      for (const [wave, load] of g.load) {
        const services = inWave(wave);
        const flagged = services.filter((i) => g.placement(i).overCapacity);
        if (g.exceeds(load, [])) expect(services).toHaveLength(1);
        if (flagged.length) expect(services).toEqual(flagged);
      }
      for (const [c, members] of g.members) {
        const alone = members.length === 1 || g.split(c);
        for (const i of members) {
          const overCapacity = g.wave(i) !== null && g.exceeds(EMPTY, alone ? [i] : members);
          expect(g.placement(i).overCapacity).toBe(overCapacity);
        }
      }
    });
  });

  it('(d) waves are numbered 1..waves, none empty, none beyond maxWaves', () => {
    checkAll((g) => {
      expect([...g.load.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: g.p.waves }, (_, i) => i + 1));
      if (g.s.maxWaves !== null) expect(g.p.waves).toBeLessThanOrEqual(g.s.maxWaves);
    });
  });

  it('(e) deterministic and independent of the order of services and flows', () => {
    const arb = arbAnyScenario.chain((s) =>
      fc.record({
        s: fc.constant(s),
        candidates: fc.shuffledSubarray(s.candidates, {
          minLength: s.candidates.length,
          maxLength: s.candidates.length,
        }),
        flows: fc.shuffledSubarray(s.flows, { minLength: s.flows.length, maxLength: s.flows.length }),
      }),
    );
    const plan = (s: Scenario) => planWaves(s.candidates, s.flows, s.capacity, s.maxWaves);
    const sorted = (p: WavePlan) => [...p.placements].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    fc.assert(
      fc.property(arb, ({ s, candidates, flows }) => {
        const original = plan(s);
        const again = plan(s);
        const shuffled = plan({ ...s, candidates, flows });
        expect(sorted(again)).toEqual(sorted(original));
        expect(sorted(shuffled)).toEqual(sorted(original));
        expect(shuffled.waves).toBe(original.waves);
        expect(shuffled.cycles).toEqual(original.cycles);
      }),
      { numRuns: RUNS },
    );
  });

  it('(f) every service gets a placement, with a reason that says its wave; unplanned ones only with maxWaves', () => {
    checkAll((g) => {
      expect([...g.p.placements.keys()].sort()).toEqual(g.s.candidates.map((c) => c.id).sort());
      for (const placement of g.p.placements.values()) {
        if (placement.wave === null) {
          expect(g.s.maxWaves).not.toBeNull();
          expect(placement.reason.startsWith('not planned: ')).toBe(true);
        } else {
          expect(placement.reason.startsWith(`wave ${placement.wave}: `)).toBe(true);
        }
      }
    });
  });

  it('(g) without maxWaves every service is planned', () => {
    checkAll(
      (g) => {
        for (const placement of g.p.placements.values()) expect(placement.wave).not.toBeNull();
      },
      arbScenario(fc.constant(null)),
    );
  });

  /*
   * (h) Greedy placement: each group goes to the earliest wave that is no earlier than its latest
   * consumer and has room at the time. Loads only grow (a cut cycle gives back exactly what it
   * took), so what had no room then has none at the end either: no group can move to an earlier
   * wave on its own, and a group left unplanned for want of room has none in any wave it may take up
   * to maxWaves. A split cycle takes its next wave only when the one before has no room for the
   * member that opens it. A split cycle that maxWaves cuts needed more than was left: more waves
   * than those still empty at the end, and, with a capacity in services alone, more services than
   * the room left in its waves. (Whether a wave keeps room that a later group could have used
   * depends on the order of placement: not a property.)
   */
  it('(h) no group could move alone to an earlier wave its consumers allow; the reason names the binding consumer', () => {
    checkBoth(expectGreedy);
  });

  it('without flows and one service a wave, waves follow priority (highest first, unknown last), then key', () => {
    const arb = arbScenario(fc.constant(null)).map((s) => ({ ...s, flows: [], capacity: { services: 1 } }));
    checkAll((g) => {
      const rank = (x: WaveCandidate) => x.priority ?? -Infinity;
      const expected = [...g.s.candidates].sort((a, b) => rank(b) - rank(a) || byKey(a.key, b.key));
      expect(expected.map((c) => g.p.placements.get(c.id)!.wave)).toEqual(expected.map((_, i) => i + 1));
    }, arb);
  });
});
