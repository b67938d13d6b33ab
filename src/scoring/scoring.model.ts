import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/pagination';
import { Money, ServiceModel } from '../inventory/service.model';
import { IntegrationModel } from '../inventory/integration.model';
import { UnifiedFieldModel } from '../unified/unified.model';
import type { ProfileSettings, ScoringProfileSpec } from './profile';
import './scoring.graphql-enums';
import { Disposition, ScoringFactor, type Score, type ScoredFactor, type ServiceScores } from './scoring.types';
import type { SimulationResult } from './scoring.service';
import type { Distribution, Simulation } from './simulation';

const MAX_SCORE_CHANGES = 50;

@ObjectType({ description: 'One factor of a score: its value, its share of the score and why.' })
export class ScoreFactorModel {
  @Field(() => ScoringFactor)
  name: ScoringFactor;

  @Field(() => Float, {
    nullable: true,
    description:
      '0–1: for AI-readiness, how AI-friendly; for retirement, how strongly it argues for retiring (risk factors: 1 = no risk). Null when the data is missing.',
  })
  value: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "For a missing factor: the estate's average value it is counted at (null when no service has it).",
  })
  assumedValue: number | null;

  @Field(() => Float, {
    description: 'Points this factor can give (0–100): its profile weight over the weights of the factors counted.',
  })
  weight: number;

  @Field(() => Float, { description: 'The weight set in the profile.' })
  profileWeight: number;

  @Field(() => Float, { description: 'value × weight; the contributions add up to the score.' })
  contribution: number;

  @Field({
    description:
      "The service's own data for this factor is missing: it is counted at `assumedValue` and lowers the confidence.",
  })
  missing: boolean;

  @Field()
  reason: string;

  static from(this: void, f: ScoredFactor): ScoreFactorModel {
    return Object.assign(new ScoreFactorModel(), {
      name: f.factor,
      value: f.value,
      assumedValue: f.assumedValue,
      weight: f.weight,
      profileWeight: f.profileWeight,
      contribution: f.contribution,
      missing: f.missing,
      reason: f.reason,
    });
  }
}

@ObjectType('ScoringProfileRef', { description: 'The profile version a score was made with.' })
export class ScoringProfileRefModel {
  @Field()
  name: string;

  @Field(() => Int, { description: '0 for the built-in default.' })
  version: number;
}

export function profileRef(profile: ScoringProfileSpec): ScoringProfileRefModel {
  return { name: profile.name, version: profile.version };
}

@ObjectType('AiReadinessScore', { description: 'How well a service’s data suits AI consumption, 0–100.' })
export class AiReadinessScoreModel {
  @Field(() => Float, { nullable: true, description: 'Null when nothing about its data access or fields is known.' })
  score: number | null;

  @Field(() => Float, { description: 'Share (0–1) of the profile’s weight resting on known data.' })
  confidence: number;

  @Field(() => [ScoreFactorModel])
  factors: ScoreFactorModel[];

  @Field(() => ScoringProfileRefModel)
  profile: ScoringProfileRefModel;

  static from(this: void, score: Score, profile: ScoringProfileSpec): AiReadinessScoreModel {
    return Object.assign(new AiReadinessScoreModel(), {
      score: score.score,
      confidence: score.confidence,
      factors: score.factors.map(ScoreFactorModel.from),
      profile: profileRef(profile),
    });
  }
}

@ObjectType('RetirementScore', {
  description: 'How strong a candidate for retirement a service is, 0–100, and its TIME disposition.',
})
export class RetirementScoreModel {
  @Field(() => Float, { nullable: true, description: 'Null only when the profile weighs no known factor.' })
  score: number | null;

  @Field(() => Float, { description: 'Share (0–1) of the profile’s weight resting on known data.' })
  confidence: number;

  @Field(() => Disposition, { nullable: true, description: 'Null when AI-readiness is unknown.' })
  disposition: Disposition | null;

  @Field(() => Float, { description: 'The business-value axis of TIME, 0–100.' })
  businessValue: number;

  @Field(() => Float, { nullable: true, description: 'The technical-fit axis of TIME: the AI-readiness score.' })
  technicalFit: number | null;

  @Field({ description: 'Why this disposition: both axes against the profile’s thresholds.' })
  dispositionReason: string;

  @Field(() => [ScoreFactorModel])
  factors: ScoreFactorModel[];

  @Field(() => ScoringProfileRefModel)
  profile: ScoringProfileRefModel;

