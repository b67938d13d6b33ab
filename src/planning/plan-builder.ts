import { round2 } from '../scoring/combine';
import { effortOf, roundPoints } from './effort';
import {
  RiskKind,
  type EntityMove,
  type MigrationPlanResult,
  type PlanInputs,
  type PlannedService,
  type PlanWave,
  type QuadrantPoint,
  type RepointedIntegration,
  type Risk,
} from './plan.types';
import { compareKeys, planWaves, tenths, type DataFlow } from './wave-planner';
import { appendTo } from '../common/multimap';

/** A service of the estate as planning sees it: identity, scores and what scoring knows of it. */
export interface CandidateService {
  id: string;
  key: string;
  name: string;
  kind: string;
  lifecycle: string;
  criticality: string | null;
  ownerTeamKey: string;
  contractRenewalDate: string | null;
  /** In the plan's currency; null when unknown or not convertible. */
  annualCost: number | null;
  retirementScore: number | null;
  aiReadiness: number | null;
  confidence: number;
  disposition: string | null;
  consumers: number;
  soleSource: number;
  active: boolean;
}

/** One field of a planned service, with where its CONFIRMED mapping lands (null: none). */
export interface PlanningField {
  entity: string;
  field: string;
  piiClass: string | null;
  unifiedEntity: string | null;
  /** The unified field (Entity.field) its CONFIRMED mapping lands in. */
  unifiedField?: string | null;
}

export interface PlanningFlow extends DataFlow {
  id: string;
  mechanism: string;
}

export interface PlanningEstate {
  currency: string;
  /** Every live service, strongest retirement candidate first. */
  services: CandidateService[];
  /** Which active service supplies which unified field (CONFIRMED mappings). */
  supply: { serviceId: string; unifiedFieldId: string }[];
  /** Unified field id → Entity.field. */
  unifiedFieldNames: Map<string, string>;
  /** Live integrations between active services. */
  flows: PlanningFlow[];
  /** The fields of each selected service. */
  fields: Map<string, PlanningField[]>;
}

/** What the plan does to the estate once done: computed by scoring for the services it retires. */
export interface PlanOutcome {
  aiReadinessBefore: number | null;
  aiReadinessAfter: number | null;
  remainingEstateCost: number;
}

export interface PlanContext {
  inputs: PlanInputs;
  profile: { name: string; version: number };
  unifiedSchemaVersion: number | null;
  generatedAt: string;
  createdBy: string;
}

/** Consumers from which a service counts as having many dependents. */
export const MANY_DEPENDENTS = 5;

