import { EFFORT, effortOf } from './effort';
import {
  buildPlan,
  waveDates,
  type CandidateService,
  type PlanContext,
  type PlanningEstate,
  type PlanningField,
  type PlanningFlow,
  type PlanOutcome,
} from './plan-builder';
import { RiskKind, type MigrationPlanResult, type PlanInputs, type PlannedService } from './plan.types';

/*
 * One small estate, planned with two services a wave, at most two waves, two-week waves from
 * 2024-12-20 (wave 1: 2024-12-20..2025-01-02, wave 2: 2025-01-03..2025-01-16):
 *
 *   erp consumes crm's data, so crm retires with or after erp  → erp, crm in wave 1
 *   hr and payroll feed each other                              → together, in wave 2
 *   sales has no room left in the two waves                    → unscheduled
 *   wiki and bi stay: crm's integrations into them are re-pointed; legacy is retired already
 */

function buildService(key: string, changes: Partial<CandidateService> = {}): CandidateService {
  return {
    id: `s-${key}`,
    key,
    name: key.toUpperCase(),
    kind: 'SAAS',
    lifecycle: 'ACTIVE',
    criticality: null,
    ownerTeamKey: 'ops',
    contractRenewalDate: null,
    annualCost: null,
    retirementScore: null,
    aiReadiness: null,
    confidence: 0.5,
    disposition: null,
    consumers: 0,
    soleSource: 0,
    active: true,
    ...changes,
  };
}

/** A field whose mapping (if any) lands in the unified field of the same name in `unifiedEntity`. */
const field = (entity: string, name: string, unifiedEntity: string | null, piiClass: string | null = null) =>
  ({
    entity,
    field: name,
    unifiedEntity,
    unifiedField: unifiedEntity === null ? null : `${unifiedEntity}.${name}`,
    piiClass,
  }) satisfies PlanningField;

const integration = (id: string, source: string, target: string, mechanism: string): PlanningFlow => ({
  id,
  sourceId: `s-${source}`,
  targetId: `s-${target}`,
  mechanism,
});

function buildEstate(): PlanningEstate {
  return {
    currency: 'EUR',
    services: [
      buildService('crm', {
        name: 'Customer Relations',
        kind: 'ON_PREM',
        criticality: 'HIGH',
        ownerTeamKey: 'sales-ops',
        contractRenewalDate: '2025-01-02',
        annualCost: 1200.5,
        retirementScore: 80,
        aiReadiness: 40,
        confidence: 0.9,
        disposition: 'ELIMINATE',
        consumers: 5,
        soleSource: 2,
      }),
      buildService('erp', {
        criticality: 'MISSION_CRITICAL',
        contractRenewalDate: '2024-12-19',
        retirementScore: 70,
        consumers: 4,
      }),
      buildService('wiki', { retirementScore: 65, annualCost: 50 }),
      buildService('hr', { contractRenewalDate: '2025-01-17', annualCost: 300.25, retirementScore: 60 }),
      buildService('payroll', {
        criticality: 'LOW',
        contractRenewalDate: '2025-01-16',
        annualCost: 99.99,
        retirementScore: 50,
      }),
      buildService('legacy', { lifecycle: 'RETIRED', active: false, retirementScore: 45 }),
      buildService('sales', {
        contractRenewalDate: '2025-01-01',
        annualCost: 5000,
        retirementScore: 40,
        soleSource: 1,
      }),
      buildService('bi', { retirementScore: 10 }),
    ],
    supply: [
      { serviceId: 's-crm', unifiedFieldId: 'uf-party-name' },
      { serviceId: 's-hr', unifiedFieldId: 'uf-party-name' },
      { serviceId: 's-crm', unifiedFieldId: 'uf-zone-code' },
      { serviceId: 's-erp', unifiedFieldId: 'uf-invoice-amount' },
      { serviceId: 's-crm', unifiedFieldId: 'uf-contact-email' },
      { serviceId: 's-wiki', unifiedFieldId: 'uf-contact-email' },
      { serviceId: 's-sales', unifiedFieldId: 'uf-lead-owner' },
      { serviceId: 's-payroll', unifiedFieldId: 'uf-worker-id' },
      { serviceId: 's-erp', unifiedFieldId: 'uf-worker-id' },
    ],
    unifiedFieldNames: new Map([
      ['uf-party-name', 'Party.name'],
      ['uf-zone-code', 'Zone.code'],
      ['uf-invoice-amount', 'Invoice.amount'],
      ['uf-contact-email', 'Contact.email'],
      ['uf-lead-owner', 'Lead.owner'],
      ['uf-worker-id', 'Worker.id'],
    ]),
    flows: [
      integration('f1', 'crm', 'erp', 'REST'),
      integration('f2', 'crm', 'wiki', 'FILE'),
      integration('f3', 'crm', 'bi', 'DB_LINK'),
      integration('f4', 'wiki', 'crm', 'REST'),
      integration('f5', 'hr', 'payroll', 'EVENT'),
      integration('f6', 'payroll', 'hr', 'EVENT'),
      integration('f7', 'sales', 'wiki', 'FILE'),
    ],
    fields: new Map([
      [
        's-crm',
        [
          field('Customer', 'name', 'Party', 'PERSONAL'),
          field('Order', 'total', 'Order'),
          field('Customer', 'email', 'Contact', 'PERSONAL'),
          field('Customer', 'legacyFlag', null),
          field('Customer', 'phone', 'Phone', 'PERSONAL'),
        ],
      ],
      ['s-erp', [field('Invoice', 'amount', 'Invoice'), field('Invoice', 'memo', null)]],
      ['s-hr', [field('Employee', 'ssn', null, 'SENSITIVE')]],
      ['s-sales', [field('Lead', 'source', null), field('Lead', 'owner', 'Lead')]],
    ]),
  };
}

