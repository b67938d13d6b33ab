import { decodeCursor } from '../common/cursor';
import { DEFAULT_PROFILE } from './profile';
import { byRetirementScore } from './scorer';
import type { FactsRow } from './scoring.repository';
import { ScoringService, type CandidateFilter, type ScoredEstate, type ScoredService } from './scoring.service';
import { Disposition, type ServiceFacts, type ServiceScores } from './scoring.types';

const DISPOSITIONS = [Disposition.ELIMINATE, Disposition.MIGRATE, Disposition.TOLERATE, Disposition.INVEST, null];

/** Forty services with tied, unknown and spread scores, some retired, over two teams and two kinds. */
function buildEstate(): ScoredEstate {
  const ranked: ScoredService[] = Array.from({ length: 40 }, (_, i) => {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const facts = {
      id,
      key: `svc-${(i * 7) % 40}`,
      kind: i % 3 === 0 ? 'INTERNAL' : 'SAAS',
      lifecycle: i % 5 === 0 ? 'RETIRED' : 'ACTIVE',
    } as ServiceFacts;
    const scores = {
      serviceId: id,
      retirement: { score: i % 9 === 0 ? null : (i * 37) % 20, confidence: (i % 4) / 4, factors: [] },
      disposition: { disposition: DISPOSITIONS[i % DISPOSITIONS.length] },
    } as unknown as ServiceScores;
    return { row: { ownerTeamKey: i % 2 ? 'Alpha' : 'beta' } as FactsRow, facts, scores };
  }).sort(byRetirementScore);
  return { profile: DEFAULT_PROFILE, ranked, byId: new Map(ranked.map((s) => [s.facts.id, s])) };
}

/** The ranking filtered the obvious way: what every page must agree with. */
function expectedRanking(estate: ScoredEstate, filter: CandidateFilter): ScoredService[] {
  const has = <T>(list: T[] | null | undefined, value: T) => !list?.length || list.includes(value);
  return estate.ranked.filter(
    ({ row, facts, scores }) =>
      (filter.lifecycles?.length
        ? filter.lifecycles.includes(facts.lifecycle as never)
        : facts.lifecycle !== 'RETIRED') &&
      has(filter.kinds, facts.kind as never) &&
      has(
        filter.ownerTeamKeys?.map((k) => k.toLowerCase()),
        row.ownerTeamKey.toLowerCase(),
      ) &&
      (!filter.dispositions?.length ||
        (scores.disposition.disposition !== null && filter.dispositions.includes(scores.disposition.disposition))) &&
      (filter.minScore == null || (scores.retirement.score ?? -1) >= filter.minScore) &&
      (filter.minConfidence == null || scores.retirement.confidence >= filter.minConfidence),
  );
}

const FILTERS: [string, CandidateFilter][] = [
  ['none', {}],
  ['empty lists', { kinds: [], lifecycles: [], ownerTeamKeys: [], dispositions: [] }],
  ['kind', { kinds: ['SAAS'] as never }],
  ['retired too', { lifecycles: ['ACTIVE', 'RETIRED'] as never }],
  ['team, any case', { ownerTeamKeys: ['ALPHA'] }],
  ['team, other case', { ownerTeamKeys: ['alpha'] }],
  ['dispositions', { dispositions: [Disposition.ELIMINATE, Disposition.MIGRATE] }],
  ['dispositions reversed', { dispositions: [Disposition.MIGRATE, Disposition.ELIMINATE] }],
  ['min score 0', { minScore: 0 }],
  ['min score 10', { minScore: 10 }],
  ['min confidence', { minConfidence: 0.5 }],
  ['everything', { kinds: ['SAAS'] as never, ownerTeamKeys: ['beta'], minScore: 3, minConfidence: 0.25 }],
];

describe('ScoringService.candidates', () => {
  const scoring = new ScoringService(undefined as never, undefined as never, undefined as never);

  /** Every page of 7, following endCursors, as [rank, id]; and the total each page reported. */
  function walk(estate: ScoredEstate, filter: CandidateFilter) {
    const seen: [number, string][] = [];
    const totals = new Set<number>();
    let after: string | undefined;
    for (;;) {
      const page = scoring.candidates(estate, filter, 7, after);
      totals.add(page.total);
      seen.push(...page.rows.map((r): [number, string] => [r.node.rank, r.node.facts.id]));
      if (!page.hasNextPage) return { seen, totals };
      after = page.rows[page.rows.length - 1].cursor;
    }
  }

  it.each(FILTERS)('filter %s: every page, asked twice, agrees with the filtered ranking', (_name, filter) => {
    const estate = buildEstate();
    const expected = expectedRanking(estate, filter).map((s, i): [number, string] => [i + 1, s.facts.id]);
    for (const other of FILTERS) walk(estate, other[1]); // every filter cached before this one is read again
    expect(walk(estate, filter)).toEqual({ seen: expected, totals: new Set([expected.length]) });
    expect(walk(estate, filter)).toEqual({ seen: expected, totals: new Set([expected.length]) });
  });

  it('a cursor whose service is not in this ranking resumes below its score', () => {
    const estate = buildEstate();
    const retired = estate.ranked.find((s) => s.facts.lifecycle === 'RETIRED' && s.scores.retirement.score !== null)!;
    const cursorFor = scoring.candidates(estate, { lifecycles: ['RETIRED'] as never }, 40).rows;
    const after = cursorFor.find((r) => r.node.facts.id === retired.facts.id)!.cursor;
    const value = Number(decodeCursor(after, 'RETIREMENT_SCORE_DESC:default@0', 'numeric').value);
    const page = scoring.candidates(estate, {}, 40, after);
    const expected = expectedRanking(estate, {}).filter((s) => (s.scores.retirement.score ?? -1) < value);
    expect(page.rows.map((r) => r.node.facts.id)).toEqual(expected.map((s) => s.facts.id));
  });
});