  static from(this: void, scores: ServiceScores, profile: ScoringProfileSpec): RetirementScoreModel {
    return Object.assign(new RetirementScoreModel(), {
      score: scores.retirement.score,
      confidence: scores.retirement.confidence,
      disposition: scores.disposition.disposition,
      businessValue: scores.disposition.businessValue,
      technicalFit: scores.disposition.technicalFit,
      dispositionReason: scores.disposition.reason,
      factors: scores.retirement.factors.map(ScoreFactorModel.from),
      profile: profileRef(profile),
    });
  }
}

@ObjectType('RetirementCandidate')
export class RetirementCandidateModel {
  @Field(() => Int, { description: 'Position in the whole filtered ranking; 1 is the strongest candidate.' })
  rank: number;

  @Field(() => ServiceModel)
  service: ServiceModel;

  @Field(() => RetirementScoreModel)
  retirement: RetirementScoreModel;

  @Field(() => AiReadinessScoreModel)
  aiReadiness: AiReadinessScoreModel;
}

@ObjectType()
export class RetirementCandidateConnection extends Connection(RetirementCandidateModel, 'RetirementCandidate') {
  @Field(() => ScoringProfileRefModel)
  profile: ScoringProfileRefModel;
}

@ObjectType()
export class FactorWeight {
  @Field(() => ScoringFactor)
  factor: ScoringFactor;

  @Field(() => Float)
  weight: number;
}

@ObjectType()
export class ScoringThresholds {
  @Field(() => Float, { description: 'Consumers at which the DEPENDENTS risk reaches one half.' })
  dependentsHalfRisk: number;

  @Field(() => Float, { description: 'Sole-sourced unified fields at which the SOLE_SOURCE risk reaches one half.' })
  soleSourceHalfRisk: number;

  @Field(() => Float, { description: 'Business value (0–100) from which a service is INVEST or MIGRATE.' })
  businessValue: number;

  @Field(() => Float, { description: 'AI-readiness (0–100) from which a service is INVEST or TOLERATE.' })
  technicalFit: number;
}

@ObjectType()
export class ExchangeRate {
  @Field()
  currency: string;

  @Field(() => Float, { description: 'Units of the base currency for one unit of this currency.' })
  rate: number;
}

@ObjectType('ScoringProfile', {
  description: 'Named, versioned weights and thresholds. Version 0 is the built-in default.',
})
export class ScoringProfileModel {
  @Field()
  name: string;

  @Field(() => Int)
  version: number;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => [FactorWeight], { description: 'AI-readiness factors, then retirement factors.' })
  weights: FactorWeight[];

  @Field(() => ScoringThresholds)
  thresholds: ScoringThresholds;

  @Field()
  baseCurrency: string;

  @Field(() => [ExchangeRate])
  exchangeRates: ExchangeRate[];

  @Field(() => String, { nullable: true, description: 'Who saved this version; null for the built-in default.' })
  createdBy: string | null;

  @Field(() => Date, { nullable: true })
  createdAt: Date | null;

  static from(
    this: void,
    p: ScoringProfileSpec & { description?: string | null; createdBy?: string; createdAt?: Date },
  ): ScoringProfileModel {
    const weights = (w: ProfileSettings['aiReadinessWeights'] | ProfileSettings['retirementWeights']) =>
      Object.entries(w).map(([factor, weight]) => ({ factor: factor as ScoringFactor, weight }));
    return Object.assign(new ScoringProfileModel(), {
      name: p.name,
      version: p.version,
      description:
        p.description ?? (p.version === 0 ? 'The built-in default (see the README, “How scores are made”).' : null),
      weights: [...weights(p.aiReadinessWeights), ...weights(p.retirementWeights)],
      thresholds: p.thresholds,
      baseCurrency: p.baseCurrency,
      exchangeRates: Object.entries(p.exchangeRates).map(([currency, rate]) => ({ currency, rate })),
      createdBy: p.createdBy ?? null,
      createdAt: p.createdAt ?? null,
    });
  }
}

@ObjectType('ScoreDistribution', { description: 'Scores of the active estate: count, mean, median and a histogram.' })
export class ScoreDistributionModel {
  @Field(() => Int, { description: 'Services with a score.' })
  services: number;

  @Field(() => Float, { nullable: true })
  mean: number | null;

  @Field(() => Float, { nullable: true })
  median: number | null;

  @Field(() => [Int], { description: 'Ten counts: scores in [0,10), [10,20), …, [90,100].' })
  buckets: number[];

  static from(this: void, d: Distribution): ScoreDistributionModel {
    return Object.assign(new ScoreDistributionModel(), d);
  }
}

