import { EFFORT } from '../effort';
import type { MigrationPlanResult, PlannedService, PlanWave } from '../plan.types';
import {
  cappedTable,
  heading,
  paragraph,
  section,
  type Block,
  type Column,
  type ReportDocument,
  type Text,
} from './document';
import {
  capList,
  formatCount,
  formatDelta,
  formatPoints,
  formatScore,
  formatTimestamp,
  money,
  plural,
  UNKNOWN,
  type Money,
} from './format';
import { quadrantChart, savingsChart } from './svg-charts';

/*
 * What a migration plan report says, once for HTML and Markdown. Long lists are capped so that a
 * plan of 1,200 services stays readable; the JSON and CSV reports hold everything.
 */

/** Rows per table inside a wave (entity moves, re-pointed integrations, risks). */
export const WAVE_TABLE_ROWS = 80;
/** Unmapped fields listed per service, services listed with gaps per wave, orphaned fields per wave. */
export const FIELDS_PER_SERVICE = 8;
export const SERVICES_WITH_GAPS = 40;
export const ORPHANED_FIELDS = 30;
/** Unified entities named per entity move. */
/** Unified fields listed per entity moving; the rest are counted. */
const UNIFIED_FIELDS = 6;

export function planDocument(plan: MigrationPlanResult): ReportDocument {
  const currency = money(plan.totals.currency);
  const byKey = new Map(plan.services.map((s) => [s.key, s]));
  const unscheduled = plan.services.filter((s) => s.wave === null);
  const quadrant = quadrantChart(plan.quadrant, { currency: plan.totals.currency });
  const savings = savingsChart(plan.waves, plan.totals.currency);
  return {
    title: `Migration plan: ${plan.inputs.name}`,
    blocks: [
      header(plan),
      section('totals', [heading(2, 'Totals'), totals(plan, currency)]),
      section('charts', [
        heading(2, 'Charts'),
        { kind: 'figure', svg: quadrant.svg, caption: quadrant.caption },
        { kind: 'figure', svg: savings.svg, caption: savings.caption },
      ]),
      section('waves', [heading(2, 'Savings by wave'), waveOverview(plan, currency)]),
      ...plan.waves.map((wave) => waveSection(wave, waveServices(wave, byKey), currency)),
      unscheduledSection(unscheduled, currency),
      footer(plan),
    ],
  };
}

function header(plan: MigrationPlanResult): Block {
  const { inputs } = plan;
  return {
    kind: 'group',
    tag: 'header',
    blocks: [
      heading(1, `Migration plan: ${inputs.name}`),
      paragraph(
        [
          'Scoring profile ',
          { strong: `${plan.profile.name}@${plan.profile.version}` },
          ' · unified schema ',
          { strong: plan.unifiedSchemaVersion === null ? 'none published' : `v${plan.unifiedSchemaVersion}` },
          ' · created by ',
          { strong: plan.createdBy },
          ` on ${formatTimestamp(plan.generatedAt)} · amounts in ${plan.totals.currency}`,
        ],
        'meta',
      ),
      paragraph(`${describeSelection(plan)} ${describeCapacity(plan)}`, 'meta'),
    ],
  };
}

function describeSelection(plan: MigrationPlanResult): string {
  const { selection } = plan.inputs;
  const chosen = plural(plan.services.length, 'service');
  if (selection.serviceKeys) return `Selection: ${chosen} named.`;
  if (selection.top !== undefined)
    return `Selection: the ${formatCount(selection.top)} strongest candidates (${chosen}).`;
  if (selection.minScore !== undefined)
    return `Selection: every candidate scoring at least ${selection.minScore} (${chosen}).`;
  return `Selection: ${chosen}.`;
}

