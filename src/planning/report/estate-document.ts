import type { EstateReport } from '../plan.types';
import { heading, paragraph, section, type Block, type ReportDocument, type Text } from './document';
import { formatCount, formatPercent, formatScore, formatTimestamp, money } from './format';
import { DISPOSITIONS, quadrantChart } from './svg-charts';

/** The estate at a glance, once for HTML and Markdown. */
export function estateDocument(report: EstateReport): ReportDocument {
  const currency = money(report.currency);
  const { inventory, coverage } = report;
  const quadrant = quadrantChart(report.quadrant, { currency: report.currency });
  return {
    title: 'Estate report',
    blocks: [
      {
        kind: 'group',
        tag: 'header',
        blocks: [
          heading(1, 'Estate report'),
          paragraph(
            [
              'Scoring profile ',
              { strong: `${report.profile.name}@${report.profile.version}` },
              ` · generated ${formatTimestamp(report.generatedAt)} · amounts in ${report.currency}`,
            ],
            'meta',
          ),
        ],
      },
      section('inventory', [
        heading(2, 'Inventory'),
        {
          kind: 'stats',
          items: [
            { label: 'Services', value: formatCount(inventory.services) },
            { label: 'Teams', value: formatCount(inventory.teams) },
            { label: 'Integrations', value: formatCount(inventory.integrations) },
            { label: 'Annual cost', value: currency.full(inventory.annualCost), detail: 'known costs, all services' },
          ],
        },
        {
          kind: 'group',
          tag: 'div',
          className: 'columns',
          blocks: [
            countTable('Kind', inventory.byKind, inventory.services),
            countTable('Lifecycle', inventory.byLifecycle, inventory.services),
            countTable('Disposition', inventory.byDisposition, inventory.services, dispositionOrder),
          ],
        },
      ]),
      section('coverage', [
        heading(2, 'Coverage of the unified schema'),
        {
          kind: 'stats',
          items: [
            { label: 'Unified fields', value: formatCount(coverage.unifiedFields) },
            {
              label: 'With a source',
              value: formatCount(coverage.withSource),
              detail: formatPercent(coverage.withSource, coverage.unifiedFields),
            },
            {
              label: 'Without a source',
              value: formatCount(coverage.withoutSource),
              detail: formatPercent(coverage.withoutSource, coverage.unifiedFields),
            },
            {
              label: 'Single source',
              value: formatCount(coverage.singleSource),
              detail: 'retiring that source orphans them',
            },
            {
              label: 'Service fields mapped',
              value: `${formatCount(coverage.mappedFields)} of ${formatCount(coverage.fields)}`,
              detail: formatPercent(coverage.mappedFields, coverage.fields),
            },
          ],
        },
      ]),
      section('quadrant', [
        heading(2, 'Portfolio quadrant'),
        { kind: 'figure', svg: quadrant.svg, caption: quadrant.caption },
      ]),
      section('candidates', [heading(2, 'Top retirement candidates'), candidates(report, currency.full)]),
      {
        kind: 'group',
        tag: 'footer',
        blocks: [
          paragraph(
            `Scores from the ${report.profile.name}@${report.profile.version} scoring profile: retirement score and ` +
              'AI-readiness run 0–100; confidence 0–1 says how much of the data behind a score is known.',
          ),
        ],
      },
    ],
  };
}

const DISPOSITION_RANK = new Map(DISPOSITIONS.map((d, i) => [d.disposition ?? '', i]));

function dispositionOrder(a: string, b: string): number {
  return (DISPOSITION_RANK.get(a) ?? DISPOSITIONS.length) - (DISPOSITION_RANK.get(b) ?? DISPOSITIONS.length);
}

/** Counts by a category, largest first unless the category has its own order; ties by name. */
function countTable(
  title: string,
  counts: Record<string, number>,
  total: number,
  order?: (a: string, b: string) => number,
): Block {
  const entries = Object.entries(counts).sort(
    ([a, x], [b, y]) => (order ? order(a, b) : 0) || y - x || (a < b ? -1 : a > b ? 1 : 0),
  );
  return {
    kind: 'table',
    columns: [{ title }, { title: 'Services', numeric: true }, { title: 'Share', numeric: true }],
    rows: entries.map(([name, count]) => [name, formatCount(count), formatPercent(count, total)]),
  };
}

function candidates(report: EstateReport, full: (amount: number | null) => string): Block {
  if (report.topCandidates.length === 0) return paragraph('No scored candidates.', 'note');
  const rows: Text[][] = report.topCandidates.map((c) => [
    String(c.rank),
    { code: c.key },
    c.name,
    formatScore(c.retirementScore),
    c.confidence.toFixed(2),
    c.disposition ?? '—',
    full(c.annualCost),
    c.topReason,
  ]);
  return {
    kind: 'table',
    columns: [
      { title: 'Rank', numeric: true },
      { title: 'Key', nowrap: true },
      { title: 'Name' },
      { title: 'Score', numeric: true },
      { title: 'Confidence', numeric: true },
      { title: 'Disposition' },
      { title: 'Annual cost', numeric: true },
      { title: 'Top reason' },
    ],
    rows,
  };
}
