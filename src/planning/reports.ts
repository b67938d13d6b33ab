import { Injectable } from '@nestjs/common';
import { annualCostOf } from '../scoring/baseline';
import { strongestFactor } from '../scoring/scorer';
import { ScoringService, type ProfileRef } from '../scoring/scoring.service';
import { isActive } from '../scoring/scoring.types';
import { CoverageService } from '../unified/coverage.service';
import { MigrationPlanner } from './migration-planner';
import type { EstateReport, MigrationPlanResult, ReportFormat } from './plan.types';
import { renderEstateReport, renderPlanReport, type RenderedReport } from './report/render';

export type { RenderedReport };

/** How many candidates the estate report lists. */
const ESTATE_TOP_CANDIDATES = 25;

/** Reports on saved plans and on the estate; GraphQL, HTTP and the CLI all render through here. */
@Injectable()
export class Reports {
  constructor(
    private readonly planner: MigrationPlanner,
    private readonly scoring: ScoringService,
    private readonly coverage: CoverageService,
  ) {}

  async plan(id: string, format: ReportFormat): Promise<RenderedReport> {
    return this.render((await this.planner.get(id)).result, format);
  }

  /** A plan already read, as a report. */
  render(plan: MigrationPlanResult, format: ReportFormat): RenderedReport {
    return renderPlanReport(plan, format);
  }

  async estate(format: ReportFormat, ref: ProfileRef = {}): Promise<RenderedReport> {
    return renderEstateReport(await this.estateReport(ref), format);
  }

  /** The estate at a glance: inventory, coverage, the portfolio quadrant and the top candidates. */
  async estateReport(ref: ProfileRef = {}): Promise<EstateReport> {
    const profile = await this.scoring.profile(ref);
    const [estate, unified] = await Promise.all([
      this.scoring.scoreEstate(profile),
      this.coverage.countUnifiedFields(),
    ]);
    const active = estate.ranked.filter((s) => isActive(s.facts));
    const count = (of: (s: (typeof active)[number]) => string | null) => {
      const counts: Record<string, number> = {};
      for (const s of active) {
        const key = of(s) ?? 'UNKNOWN';
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return counts;
    };
    const sum = (of: (s: (typeof active)[number]) => number) => active.reduce((total, s) => total + of(s), 0);
    return {
      generatedAt: new Date().toISOString(),
      profile: { name: profile.name, version: profile.version },
      currency: profile.baseCurrency,
      inventory: {
        services: active.length,
        teams: new Set(active.map((s) => s.row.ownerTeamKey.toLowerCase())).size,
        integrations: sum((s) => s.facts.dependents.integrations),
        annualCost: Math.round(sum((s) => annualCostOf(s.facts, profile) ?? 0) * 100) / 100,
        byKind: count((s) => s.facts.kind),
        byLifecycle: count((s) => s.facts.lifecycle),
        byDisposition: count((s) => s.scores.disposition.disposition),
      },
      coverage: {
        unifiedFields: unified.unifiedFields,
        withSource: unified.withSource,
        withoutSource: unified.withoutSource,
        singleSource: unified.singleSource,
        fields: sum((s) => s.facts.data.fields),
        mappedFields: sum((s) => s.facts.data.mappedFields),
      },
      quadrant: active.map((s) => ({
        key: s.facts.key,
        name: s.facts.name,
        aiReadiness: s.scores.aiReadiness.score,
        retirementScore: s.scores.retirement.score,
        annualCost: annualCostOf(s.facts, profile),
        disposition: s.scores.disposition.disposition,
        inPlan: false,
      })),
      topCandidates: active.slice(0, ESTATE_TOP_CANDIDATES).map((s, i) => ({
        rank: i + 1,
        key: s.facts.key,
        name: s.facts.name,
        retirementScore: s.scores.retirement.score,
        confidence: s.scores.retirement.confidence,
        disposition: s.scores.disposition.disposition,
        annualCost: annualCostOf(s.facts, profile),
        topReason: strongestFactor(s.scores.retirement)?.reason ?? '',
      })),
    };
  }
}