function describeCapacity(plan: MigrationPlanResult): string {
  const { waveCapacity, maxWaves, startDate, waveLengthDays } = plan.inputs;
  const limits = [
    waveCapacity.services ? plural(waveCapacity.services, 'service') : null,
    waveCapacity.effort ? `${formatCount(waveCapacity.effort)} effort points` : null,
  ].filter((l) => l !== null);
  const parts = [
    limits.length > 0 ? `Capacity per wave: ${limits.join(' and ')}.` : 'No capacity limit per wave.',
    maxWaves ? `At most ${plural(maxWaves, 'wave')}.` : null,
    startDate ? `Starting ${startDate}, a wave every ${plural(waveLengthDays, 'day')}.` : null,
  ];
  return parts.filter((p) => p !== null).join(' ');
}

function totals(plan: MigrationPlanResult, currency: Money): Block {
  const t = plan.totals;
  const before = t.aiReadinessBefore;
  const after = t.aiReadinessAfter;
  const retiredPct =
    t.annualSavings + t.remainingEstateCost > 0 ? t.annualSavings / (t.annualSavings + t.remainingEstateCost) : 0;
  return {
    kind: 'stats',
    items: [
      {
        label: 'Annual savings',
        value: currency.full(t.annualSavings),
        detail: `${(retiredPct * 100).toFixed(1)}% of the known estate cost`,
      },
      {
        label: 'Remaining estate cost',
        value: currency.full(t.remainingEstateCost),
        detail: 'a year, services that stay',
      },
      {
        label: 'Services retired',
        value: formatCount(t.servicesRetired),
        detail: `of ${formatCount(plan.services.length)} selected`,
      },
      { label: 'Fields retired', value: formatCount(t.fieldsRetired) },
      { label: 'Unscheduled', value: formatCount(t.unscheduled), detail: 'services beyond the last wave' },
      {
        label: 'Effort',
        value: `${formatPoints(t.effortPoints)} points`,
        detail: `over ${plural(plan.waves.length, 'wave')}`,
      },
      {
        label: 'AI-readiness of the estate',
        value: `${formatScore(before)} → ${formatScore(after)}`,
        detail:
          before !== null && after !== null
            ? `${formatDelta(after - before)} (mean of active services)`
            : 'mean of active services',
      },
      {
        label: 'Orphaned unified fields',
        value: formatCount(t.orphanedUnifiedFields),
        detail: 'left without any source',
      },
    ],
  };
}

function waveOverview(plan: MigrationPlanResult, currency: Money): Block {
  const dated = plan.waves.some((w) => w.startDate !== null);
  const columns: Column[] = [
    { title: 'Wave', nowrap: true },
    ...(dated ? [{ title: 'Dates', nowrap: true }] : []),
    { title: 'Services', numeric: true },
    { title: 'Annual savings', numeric: true },
    { title: 'Cumulative savings', numeric: true },
    { title: 'Effort points', numeric: true },
    { title: 'Fields to map', numeric: true },
    { title: 'Integrations to re-point', numeric: true },
    { title: 'Risks', numeric: true },
  ];
  const rows: Text[][] = plan.waves.map((w) => [
    { text: `Wave ${w.number}`, anchor: waveId(w) },
    ...(dated ? [dates(w)] : []),
    formatCount(w.serviceKeys.length),
    currency.full(w.annualSavings),
    currency.full(w.cumulativeSavings),
    formatPoints(w.effortPoints),
    formatCount(w.fieldsToMap),
    formatCount(w.integrationsToRepoint),
    formatCount(w.risks),
  ]);
  const unscheduled = plan.services.filter((s) => s.wave === null).length;
  if (unscheduled > 0) {
    const row: Text[] = columns.map(() => '');
    row[0] = { text: 'Unscheduled', anchor: 'unscheduled' };
    row[dated ? 2 : 1] = formatCount(unscheduled);
    rows.push(row);
  }
  return { kind: 'table', columns, rows };
}

function waveId(wave: PlanWave): string {
  return `wave-${wave.number}`;
}

function dates(wave: PlanWave): string {
  return wave.startDate ? `${wave.startDate} → ${wave.endDate ?? ''}` : '';
}

