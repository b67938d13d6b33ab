import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/pagination';
import { Money } from '../inventory/service.model';
import { ScoringProfileRefModel } from '../scoring/scoring.model';
import type { MigrationPlanEntity } from './migration-plan.entity';
import './planning.graphql-enums';
import { RiskKind, type MigrationPlanResult, type PlannedService, type PlanWave } from './plan.types';
import type { PlanSummary } from './planning.repository';

const money = (amount: number | null, currency: string): Money | null =>
  amount === null ? null : { amount: amount.toFixed(2), currency };

@ObjectType('MigrationPlanCapacity')
export class PlanCapacityModel {
  @Field(() => Int, { nullable: true })
  services: number | null;

  @Field(() => Float, { nullable: true, description: 'Effort points.' })
  effort: number | null;
}

@ObjectType('MigrationPlanInputs', { description: 'What the plan was asked for.' })
export class PlanInputsModel {
  @Field(() => [String], { nullable: true })
  serviceKeys: string[] | null;

  @Field(() => Int, { nullable: true })
  top: number | null;

  @Field(() => Float, { nullable: true })
  minScore: number | null;

  @Field(() => PlanCapacityModel)
  waveCapacity: PlanCapacityModel;

  @Field(() => Int, { nullable: true })
  maxWaves: number | null;

  @Field(() => String, { nullable: true })
  startDate: string | null;

  @Field(() => Int)
  waveLengthDays: number;
}

@ObjectType('MigrationRisk')
export class RiskModel {
  @Field(() => RiskKind)
  kind: RiskKind;

  @Field()
  message: string;
}

@ObjectType('MigrationEffort', { description: 'Effort points are roughly person-days; see the README.' })
export class EffortModel {
  @Field(() => Int)
  fieldsToMap: number;

  @Field(() => Int)
  fieldsToVerify: number;

  @Field(() => Int)
  integrationsToRepoint: number;

  @Field(() => Float)
  points: number;
}

@ObjectType('EntityMove', { description: 'An entity whose data moves, and the unified entities it lands in.' })
export class EntityMoveModel {
  @Field()
  entity: string;

  @Field(() => Int)
  fields: number;

  @Field(() => Int)
  mappedFields: number;

  @Field(() => [String])
  unifiedEntities: string[];

  @Field(() => [String], { description: 'The unified fields its mapped fields land in, as Entity.field.' })
  unifiedFields: string[];
}

@ObjectType('RepointedIntegration', { description: 'An integration whose consumer stays and must be re-pointed.' })
export class RepointedIntegrationModel {
  @Field(() => ID)
  integrationId: string;

  @Field()
  consumerKey: string;

  @Field()
  mechanism: string;
}

@ObjectType('PlannedService', { description: 'A service in a plan, as it was when the plan was made.' })
export class PlannedServiceModel {
  @Field(() => ID)
  id: string;

  @Field()
  key: string;

  @Field()
  name: string;

  @Field()
  ownerTeamKey: string;

  @Field()
  lifecycle: string;

  @Field(() => String, { nullable: true })
  criticality: string | null;

  @Field(() => Money, { nullable: true, description: "In the plan's currency; null when unknown or not convertible." })
  annualCost: Money | null;

  @Field(() => String, { nullable: true })
  contractRenewalDate: string | null;

  @Field(() => Float, { nullable: true })
  retirementScore: number | null;

  @Field(() => Float, { nullable: true })
  aiReadiness: number | null;

  @Field(() => Float)
  confidence: number;

  @Field(() => String, { nullable: true })
  disposition: string | null;

  @Field(() => Int, { nullable: true, description: 'Null when it did not fit in maxWaves.' })
  wave: number | null;

  @Field({ description: 'Why it is in this wave, e.g. "wave 3: after crm-sync (consumer, wave 2)".' })
  placement: string;

  @Field(() => [String], { description: 'Services it retires with (a cycle of integrations).' })
  retiresWith: string[];

  @Field(() => EffortModel)
  effort: EffortModel;

  @Field(() => [EntityMoveModel])
  entities: EntityMoveModel[];

  @Field(() => [String], { description: 'Fields without a CONFIRMED mapping, as Entity.field: the data gaps.' })
  unmappedFields: string[];

  @Field(() => [RepointedIntegrationModel])
  integrationsToRepoint: RepointedIntegrationModel[];

  @Field(() => [RiskModel])
  risks: RiskModel[];

  static from(this: void, s: PlannedService, currency: string): PlannedServiceModel {
    return Object.assign(new PlannedServiceModel(), { ...s, annualCost: money(s.annualCost, currency) });
  }
}

@ObjectType('MigrationWave')
export class MigrationWaveModel {
  @Field(() => Int)
  number: number;

  @Field(() => String, { nullable: true })
  startDate: string | null;

  @Field(() => String, { nullable: true })
  endDate: string | null;

  @Field(() => [PlannedServiceModel])
  services: PlannedServiceModel[];

  @Field(() => Money)
  annualSavings: Money;

  @Field(() => Money)
  cumulativeSavings: Money;

  @Field(() => Float)
  effortPoints: number;

  @Field(() => Int, { description: 'Fields whose data moves.' })
  fields: number;

  @Field(() => Int)
  mappedFields: number;

  @Field(() => Int, { description: 'Fields without a CONFIRMED mapping: the gap to close in this wave.' })
  fieldsToMap: number;

  @Field(() => Int)
  integrationsToRepoint: number;

  @Field(() => [String], { description: 'Unified fields (Entity.field) whose last source retires in this wave.' })
  orphanedUnifiedFields: string[];

  @Field(() => [[String]], { description: 'Groups of services that retire together (cycles), by key.' })
  cycles: string[][];

  @Field(() => Int)
  risks: number;

