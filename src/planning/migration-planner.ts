import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog, type Caller } from '../audit/audit-log';
import { decodeCursor } from '../common/cursor';
import { DomainError, type InputProblem } from '../common/errors';
import type { Page } from '../common/graphql/pagination';
import { isUuid } from '../common/validators';
import { annualCostOf } from '../scoring/baseline';
import { ScoringService, type ScoredEstate } from '../scoring/scoring.service';
import { isActive } from '../scoring/scoring.types';
import { simulateRetirement } from '../scoring/simulation';
import type { MigrationPlanEntity } from './migration-plan.entity';
import { buildPlan, type CandidateService, type PlanningField, type PlanOutcome } from './plan-builder';
import type { MigrationPlanResult, PlanInputs } from './plan.types';
import { PlanningRepository, type PlanSummary } from './planning.repository';
import { appendTo } from '../common/multimap';

export const PLANS_ORDER = 'CREATED_DESC';

const MAX_WAVES = 1000;
const MAX_NAME_LENGTH = 200;
const MAX_SERVICE_KEYS = 20_000;
const MAX_WAVE_LENGTH_DAYS = 366;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Makes, saves and re-runs migration plans: selects the services, orders them into waves with
 * the pure planner, and stores inputs, versions and result together, audited.
 */
@Injectable()
export class MigrationPlanner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: PlanningRepository,
    private readonly scoring: ScoringService,
    private readonly audit: AuditLog,
  ) {}

  async create(inputs: PlanInputs, caller: Caller, rerunOf: string | null = null): Promise<MigrationPlanEntity> {
    const problems = checkInputs(inputs);
    if (problems.length) throw DomainError.badInput(problems);
    const profile = await this.scoring.profile(
      { name: inputs.profile.name, version: inputs.profile.version },
      'input.profile',
    );
    const estate = await this.scoring.scoreEstate(profile);
    const selected = select(estate, inputs);
    const [{ pairs, edges }, names, fields, unifiedVersion] = await Promise.all([
      this.scoring.relations(),
      this.repository.unifiedFieldNames(),
      this.repository.fieldsOf(selected),
      this.repository.latestUnifiedVersion(),
    ]);
    const fieldsByService = new Map<string, PlanningField[]>();
    for (const { serviceId, ...field } of fields) {
      appendTo(fieldsByService, serviceId, field);
    }
    const facts = estate.ranked.map((s) => s.facts);
    const outcome = (retired: ReadonlySet<string>): PlanOutcome => {
      const simulation = simulateRetirement(facts, pairs, edges, new Set(retired), profile);
      return {
        aiReadinessBefore: simulation.before.aiReadiness.mean,
        aiReadinessAfter: simulation.after.aiReadiness.mean,
        remainingEstateCost: simulation.after.annualCost,
      };
    };
    const result = buildPlan(
      {
        inputs: { ...inputs, profile: { name: profile.name, version: profile.version } },
        profile: { name: profile.name, version: profile.version },
        unifiedSchemaVersion: unifiedVersion,
        generatedAt: new Date().toISOString(),
        createdBy: caller.actor.name,
      },
      {
        currency: profile.baseCurrency,
        services: estate.ranked.map((s): CandidateService => ({
          id: s.facts.id,
          key: s.facts.key,
          name: s.facts.name,
          kind: s.facts.kind,
          lifecycle: s.facts.lifecycle,
          criticality: s.facts.criticality,
          ownerTeamKey: s.row.ownerTeamKey,
          contractRenewalDate: s.row.contractRenewalDate,
          annualCost: annualCostOf(s.facts, profile),
          retirementScore: s.scores.retirement.score,
          aiReadiness: s.scores.aiReadiness.score,
          confidence: s.scores.retirement.confidence,
          disposition: s.scores.disposition.disposition,
          consumers: s.facts.dependents.consumers,
          soleSource: s.facts.unified.soleSource,
          active: isActive(s.facts),
        })),
        supply: pairs,
        unifiedFieldNames: names,
        flows: edges,
        fields: fieldsByService,
      },
      selected,
      outcome,
    );
    return this.dataSource.transaction(async (manager) => {
      const saved = await this.repository.insertPlan(manager, {
        name: inputs.name.trim(),
        inputs: result.inputs,
        profileName: profile.name,
        profileVersion: profile.version,
        unifiedSchemaVersion: unifiedVersion,
        result,
        serviceCount: result.services.length,
        waveCount: result.waves.length,
        annualSavings: result.totals.annualSavings.toFixed(2),
        currency: result.totals.currency,
        rerunOf,
        createdBy: caller.actor.name,
      });
      await this.audit.recordChanges(manager, caller, [
        {
          action: rerunOf ? 'plan.rerun' : 'plan.create',
          targetType: 'migration_plan',
          targetKey: saved.id,
          changes: {
            name: { before: null, after: saved.name },
            services: { before: null, after: saved.serviceCount },
            waves: { before: null, after: saved.waveCount },
            ...(rerunOf ? { rerunOf: { before: null, after: rerunOf } } : {}),
          },
        },
      ]);
      return saved;
    });
  }

  /** Runs a saved plan's inputs again (same profile version) against the estate as it is now. */
  async rerun(id: string, caller: Caller): Promise<MigrationPlanEntity> {
    const plan = await this.get(id);
    return this.create(plan.inputs, caller, plan.id);
  }

  async get(id: string): Promise<MigrationPlanEntity> {
    const plan = isUuid(id) ? await this.repository.findPlan(id) : null;
    if (!plan) throw DomainError.notFound('migration plan', id);
    return plan;
  }

  async results(ids: readonly string[]): Promise<Map<string, MigrationPlanResult>> {
    const plans = await this.repository.findPlans(ids);
    return new Map(plans.map((p) => [p.id, p.result]));
  }

  list(first: number, after?: string): Promise<Page<PlanSummary>> {
    const cursor = after ? decodeCursor(after, PLANS_ORDER, 'timestamptz') : undefined;
    return this.repository.pagePlans(first, PLANS_ORDER, cursor);
  }

  count(): Promise<number> {
    return this.repository.countPlans();
  }
}