@ObjectType('EstateScoreSummary')
export class EstateScoreSummaryModel {
  @Field(() => ScoreDistributionModel)
  aiReadiness: ScoreDistributionModel;

  @Field(() => ScoreDistributionModel)
  retirement: ScoreDistributionModel;

  @Field(() => Money, { description: 'Sum of the known annual costs, in the profile’s base currency.' })
  annualCost: Money;
}

@ObjectType('OrphanedUnifiedField', { description: 'A unified field that would be left with no source.' })
export class OrphanedUnifiedFieldModel {
  @Field(() => UnifiedFieldModel)
  field: UnifiedFieldModel;

  @Field(() => [ServiceModel], { description: 'The retired services that supply it today.' })
  lastSources: ServiceModel[];
}

@ObjectType('BrokenIntegration', { description: 'An integration from a retired service into a surviving consumer.' })
export class BrokenIntegrationModel {
  @Field(() => IntegrationModel)
  integration: IntegrationModel;

  @Field(() => ServiceModel, { description: 'The retired service the data comes from.' })
  source: ServiceModel;

  @Field(() => ServiceModel, { description: 'The surviving service that loses the data.' })
  consumer: ServiceModel;
}

@ObjectType('RetirementScoreChange', { description: 'A surviving service whose retirement score moves.' })
export class RetirementScoreChangeModel {
  @Field(() => ServiceModel)
  service: ServiceModel;

  @Field(() => Float, { nullable: true })
  before: number | null;

  @Field(() => Float, { nullable: true })
  after: number | null;
}

@ObjectType('RetirementSimulation', { description: 'What retiring a set of services would do to the estate.' })
export class RetirementSimulationModel {
  @Field(() => ScoringProfileRefModel)
  profile: ScoringProfileRefModel;

  @Field(() => [ServiceModel])
  services: ServiceModel[];

  @Field(() => [OrphanedUnifiedFieldModel], { description: 'Unified fields that would lose their only source(s).' })
  orphanedFields: OrphanedUnifiedFieldModel[];

  @Field(() => [BrokenIntegrationModel], {
    description: 'Integrations that would break, with the consumers that lose data.',
  })
  brokenIntegrations: BrokenIntegrationModel[];

  @Field(() => Money, {
    description: 'Annual cost of the retired services whose cost is known, in the profile’s base currency.',
  })
  annualSavings: Money;

  @Field(() => [ServiceModel], {
    description: 'Retired services whose cost is unknown or has no exchange rate: not in the savings.',
  })
  unpricedServices: ServiceModel[];

  @Field(() => EstateScoreSummaryModel)
  before: EstateScoreSummaryModel;

  @Field(() => EstateScoreSummaryModel)
  after: EstateScoreSummaryModel;

  @Field(() => [RetirementScoreChangeModel], {
    description: `Surviving services whose retirement score moves, largest move first (at most ${MAX_SCORE_CHANGES}).`,
  })
  scoreChanges: RetirementScoreChangeModel[];

  static from(this: void, result: SimulationResult): RetirementSimulationModel {
    const service = (id: string) => ServiceModel.from(result.estate.byId.get(id)!.row);
    const money = (amount: number) => ({ amount: amount.toFixed(2), currency: result.profile.baseCurrency });
    const summary = (s: Simulation['before']) => ({
      aiReadiness: ScoreDistributionModel.from(s.aiReadiness),
      retirement: ScoreDistributionModel.from(s.retirement),
      annualCost: money(s.annualCost),
    });
    return Object.assign(new RetirementSimulationModel(), {
      profile: profileRef(result.profile),
      services: result.retired.map((s) => ServiceModel.from(s.row)),
      orphanedFields: result.orphanedFields.map((o) => ({
        field: UnifiedFieldModel.from(result.unifiedFields.get(o.unifiedFieldId)!),
        lastSources: o.sourceIds.map(service),
      })),
      brokenIntegrations: result.brokenIntegrations.map((e) => ({
        integration: IntegrationModel.from(result.integrations.get(e.id)!),
        source: service(e.sourceId),
        consumer: service(e.targetId),
      })),
      annualSavings: money(result.annualSavings),
      unpricedServices: result.unpricedServiceIds.map(service),
      before: summary(result.before),
      after: summary(result.after),
      scoreChanges: result.changes
        .slice(0, MAX_SCORE_CHANGES)
        .map((c) => ({ service: service(c.serviceId), before: c.before, after: c.after })),
    });
  }
}
