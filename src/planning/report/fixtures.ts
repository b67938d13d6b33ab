import {
  RiskKind,
  type EntityMove,
  type EstateReport,
  type MigrationPlanResult,
  type PlannedService,
  type PlanWave,
  type QuadrantPoint,
} from '../plan.types';
import { seededRandom } from '../../common/seeded-random';

/*
 * Plans and estate reports as plain data, for tests of anything that consumes them (renderers, HTTP,
 * CLI): pure builders, no database. `largePlanResult` makes a deterministic plan of any size.
 */

/** A name built to break naive HTML, XML, Markdown and CSV writers. */
export const HOSTILE_NAME = '<script>alert(1)</script> & "x"';

export function buildPlannedService(changes: Partial<PlannedService> & { key: string }): PlannedService {
  return {
    id: `id-${changes.key}`,
    name: changes.key,
    kind: 'SAAS',
    ownerTeamKey: 'platform',
    lifecycle: 'ACTIVE',
    criticality: 'MEDIUM',
    annualCost: 10_000,
    contractRenewalDate: null,
    retirementScore: 60,
    aiReadiness: 40,
    confidence: 0.8,
    disposition: 'ELIMINATE',
    wave: 1,
    placement: 'wave 1: nothing to wait for',
    retiresWith: [],
    effort: { fieldsToMap: 0, fieldsToVerify: 0, integrationsToRepoint: 0, points: 2 },
    entities: [],
    unmappedFields: [],
    integrationsToRepoint: [],
    risks: [],
    ...changes,
  };
}

const SMALL_SERVICES: PlannedService[] = [
  buildPlannedService({
    key: 'legacy-crm',
    name: 'Legacy CRM',
    ownerTeamKey: 'sales-ops',
    criticality: 'HIGH',
    annualCost: 120_000,
    contractRenewalDate: '2025-09-30',
    retirementScore: 82.46,
    aiReadiness: 22.1,
    confidence: 0.92,
    effort: { fieldsToMap: 3, fieldsToVerify: 20, integrationsToRepoint: 1, points: 4.7 },
    entities: [
      {
        entity: 'Account',
        fields: 15,
        mappedFields: 13,
        unifiedEntities: ['Customer', 'Organisation'],
        unifiedFields: ['Customer.name', 'Customer.website', 'Organisation.legalName'],
      },
      { entity: 'Contact', fields: 8, mappedFields: 7, unifiedEntities: ['Person'], unifiedFields: ['Person.email'] },
    ],
    unmappedFields: ['Account.legacy_flag', 'Account.fax', 'Contact.pager'],
    integrationsToRepoint: [{ integrationId: 'int-1', consumerKey: 'billing', mechanism: 'REST' }],
    risks: [
      { kind: RiskKind.CRITICALITY, message: 'HIGH criticality' },
      { kind: RiskKind.PII, message: '4 PII fields move' },
    ],
  }),
  buildPlannedService({
    key: 'evil-app',
    name: HOSTILE_NAME,
    ownerTeamKey: 'shadow-it',
    annualCost: 15_000,
    retirementScore: 71.04,
    aiReadiness: 35,
    effort: { fieldsToMap: 1, fieldsToVerify: 2, integrationsToRepoint: 0, points: 2.1 },
    entities: [{ entity: 'Note', fields: 3, mappedFields: 2, unifiedEntities: [], unifiedFields: [] }],
    unmappedFields: ['Note.<b>body</b>'],
    placement: 'wave 1: nothing to wait for',
  }),
  buildPlannedService({
    key: 'crm-sync',
    name: 'CRM Sync',
    ownerTeamKey: 'integration',
    annualCost: 48_000,
    retirementScore: 66.5,
    aiReadiness: 41.25,
    disposition: 'MIGRATE',
    wave: 2,
    placement: 'wave 2: after legacy-crm (consumer); retires with crm-hub (cycle)',
    retiresWith: ['crm-hub'],
    effort: { fieldsToMap: 0, fieldsToVerify: 10, integrationsToRepoint: 2, points: 6.2 },
    entities: [
      { entity: 'SyncJob', fields: 10, mappedFields: 10, unifiedEntities: ['Job'], unifiedFields: ['Job.id'] },
    ],
    integrationsToRepoint: [
      { integrationId: 'int-2', consumerKey: 'data-lake', mechanism: 'BATCH' },
      { integrationId: 'int-3', consumerKey: 'billing', mechanism: 'EVENTS' },
    ],
    risks: [{ kind: RiskKind.CYCLE, message: 'retires with crm-hub: their integrations form a cycle' }],
  }),
  buildPlannedService({
    key: 'crm-hub',
    name: 'CRM Hub',
    ownerTeamKey: 'integration',
    annualCost: null,
    retirementScore: 64,
    aiReadiness: 58,
    disposition: 'TOLERATE',
    wave: 2,
    placement: 'wave 2: retires with crm-sync (cycle)',
    retiresWith: ['crm-sync'],
    risks: [{ kind: RiskKind.CYCLE, message: 'retires with crm-sync: their integrations form a cycle' }],
  }),
  buildPlannedService({
    key: 'billing-v1',
    name: 'Billing | Legacy\nv2',
    ownerTeamKey: 'finance',
    annualCost: 30_000,
    contractRenewalDate: '2025-08-01',
    retirementScore: 58.9,
    aiReadiness: 47.5,
    disposition: 'ELIMINATE',
    wave: 3,
    placement: 'wave 3: capacity (2 services per wave)',
    effort: { fieldsToMap: 2, fieldsToVerify: 5, integrationsToRepoint: 0, points: 2.3 },
    entities: [
      {
        entity: 'Invoice',
        fields: 7,
        mappedFields: 5,
        unifiedEntities: ['Invoice'],
        unifiedFields: ['Invoice.amount'],
      },
    ],
    unmappedFields: ['Invoice.old_tax_code', 'Invoice.=SUM(A1)'],
    risks: [{ kind: RiskKind.CONTRACT_RENEWAL, message: 'contract renews 2025-08-01, before wave 3 ends' }],
  }),
  buildPlannedService({
    key: 'fax-gateway',
    name: '=HYPERLINK("https://evil.example/x.js","click")',
    ownerTeamKey: '-ops',
    lifecycle: 'SUNSET',
    criticality: null,
    annualCost: -1_500,
    retirementScore: 55,
    aiReadiness: null,
    confidence: 0.4,
    disposition: null,
    wave: null,
    placement: 'unscheduled: beyond the last wave (3)',
  }),
];

