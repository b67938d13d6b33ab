import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog, type Caller } from '../audit/audit-log';
import { encodeCursor, decodeCursor } from '../common/cursor';
import { DomainError, ErrorCode, type InputProblem } from '../common/errors';
import { readEstateRevision } from '../database/estate-revision';
import type { Page } from '../common/graphql/pagination';
import type { ServiceKind, Lifecycle } from '../inventory/inventory.enums';
import type { IntegrationEntity } from '../inventory/integration.entity';
import type { UnifiedFieldEntity } from '../unified/unified-field.entity';
import {
  applyProfileChanges,
  DEFAULT_PROFILE,
  DEFAULT_PROFILE_NAME,
  type ProfileChanges,
  type ScoringProfileSpec,
} from './profile';
import { ScoringRepository, factsOf, type FactsRow } from './scoring.repository';
import type { ScoringProfileEntity } from './scoring-profile.entity';
import { byRetirementScore, scoreEstate } from './scorer';
import { isActive, type Disposition, type ServiceFacts, type ServiceScores } from './scoring.types';
import { simulateRetirement, type IntegrationEdge, type Simulation, type SupplyPair } from './simulation';

/** Which profile to score with: a name (default: the built-in one) and a version (default: its latest). */
export interface ProfileRef {
  name?: string | null;
  version?: number | null;
}

export interface ScoredService {
  row: FactsRow;
  facts: ServiceFacts;
  scores: ServiceScores;
}

/** The whole estate scored with one profile: what every scoring query reads. */
export interface ScoredEstate {
  profile: ScoringProfileSpec;
  /** Every live service, highest retirement score first. */
  ranked: ScoredService[];
  byId: Map<string, ScoredService>;
}

export interface CandidateFilter {
  kinds?: ServiceKind[] | null;
  lifecycles?: Lifecycle[] | null;
  ownerTeamKeys?: string[] | null;
  dispositions?: Disposition[] | null;
  minScore?: number | null;
  minConfidence?: number | null;
}

export interface RankedCandidate extends ScoredService {
  rank: number;
}

export interface SaveProfileInput extends ProfileChanges {
  name: string;
  description?: string | null;
  /** The version the caller edited; saving fails with CONFLICT when a newer one exists. */
  expectedVersion?: number | null;
  /** Start from this profile's latest version instead of the profile itself (or the default). */
  basedOn?: string | null;
}

export interface SimulationResult extends Simulation {
  profile: ScoringProfileSpec;
  estate: ScoredEstate;
  retired: ScoredService[];
  integrations: Map<string, IntegrationEntity>;
  unifiedFields: Map<string, UnifiedFieldEntity>;
}

const RANK_ORDER = 'RETIREMENT_SCORE_DESC';
/** Scored estates kept per facts snapshot; past this, the cache starts again. */
const MAX_CACHED_PROFILES = 16;
/** Filtered rankings kept per scored estate; past this, its cache starts again. */
const MAX_CACHED_FILTERS = 32;

/** The services of a scored estate that pass one filter, in ranking order. */
interface FilteredRanking {
  services: ScoredService[];
  /** Position of each service in `services`, built the first time a cursor needs one. */
  positions?: Map<string, number>;
}

/**
 * A scored estate never changes (a changed estate is a new one), so neither does a filtered
 * ranking of it: each is computed once, and a page costs its own size, not the estate's.
 */
const filteredRankings = new WeakMap<ScoredEstate, Map<string, FilteredRanking>>();

/** The estate's facts at one revision, and its scores per profile version. */
interface FactsSnapshot {
  revision: string;
  rows: FactsRow[];
  facts: ServiceFacts[];
  scored: Map<string, ScoredEstate>;
}

function rankEstate(snapshot: FactsSnapshot, profile: ScoringProfileSpec): ScoredEstate {
  const scores = scoreEstate(snapshot.facts, profile);
  const ranked = snapshot.rows.map((row, i) => ({
    row,
    facts: snapshot.facts[i],
    scores: scores.get(snapshot.facts[i].id)!,
  }));
  ranked.sort(byRetirementScore);
  return { profile, ranked, byId: new Map(ranked.map((s) => [s.facts.id, s])) };
}

/**
 * Scores the estate: facts aggregated in SQL in one statement, scores computed by the pure
 * functions of this folder. Each request scores the estate at most once per profile (see
 * ScoringLoaders); ranking, per-service scores and what-if all read the same ScoredEstate.
 */
