import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod/v4';
import { Permission } from '../auth/roles';
import { ServiceKind } from '../inventory/inventory.enums';
import { annualCostOf } from '../scoring/baseline';
import { money } from '../scoring/factors';
import type { ProfileRef } from '../scoring/scoring.service';
import { Disposition } from '../scoring/scoring.types';
import type { Distribution } from '../scoring/simulation';
import { limit, READ_ONLY, serviceKey } from './tool-args';
import { countOf, listed, MAX_LIST, toolResult, topFactors } from './tool-results';
import type { ToolContext } from './tool-context';

const profileArgs = {
  profile: z.string().trim().min(1).max(100).optional().describe('Scoring profile name (default: the built-in one)'),
  profileVersion: z.number().int().min(0).max(1_000_000).optional().describe('Profile version (default: its latest)'),
};

const refOf = (args: { profile?: string; profileVersion?: number }): ProfileRef => ({
  name: args.profile,
  version: args.profileVersion,
});

export function registerRetirementTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'top_retirement_candidates',
    {
      title: 'Top retirement candidates',
      description:
        'The services that are the strongest candidates for retirement, highest retirement score first, each with ' +
        'its score (0–100), confidence, TIME disposition, AI-readiness, cost and the factors that argue most for ' +
        'retiring it. Filter by owner team, kind, disposition or confidence.',
      inputSchema: {
        limit: limit(10, 'candidates'),
        team: serviceKey().optional().describe('Only services owned by this team (team key)'),
        kinds: z.array(z.enum(ServiceKind)).min(1).max(4).optional().describe('Only these kinds of service'),
        dispositions: z.array(z.enum(Disposition)).min(1).max(4).optional().describe('Only these dispositions'),
        minConfidence: z.number().min(0).max(1).optional().describe('Hide scores resting on thinner evidence'),
        ...profileArgs,
      },
      annotations: READ_ONLY,
    },
    (args) =>
      ctx.run.run('top_retirement_candidates', Permission.READ, args.team ?? null, () => topCandidates(ctx, args)),
  );

  server.registerTool(
    'retirement_impact',
    {
      title: 'What if we retire these services?',
      description:
        'Simulates retiring the given services, changing nothing: annual savings, unified fields left without any ' +
        'source, integrations whose consumers lose their data, the estate’s scores before and after, and the ' +
        'surviving services whose retirement score moves.',
      inputSchema: {
        serviceKeys: z.array(serviceKey()).min(1).max(MAX_LIST).describe('The services to retire, by key'),
        limit: limit(20, 'items of each list'),
        ...profileArgs,
      },
      annotations: READ_ONLY,
    },
    (args) =>
      ctx.run.run('retirement_impact', Permission.READ, args.serviceKeys.join(',').slice(0, 200), () =>
        retirementImpact(ctx, args),
      ),
  );
}

async function topCandidates(
  ctx: ToolContext,
  args: {
    limit: number;
    team?: string;
    kinds?: ServiceKind[];
    dispositions?: Disposition[];
    minConfidence?: number;
    profile?: string;
    profileVersion?: number;
  },
) {
  const profile = await ctx.estate.scoring.profile(refOf(args));
  const estate = await ctx.estate.scoring.scoreEstate(profile);
  const page = ctx.estate.scoring.candidates(
    estate,
    {
      kinds: args.kinds,
      dispositions: args.dispositions,
      ownerTeamKeys: args.team ? [args.team] : undefined,
      minConfidence: args.minConfidence,
    },
    args.limit,
  );
  const candidates = listed(
    page.rows.map(({ node: { rank, row, facts, scores } }) => {
      const cost = annualCostOf(facts, profile);
      return {
        rank,
        key: row.key,
        name: row.name,
        team: row.ownerTeamKey,
        kind: row.kind,
        retirementScore: scores.retirement.score,
        confidence: scores.retirement.confidence,
        disposition: scores.disposition.disposition,
        aiReadiness: scores.aiReadiness.score,
        annualCost: cost === null ? null : { amount: Math.round(cost * 100) / 100, currency: profile.baseCurrency },
        reasons: topFactors(scores.retirement.factors, 3),
        missingData: scores.retirement.factors.filter((f) => f.missing).map((f) => f.factor),
      };
    }),
    args.limit,
    page.total,
  );
  const lines = [
    `Retirement candidates, profile ${profile.name}@${profile.version} (${countOf(candidates)}):`,
    ...candidates.items.flatMap((c) => [
      `${c.rank}. ${c.key} — ${c.name}: score ${c.retirementScore ?? '-'} (confidence ${Math.round(c.confidence * 100)}%), ` +
        `${c.disposition ?? 'no disposition'}, AI-readiness ${c.aiReadiness ?? '-'}, ` +
        `${c.annualCost ? money(c.annualCost.amount, c.annualCost.currency) : 'cost unknown'}, team ${c.team}`,
      ...c.reasons.map((r) => `   - ${r.factor} +${r.contribution}: ${r.reason}`),
    ]),
  ];
  return toolResult({ profile: { name: profile.name, version: profile.version }, candidates }, lines);
}