function wave(number: number, serviceKeys: string[], annualSavings: number, cumulativeSavings: number): PlanWave {
  const services = SMALL_SERVICES.filter((s) => serviceKeys.includes(s.key));
  const start = new Date(Date.UTC(2025, 6, 1 + (number - 1) * 30));
  const end = new Date(start.getTime() + 29 * 86_400_000);
  return {
    number,
    startDate: start.toISOString().slice(0, 10),
    endDate: end.toISOString().slice(0, 10),
    serviceKeys,
    annualSavings,
    cumulativeSavings,
    effortPoints: services.reduce((sum, s) => sum + s.effort.points, 0),
    fields: services.reduce((sum, s) => sum + s.entities.reduce((n, e) => n + e.fields, 0), 0),
    mappedFields: services.reduce((sum, s) => sum + s.entities.reduce((n, e) => n + e.mappedFields, 0), 0),
    fieldsToMap: services.reduce((sum, s) => sum + s.effort.fieldsToMap, 0),
    integrationsToRepoint: services.reduce((sum, s) => sum + s.effort.integrationsToRepoint, 0),
    orphanedUnifiedFields: [],
    cycles: [],
    risks: services.reduce((sum, s) => sum + s.risks.length, 0),
  };
}

function quadrantOf(services: PlannedService[]): QuadrantPoint[] {
  return services.map((s) => ({
    key: s.key,
    name: s.name,
    aiReadiness: s.aiReadiness,
    retirementScore: s.retirementScore,
    annualCost: s.annualCost,
    disposition: s.disposition,
    inPlan: true,
  }));
}