/** Builds the plan for the `selected` services (ids, in rank order). Pure. */
export function buildPlan(
  context: PlanContext,
  estate: PlanningEstate,
  selected: readonly string[],
  outcome: (retired: ReadonlySet<string>) => PlanOutcome,
): MigrationPlanResult {
  const { inputs } = context;
  const chosen = new Set(selected);
  const byId = new Map(estate.services.map((s) => [s.id, s]));
  const keyOf = (id: string) => byId.get(id)?.key ?? id;

  const flowsFrom = new Map<string, PlanningFlow[]>();
  for (const flow of estate.flows) appendTo(flowsFrom, flow.sourceId, flow);
  const drafts = selected.map((id) =>
    draft(byId.get(id)!, estate.fields.get(id) ?? [], flowsFrom.get(id) ?? [], chosen, keyOf),
  );
  const plan = planWaves(
    drafts.map((d) => ({ id: d.id, key: d.key, priority: d.retirementScore, effort: d.effort.points })),
    estate.flows,
    inputs.waveCapacity,
    inputs.maxWaves ?? null,
  );
  const services: PlannedService[] = drafts.map((d) => {
    const placement = plan.placements.get(d.id)!;
    const risks = [...d.risks];
    const cycle = placement.cycle;
    if (cycle && cycle.parts > 1)
      risks.push({
        kind: RiskKind.CYCLE,
        message: `in a cycle of ${cycle.size} services split into ${cycle.parts} parts to fit the waves (this is part ${cycle.part}): keep its data flowing to the parts that retire later`,
      });
    else if (cycle && placement.wave !== null)
      risks.push({
        kind: RiskKind.CYCLE,
        message: `retires together with the ${cycle.size - 1} other${cycle.size === 2 ? '' : 's'} of its cycle`,
      });
    if (placement.overCapacity)
      risks.push({
        kind: RiskKind.OVER_CAPACITY,
        message: 'its group is larger than a wave: it has a wave of its own',
      });
    const dates = waveDates(inputs, placement.wave);
    if (
      dates &&
      d.contractRenewalDate &&
      d.contractRenewalDate >= inputs.startDate! &&
      d.contractRenewalDate <= dates.end
    )
      risks.push({
        kind: RiskKind.CONTRACT_RENEWAL,
        message: `its contract renews on ${d.contractRenewalDate}, before its wave ends (${dates.end}): renew for a short term or retire it earlier`,
      });
    // Consumers in the plan that retire later (the later parts of a split cycle) need the data
    // bridged until they go: re-pointing work too, counted once the waves are known.
    const wave = placement.wave;
    const bridged =
      wave === null
        ? []
        : (flowsFrom.get(d.id) ?? [])
            .filter((flow) => chosen.has(flow.targetId) && laterOrNever(plan.placements.get(flow.targetId)!.wave, wave))
            .map((flow) => ({ integrationId: flow.id, consumerKey: keyOf(flow.targetId), mechanism: flow.mechanism }));
    const integrationsToRepoint = [...d.integrationsToRepoint, ...bridged].sort((a, b) =>
      compareKeys(a.consumerKey, b.consumerKey),
    );
    const effort = bridged.length
      ? effortOf(d.effort.fieldsToMap, d.effort.fieldsToVerify, integrationsToRepoint.length)
      : d.effort;
    return {
      ...d,
      wave,
      placement: placement.reason,
      retiresWith: placement.retiresWith,
      integrationsToRepoint,
      effort,
      risks,
    };
  });
  flagBridgingOverCapacity(services, inputs.waveCapacity.effort ?? null);
  const rank = new Map(selected.map((id, i) => [id, i]));
  services.sort((a, b) => (a.wave ?? Infinity) - (b.wave ?? Infinity) || rank.get(a.id)! - rank.get(b.id)!);

  const waves = buildWaves(services, estate, inputs, plan.waves, plan.cycles);
  const retired = new Set(services.filter((s) => s.wave !== null).map((s) => s.id));
  const done = outcome(retired);
  const scheduled = services.filter((s) => s.wave !== null);
  return {
    inputs,
    profile: context.profile,
    unifiedSchemaVersion: context.unifiedSchemaVersion,
    generatedAt: context.generatedAt,
    createdBy: context.createdBy,
    waves,
    services,
    totals: {
      currency: estate.currency,
      annualSavings: round2(waves.reduce((total, w) => total + w.annualSavings, 0)),
      remainingEstateCost: done.remainingEstateCost,
      servicesRetired: scheduled.length,
      fieldsRetired: scheduled.reduce((total, s) => total + s.effort.fieldsToMap + s.effort.fieldsToVerify, 0),
      unscheduled: services.length - scheduled.length,
      effortPoints: roundPoints(scheduled.reduce((total, s) => total + s.effort.points, 0)),
      aiReadinessBefore: done.aiReadinessBefore,
      aiReadinessAfter: done.aiReadinessAfter,
      orphanedUnifiedFields: waves.reduce((total, w) => total + w.orphanedUnifiedFields.length, 0),
    },
    quadrant: estate.services.filter((s) => s.active).map((s): QuadrantPoint => quadrantPoint(s, chosen.has(s.id))),
  };
}

type Draft = Omit<PlannedService, 'wave' | 'placement' | 'retiresWith'>;

function draft(
  s: CandidateService,
  fields: readonly PlanningField[],
  flows: readonly PlanningFlow[],
  chosen: ReadonlySet<string>,
  keyOf: (id: string) => string,
): Draft {
  const entities = new Map<string, EntityMove & { unified: Set<string>; landing: Set<string> }>();
  const unmappedFields: string[] = [];
  let pii = 0;
  for (const f of fields) {
    const move = entities.get(f.entity) ?? {
      entity: f.entity,
      fields: 0,
      mappedFields: 0,
      unifiedEntities: [],
      unifiedFields: [],
      unified: new Set(),
      landing: new Set(),
    };
    move.fields += 1;
    if (f.unifiedEntity !== null) {
      move.mappedFields += 1;
      move.unified.add(f.unifiedEntity);
      if (f.unifiedField) move.landing.add(f.unifiedField);
    } else {
      unmappedFields.push(`${f.entity}.${f.field}`);
    }
    if (f.piiClass !== null) pii += 1;
    entities.set(f.entity, move);
  }
  const integrationsToRepoint: RepointedIntegration[] = flows
    .filter((flow) => !chosen.has(flow.targetId))
    .map((flow) => ({ integrationId: flow.id, consumerKey: keyOf(flow.targetId), mechanism: flow.mechanism }))
    .sort((a, b) => compareKeys(a.consumerKey, b.consumerKey));
  const mapped = fields.length - unmappedFields.length;
  const risks: Risk[] = [];
  if (s.criticality === 'HIGH' || s.criticality === 'MISSION_CRITICAL')
    risks.push({ kind: RiskKind.CRITICALITY, message: `criticality ${s.criticality.toLowerCase().replace('_', '-')}` });
  if (pii > 0)
    risks.push({ kind: RiskKind.PII, message: `${pii} field${pii === 1 ? ' holds' : 's hold'} personal data` });
  if (s.consumers >= MANY_DEPENDENTS)
    risks.push({ kind: RiskKind.MANY_DEPENDENTS, message: `${s.consumers} services consume its data` });
  if (s.soleSource > 0)
    risks.push({
      kind: RiskKind.SOLE_SOURCE,
      message: `only source of ${s.soleSource} unified field${s.soleSource === 1 ? '' : 's'}`,
    });
  return {
    id: s.id,
    key: s.key,
    name: s.name,
    kind: s.kind,
    ownerTeamKey: s.ownerTeamKey,
    lifecycle: s.lifecycle,
    criticality: s.criticality,
    annualCost: s.annualCost,
    contractRenewalDate: s.contractRenewalDate,
    retirementScore: s.retirementScore,
    aiReadiness: s.aiReadiness,
    confidence: s.confidence,
    disposition: s.disposition,
    effort: effortOf(unmappedFields.length, mapped, integrationsToRepoint.length),
    entities: [...entities.values()].map(({ unified, landing, ...move }) => ({
      ...move,
      unifiedEntities: [...unified].sort(),
      unifiedFields: [...landing].sort(),
    })),
    unmappedFields,
    integrationsToRepoint,
    risks,
  };
}