async function retirementImpact(
  ctx: ToolContext,
  args: { serviceKeys: string[]; limit: number; profile?: string; profileVersion?: number },
) {
  const result = await ctx.estate.scoring.simulate(args.serviceKeys, refOf(args));
  const keyOf = (id: string) => result.estate.byId.get(id)?.row.key ?? id;
  const unifiedLoaders = ctx.estate.unifiedLoaders.create();
  const entityIds = [...new Set([...result.unifiedFields.values()].map((f) => f.entityId))];
  const entityNames = new Map(
    (await Promise.all(entityIds.map((id) => unifiedLoaders.entityById.load(id))))
      .filter((e) => e !== null)
      .map((e) => [e.id, e.name]),
  );
  const fieldName = (id: string) => {
    const field = result.unifiedFields.get(id);
    return field ? `${entityNames.get(field.entityId) ?? '?'}.${field.name}` : id;
  };
  const currency = result.profile.baseCurrency;
  const round = (n: number) => Math.round(n * 100) / 100;
  const summary = (s: { aiReadiness: Distribution; retirement: Distribution; annualCost: number }) => ({
    services: s.retirement.services,
    meanRetirementScore: s.retirement.mean,
    meanAiReadiness: s.aiReadiness.mean,
    annualCost: round(s.annualCost),
  });
  const structured = {
    profile: { name: result.profile.name, version: result.profile.version },
    retired: result.retired.map((s) => s.row.key),
    currency,
    annualSavings: round(result.annualSavings),
    unpricedServices: result.unpricedServiceIds.map(keyOf),
    orphanedFields: listed(
      result.orphanedFields.map((o) => ({ field: fieldName(o.unifiedFieldId), lastSources: o.sourceIds.map(keyOf) })),
      args.limit,
    ),
    brokenIntegrations: listed(
      result.brokenIntegrations.map((e) => ({
        source: keyOf(e.sourceId),
        consumer: keyOf(e.targetId),
        mechanism: e.mechanism,
      })),
      args.limit,
    ),
    before: summary(result.before),
    after: summary(result.after),
    scoreChanges: listed(
      result.changes.map((c) => ({ service: keyOf(c.serviceId), before: c.before, after: c.after })),
      args.limit,
    ),
  };
  const lines = [
    `Retiring ${structured.retired.join(', ')} (profile ${result.profile.name}@${result.profile.version}):`,
    `Annual savings ${money(structured.annualSavings, currency)}` +
      (structured.unpricedServices.length ? ` (cost unknown for ${structured.unpricedServices.join(', ')})` : ''),
    `Estate cost ${money(structured.before.annualCost, currency)} → ${money(structured.after.annualCost, currency)}; ` +
      `mean AI-readiness ${structured.before.meanAiReadiness ?? '-'} → ${structured.after.meanAiReadiness ?? '-'}`,
    `Unified fields left without a source (${countOf(structured.orphanedFields)}): ` +
      (structured.orphanedFields.items.map((o) => `${o.field} (last: ${o.lastSources.join(', ')})`).join('; ') ||
        'none'),
    `Integrations that break (${countOf(structured.brokenIntegrations)}): ` +
      (structured.brokenIntegrations.items.map((b) => `${b.source} → ${b.consumer} (${b.mechanism})`).join('; ') ||
        'none'),
    `Survivors whose retirement score moves (${countOf(structured.scoreChanges)}): ` +
      (structured.scoreChanges.items.map((c) => `${c.service} ${c.before ?? '-'} → ${c.after ?? '-'}`).join('; ') ||
        'none'),
  ];
  return toolResult(structured, lines);
}