@Injectable()
export class ScoringService {
  private snapshot: FactsSnapshot | null = null;
  private loading: { revision: string; promise: Promise<FactsSnapshot> } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ScoringRepository,
    private readonly audit: AuditLog,
  ) {}

  async profile(ref: ProfileRef = {}, path = 'profile'): Promise<ScoringProfileSpec> {
    const name = ref.name ?? DEFAULT_PROFILE_NAME;
    const version = ref.version ?? undefined;
    if (name.toLowerCase() === DEFAULT_PROFILE_NAME) {
      if (version !== undefined && version !== DEFAULT_PROFILE.version)
        throw DomainError.badInput([
          { path: `${path}Version`, message: `the built-in default profile has only version 0` },
        ]);
      return DEFAULT_PROFILE;
    }
    const row = await this.repository.findProfile(name, version);
    if (!row) {
      const what =
        version === undefined ? `scoring profile "${name}"` : `version ${version} of scoring profile "${name}"`;
      throw DomainError.badInput([{ path, message: `${what} does not exist` }]);
    }
    return specOf(row);
  }

  /**
   * The estate scored with `profile`. The facts and each profile's scores are kept until the
   * estate's revision changes (any committed write to what they are made of), so a warm ranking
   * costs one small statement; a changed estate is re-read in one statement and rescored.
   */
  async scoreEstate(profile: ScoringProfileSpec): Promise<ScoredEstate> {
    const snapshot = await this.currentFacts();
    const key = `${profile.name.toLowerCase()}@${profile.version}`;
    let estate = snapshot.scored.get(key);
    if (!estate) {
      estate = rankEstate(snapshot, profile);
      if (snapshot.scored.size >= MAX_CACHED_PROFILES) snapshot.scored.clear();
      snapshot.scored.set(key, estate);
    }
    return estate;
  }

  private async currentFacts(): Promise<FactsSnapshot> {
    const revision = await readEstateRevision(this.dataSource);
    if (this.snapshot?.revision === revision) return this.snapshot;
    if (this.loading?.revision !== revision) {
      const promise = this.repository.estateFacts().then((rows): FactsSnapshot => {
        // Labelled with the revision of the facts' own snapshot: never newer than the facts.
        const snapshot = { revision: rows[0]?.revision ?? revision, rows, facts: rows.map(factsOf), scored: new Map() };
        this.snapshot = snapshot;
        return snapshot;
      });
      this.loading = { revision, promise };
      promise
        .catch(() => undefined)
        .finally(() => {
          if (this.loading?.promise === promise) this.loading = null;
        });
    }
    return this.loading.promise;
  }

  /** A page of the ranking. Ranks are positions in the whole filtered ranking (1 = strongest candidate). */
  candidates(
    estate: ScoredEstate,
    filter: CandidateFilter,
    first: number,
    after?: string,
  ): Page<RankedCandidate> & { total: number } {
    const order = `${RANK_ORDER}:${estate.profile.name}@${estate.profile.version}`;
    const ranking = filteredRanking(estate, filter);
    const matching = ranking.services;
    let start = 0;
    if (after) {
      const cursor = decodeCursor(after, order, 'numeric');
      ranking.positions ??= new Map(matching.map((s, i) => [s.facts.id, i]));
      const at = ranking.positions.get(cursor.id);
      // The cursor's service left the ranking: resume below its score.
      start =
        at !== undefined
          ? at + 1
          : matching.findIndex((s) => (s.scores.retirement.score ?? -1) < Number(cursor.value ?? -1));
      if (start < 0) start = matching.length;
    }
    const slice = matching.slice(start, start + first);
    return {
      rows: slice.map((s, i) => ({
        node: { ...s, rank: start + i + 1 },
        cursor: encodeCursor({ order, value: s.scores.retirement.score?.toFixed(2) ?? null, id: s.facts.id }),
      })),
      hasNextPage: start + first < matching.length,
      hasPreviousPage: after !== undefined,
      total: matching.length,
    };
  }

  /** What retiring the given services would do. Unknown, deleted or already retired keys are refused. */
  async simulate(serviceKeys: string[], ref: ProfileRef): Promise<SimulationResult> {
    const profile = await this.profile(ref);
    const [estate, { pairs, edges }] = await Promise.all([this.scoreEstate(profile), this.relations()]);
    const byKey = new Map(estate.ranked.map((s) => [s.facts.key.toLowerCase(), s]));
    const problems: InputProblem[] = [];
    const retired = new Map<string, ScoredService>();
    serviceKeys.forEach((key, i) => {
      const found = byKey.get(key.toLowerCase());
      const path = `serviceKeys[${i}]`;
      if (!found) problems.push({ path, message: `service "${key}" does not exist (or is deleted)` });
      else if (!isActive(found.facts)) problems.push({ path, message: `service "${key}" is already RETIRED` });
      else retired.set(found.facts.id, found);
    });
    if (serviceKeys.length === 0) problems.push({ path: 'serviceKeys', message: 'name at least one service' });
    if (problems.length) throw DomainError.badInput(problems);
    const simulation = simulateRetirement(
      estate.ranked.map((s) => s.facts),
      pairs,
      edges,
      new Set(retired.keys()),
      profile,
    );
    const [integrations, unifiedFields] = await Promise.all([
      this.repository.integrationsByIds(simulation.brokenIntegrations.map((e) => e.id)),
      this.repository.unifiedFieldsByIds(simulation.orphanedFields.map((f) => f.unifiedFieldId)),
    ]);
    return {
      ...simulation,
      profile,
      estate,
      retired: [...retired.values()],
      integrations: new Map(integrations.map((i) => [i.id, i])),
      unifiedFields: new Map(unifiedFields.map((f) => [f.id, f])),
    };
  }

  /** Who supplies which unified field, and the live integrations between active services. */
  async relations(): Promise<{ pairs: SupplyPair[]; edges: IntegrationEdge[] }> {
    const [pairs, edges] = await Promise.all([this.repository.supplyPairs(), this.repository.integrationEdges()]);
    return { pairs, edges };
  }

  async listProfiles(): Promise<ScoringProfileSpec[]> {
    return [DEFAULT_PROFILE, ...(await this.repository.latestProfiles()).map(specOf)];
  }

  async profileVersions(name: string): Promise<ScoringProfileSpec[]> {
    if (name.toLowerCase() === DEFAULT_PROFILE_NAME) return [DEFAULT_PROFILE];
    return (await this.repository.profileVersions(name)).map(specOf);
  }

  /** Saves the next version of a profile: its latest (or `basedOn`, or the default) with the changes applied. */
  async saveProfile(input: SaveProfileInput, caller: Caller): Promise<ScoringProfileSpec> {
    if (input.name.toLowerCase() === DEFAULT_PROFILE_NAME)
      throw DomainError.badInput([
        {
          path: 'input.name',
          message: 'the built-in default profile cannot be changed; save your own under another name',
        },
      ]);
    return this.dataSource.transaction(async (manager) => {
      await this.repository.lockProfileName(manager, input.name);
      const latest = await this.repository.findProfile(input.name, undefined, manager);
      const latestVersion = latest?.version ?? 0;
      if (
        input.expectedVersion !== undefined &&
        input.expectedVersion !== null &&
        input.expectedVersion !== latestVersion
      ) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `scoring profile "${input.name}" is at version ${latestVersion}, not ${input.expectedVersion}: reload it and apply your changes again`,
          { latestVersion },
        );
      }
      const base = input.basedOn
        ? await this.profile({ name: input.basedOn }, 'input.basedOn')
        : latest
          ? specOf(latest)
          : DEFAULT_PROFILE;
      const { settings, problems } = applyProfileChanges(base, input, 'input');
      if (problems.length) throw DomainError.badInput(problems);
      const saved = await this.repository.insertProfileVersion(manager, {
        name: latest?.name ?? input.name,
        version: latestVersion + 1,
        description: input.description ?? latest?.description ?? null,
        settings,
        createdBy: caller.actor.name,
      });
      await this.audit.recordChanges(manager, caller, [
        {
          action: 'scoring_profile.save',
          targetType: 'scoring_profile',
          targetKey: `${saved.name}@${saved.version}`,
          changes: { settings: { before: latest?.settings ?? null, after: settings } },
        },
      ]);
      return specOf(saved);
    });
  }
}