/** The wave's services in its own order; a key the plan does not describe is shown as it is. */
function waveServices(wave: PlanWave, byKey: Map<string, PlannedService>): (PlannedService | string)[] {
  return wave.serviceKeys.map((key) => byKey.get(key) ?? key);
}

function waveSection(wave: PlanWave, members: (PlannedService | string)[], currency: Money): Block {
  const services = members.filter((m): m is PlannedService => typeof m !== 'string');
  const fieldsToVerify = services.reduce((sum, s) => sum + s.effort.fieldsToVerify, 0);
  const blocks: Block[] = [
    heading(2, `Wave ${wave.number}${wave.startDate ? ` · ${dates(wave)}` : ''}`),
    paragraph([
      { strong: plural(wave.serviceKeys.length, 'service') },
      ' · saves ',
      { strong: `${currency.full(wave.annualSavings)} a year` },
      ` (cumulative ${currency.full(wave.cumulativeSavings)}) · effort `,
      { strong: `${formatPoints(wave.effortPoints)} points` },
      `: ${plural(wave.fieldsToMap, 'field')} to map, ${formatCount(fieldsToVerify)} to verify, ` +
        `${plural(wave.integrationsToRepoint, 'integration')} to re-point · ${plural(wave.risks, 'risk')}`,
    ]),
  ];
  for (const cycle of wave.cycles) {
    blocks.push(paragraph(['Retire together (their integrations form a cycle): ', { strong: cycle.join(', ') }]));
  }
  blocks.push(heading(3, 'Services'), serviceTable(members, currency));
  blocks.push(heading(3, 'Data moving'), ...dataMoving(wave, services));
  blocks.push(heading(3, 'Gaps'), ...gaps(wave, services));
  blocks.push(heading(3, 'Integrations to re-point'), ...repointing(services));
  blocks.push(heading(3, 'Risks'), ...risks(services));
  return section(waveId(wave), blocks, 'wave');
}

const SERVICE_COLUMNS: Column[] = [
  { title: 'Key', nowrap: true },
  { title: 'Name' },
  { title: 'Owner team' },
  { title: 'Annual cost', numeric: true },
  { title: 'Score', numeric: true },
  { title: 'AI-readiness', numeric: true },
  { title: 'Disposition' },
  { title: 'Effort', numeric: true },
  { title: 'Placement' },
];

function serviceTable(members: (PlannedService | string)[], currency: Money): Block {
  return {
    kind: 'table',
    columns: SERVICE_COLUMNS,
    rows: members.map((s) =>
      typeof s === 'string'
        ? [{ code: s }, UNKNOWN, '', '', '', '', '', '', 'not described in the plan']
        : [
            { code: s.key },
            s.name,
            s.ownerTeamKey,
            currency.full(s.annualCost),
            formatScore(s.retirementScore),
            formatScore(s.aiReadiness),
            s.disposition ?? UNKNOWN,
            formatPoints(s.effort.points),
            s.placement,
          ],
    ),
  };
}

function dataMoving(wave: PlanWave, services: PlannedService[]): Block[] {
  const rows: Text[][] = services.flatMap((s) =>
    s.entities.map((e): Text[] => [
      { code: s.key },
      e.entity,
      `${formatCount(e.mappedFields)} / ${formatCount(e.fields)}`,
      e.unifiedFields.length > 0
        ? capList(e.unifiedFields, UNIFIED_FIELDS)
        : e.unifiedEntities.length > 0
          ? capList(e.unifiedEntities, UNIFIED_FIELDS)
          : 'nowhere yet',
    ]),
  );
  if (rows.length === 0) return [paragraph('No described data to move.', 'note')];
  return [
    paragraph(
      `${plural(wave.fields, 'field')} in ${plural(rows.length, 'entity', 'entities')}; ${formatCount(wave.mappedFields)} with a confirmed mapping.`,
    ),
    cappedTable(
      [
        { title: 'Service', nowrap: true },
        { title: 'Entity' },
        { title: 'Mapped / fields', numeric: true },
        { title: 'Lands in (unified fields)' },
      ],
      rows,
      WAVE_TABLE_ROWS,
      'entities',
    ),
  ];
}