/** Rank order; not key order, so that "by selection order" shows. */
const SELECTED = ['s-crm', 's-erp', 's-payroll', 's-hr', 's-sales'];

const INPUTS: PlanInputs = {
  name: 'Q1 retirements',
  selection: { serviceKeys: ['crm', 'erp', 'payroll', 'hr', 'sales'] },
  profile: { name: 'default', version: 3 },
  waveCapacity: { services: 2 },
  maxWaves: 2,
  startDate: '2024-12-20',
  waveLengthDays: 14,
};

function buildContext(inputs: Partial<PlanInputs> = {}): PlanContext {
  return {
    inputs: { ...INPUTS, ...inputs },
    profile: { name: 'default', version: 3 },
    unifiedSchemaVersion: 7,
    generatedAt: '2024-12-01T09:00:00.000Z',
    createdBy: 'planner@example.com',
  };
}

const OUTCOME: PlanOutcome = { aiReadinessBefore: 41.5, aiReadinessAfter: 47.25, remainingEstateCost: 4321 };

function plan(inputs: Partial<PlanInputs> = {}, selected: readonly string[] = SELECTED): MigrationPlanResult {
  return buildPlan(buildContext(inputs), buildEstate(), selected, () => OUTCOME);
}

const serviceOf = (result: MigrationPlanResult, key: string): PlannedService => {
  const found = result.services.find((s) => s.key === key);
  if (!found) throw new Error(`${key} is not in the plan`);
  return found;
};

const riskKinds = (s: PlannedService) => s.risks.map((r) => r.kind);

/** Case-insensitively, in code point order. */
const byKey = (a: string, b: string) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