function buildWaves(
  services: readonly PlannedService[],
  estate: PlanningEstate,
  inputs: PlanInputs,
  count: number,
  cycles: string[][],
): PlanWave[] {
  const remaining = new Map<string, number>();
  for (const p of estate.supply) remaining.set(p.unifiedFieldId, (remaining.get(p.unifiedFieldId) ?? 0) + 1);
  const supplied = new Map<string, string[]>();
  for (const p of estate.supply) {
    appendTo(supplied, p.serviceId, p.unifiedFieldId);
  }
  const waves: PlanWave[] = [];
  let cumulative = 0;
  for (let number = 1; number <= count; number++) {
    const members = services.filter((s) => s.wave === number);
    const orphaned: string[] = [];
    for (const s of members) {
      for (const field of supplied.get(s.id) ?? []) {
        const left = remaining.get(field)! - 1;
        remaining.set(field, left);
        if (left === 0) orphaned.push(estate.unifiedFieldNames.get(field) ?? field);
      }
    }
    const savings = round2(members.reduce((total, s) => total + (s.annualCost ?? 0), 0));
    cumulative = round2(cumulative + savings);
    const keys = new Set(members.map((s) => s.key));
    const dates = waveDates(inputs, number);
    waves.push({
      number,
      startDate: dates?.start ?? null,
      endDate: dates?.end ?? null,
      serviceKeys: members.map((s) => s.key),
      annualSavings: savings,
      cumulativeSavings: cumulative,
      effortPoints: roundPoints(members.reduce((total, s) => total + s.effort.points, 0)),
      fields: members.reduce((total, s) => total + s.effort.fieldsToMap + s.effort.fieldsToVerify, 0),
      mappedFields: members.reduce((total, s) => total + s.effort.fieldsToVerify, 0),
      fieldsToMap: members.reduce((total, s) => total + s.effort.fieldsToMap, 0),
      integrationsToRepoint: members.reduce((total, s) => total + s.integrationsToRepoint.length, 0),
      orphanedUnifiedFields: orphaned.sort(),
      cycles: cycles.filter((cycle) => cycle.some((key) => keys.has(key))),
      risks: members.reduce((total, s) => total + s.risks.length, 0),
    });
  }
  return waves;
}

/**
 * Bridging the data of a split cycle is work found once the waves are made, so it can take a wave
 * past its effort capacity: the services whose bridging does so say it.
 */
function flagBridgingOverCapacity(services: PlannedService[], capacity: number | null): void {
  if (capacity === null) return;
  const byWave = new Map<number, PlannedService[]>();
  for (const s of services) if (s.wave !== null) appendTo(byWave, s.wave, s);
  for (const [wave, members] of byWave) {
    const total = members.reduce((sum, s) => sum + s.effort.points, 0);
    if (tenths(total) <= tenths(capacity)) continue;
    for (const s of members) {
      const bridged = s.integrationsToRepoint.filter((i) => members.every((m) => m.key !== i.consumerKey)).length;
      if (s.retiresWith.length === 0 && s.risks.some((r) => r.kind === RiskKind.CYCLE) && bridged > 0)
        s.risks.push({
          kind: RiskKind.OVER_CAPACITY,
          message: `bridging its data to the later parts of its cycle takes wave ${wave} to ${roundPoints(total)} effort points, over its capacity of ${capacity}`,
        });
    }
  }
}

function laterOrNever(consumerWave: number | null, wave: number): boolean {
  return consumerWave === null || consumerWave > wave;
}

/** ISO start and end dates of a wave, when the plan has a start date. */
export function waveDates(inputs: PlanInputs, wave: number | null): { start: string; end: string } | null {
  if (!inputs.startDate || wave === null) return null;
  const day = 86_400_000;
  const start = Date.parse(`${inputs.startDate}T00:00:00Z`) + (wave - 1) * inputs.waveLengthDays * day;
  const end = start + (inputs.waveLengthDays - 1) * day;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { start: iso(start), end: iso(end) };
}

function quadrantPoint(s: CandidateService, inPlan: boolean): QuadrantPoint {
  return {
    key: s.key,
    name: s.name,
    aiReadiness: s.aiReadiness,
    retirementScore: s.retirementScore,
    annualCost: s.annualCost,
    disposition: s.disposition,
    inPlan,
  };
}
