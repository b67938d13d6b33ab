import type { EstateReport, MigrationPlanResult } from '../plan.types';

/*
 * RFC 4180 CSV: CRLF line ends, a header row, fields quoted when they hold a comma, a quote or a line
 * break. Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers are written
 * as numbers, so a negative amount stays a number.
 */

type Cell = string | number | null;

/** Text cells starting like this are formulas to Excel, LibreOffice and Google Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function field(cell: Cell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : csvText(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('');
}

/** Two decimals: scores and confidences without floating-point noise. */
function rounded(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

export const PLAN_CSV_HEADER = [
  'wave',
  'order',
  'key',
  'name',
  'owner_team',
  'lifecycle',
  'criticality',
  'disposition',
  'retirement_score',
  'ai_readiness',
  'confidence',
  'annual_cost',
  'currency',
  'effort_points',
  'fields_to_map',
  'fields_to_verify',
  'integrations_to_repoint',
  'risks',
  'placement',
  'contract_renewal_date',
] as const;

/** One row per service of the plan, in the plan's order (by wave, then rank; unscheduled last). */
export function planCsv(plan: MigrationPlanResult): string {
  return toCsv(
    PLAN_CSV_HEADER,
    plan.services.map((s, i) => [
      s.wave,
      i + 1,
      s.key,
      s.name,
      s.ownerTeamKey,
      s.lifecycle,
      s.criticality,
      s.disposition,
      rounded(s.retirementScore),
      rounded(s.aiReadiness),
      rounded(s.confidence),
      s.annualCost,
      plan.totals.currency,
      s.effort.points,
      s.effort.fieldsToMap,
      s.effort.fieldsToVerify,
      s.effort.integrationsToRepoint,
      s.risks.map((r) => `${r.kind}: ${r.message}`).join('; '),
      s.placement,
      s.contractRenewalDate,
    ]),
  );
}

export const ESTATE_CSV_HEADER = [
  'key',
  'name',
  'disposition',
  'retirement_score',
  'ai_readiness',
  'annual_cost',
  'currency',
  'candidate_rank',
  'confidence',
  'top_reason',
] as const;

/** One row per service on the quadrant; the top candidates carry their rank, confidence and reason. */
export function estateCsv(report: EstateReport): string {
  const candidates = new Map(report.topCandidates.map((c) => [c.key, c]));
  return toCsv(
    ESTATE_CSV_HEADER,
    report.quadrant.map((p) => {
      const candidate = candidates.get(p.key);
      return [
        p.key,
        p.name,
        p.disposition,
        rounded(p.retirementScore),
        rounded(p.aiReadiness),
        p.annualCost,
        report.currency,
        candidate?.rank ?? null,
        candidate ? rounded(candidate.confidence) : null,
        candidate?.topReason ?? null,
      ];
    }),
  );
}
