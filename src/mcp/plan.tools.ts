import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod/v4';
import { Permission } from '../auth/roles';
import type { MigrationPlanEntity } from '../planning/migration-plan.entity';
import { money } from '../scoring/factors';
import { limit, READ_ONLY } from './tool-args';
import { clip, countOf, listed, toolResult } from './tool-results';
import type { ToolContext } from './tool-context';

/** Saved plans listed beside the one summarised, newest first. */
const OTHER_PLANS = 10;
const KEYS_PER_WAVE = 10;
const MAX_RISKS = 15;

export function registerPlanTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'plan_summary',
    {
      title: 'Migration plan summary',
      description:
        'A saved migration plan in brief: its inputs, totals (savings, services retired, effort, AI-readiness before ' +
        'and after, unified fields left without a source), its waves with their services and savings, and the main ' +
        'risks. Without planId: the newest plan. Also lists the other saved plans.',
      inputSchema: {
        planId: z.uuid().optional().describe('A saved plan (default: the newest)'),
        waves: limit(10, 'waves'),
      },
      annotations: READ_ONLY,
    },
    (args) => ctx.run.run('plan_summary', Permission.READ, args.planId ?? null, () => planSummary(ctx, args)),
  );
}

async function planSummary(ctx: ToolContext, args: { planId?: string; waves: number }) {
  const { planner } = ctx.estate;
  const [recent, count] = await Promise.all([planner.list(OTHER_PLANS + 1), planner.count()]);
  const newest = recent.rows[0]?.node;
  const plans = listed(
    recent.rows.map(({ node }) => ({
      id: node.id,
      name: node.name,
      createdAt: node.createdAt,
      services: node.serviceCount,
      waves: node.waveCount,
      annualSavings: Number(node.annualSavings),
      currency: node.currency,
    })),
    OTHER_PLANS,
    count,
  );
  const id = args.planId ?? newest?.id;
  if (!id) {
    return toolResult({ plan: null, plans }, [
      'No migration plan has been saved yet. Make one with the planMigration mutation or `estate plan`.',
    ]);
  }
  const plan = await planner.get(id);
  const structured = { plan: summaryOf(plan, args.waves), plans };
  return toolResult(structured, linesOf(structured.plan, plans));
}

function summaryOf(plan: MigrationPlanEntity, waveLimit: number) {
  const { result } = plan;
  const waves = listed(
    result.waves.map((w) => ({
      number: w.number,
      startDate: w.startDate,
      endDate: w.endDate,
      services: w.serviceKeys.length,
      serviceKeys: w.serviceKeys.slice(0, KEYS_PER_WAVE),
      annualSavings: w.annualSavings,
      cumulativeSavings: w.cumulativeSavings,
      effortPoints: w.effortPoints,
      fieldsToMap: w.fieldsToMap,
      integrationsToRepoint: w.integrationsToRepoint,
      orphanedUnifiedFields: w.orphanedUnifiedFields.length,
      cycles: w.cycles.length,
      risks: w.risks,
    })),
    waveLimit,
  );
  const risks = result.services.flatMap((s) =>
    s.risks.map((r) => ({ service: s.key, kind: r.kind, message: clip(r.message)! })),
  );
  return {
    id: plan.id,
    name: plan.name,
    createdAt: plan.createdAt,
    createdBy: plan.createdBy,
    profile: result.profile,
    unifiedSchemaVersion: result.unifiedSchemaVersion,
    selection: result.inputs.selection,
    waveCapacity: result.inputs.waveCapacity,
    totals: result.totals,
    waves,
    unscheduled: listed(
      result.services.filter((s) => s.wave === null).map((s) => s.key),
      20,
    ),
    risks: listed(risks, MAX_RISKS),
    report: { resource: `estate://plans/${plan.id}`, http: `/reports/plans/${plan.id}.html` },
  };
}

function linesOf(plan: ReturnType<typeof summaryOf>, plans: ReturnType<typeof listed<{ id: string; name: string }>>) {
  const t = plan.totals;
  const lines = [
    `Plan "${plan.name}" (${plan.id}), made ${new Date(plan.createdAt).toISOString().slice(0, 10)} by ${plan.createdBy}, ` +
      `profile ${plan.profile.name}@${plan.profile.version}, unified schema v${plan.unifiedSchemaVersion ?? '-'}`,
    `Retires ${t.servicesRetired} service(s) in ${plan.waves.total} wave(s)` +
      (t.unscheduled ? `, ${t.unscheduled} unscheduled` : '') +
      `; saves ${money(t.annualSavings, t.currency)} a year (${money(t.remainingEstateCost, t.currency)} remains); ` +
      `effort ${t.effortPoints} points; AI-readiness ${t.aiReadinessBefore ?? '-'} → ${t.aiReadinessAfter ?? '-'}; ` +
      `${t.orphanedUnifiedFields} unified field(s) left without a source`,
    `Waves (${countOf(plan.waves)}):`,
    ...plan.waves.items.map(
      (w) =>
        `- wave ${w.number}${w.startDate ? ` (${w.startDate} – ${w.endDate})` : ''}: ${w.services} service(s) ` +
        `${w.serviceKeys.join(', ')}${w.services > w.serviceKeys.length ? ', …' : ''}; saves ${money(w.annualSavings, t.currency)}` +
        ` (cumulative ${money(w.cumulativeSavings, t.currency)}); ${w.fieldsToMap} field(s) to map, ` +
        `${w.integrationsToRepoint} integration(s) to re-point, ${w.risks} risk(s)`,
    ),
  ];
  if (plan.risks.items.length) {
    lines.push(
      `Risks (${countOf(plan.risks)}):`,
      ...plan.risks.items.map((r) => `- ${r.service} ${r.kind}: ${r.message}`),
    );
  }
  lines.push(`Full report: resource ${plan.report.resource} or GET ${plan.report.http}`);
  if (plans.total > 1) lines.push(`Saved plans: ${plans.items.map((p) => `${p.name} (${p.id})`).join('; ')}`);
  return lines;
}