/** Services of the small estate that are not in the plan: one of each disposition, and one not scored. */
const SMALL_ESTATE_ONLY: QuadrantPoint[] = [
  {
    key: 'data-lake',
    name: 'Data Lake',
    aiReadiness: 88,
    retirementScore: 12,
    annualCost: 400_000,
    disposition: 'INVEST',
    inPlan: false,
  },
  {
    key: 'billing',
    name: 'Billing',
    aiReadiness: 71,
    retirementScore: 24.5,
    annualCost: 220_000,
    disposition: 'INVEST',
    inPlan: false,
  },
  {
    key: 'hr-core',
    name: 'HR Core',
    aiReadiness: 31,
    retirementScore: 28,
    annualCost: 180_000,
    disposition: 'MIGRATE',
    inPlan: false,
  },
  {
    key: 'wiki',
    name: 'Wiki',
    aiReadiness: 64,
    retirementScore: 52,
    annualCost: 9_000,
    disposition: 'TOLERATE',
    inPlan: false,
  },
  {
    key: 'ticketing',
    name: 'Ticketing',
    aiReadiness: 55.5,
    retirementScore: 45,
    annualCost: 60_000,
    disposition: 'INVEST',
    inPlan: false,
  },
  {
    key: 'expenses',
    name: 'Expenses',
    aiReadiness: 18,
    retirementScore: 47,
    annualCost: 25_000,
    disposition: 'MIGRATE',
    inPlan: false,
  },
  {
    key: 'intranet',
    name: 'Intranet',
    aiReadiness: 40,
    retirementScore: 61,
    annualCost: null,
    disposition: 'ELIMINATE',
    inPlan: false,
  },
  {
    key: 'mystery-box',
    name: 'Mystery box',
    aiReadiness: null,
    retirementScore: null,
    annualCost: 5_000,
    disposition: null,
    inPlan: false,
  },
];

/** A small, hand-made plan: three dated waves, a cycle, an unscheduled service, hostile names. */
export function buildPlanResult(changes: Partial<MigrationPlanResult> = {}): MigrationPlanResult {
  const waves = [
    wave(1, ['legacy-crm', 'evil-app'], 135_000, 135_000),
    { ...wave(2, ['crm-sync', 'crm-hub'], 48_000, 183_000), cycles: [['crm-sync', 'crm-hub']] },
    {
      ...wave(3, ['billing-v1'], 30_000, 213_000),
      orphanedUnifiedFields: ['Invoice.legacyTaxCode', 'Customer.faxNumber'],
    },
  ];
  return {
    inputs: {
      name: 'CRM consolidation FY25',
      selection: { top: 6 },
      profile: { name: 'default', version: null },
      waveCapacity: { services: 2, effort: null },
      maxWaves: 3,
      startDate: '2025-07-01',
      waveLengthDays: 30,
    },
    profile: { name: 'default', version: 2 },
    unifiedSchemaVersion: 3,
    generatedAt: '2025-06-02T09:30:00.000Z',
    createdBy: 'planner@example.com',
    waves,
    services: SMALL_SERVICES.map((s) => ({ ...s })),
    totals: {
      currency: 'USD',
      annualSavings: 213_000,
      remainingEstateCost: 1_287_000,
      servicesRetired: 5,
      fieldsRetired: 43,
      unscheduled: 1,
      effortPoints: waves.reduce((sum, w) => sum + w.effortPoints, 0),
      aiReadinessBefore: 48.23,
      aiReadinessAfter: 55.91,
      orphanedUnifiedFields: 2,
    },
    quadrant: [...quadrantOf(SMALL_SERVICES), ...SMALL_ESTATE_ONLY],
    ...changes,
  };
}

export function buildEstateReport(changes: Partial<EstateReport> = {}): EstateReport {
  const quadrant = [...quadrantOf(SMALL_SERVICES).map((p) => ({ ...p, inPlan: false })), ...SMALL_ESTATE_ONLY];
  return {
    generatedAt: '2025-06-02T09:30:00.000Z',
    profile: { name: 'default', version: 2 },
    currency: 'EUR',
    inventory: {
      services: quadrant.length,
      teams: 7,
      integrations: 23,
      annualCost: 1_500_000,
      byKind: { SAAS: 8, INTERNAL: 5, DATABASE: 1 },
      byLifecycle: { ACTIVE: 12, SUNSET: 2 },
      byDisposition: { ELIMINATE: 4, INVEST: 3, MIGRATE: 3, TOLERATE: 2 },
    },
    coverage: {
      unifiedFields: 120,
      withSource: 104,
      withoutSource: 16,
      singleSource: 41,
      fields: 900,
      mappedFields: 512,
    },
    quadrant,
    topCandidates: SMALL_SERVICES.slice(0, 5).map((s, i) => ({
      rank: i + 1,
      key: s.key,
      name: s.name,
      retirementScore: s.retirementScore,
      confidence: s.confidence,
      disposition: s.disposition,
      annualCost: s.annualCost,
      topReason: i === 0 ? 'Low AI-readiness: no API, no bulk export' : 'Redundant with billing',
    })),
    ...changes,
  };
}