function gaps(wave: PlanWave, services: PlannedService[]): Block[] {
  const withGaps = services.filter((s) => s.unmappedFields.length > 0);
  const blocks: Block[] = [];
  if (withGaps.length > 0) {
    const unmapped = withGaps.reduce((sum, s) => sum + s.unmappedFields.length, 0);
    blocks.push(paragraph(`${plural(unmapped, 'field')} without a confirmed mapping:`));
    const items: Text[] = withGaps
      .slice(0, SERVICES_WITH_GAPS)
      .map((s) => [{ code: s.key }, `: ${capList(s.unmappedFields, FIELDS_PER_SERVICE)}`]);
    if (withGaps.length > SERVICES_WITH_GAPS) {
      items.push(`… and ${plural(withGaps.length - SERVICES_WITH_GAPS, 'more service')} with unmapped fields.`);
    }
    blocks.push({ kind: 'list', items });
  }
  if (wave.orphanedUnifiedFields.length > 0) {
    blocks.push(
      paragraph([
        `${plural(wave.orphanedUnifiedFields.length, 'unified field')} left without a source: `,
        capList(wave.orphanedUnifiedFields, ORPHANED_FIELDS),
      ]),
    );
  }
  return blocks.length > 0
    ? blocks
    : [paragraph('No gaps: every field has a confirmed mapping and every unified field keeps a source.', 'note')];
}

function repointing(services: PlannedService[]): Block[] {
  const rows: Text[][] = services.flatMap((s) =>
    s.integrationsToRepoint.map((i): Text[] => [{ code: s.key }, { code: i.consumerKey }, i.mechanism]),
  );
  if (rows.length === 0) return [paragraph('None.', 'note')];
  return [
    cappedTable(
      [{ title: 'From', nowrap: true }, { title: 'Consumer to re-point', nowrap: true }, { title: 'Mechanism' }],
      rows,
      WAVE_TABLE_ROWS,
      'integrations',
    ),
  ];
}

function risks(services: PlannedService[]): Block[] {
  const rows: Text[][] = services.flatMap((s) => s.risks.map((r): Text[] => [{ code: s.key }, r.kind, r.message]));
  if (rows.length === 0) return [paragraph('None identified.', 'note')];
  return [
    cappedTable(
      [{ title: 'Service', nowrap: true }, { title: 'Risk' }, { title: 'Detail' }],
      rows,
      WAVE_TABLE_ROWS,
      'risks',
    ),
  ];
}

function unscheduledSection(unscheduled: PlannedService[], currency: Money): Block {
  if (unscheduled.length === 0) {
    return section('unscheduled', [
      heading(2, 'Unscheduled services'),
      paragraph('None: every selected service has a wave.', 'note'),
    ]);
  }
  return section('unscheduled', [
    heading(2, 'Unscheduled services'),
    paragraph(`${plural(unscheduled.length, 'selected service')} did not fit in the plan's waves.`),
    serviceTable(unscheduled, currency),
  ]);
}

function footer(plan: MigrationPlanResult): Block {
  return {
    kind: 'group',
    tag: 'footer',
    blocks: [
      paragraph([
        { strong: 'Effort points' },
        ` are roughly person-days: ${EFFORT.perService} per service (contract, access, archiving, switching off), ` +
          `${EFFORT.perFieldToMap} per field without a confirmed mapping (decide where it goes and map it), ` +
          `${EFFORT.perFieldToVerify} per mapped field (check its data arrived) and ${EFFORT.perIntegrationToRepoint} ` +
          'per integration into a service that stays (re-point the consumer).',
      ]),
      paragraph(
        `Scores from the ${plan.profile.name}@${plan.profile.version} scoring profile: retirement score and AI-readiness ` +
          'run 0–100; the disposition is the TIME quadrant (Invest, Migrate, Tolerate, Eliminate). ' +
          `Generated ${formatTimestamp(plan.generatedAt)}.`,
      ),
    ],
  };
}