export function specOf(
  row: ScoringProfileEntity,
): ScoringProfileSpec & { description: string | null; createdBy: string; createdAt: Date } {
  return {
    ...DEFAULT_PROFILE,
    ...row.settings,
    name: row.name,
    version: row.version,
    description: row.description,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

function filteredRanking(estate: ScoredEstate, filter: CandidateFilter): FilteredRanking {
  let cache = filteredRankings.get(estate);
  if (!cache) {
    cache = new Map();
    filteredRankings.set(estate, cache);
  }
  const key = filterKey(filter);
  let ranking = cache.get(key);
  if (!ranking) {
    if (cache.size >= MAX_CACHED_FILTERS) cache.clear();
    ranking = { services: estate.ranked.filter(matches(filter)) };
    cache.set(key, ranking);
  }
  return ranking;
}

/** Equal for filters that let the same services through (see matches): lists as sets, no bound as ''. */
function filterKey(filter: CandidateFilter): string {
  const set = (values?: readonly string[] | null) => (values?.length ? [...new Set(values)].sort() : null);
  return JSON.stringify([
    set(filter.kinds),
    set(filter.lifecycles),
    set(filter.ownerTeamKeys?.map((k) => k.toLowerCase())),
    set(filter.dispositions),
    String(filter.minScore ?? ''),
    String(filter.minConfidence ?? ''),
  ]);
}

function matches(filter: CandidateFilter): (s: ScoredService) => boolean {
  const kinds = filter.kinds?.length ? new Set<string>(filter.kinds) : null;
  // Retired services are no longer candidates unless asked for by lifecycle.
  const lifecycles = filter.lifecycles?.length ? new Set<string>(filter.lifecycles) : null;
  const teams = filter.ownerTeamKeys?.length ? new Set(filter.ownerTeamKeys.map((k) => k.toLowerCase())) : null;
  const dispositions = filter.dispositions?.length ? new Set<string>(filter.dispositions) : null;
  return ({ row, facts, scores }) =>
    (lifecycles ? lifecycles.has(facts.lifecycle) : isActive(facts)) &&
    (!kinds || kinds.has(facts.kind)) &&
    (!teams || teams.has(row.ownerTeamKey.toLowerCase())) &&
    (!dispositions || (scores.disposition.disposition !== null && dispositions.has(scores.disposition.disposition))) &&
    (filter.minScore === undefined || filter.minScore === null || (scores.retirement.score ?? -1) >= filter.minScore) &&
    (filter.minConfidence === undefined ||
      filter.minConfidence === null ||
      scores.retirement.confidence >= filter.minConfidence);
}