// ---------------------------------------------------------------------------------------------
// Large plans

const ENTITY_NAMES = [
  'Customer',
  'Order',
  'Invoice',
  'Product',
  'Contact',
  'Ticket',
  'Payment',
  'Shipment',
  'Employee',
];
const MECHANISMS = ['REST', 'EVENTS', 'BATCH', 'FILE', 'DATABASE'];
const KINDS = ['SAAS', 'INTERNAL', 'DATABASE', 'ON_PREMISE'];

function dispositionFor(ai: number, retirement: number): string {
  if (retirement < 50) return ai >= 50 ? 'INVEST' : 'MIGRATE';
  return ai >= 50 ? 'TOLERATE' : 'ELIMINATE';
}

function key(prefix: string, i: number): string {
  return `${prefix}-${String(i + 1).padStart(5, '0')}`;
}

/**
 * A plan of `services` services spread evenly over `waves` waves, in an estate of `estateServices`
 * (three times the plan by default, so that the quadrant has more points than it draws). The same
 * arguments always give the same plan.
 */
export function largePlanResult(
  services: number,
  waves: number,
  options: { estateServices?: number; seed?: number } = {},
): MigrationPlanResult {
  const estateServices = Math.max(services, options.estateServices ?? services * 3);
  const random = seededRandom(options.seed ?? 20250602);
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const integer = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  const round1 = (v: number) => Math.round(v * 10) / 10;

  const planned: PlannedService[] = [];
  for (let i = 0; i < services; i++) {
    const waveNumber = Math.min(waves, Math.floor((i * waves) / services) + 1);
    const retirementScore = round1(between(35, 98));
    const aiReadiness = round1(between(5, 90));
    const entities: EntityMove[] = [];
    const unmappedFields: string[] = [];
    for (let e = integer(1, 4); e > 0; e--) {
      const entity = ENTITY_NAMES[integer(0, ENTITY_NAMES.length - 1)];
      const fields = integer(5, 40);
      const mappedFields = integer(0, fields);
      entities.push({
        entity,
        fields,
        mappedFields,
        unifiedEntities: mappedFields > 0 ? [entity] : [],
        unifiedFields: mappedFields > 0 ? [`${entity}.id`] : [],
      });
      for (let f = mappedFields; f < fields; f++) unmappedFields.push(`${entity}.field_${f + 1}`);
    }
    const integrationsToRepoint = Array.from({ length: integer(0, 5) }, (_, n) => ({
      integrationId: `int-${i}-${n}`,
      consumerKey: key('est', integer(0, estateServices - 1)),
      mechanism: MECHANISMS[integer(0, MECHANISMS.length - 1)],
    }));
    const fieldsToVerify = entities.reduce((sum, e) => sum + e.mappedFields, 0);
    const points = round1(2 + unmappedFields.length * 0.1 + fieldsToVerify * 0.02 + integrationsToRepoint.length * 2);
    const risks = [
      ...(random() < 0.2 ? [{ kind: RiskKind.CRITICALITY, message: 'HIGH criticality' }] : []),
      ...(random() < 0.15 ? [{ kind: RiskKind.PII, message: `${integer(1, 12)} PII fields move` }] : []),
      ...(integrationsToRepoint.length >= 4
        ? [{ kind: RiskKind.MANY_DEPENDENTS, message: `${integrationsToRepoint.length} consumers to re-point` }]
        : []),
    ];
    planned.push({
      id: `id-${i}`,
      key: key('svc', i),
      name: `Service ${i + 1} of team ${i % 37}`,
      kind: KINDS[i % KINDS.length],
      ownerTeamKey: `team-${String(i % 37).padStart(2, '0')}`,
      lifecycle: random() < 0.1 ? 'SUNSET' : 'ACTIVE',
      criticality: ['LOW', 'MEDIUM', 'HIGH'][integer(0, 2)],
      annualCost: random() < 0.05 ? null : Math.round(Math.pow(10, between(3, 6))),
      contractRenewalDate: null,
      retirementScore,
      aiReadiness,
      confidence: Math.round(between(0.3, 1) * 100) / 100,
      disposition: dispositionFor(aiReadiness, retirementScore),
      wave: waveNumber,
      placement: `wave ${waveNumber}: capacity`,
      retiresWith: [],
      effort: {
        fieldsToMap: unmappedFields.length,
        fieldsToVerify,
        integrationsToRepoint: integrationsToRepoint.length,
        points,
      },
      entities,
      unmappedFields,
      integrationsToRepoint,
      risks,
    });
  }

  let cumulative = 0;
  const planWaves: PlanWave[] = Array.from({ length: waves }, (_, w) => {
    const members = planned.filter((s) => s.wave === w + 1);
    const annualSavings = members.reduce((sum, s) => sum + (s.annualCost ?? 0), 0);
    cumulative += annualSavings;
    return {
      number: w + 1,
      startDate: null,
      endDate: null,
      serviceKeys: members.map((s) => s.key),
      annualSavings,
      cumulativeSavings: cumulative,
      effortPoints: round1(members.reduce((sum, s) => sum + s.effort.points, 0)),
      fields: members.reduce((sum, s) => sum + s.entities.reduce((n, e) => n + e.fields, 0), 0),
      mappedFields: members.reduce((sum, s) => sum + s.effort.fieldsToVerify, 0),
      fieldsToMap: members.reduce((sum, s) => sum + s.effort.fieldsToMap, 0),
      integrationsToRepoint: members.reduce((sum, s) => sum + s.effort.integrationsToRepoint, 0),
      orphanedUnifiedFields: Array.from(
        { length: integer(0, 45) },
        (_, n) => `${ENTITY_NAMES[n % ENTITY_NAMES.length]}.orphan_${w + 1}_${n + 1}`,
      ),
      cycles: [],
      risks: members.reduce((sum, s) => sum + s.risks.length, 0),
    };
  });

  const others: QuadrantPoint[] = Array.from({ length: estateServices - services }, (_, i) => {
    const aiReadiness = round1(between(0, 100));
    const retirementScore = round1(between(0, 100));
    return {
      key: key('est', i),
      name: `Estate service ${i + 1}`,
      aiReadiness: random() < 0.01 ? null : aiReadiness,
      retirementScore,
      annualCost: random() < 0.08 ? null : Math.round(Math.pow(10, between(2.5, 6.3))),
      disposition: random() < 0.03 ? null : dispositionFor(aiReadiness, retirementScore),
      inPlan: false,
    };
  });
  const estateCost = others.reduce((sum, p) => sum + (p.annualCost ?? 0), 0);

  return {
    inputs: {
      name: `Estate-wide retirement (${services} services)`,
      selection: { top: services },
      profile: { name: 'default', version: null },
      waveCapacity: { services: Math.ceil(services / waves), effort: null },
      maxWaves: waves,
      startDate: null,
      waveLengthDays: 30,
    },
    profile: { name: 'default', version: 1 },
    unifiedSchemaVersion: 12,
    generatedAt: '2025-06-02T09:30:00.000Z',
    createdBy: 'bench',
    waves: planWaves,
    services: planned,
    totals: {
      currency: 'USD',
      annualSavings: cumulative,
      remainingEstateCost: estateCost,
      servicesRetired: services,
      fieldsRetired: planWaves.reduce((sum, w) => sum + w.fields, 0),
      unscheduled: 0,
      effortPoints: round1(planWaves.reduce((sum, w) => sum + w.effortPoints, 0)),
      aiReadinessBefore: 47.2,
      aiReadinessAfter: 58.6,
      orphanedUnifiedFields: planWaves.reduce((sum, w) => sum + w.orphanedUnifiedFields.length, 0),
    },
    quadrant: [
      ...planned.map((s) => ({
        key: s.key,
        name: s.name,
        aiReadiness: s.aiReadiness,
        retirementScore: s.retirementScore,
        annualCost: s.annualCost,
        disposition: s.disposition,
        inPlan: true,
      })),
      ...others,
    ],
  };
}