describe('buildPlan', () => {
  it('lists the services by wave, then selection order, unscheduled last, each with its placement', () => {
    const result = plan();
    expect(result.services.map((s) => [s.key, s.wave, s.placement, s.retiresWith])).toEqual([
      ['crm', 1, 'wave 1: after erp (consumer, same wave)', []],
      ['erp', 1, 'wave 1: nothing else in the plan consumes its data', []],
      [
        'payroll',
        2,
        'wave 2: wave 1 has no room for it (capacity 2 services); retires with hr (they feed each other)',
        ['hr'],
      ],
      [
        'hr',
        2,
        'wave 2: wave 1 has no room for it (capacity 2 services); retires with payroll (they feed each other)',
        ['payroll'],
      ],
      ['sales', null, 'not planned: no room in the 2 waves allowed', []],
    ]);
  });

  it('describes a service in full: entities with the unified entities they land in, unmapped fields, integrations to re-point, effort, risks', () => {
    expect(serviceOf(plan(), 'crm')).toEqual({
      id: 's-crm',
      key: 'crm',
      name: 'Customer Relations',
      kind: 'ON_PREM',
      ownerTeamKey: 'sales-ops',
      lifecycle: 'ACTIVE',
      criticality: 'HIGH',
      annualCost: 1200.5,
      contractRenewalDate: '2025-01-02',
      retirementScore: 80,
      aiReadiness: 40,
      confidence: 0.9,
      disposition: 'ELIMINATE',
      wave: 1,
      placement: 'wave 1: after erp (consumer, same wave)',
      retiresWith: [],
      // 2 + 1 × 0.1 + 4 × 0.02 + 2 × 2 = 6.18
      effort: { fieldsToMap: 1, fieldsToVerify: 4, integrationsToRepoint: 2, points: 6.2 },
      entities: [
        {
          entity: 'Customer',
          fields: 4,
          mappedFields: 3,
          unifiedEntities: ['Contact', 'Party', 'Phone'],
          unifiedFields: ['Contact.email', 'Party.name', 'Phone.phone'],
        },
        { entity: 'Order', fields: 1, mappedFields: 1, unifiedEntities: ['Order'], unifiedFields: ['Order.total'] },
      ],
      unmappedFields: ['Customer.legacyFlag'],
      // Not f1 (erp is in the plan) nor f4 (wiki → crm: crm is the consumer); by consumer key.
      integrationsToRepoint: [
        { integrationId: 'f3', consumerKey: 'bi', mechanism: 'DB_LINK' },
        { integrationId: 'f2', consumerKey: 'wiki', mechanism: 'FILE' },
      ],
      risks: [
        { kind: RiskKind.CRITICALITY, message: 'criticality high' },
        { kind: RiskKind.PII, message: '3 fields hold personal data' },
        { kind: RiskKind.MANY_DEPENDENTS, message: '5 services consume its data' },
        { kind: RiskKind.SOLE_SOURCE, message: 'only source of 2 unified fields' },
        {
          kind: RiskKind.CONTRACT_RENEWAL,
          message:
            'its contract renews on 2025-01-02, before its wave ends (2025-01-02): renew for a short term or retire it earlier',
        },
      ],
    });
  });

  it('counts effort points per EFFORT', () => {
    const points = (toMap: number, toVerify: number, toRepoint: number) =>
      Math.round(
        (EFFORT.perService +
          toMap * EFFORT.perFieldToMap +
          toVerify * EFFORT.perFieldToVerify +
          toRepoint * EFFORT.perIntegrationToRepoint) *
          10,
      ) / 10;
    const result = plan();
    expect(Object.fromEntries(result.services.map((s) => [s.key, s.effort]))).toEqual({
      crm: { fieldsToMap: 1, fieldsToVerify: 4, integrationsToRepoint: 2, points: points(1, 4, 2) },
      erp: { fieldsToMap: 1, fieldsToVerify: 1, integrationsToRepoint: 0, points: points(1, 1, 0) },
      payroll: { fieldsToMap: 0, fieldsToVerify: 0, integrationsToRepoint: 0, points: points(0, 0, 0) },
      hr: { fieldsToMap: 1, fieldsToVerify: 0, integrationsToRepoint: 0, points: points(1, 0, 0) },
      sales: { fieldsToMap: 1, fieldsToVerify: 1, integrationsToRepoint: 1, points: points(1, 1, 1) },
    });
  });

  it.each([
    // CRITICALITY for HIGH and MISSION_CRITICAL only; MANY_DEPENDENTS from 5 consumers (erp has 4).
    [
      'crm',
      [RiskKind.CRITICALITY, RiskKind.PII, RiskKind.MANY_DEPENDENTS, RiskKind.SOLE_SOURCE, RiskKind.CONTRACT_RENEWAL],
    ],
    // Its renewal (2024-12-19) is before the plan starts.
    ['erp', [RiskKind.CRITICALITY]],
    // Renews on the last day of its wave.
    ['payroll', [RiskKind.CYCLE, RiskKind.CONTRACT_RENEWAL]],
    // Renews the day after its wave ends.
    ['hr', [RiskKind.PII, RiskKind.CYCLE]],
    // Renews during wave 1, but it has no wave.
    ['sales', [RiskKind.SOLE_SOURCE]],
  ])('risks of %s', (key, kinds) => {
    expect(riskKinds(serviceOf(plan(), key))).toEqual(kinds);
  });

  it('words the risks of criticality, cycles and personal data, in the singular for one', () => {
    const result = plan();
    expect(serviceOf(result, 'erp').risks).toEqual([
      { kind: RiskKind.CRITICALITY, message: 'criticality mission-critical' },
    ]);
    expect(serviceOf(result, 'payroll').risks[0]).toEqual({
      kind: RiskKind.CYCLE,
      message: 'retires together with the 1 other of its cycle',
    });
    expect(serviceOf(result, 'hr').risks[0]).toEqual({ kind: RiskKind.PII, message: '1 field holds personal data' });
    // Plural: crm has 3 fields of personal data (its full description above).
  });

  it('words the CYCLE risk in the plural for a cycle of three', () => {
    // hr → sales → payroll → hr joins sales to the cycle of hr and payroll.
    const estate = buildEstate();
    estate.flows.push(integration('f8', 'hr', 'sales', 'FILE'), integration('f9', 'sales', 'payroll', 'FILE'));
    const result = buildPlan(
      buildContext({ waveCapacity: { services: 3 }, maxWaves: null }),
      estate,
      SELECTED,
      () => OUTCOME,
    );
    for (const key of ['hr', 'payroll', 'sales']) {
      const s = serviceOf(result, key);
      expect(s.wave).toBe(2);
      expect(s.risks.filter((r) => r.kind === RiskKind.CYCLE)).toEqual([
        { kind: RiskKind.CYCLE, message: 'retires together with the 2 others of its cycle' },
      ]);
    }
  });

  it('gives a service larger than a wave the OVER_CAPACITY risk', () => {
    // crm (6.2 points) after erp (2.1): wave 1 has no room, wave 2 is crm's alone.
    const result = plan({ waveCapacity: { effort: 5 }, maxWaves: null });
    const crm = serviceOf(result, 'crm');
    expect(crm.wave).toBe(2);
    expect(crm.placement).toBe(
      'wave 2: after erp (consumer, wave 1); wave 1 has no room for it (capacity 5 effort points); larger than a wave (capacity 5 effort points): a wave of its own',
    );
    expect(crm.risks).toContainEqual({
      kind: RiskKind.OVER_CAPACITY,
      message: 'its group is larger than a wave: it has a wave of its own',
    });
    for (const s of result.services.filter((x) => x.key !== 'crm'))
      expect(riskKinds(s)).not.toContain(RiskKind.OVER_CAPACITY);
    expect(result.waves.find((w) => w.number === 2)?.serviceKeys).toEqual(['crm']);
  });

  it('splits a cycle larger than a wave, says so in the CYCLE risk of each part, and lists it in every wave that holds a part', () => {
    // One service a wave: erp, crm, then hr (its cycle's first part: more priority), payroll, sales.
    const result = plan({ waveCapacity: { services: 1 }, maxWaves: null });
    expect(result.services.map((s) => [s.key, s.wave])).toEqual([
      ['erp', 1],
      ['crm', 2],
      ['hr', 3],
      ['payroll', 4],
      ['sales', 5],
    ]);
    const cycleRisk = (key: string) => serviceOf(result, key).risks.filter((r) => r.kind === RiskKind.CYCLE);
    const message = (part: number) =>
      `in a cycle of 2 services split into 2 parts to fit the waves (this is part ${part}): keep its data flowing to the parts that retire later`;
    expect(cycleRisk('hr')).toEqual([{ kind: RiskKind.CYCLE, message: message(1) }]);
    expect(cycleRisk('payroll')).toEqual([{ kind: RiskKind.CYCLE, message: message(2) }]);
    expect(serviceOf(result, 'hr').retiresWith).toEqual([]);
    expect(result.waves.map((w) => [w.number, w.cycles])).toEqual([
      [1, []],
      [2, []],
      [3, [['hr', 'payroll']]],
      [4, [['hr', 'payroll']]],
      [5, []],
    ]);
  });

  it('bridges the data of a split cycle’s earlier part to its later parts: re-pointing work, counted in its effort and its wave', () => {
    // hr (wave 3) feeds payroll (wave 4) through f5; payroll feeds hr through f6, but hr is gone by then.
    const result = plan({ waveCapacity: { services: 1 }, maxWaves: null });
    const hr = serviceOf(result, 'hr');
    expect(hr.integrationsToRepoint).toEqual([{ integrationId: 'f5', consumerKey: 'payroll', mechanism: 'EVENT' }]);
    // 2 + 1 × 0.1 + 1 × 2 = 4.1
    expect(hr.effort).toEqual({ fieldsToMap: 1, fieldsToVerify: 0, integrationsToRepoint: 1, points: 4.1 });
    expect(hr.effort).toEqual(effortOf(1, 0, 1));
    const payroll = serviceOf(result, 'payroll');
    expect(payroll.integrationsToRepoint).toEqual([]);
    expect(payroll.effort).toEqual(effortOf(0, 0, 0));
    expect(result.waves.map((w) => [w.number, w.integrationsToRepoint, w.effortPoints])).toEqual([
      [1, 0, 2.1],
      [2, 2, 6.2],
      [3, 1, 4.1],
      [4, 0, 2],
      [5, 1, 4.1],
    ]);
    expect(result.totals.effortPoints).toBe(18.5);
  });

  it('sorts a service’s integrations to re-point by consumer key, bridged ones with the others', () => {
    // hr → wiki (stays) is known before the waves, hr → payroll (bridged) after: payroll < wiki.
    const estate = buildEstate();
    estate.flows.push(integration('f8', 'hr', 'wiki', 'FILE'));
    const result = buildPlan(
      buildContext({ waveCapacity: { services: 1 }, maxWaves: null }),
      estate,
      SELECTED,
      () => OUTCOME,
    );
    const hr = serviceOf(result, 'hr');
    expect(hr.integrationsToRepoint).toEqual([
      { integrationId: 'f5', consumerKey: 'payroll', mechanism: 'EVENT' },
      { integrationId: 'f8', consumerKey: 'wiki', mechanism: 'FILE' },
    ]);
    expect(hr.effort).toEqual({ fieldsToMap: 1, fieldsToVerify: 0, integrationsToRepoint: 2, points: 6.1 });
  });

  it('sorts integrations to re-point by consumer key case-insensitively', () => {
    // In code point order "Wiki" would come before "bi".
    const estate = buildEstate();
    estate.services = estate.services.map((s) => (s.key === 'wiki' ? { ...s, key: 'Wiki' } : s));
    const crm = buildPlan(buildContext(), estate, SELECTED, () => OUTCOME).services.find((s) => s.key === 'crm')!;
    expect(crm.integrationsToRepoint).toEqual([
      { integrationId: 'f3', consumerKey: 'bi', mechanism: 'DB_LINK' },
      { integrationId: 'f2', consumerKey: 'Wiki', mechanism: 'FILE' },
    ]);
  });

  it.each([
    ['2024-12-19', false],
    ['2024-12-20', true],
    ['2025-01-02', true],
    ['2025-01-03', false],
  ])('a renewal on %s, with crm in wave 1 (2024-12-20..2025-01-02): CONTRACT_RENEWAL %s', (date, risk) => {
    const estate = buildEstate();
    estate.services = estate.services.map((s) => (s.key === 'crm' ? { ...s, contractRenewalDate: date } : s));
    const crm = buildPlan(buildContext(), estate, SELECTED, () => OUTCOME).services.find((s) => s.key === 'crm')!;
    expect(crm.wave).toBe(1);
    expect(riskKinds(crm).includes(RiskKind.CONTRACT_RENEWAL)).toBe(risk);
  });

  it('has no CONTRACT_RENEWAL risk and no wave dates without a start date', () => {
    const result = plan({ startDate: null });
    expect(result.services.flatMap(riskKinds)).not.toContain(RiskKind.CONTRACT_RENEWAL);
    expect(result.services.flatMap(riskKinds)).toContain(RiskKind.CYCLE);
    expect(result.waves.map((w) => [w.startDate, w.endDate])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('does not say an unscheduled service has a wave of its own', () => {
    // crm (6.2 points) is larger than a wave of 5 points, but has no room in the 1 wave allowed.
    const crm = serviceOf(plan({ waveCapacity: { effort: 5 }, maxWaves: 1 }), 'crm');
    expect(crm.wave).toBeNull();
    expect(crm.placement).toBe('not planned: no room in the 1 wave allowed');
    expect(riskKinds(crm)).toEqual([
      RiskKind.CRITICALITY,
      RiskKind.PII,
      RiskKind.MANY_DEPENDENTS,
      RiskKind.SOLE_SOURCE,
    ]);
  });

  it.each([
    // hr and payroll split over waves 3 and 4: hr bridges f5 to payroll.
    ['every wave it needs', null],
    // The cycle does not fit in the 3 waves allowed: none of it is scheduled, so nothing is bridged.
    ['3 waves', 3],
  ])(
    'with %s, re-points every integration from a scheduled service into a service that stays or retires later, by consumer key',
    (_, maxWaves) => {
      const result = plan({ waveCapacity: { services: 1 }, maxWaves });
      const waveOf = new Map(result.services.map((s) => [s.id, s.wave]));
      const later = (id: string, wave: number) => !waveOf.has(id) || waveOf.get(id) === null || waveOf.get(id)! > wave;
      const scheduled = result.services.filter((x) => x.wave !== null);
      expect(scheduled.map((s) => s.key)).toEqual(
        maxWaves === null ? ['erp', 'crm', 'hr', 'payroll', 'sales'] : ['erp', 'crm', 'sales'],
      );
      const flows = buildEstate().flows;
      for (const s of scheduled) {
        const into = flows.filter((f) => f.sourceId === s.id && later(f.targetId, s.wave!));
        expect(s.integrationsToRepoint.map((r) => r.integrationId).sort()).toEqual(into.map((f) => f.id).sort());
        const keys = s.integrationsToRepoint.map((r) => r.consumerKey);
        expect(keys).toEqual([...keys].sort(byKey));
        expect(s.effort).toEqual(
          effortOf(s.effort.fieldsToMap, s.effort.fieldsToVerify, s.integrationsToRepoint.length),
        );
      }
      for (const s of result.services.filter((x) => x.wave === null))
        expect(s.integrationsToRepoint.map((r) => r.integrationId)).toEqual(
          flows.filter((f) => f.sourceId === s.id && !SELECTED.includes(f.targetId)).map((f) => f.id),
        );
    },
  );

  // BUG (still): bridging work is added to a service's effort after the waves are made, so a wave can
  // end up above its effort capacity, with no OVER_CAPACITY risk. Input: this estate with 20 fields
  // without a mapping on payroll (4 points; with hr's 2.1 the cycle is larger than a wave), waveCapacity
  // { effort: 5 }, maxWaves null. hr (2.1) joins erp (2.1) in wave 1: 4.2 ≤ 5; payroll goes to wave 3.
  // hr then bridges f5 to payroll: 4.1 points. Expected: wave 1 within 5 points (or the excess flagged);
  // actual: wave 1 = erp + hr = 6.2 points, and neither has an OVER_CAPACITY risk.
  it('flags the services whose bridging work takes a wave past its effort capacity', () => {
    const estate = buildEstate();
    estate.fields.set(
      's-payroll',
      Array.from({ length: 20 }, (_, i) => field('Payslip', `field${i}`, null)),
    );
    const result = buildPlan(
      buildContext({ waveCapacity: { effort: 5 }, maxWaves: null }),
      estate,
      SELECTED,
      () => OUTCOME,
    );
    for (const wave of result.waves) {
      const members = result.services.filter((s) => s.wave === wave.number);
      const flagged = members.some((s) => riskKinds(s).includes(RiskKind.OVER_CAPACITY));
      if (!flagged) expect(wave.effortPoints).toBeLessThanOrEqual(5);
    }
    const hr = result.services.find((s) => s.key === 'hr')!;
    expect(hr.risks.find((r) => r.kind === RiskKind.OVER_CAPACITY)?.message).toMatch(
      /^bridging its data to the later parts of its cycle takes wave \d+ to [\d.]+ effort points, over its capacity of 5$/,
    );
  });

  it('sums each wave: services, savings (unknown cost as 0), effort, fields, integrations, orphaned fields, cycles, risks, dates', () => {
    expect(plan().waves).toEqual([
      {
        number: 1,
        startDate: '2024-12-20',
        endDate: '2025-01-02',
        serviceKeys: ['crm', 'erp'],
        annualSavings: 1200.5,
        cumulativeSavings: 1200.5,
        effortPoints: 8.3,
        fields: 7,
        mappedFields: 5,
        fieldsToMap: 2,
        integrationsToRepoint: 2,
        orphanedUnifiedFields: ['Invoice.amount', 'Zone.code'],
        cycles: [],
        risks: 6,
      },
      {
        number: 2,
        startDate: '2025-01-03',
        endDate: '2025-01-16',
        serviceKeys: ['payroll', 'hr'],
        annualSavings: 400.24,
        cumulativeSavings: 1600.74,
        effortPoints: 4.1,
        fields: 1,
        mappedFields: 0,
        fieldsToMap: 1,
        integrationsToRepoint: 0,
        orphanedUnifiedFields: ['Party.name', 'Worker.id'],
        cycles: [['hr', 'payroll']],
        risks: 4,
      },
    ]);
  });

  it('reports a unified field orphaned in the wave its last source retires, and never while a source stays', () => {
    const orphaned = plan().waves.map((w) => w.orphanedUnifiedFields);
    // Party.name: crm (wave 1) and hr (wave 2). Worker.id: erp (wave 1) and payroll (wave 2).
    expect(orphaned[0]).not.toContain('Party.name');
    expect(orphaned[1]).toContain('Party.name');
    expect(orphaned[1]).toContain('Worker.id');
    // Contact.email is also supplied by wiki, which stays; Lead.owner by sales, which is unscheduled.
    expect(orphaned.flat()).not.toContain('Contact.email');
    expect(orphaned.flat()).not.toContain('Lead.owner');
  });

  it('totals the scheduled services only, with what the outcome says of the estate', () => {
    const result = plan();
    expect(result.totals).toEqual({
      currency: 'EUR',
      annualSavings: 1600.74,
      remainingEstateCost: 4321,
      servicesRetired: 4,
      fieldsRetired: 8,
      unscheduled: 1,
      effortPoints: 12.4,
      aiReadinessBefore: 41.5,
      aiReadinessAfter: 47.25,
      orphanedUnifiedFields: 4,
    });
  });

  it('asks the outcome about exactly the scheduled services, once', () => {
    const outcome = jest.fn((_retired: ReadonlySet<string>) => OUTCOME);
    buildPlan(buildContext(), buildEstate(), SELECTED, outcome);
    expect(outcome).toHaveBeenCalledTimes(1);
    expect([...outcome.mock.calls[0][0]].sort()).toEqual(['s-crm', 's-erp', 's-hr', 's-payroll']);
  });

  it('puts the active services on the quadrant, marking those selected for the plan', () => {
    const result = plan();
    // sales is selected, so in the plan, though unscheduled; legacy is retired already.
    expect(result.quadrant.map((q) => [q.key, q.inPlan])).toEqual([
      ['crm', true],
      ['erp', true],
      ['wiki', false],
      ['hr', true],
      ['payroll', true],
      ['sales', true],
      ['bi', false],
    ]);
    expect(result.quadrant[0]).toEqual({
      key: 'crm',
      name: 'Customer Relations',
      aiReadiness: 40,
      retirementScore: 80,
      annualCost: 1200.5,
      disposition: 'ELIMINATE',
      inPlan: true,
    });
  });

  it('carries the inputs and the context it was made in', () => {
    const result = plan();
    expect({
      inputs: result.inputs,
      profile: result.profile,
      unifiedSchemaVersion: result.unifiedSchemaVersion,
      generatedAt: result.generatedAt,
      createdBy: result.createdBy,
    }).toEqual({
      inputs: INPUTS,
      profile: { name: 'default', version: 3 },
      unifiedSchemaVersion: 7,
      generatedAt: '2024-12-01T09:00:00.000Z',
      createdBy: 'planner@example.com',
    });
  });

  it('schedules everything when nothing limits the number of waves', () => {
    const result = plan({ maxWaves: null });
    expect(result.services.map((s) => [s.key, s.wave])).toEqual([
      ['crm', 1],
      ['erp', 1],
      ['payroll', 2],
      ['hr', 2],
      ['sales', 3],
    ]);
    expect(result.waves.map((w) => [w.number, w.startDate, w.endDate, w.cumulativeSavings])).toEqual([
      [1, '2024-12-20', '2025-01-02', 1200.5],
      [2, '2025-01-03', '2025-01-16', 1600.74],
      [3, '2025-01-17', '2025-01-30', 6600.74],
    ]);
    expect(result.totals).toMatchObject({ servicesRetired: 5, unscheduled: 0, fieldsRetired: 10, effortPoints: 16.5 });
    expect(result.waves[2].orphanedUnifiedFields).toEqual(['Lead.owner']);
    // sales renews on 2025-01-01, before its wave 3 ends.
    expect(riskKinds(serviceOf(result, 'sales'))).toContain(RiskKind.CONTRACT_RENEWAL);
  });
});

describe('waveDates', () => {
  const inputs = (startDate: string | null, waveLengthDays: number): PlanInputs => ({
    ...INPUTS,
    startDate,
    waveLengthDays,
  });

  it.each([
    ['2024-12-20', 14, 1, '2024-12-20', '2025-01-02'],
    ['2024-12-20', 14, 2, '2025-01-03', '2025-01-16'],
    ['2024-02-20', 10, 1, '2024-02-20', '2024-02-29'],
    ['2024-02-20', 10, 2, '2024-03-01', '2024-03-10'],
    ['2023-02-20', 10, 1, '2023-02-20', '2023-03-01'],
    ['2025-01-31', 30, 2, '2025-03-02', '2025-03-31'],
    ['2024-12-31', 1, 2, '2025-01-01', '2025-01-01'],
    ['2025-03-29', 7, 1, '2025-03-29', '2025-04-04'],
  ])('from %s, %i days a wave: wave %i runs %s..%s', (start, length, wave, from, to) => {
    expect(waveDates(inputs(start, length), wave)).toEqual({ start: from, end: to });
  });

  it('has no dates without a start date or for an unscheduled service', () => {
    expect(waveDates(inputs(null, 14), 1)).toBeNull();
    expect(waveDates(inputs('2024-12-20', 14), null)).toBeNull();
  });
});

describe('effortOf', () => {
  it.each([
    [0, 0, 0, 2],
    [1, 0, 0, 2.1],
    [0, 5, 0, 2.1],
    [0, 0, 1, 4],
    [3, 7, 1, 4.4],
    [0, 2, 0, 2],
    [0, 3, 0, 2.1],
  ])('%i to map, %i to verify, %i to re-point: %d points, to a tenth', (toMap, toVerify, toRepoint, points) => {
    expect(effortOf(toMap, toVerify, toRepoint)).toEqual({
      fieldsToMap: toMap,
      fieldsToVerify: toVerify,
      integrationsToRepoint: toRepoint,
      points,
    });
  });
});