  static from(this: void, wave: PlanWave, result: MigrationPlanResult): MigrationWaveModel {
    const currency = result.totals.currency;
    const keys = new Set(wave.serviceKeys);
    return Object.assign(new MigrationWaveModel(), {
      ...wave,
      services: result.services.filter((s) => keys.has(s.key)).map((s) => PlannedServiceModel.from(s, currency)),
      annualSavings: money(wave.annualSavings, currency),
      cumulativeSavings: money(wave.cumulativeSavings, currency),
    });
  }
}

@ObjectType('MigrationPlanTotals')
export class PlanTotalsModel {
  @Field(() => Money)
  annualSavings: Money;

  @Field(() => Money, { description: 'Known annual cost of the active estate that stays.' })
  remainingEstateCost: Money;

  @Field(() => Int)
  servicesRetired: number;

  @Field(() => Int)
  fieldsRetired: number;

  @Field(() => Int, { description: 'Selected services that did not fit in maxWaves.' })
  unscheduled: number;

  @Field(() => Float)
  effortPoints: number;

  @Field(() => Float, { nullable: true, description: 'Mean AI-readiness of the active estate before the plan.' })
  aiReadinessBefore: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean AI-readiness of the active estate after the plan.' })
  aiReadinessAfter: number | null;

  @Field(() => Int, { description: 'Unified fields left with no source once the plan is done.' })
  orphanedUnifiedFields: number;

  static from(this: void, result: MigrationPlanResult): PlanTotalsModel {
    const t = result.totals;
    return Object.assign(new PlanTotalsModel(), {
      ...t,
      annualSavings: money(t.annualSavings, t.currency),
      remainingEstateCost: money(t.remainingEstateCost, t.currency),
    });
  }
}

@ObjectType('MovedService')
export class MovedServiceModel {
  @Field()
  key: string;

  @Field(() => Int, { nullable: true })
  fromWave: number | null;

  @Field(() => Int, { nullable: true })
  toWave: number | null;
}

@ObjectType('MigrationPlanComparison', { description: 'How a re-run differs from the plan it repeats.' })
export class PlanComparisonModel {
  @Field(() => [String])
  servicesAdded: string[];

  @Field(() => [String])
  servicesRemoved: string[];

  @Field(() => [MovedServiceModel])
  servicesMoved: MovedServiceModel[];

  @Field(() => Money)
  annualSavingsBefore: Money;

  @Field(() => Money)
  annualSavingsAfter: Money;

  @Field(() => Int)
  wavesBefore: number;

  @Field(() => Int)
  wavesAfter: number;

  static of(this: void, before: MigrationPlanResult, after: MigrationPlanResult): PlanComparisonModel {
    const waveOf = (r: MigrationPlanResult) => new Map(r.services.map((s) => [s.key, s.wave]));
    const [was, now] = [waveOf(before), waveOf(after)];
    return Object.assign(new PlanComparisonModel(), {
      servicesAdded: [...now.keys()].filter((k) => !was.has(k)),
      servicesRemoved: [...was.keys()].filter((k) => !now.has(k)),
      servicesMoved: [...now]
        .filter(([key, wave]) => was.has(key) && was.get(key) !== wave)
        .map(([key, toWave]) => ({ key, fromWave: was.get(key) ?? null, toWave })),
      annualSavingsBefore: money(before.totals.annualSavings, before.totals.currency),
      annualSavingsAfter: money(after.totals.annualSavings, after.totals.currency),
      wavesBefore: before.waves.length,
      wavesAfter: after.waves.length,
    });
  }
}

@ObjectType('MigrationPlan', {
  description: 'A saved, reproducible plan: inputs, versions used, waves, savings, gaps.',
})
export class MigrationPlanModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => ScoringProfileRefModel, { description: 'The scoring profile version it used.' })
  profile: ScoringProfileRefModel;

  @Field(() => Int, { nullable: true, description: 'The latest published unified schema version when it was made.' })
  unifiedSchemaVersion: number | null;

  @Field(() => PlanInputsModel)
  inputs: PlanInputsModel;

  @Field(() => Int)
  serviceCount: number;

  @Field(() => Int)
  waveCount: number;

  @Field(() => Money)
  annualSavings: Money;

  @Field(() => String, { nullable: true, description: 'The plan this one re-runs.' })
  rerunOf: string | null;

  @Field()
  createdBy: string;

  @Field()
  createdAt: Date;

  /** Present when the whole plan was read; list pages leave it out. */
  result?: MigrationPlanResult;

  static from(this: void, p: MigrationPlanEntity | PlanSummary): MigrationPlanModel {
    const { selection, ...inputs } = p.inputs;
    return Object.assign(new MigrationPlanModel(), {
      id: p.id,
      name: p.name,
      profile: { name: p.profileName, version: p.profileVersion },
      unifiedSchemaVersion: p.unifiedSchemaVersion,
      inputs: {
        serviceKeys: selection.serviceKeys ?? null,
        top: selection.top ?? null,
        minScore: selection.minScore ?? null,
        waveCapacity: { services: inputs.waveCapacity.services ?? null, effort: inputs.waveCapacity.effort ?? null },
        maxWaves: inputs.maxWaves ?? null,
        startDate: inputs.startDate ?? null,
        waveLengthDays: inputs.waveLengthDays,
      },
      serviceCount: p.serviceCount,
      waveCount: p.waveCount,
      annualSavings: { amount: p.annualSavings, currency: p.currency },
      rerunOf: p.rerunOf,
      createdBy: p.createdBy,
      createdAt: p.createdAt,
      result: p.result,
    });
  }
}

@ObjectType()
export class MigrationPlanConnection extends Connection(MigrationPlanModel, 'MigrationPlan') {}