/** The ids of the selected services, strongest candidate first. Unknown or retired keys are refused. */
function select(estate: ScoredEstate, inputs: PlanInputs): string[] {
  const candidates = estate.ranked.filter((s) => isActive(s.facts));
  const { serviceKeys, top, minScore } = inputs.selection;
  if (serviceKeys) {
    const byKey = new Map(estate.ranked.map((s) => [s.facts.key.toLowerCase(), s]));
    const problems: InputProblem[] = [];
    const wanted = new Set<string>();
    serviceKeys.forEach((key, i) => {
      const path = `input.serviceKeys[${i}]`;
      const found = byKey.get(key.toLowerCase());
      if (!found) problems.push({ path, message: `service "${key}" does not exist (or is deleted)` });
      else if (!isActive(found.facts)) problems.push({ path, message: `service "${key}" is already RETIRED` });
      else if (wanted.has(found.facts.id)) problems.push({ path, message: `service "${key}" is named twice` });
      else wanted.add(found.facts.id);
    });
    if (problems.length) throw DomainError.badInput(problems);
    return candidates.filter((s) => wanted.has(s.facts.id)).map((s) => s.facts.id);
  }
  if (top !== undefined) return candidates.slice(0, top).map((s) => s.facts.id);
  const chosen = candidates.filter((s) => (s.scores.retirement.score ?? -1) >= minScore!).map((s) => s.facts.id);
  if (chosen.length === 0)
    throw DomainError.badInput([{ path: 'input.minScore', message: `no candidate scores ${minScore} or more` }]);
  return chosen;
}

/** Every problem with the inputs, by path; nothing is looked up yet. */
export function checkInputs(inputs: PlanInputs): InputProblem[] {
  const problems: InputProblem[] = [];
  const { selection, waveCapacity } = inputs;
  if (!inputs.name.trim()) problems.push({ path: 'input.name', message: 'must not be empty' });
  if (inputs.name.length > MAX_NAME_LENGTH)
    problems.push({ path: 'input.name', message: `must be at most ${MAX_NAME_LENGTH} characters` });
  if (selection.serviceKeys && selection.serviceKeys.length > MAX_SERVICE_KEYS)
    problems.push({ path: 'input.serviceKeys', message: `name at most ${MAX_SERVICE_KEYS} services` });
  const given = [selection.serviceKeys, selection.top, selection.minScore].filter((x) => x !== undefined && x !== null);
  if (given.length !== 1)
    problems.push({ path: 'input', message: 'choose the services with exactly one of serviceKeys, top or minScore' });
  if (selection.serviceKeys && selection.serviceKeys.length === 0)
    problems.push({ path: 'input.serviceKeys', message: 'name at least one service' });
  if (selection.top !== undefined && selection.top !== null && (!Number.isInteger(selection.top) || selection.top < 1))
    problems.push({ path: 'input.top', message: `must be a whole number of at least 1 (got ${selection.top})` });
  if (
    selection.minScore !== undefined &&
    selection.minScore !== null &&
    !(selection.minScore >= 0 && selection.minScore <= 100)
  )
    problems.push({ path: 'input.minScore', message: `must be from 0 to 100 (got ${selection.minScore})` });
  if ((waveCapacity.services ?? null) === null && (waveCapacity.effort ?? null) === null)
    problems.push({ path: 'input.waveCapacity', message: 'give services per wave, effort points per wave, or both' });
  if (waveCapacity.services != null && (!Number.isInteger(waveCapacity.services) || waveCapacity.services < 1))
    problems.push({
      path: 'input.waveCapacity.services',
      message: `must be a whole number of at least 1 (got ${waveCapacity.services})`,
    });
  if (waveCapacity.effort != null && !(waveCapacity.effort >= 1))
    problems.push({ path: 'input.waveCapacity.effort', message: `must be at least 1 (got ${waveCapacity.effort})` });
  if (
    inputs.maxWaves != null &&
    (!Number.isInteger(inputs.maxWaves) || inputs.maxWaves < 1 || inputs.maxWaves > MAX_WAVES)
  )
    problems.push({
      path: 'input.maxWaves',
      message: `must be a whole number from 1 to ${MAX_WAVES} (got ${inputs.maxWaves})`,
    });
  if (
    inputs.startDate != null &&
    (!ISO_DATE.test(inputs.startDate) || Number.isNaN(Date.parse(`${inputs.startDate}T00:00:00Z`)))
  )
    problems.push({ path: 'input.startDate', message: `must be a date as YYYY-MM-DD (got "${inputs.startDate}")` });
  if (
    !Number.isInteger(inputs.waveLengthDays) ||
    inputs.waveLengthDays < 1 ||
    inputs.waveLengthDays > MAX_WAVE_LENGTH_DAYS
  )
    problems.push({
      path: 'input.waveLengthDays',
      message: `must be a whole number of days from 1 to ${MAX_WAVE_LENGTH_DAYS} (got ${inputs.waveLengthDays})`,
    });
  return problems;
}
