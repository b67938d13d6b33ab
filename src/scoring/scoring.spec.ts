import { EstateBaseline } from './baseline';
import { averages, combine } from './combine';
import * as factor from './factors';
import {
  applyProfileChanges,
  DEFAULT_PROFILE,
  inBaseCurrency,
  type ProfileChanges,
  type ProfileSettings,
} from './profile';
import { byRetirementScore, scoreEstate, scoreService } from './scorer';
import {
  Disposition,
  ScoringFactor as F,
  type Measure,
  type Score,
  type ServiceFacts,
  type ServiceScores,
} from './scoring.types';
import { distribution, simulateRetirement, withoutServices, type IntegrationEdge, type SupplyPair } from './simulation';

// ---------------------------------------------------------------------------------------------
// Builders

type FactsChanges = Partial<Omit<ServiceFacts, 'access' | 'data' | 'unified' | 'dependents'>> & {
  access?: Partial<ServiceFacts['access']>;
  data?: Partial<ServiceFacts['data']>;
  unified?: Partial<ServiceFacts['unified']>;
  dependents?: Partial<ServiceFacts['dependents']>;
};

/** A service with everything known: the starting point of most factor examples. */
const KNOWN: ServiceFacts = {
  id: 'self',
  key: 'self',
  name: 'Self',
  kind: 'SAAS',
  lifecycle: 'ACTIVE',
  criticality: 'MEDIUM',
  ownerTeamId: 'team',
  annualCost: { amount: 15_000, currency: 'USD' },
  licensedSeats: 100,
  monthlyActiveUsers: 30,
  access: {
    apiStyle: 'REST',
    machineReadableSpec: true,
    bulkExport: true,
    changeEvents: 'WEBHOOKS',
    dataStructure: 'STRUCTURED',
    authMethod: 'OAUTH2',
  },
  data: {
    entities: 4,
    identifiedEntities: 3,
    fields: 20,
    describedFields: 10,
    typedFields: 18,
    piiFields: 2,
    mappedFields: 5,
  },
  unified: { supplied: 4, shared: 3, soleSource: 1 },
  dependents: { integrations: 3, consumers: 2 },
};

/** A service nothing is known about. */
const UNKNOWN: ServiceFacts = {
  ...KNOWN,
  criticality: null,
  annualCost: null,
  licensedSeats: null,
  monthlyActiveUsers: null,
  access: {
    apiStyle: null,
    machineReadableSpec: null,
    bulkExport: null,
    changeEvents: null,
    dataStructure: null,
    authMethod: null,
  },
  data: {
    entities: 0,
    identifiedEntities: 0,
    fields: 0,
    describedFields: 0,
    typedFields: 0,
    piiFields: 0,
    mappedFields: 0,
  },
  unified: { supplied: 0, shared: 0, soleSource: 0 },
  dependents: { integrations: 0, consumers: 0 },
};

function facts(changes: FactsChanges = {}, from: ServiceFacts = KNOWN): ServiceFacts {
  const { access, data, unified, dependents, ...own } = changes;
  const id = own.id ?? from.id;
  return {
    ...from,
    key: id,
    name: id,
    ...own,
    access: { ...from.access, ...access },
    data: { ...from.data, ...data },
    unified: { ...from.unified, ...unified },
    dependents: { ...from.dependents, ...dependents },
  };
}

const usd = (amount: number) => ({ amount, currency: 'USD' });

function settingsWith(changes: ProfileChanges): ProfileSettings {
  const { settings, problems } = applyProfileChanges(DEFAULT_PROFILE, changes);
  expect(problems).toEqual([]);
  return settings;
}

/**
 * Peers of `self` (15,000 USD a year, 30 users: 500 per user). Active peers' costs: 6,000, 12,000,
 * 24,000 (and one unknown); their costs per user: 100, 300, 1,200; their users: 60, 40, 20, 500.
 * The retired service counts for none of these.
 */
const PEERS: ServiceFacts[] = [
  facts({ id: 'a', annualCost: usd(6_000), monthlyActiveUsers: 60 }),
  facts({ id: 'b', annualCost: usd(12_000), monthlyActiveUsers: 40 }),
  facts({ id: 'c', annualCost: usd(24_000), monthlyActiveUsers: 20 }),
  facts({ id: 'retired', lifecycle: 'RETIRED', annualCost: usd(1_000_000), monthlyActiveUsers: 1 }),
  facts({ id: 'no-cost', annualCost: null, monthlyActiveUsers: 500 }),
];

/** Scores of `f` alone: its own factors, no peers and no estate averages. */
const alone = (f: ServiceFacts, settings: ProfileSettings = DEFAULT_PROFILE) =>
  scoreService(f, EstateBaseline.of([f], settings), settings);

/** `measure` of `self` with `peers` (self included) as the estate. */
function amongPeers(
  measure: (f: ServiceFacts, baseline: EstateBaseline, settings: ProfileSettings) => Measure,
  self: ServiceFacts,
  peers: ServiceFacts[] = PEERS,
  settings: ProfileSettings = DEFAULT_PROFILE,
): Measure {
  return measure(self, EstateBaseline.of([self, ...peers], settings), settings);
}

type MeasureCase = [title: string, measure: () => Measure, value: number | null, reason: string];

function expectMeasure(actual: Measure, value: number | null, reason: string): void {
  if (value === null) expect(actual.value).toBeNull();
  else expect(actual.value).toBeCloseTo(value, 10);
  expect(actual.reason).toBe(reason);
}

const NO_FIELDS = { data: { fields: 0, describedFields: 0, typedFields: 0, piiFields: 0, mappedFields: 0 } };
const NO_FIELDS_REASON = 'no fields are recorded for it in Estate';

// ---------------------------------------------------------------------------------------------

describe('AI-readiness factors', () => {
  const api = (apiStyle: string | null, machineReadableSpec: boolean | null) => () =>
    factor.apiAccess(facts({ access: { apiStyle, machineReadableSpec } }));
  const pii =
    (piiFields: number, authMethod: string | null, fields = 20) =>
    () =>
      factor.piiHandling(facts({ data: { fields, piiFields }, access: { authMethod } }));

  it.each<MeasureCase>([
    ['API: none', api('NONE', null), 0, 'no API: its data can only be read through its user interface'],
    ['API: file export', api('FILE_EXPORT', null), 0.25, 'data only through file exports'],
    ['API: SOAP', api('SOAP', true), 0.5, 'SOAP API'],
    [
      'API: REST, spec unknown',
      api('REST', null),
      0.75,
      'REST API; whether it has a machine-readable specification is unknown',
    ],
    ['API: REST without spec', api('REST', false), 0.75, 'REST API without a machine-readable specification'],
    ['API: REST with spec', api('REST', true), 1, 'REST API with a machine-readable specification'],
    ['API: GraphQL', api('GRAPHQL', null), 1, 'GraphQL API: typed and self-describing'],
    ['API: unknown', api(null, true), null, 'API style unknown'],

    ['bulk export', () => factor.bulkExport(facts({ access: { bulkExport: true } })), 1, 'offers bulk export'],
    [
      'no bulk export',
      () => factor.bulkExport(facts({ access: { bulkExport: false } })),
      0,
      'no bulk export: data must be read record by record',
    ],
    [
      'bulk export unknown',
      () => factor.bulkExport(facts({ access: { bulkExport: null } })),
      null,
      'whether it offers bulk export is unknown',
    ],

    [
      'change events: none',
      () => factor.changeEvents(facts({ access: { changeEvents: 'NONE' } })),
      0,
      'publishes no change events: consumers must poll',
    ],
    [
      'change events: webhooks',
      () => factor.changeEvents(facts({ access: { changeEvents: 'WEBHOOKS' } })),
      0.75,
      'publishes changes through webhooks',
    ],
    [
      'change events: CDC',
      () => factor.changeEvents(facts({ access: { changeEvents: 'CDC' } })),
      1,
      'publishes changes through change data capture',
    ],
    [
      'change events unknown',
      () => factor.changeEvents(facts({ access: { changeEvents: null } })),
      null,
      'whether it publishes changes is unknown',
    ],

    [
      'structured data',
      () => factor.dataStructure(facts({ access: { dataStructure: 'STRUCTURED' } })),
      1,
      'structured data',
    ],
    [
      'semi-structured data',
      () => factor.dataStructure(facts({ access: { dataStructure: 'SEMI_STRUCTURED' } })),
      0.5,
      'semi-structured data',
    ],
    [
      'unstructured data',
      () => factor.dataStructure(facts({ access: { dataStructure: 'UNSTRUCTURED' } })),
      0,
      'unstructured data',
    ],
    [
      'data structure unknown',
      () => factor.dataStructure(facts({ access: { dataStructure: null } })),
      null,
      'data structure unknown',
    ],

    ['documentation', () => factor.documentation(KNOWN), 0.5, '10 of 20 fields have a description (50%)'],
    ['documentation without fields', () => factor.documentation(facts(NO_FIELDS)), null, NO_FIELDS_REASON],

    [
      'typed fields',
      () => factor.typedFields(KNOWN),
      0.9,
      '18 of 20 fields have a definite type (not JSON or binary) (90%)',
    ],
    ['typed fields without fields', () => factor.typedFields(facts(NO_FIELDS)), null, NO_FIELDS_REASON],

    ['stable identifiers', () => factor.stableIdentifiers(KNOWN), 0.75, '3 of 4 entities declare an identifier (75%)'],
    [
      'stable identifiers without entities',
      () => factor.stableIdentifiers(facts({ data: { entities: 0, identifiedEntities: 0 } })),
      null,
      'no entities are recorded for it in Estate',
    ],

    ['PII: none among 20 fields', pii(0, null), 1, 'no personal data found in its 20 fields'],
    ['PII: none in the one field', pii(0, 'NONE', 1), 1, 'no personal data found in its 1 field'],
    ['PII behind OAuth2', pii(2, 'OAUTH2'), 1, '2 fields hold personal data, behind OAUTH2'],
    ['PII behind OIDC', pii(2, 'OIDC'), 1, '2 fields hold personal data, behind OIDC'],
    ['PII behind SAML', pii(2, 'SAML'), 1, '2 fields hold personal data, behind SAML'],
    ['PII behind mTLS', pii(2, 'MTLS'), 1, '2 fields hold personal data, behind MTLS'],
    ['PII behind an API key', pii(2, 'API_KEY'), 0.6, '2 fields hold personal data, behind API_KEY'],
    ['PII behind other auth', pii(2, 'OTHER'), 0.5, '2 fields hold personal data, behind OTHER'],
    ['PII behind basic auth', pii(2, 'BASIC'), 0.3, '2 fields hold personal data, behind BASIC'],
    ['PII without auth', pii(2, 'NONE'), 0, '2 fields hold personal data, behind no authentication'],
    [
      'PII, auth unknown',
      pii(2, null),
      null,
      '2 fields hold personal data; how access to it is authenticated is unknown',
    ],
    ['PII without fields', () => factor.piiHandling(facts(NO_FIELDS)), null, NO_FIELDS_REASON],

    [
      'unified mapping',
      () => factor.unifiedMapping(KNOWN),
      0.25,
      '5 of 20 fields are mapped to the unified schema (25%)',
    ],
    ['unified mapping without fields', () => factor.unifiedMapping(facts(NO_FIELDS)), null, NO_FIELDS_REASON],
  ])('%s', (_title, measure, value, reason) => {
    expectMeasure(measure(), value, reason);
  });

  // BUG: "1 field hold personal data" — the verb does not agree with a single field, unlike the
  // other reasons (redundancy's "is/are", dependents' "consumes/consume"). Remove `.failing` once fixed.
  it('PII reason agrees in number with a single field', () => {
    expect(factor.piiHandling(facts({ data: { piiFields: 1 }, access: { authMethod: 'OAUTH2' } })).reason).toBe(
      '1 field holds personal data, behind OAUTH2',
    );
  });
});

describe('retirement factors', () => {
  const GBP = { amount: 10_000, currency: 'GBP' };
  const EUR = { amount: 10_000, currency: 'EUR' };
  const withEuro = settingsWith({ exchangeRates: [{ currency: 'EUR', rate: 1.5 }] });
  const cost = (self: ServiceFacts, peers?: ServiceFacts[], settings?: ProfileSettings) => () =>
    amongPeers(factor.annualCost, self, peers, settings);
  const perUser = (self: ServiceFacts, peers?: ServiceFacts[], settings?: ProfileSettings) => () =>
    amongPeers(factor.costPerUser, self, peers, settings);
  const users = (self: ServiceFacts, peers?: ServiceFacts[]) => () =>
    amongPeers((f, baseline) => factor.activeUsers(f, baseline), self, peers);
  const seats = (monthlyActiveUsers: number | null, licensedSeats: number | null) => () =>
    factor.seatUtilisation(facts({ monthlyActiveUsers, licensedSeats }));
  const free = [
    facts({ id: 'z1', annualCost: usd(0), monthlyActiveUsers: 10 }),
    facts({ id: 'z2', annualCost: usd(0) }),
  ];
  const lifecycle = (value: string) => () => factor.lifecycle(facts({ lifecycle: value }));
  const criticality = (value: string | null) => () => factor.criticality(facts({ criticality: value }));
  const dependents = (consumers: number, integrations: number) => () =>
    factor.dependents(facts({ dependents: { consumers, integrations } }), DEFAULT_PROFILE);
  const sole = (supplied: number, soleSource: number) => () =>
    factor.soleSource(facts({ unified: { supplied, soleSource, shared: supplied - soleSource } }), DEFAULT_PROFILE);

  it.each<MeasureCase>([
    ['low AI-readiness', () => factor.lowAiReadiness(62.5), 0.375, 'AI-readiness 62.5 of 100'],
    ['AI-readiness 0', () => factor.lowAiReadiness(0), 1, 'AI-readiness 0.0 of 100'],
    [
      'AI-readiness unknown',
      () => factor.lowAiReadiness(null),
      null,
      'AI-readiness unknown: nothing is recorded about its data access or fields',
    ],

    [
      'redundancy',
      () => factor.redundancy(KNOWN),
      0.75,
      '3 of the 4 unified fields it supplies are also supplied by other services',
    ],
    [
      'redundancy of one field',
      () => factor.redundancy(facts({ unified: { supplied: 1, shared: 0, soleSource: 1 } })),
      0,
      '0 of the 1 unified field it supplies is also supplied by other services',
    ],
    [
      'redundancy without confirmed mappings',
      () => factor.redundancy(UNKNOWN),
      null,
      'no confirmed mappings yet: whether other services hold the same data is unknown',
    ],

    [
      'mapping coverage',
      () => factor.mappingCoverage(KNOWN),
      0.25,
      '5 of 20 fields already have a home in the unified schema',
    ],
    ['mapping coverage without fields', () => factor.mappingCoverage(facts(NO_FIELDS)), null, NO_FIELDS_REASON],

    // Other active known costs: 6,000, 12,000, 24,000.
    ['annual cost', cost(KNOWN), 2 / 3, 'USD 15,000 a year: more than 67% of 3 other services'],
    [
      'annual cost against one peer',
      cost(KNOWN, [PEERS[0]]),
      1,
      'USD 15,000 a year: more than 100% of 1 other service',
    ],
    [
      'annual cost tied with a peer (ties count half)',
      cost(facts({ annualCost: usd(12_000) })),
      0.5,
      'USD 12,000 a year: more than 50% of 3 other services',
    ],
    [
      'annual cost of a retired service, against the active ones',
      cost(facts({ lifecycle: 'RETIRED' })),
      2 / 3,
      'USD 15,000 a year: more than 67% of 3 other services',
    ],
    [
      'annual cost converted to the base currency',
      cost(facts({ annualCost: EUR }), PEERS, withEuro),
      2 / 3,
      'USD 15,000 a year: more than 67% of 3 other services',
    ],
    ['annual cost unknown', cost(facts({ annualCost: null })), null, 'annual cost unknown'],
    [
      'annual cost without exchange rate',
      cost(facts({ annualCost: GBP }), PEERS, withEuro),
      null,
      'no exchange rate from GBP to USD in the profile',
    ],
    [
      'annual cost without peers',
      cost(KNOWN, [PEERS[3], PEERS[4]]),
      null,
      'no other service with a known cost to compare with',
    ],

    // Other active costs per user: 100, 300, 1,200; median 300.
    ['cost per user', perUser(KNOWN), 0.625, "USD 500 per active user a year, 1.7× the estate's median (USD 300)"],
    [
      'cost per user against an even number of peers',
      perUser(KNOWN, [...PEERS, facts({ id: 'd', annualCost: usd(2_000), monthlyActiveUsers: 10 })]),
      2 / 3,
      "USD 500 per active user a year, 2.0× the estate's median (USD 250)",
    ],
    [
      'cost per user without users',
      perUser(facts({ monthlyActiveUsers: 0 })),
      1,
      "costs money and has no active users; the estate's median is USD 300",
    ],
    [
      'free, without users',
      perUser(facts({ annualCost: usd(0), monthlyActiveUsers: 0 })),
      0,
      "USD 0 per active user a year, 0.0× the estate's median (USD 300)",
    ],
    [
      'cost per user when peers are free',
      perUser(KNOWN, free),
      1,
      "USD 500 per active user a year; the estate's median is USD 0",
    ],
    [
      'free when peers are free',
      perUser(facts({ annualCost: usd(0) }), free),
      0,
      "USD 0 per active user a year; the estate's median is USD 0",
    ],
    ['cost per user, cost unknown', perUser(facts({ annualCost: null })), null, 'annual cost unknown'],
    ['cost per user, users unknown', perUser(facts({ monthlyActiveUsers: null })), null, 'active users unknown'],
    [
      'cost per user without exchange rate',
      perUser(facts({ annualCost: GBP })),
      null,
      'no exchange rate from GBP to USD in the profile',
    ],
    [
      'cost per user without peers',
      perUser(KNOWN, [PEERS[3], PEERS[4]]),
      null,
      'no other service with a known cost per user to compare with',
    ],

    ['seat utilisation', seats(30, 100), 0.7, '30 active users on 100 seats (30% used)'],
    ['seats over-used', seats(150, 100), 0, '150 active users on 100 seats (150% used)'],
    ['one seat, unused', seats(0, 1), 1, '0 active users on 1 seat (0% used)'],
    ['seats unknown', seats(30, null), null, 'licensed seats unknown'],
    ['seats, users unknown', seats(null, 100), null, 'active users unknown'],
    ['no seats', seats(30, 0), null, 'no licensed seats: utilisation does not apply'],

    // Other active users: 60, 40, 20, 500.
    ['active users', users(KNOWN), 0.75, '30 monthly active users: fewer than 75% of 4 other services'],
    [
      'active users against one peer',
      users(KNOWN, [PEERS[0]]),
      1,
      '30 monthly active users: fewer than 100% of 1 other service',
    ],
    [
      'active users tied with a peer (ties count half)',
      users(facts({ monthlyActiveUsers: 40 })),
      0.625,
      '40 monthly active users: fewer than 63% of 4 other services',
    ],
    [
      'one active user',
      users(facts({ monthlyActiveUsers: 1 })),
      1,
      '1 monthly active user: fewer than 100% of 4 other services',
    ],
    ['active users unknown', users(facts({ monthlyActiveUsers: null })), null, 'active users unknown'],
    ['active users without peers', users(KNOWN, [PEERS[3]]), null, 'no other service with known usage to compare with'],

    ['planned', lifecycle('PLANNED'), 0, 'planned'],
    ['active', lifecycle('ACTIVE'), 0, 'active'],
    ['deprecated', lifecycle('DEPRECATED'), 0.75, 'already deprecated'],
    ['retiring', lifecycle('RETIRING'), 1, 'already retiring'],
    ['retired', lifecycle('RETIRED'), 1, 'already retired'],

    ['no consumers', dependents(0, 0), 1, 'no other service consumes its data'],
    ['one consumer', dependents(1, 1), 5 / 6, '1 service consumes its data (1 integration) and must be re-pointed'],
    [
      'consumers at the half-risk threshold',
      dependents(5, 7),
      0.5,
      '5 services consume its data (7 integrations) and must be re-pointed',
    ],

    ['criticality low', criticality('LOW'), 1, 'criticality low'],
    ['criticality medium', criticality('MEDIUM'), 2 / 3, 'criticality medium'],
    ['criticality high', criticality('HIGH'), 1 / 3, 'criticality high'],
    ['mission-critical', criticality('MISSION_CRITICAL'), 0, 'criticality mission-critical'],
    ['criticality unknown', criticality(null), null, 'criticality unknown'],

    [
      'sole source unknown',
      sole(0, 0),
      null,
      'no confirmed mappings yet: whether it is the only source of any unified data is unknown',
    ],
    ['never the sole source', sole(4, 0), 1, 'every unified field it supplies has another source'],
    ['sole source of one field', sole(4, 1), 10 / 11, 'only source of 1 unified field'],
    ['sole source at the half-risk threshold', sole(12, 10), 0.5, 'only source of 10 unified fields'],
  ])('%s', (_title, measure, value, reason) => {
    expectMeasure(measure(), value, reason);
  });

  it('uses the profile’s half-risk thresholds', () => {
    const settings = settingsWith({ thresholds: { dependentsHalfRisk: 1, soleSourceHalfRisk: 2 } });
    expect(factor.dependents(KNOWN, settings).value).toBeCloseTo(1 - 2 / 3, 10);
    expect(factor.soleSource(KNOWN, settings).value).toBeCloseTo(1 - 1 / 3, 10);
  });
});

describe('EstateBaseline', () => {
  const baseline = EstateBaseline.of([KNOWN, ...PEERS], DEFAULT_PROFILE);

  it('ranks a cost among the other active services with a known cost', () => {
    expect(baseline.costRank(KNOWN, 15_000, DEFAULT_PROFILE)).toEqual({ share: 2 / 3, others: 3 });
  });

  it('leaves out only the service itself when a peer has the same cost', () => {
    const twin = facts({ id: 'twin' });
    const twins = EstateBaseline.of([KNOWN, twin], DEFAULT_PROFILE);
    expect(twins.costRank(KNOWN, 15_000, DEFAULT_PROFILE)).toEqual({ share: 0.5, others: 1 });
    expect(twins.fewerUsersRank(KNOWN, 30)).toEqual({ share: 0.5, others: 1 });
    expect(twins.medianCostPerUser(KNOWN, DEFAULT_PROFILE)).toBe(500);
  });

  it('has no peers for the only service with a cost', () => {
    const alone = EstateBaseline.of(
      [KNOWN, facts({ id: 'x', annualCost: null, monthlyActiveUsers: 10 })],
      DEFAULT_PROFILE,
    );
    expect(alone.costRank(KNOWN, 15_000, DEFAULT_PROFILE)).toBeNull();
    expect(alone.medianCostPerUser(KNOWN, DEFAULT_PROFILE)).toBeNull();
    expect(alone.fewerUsersRank(KNOWN, 30)).toEqual({ share: 0, others: 1 });
  });

  it('compares a retired or unpriced service with every active priced service', () => {
    // Active costs: 6,000, 12,000, 15,000 (self), 24,000.
    const retired = facts({ id: 'r', lifecycle: 'RETIRED' });
    expect(baseline.costRank(retired, 15_000, DEFAULT_PROFILE)).toEqual({ share: 2.5 / 4, others: 4 });
    expect(baseline.costRank(facts({ annualCost: null }), 20_000, DEFAULT_PROFILE)).toEqual({
      share: 3 / 4,
      others: 4,
    });
  });

  it('ranks usage by the share of others with more users', () => {
    // Active users: 20, 30 (self), 40, 60, 500.
    expect(baseline.fewerUsersRank(KNOWN, 30)).toEqual({ share: 0.75, others: 4 });
    const retired = baseline.fewerUsersRank(facts({ lifecycle: 'RETIRED' }), 30);
    expect(retired?.others).toBe(5);
    expect(retired?.share).toBeCloseTo(3.5 / 5, 10);
  });

  it.each<[string, ServiceFacts, number]>([
    ['own cost per user left out (others 100, 300, 1,200)', KNOWN, 300],
    ['infinite cost per user is no peer (others 100, 300, 500, 1,200)', facts({ id: 'x', monthlyActiveUsers: 0 }), 400],
    ['unpriced service: all peers', facts({ id: 'x', annualCost: null }), 400],
    ['retired service: all active peers', facts({ id: 'x', lifecycle: 'RETIRED' }), 400],
  ])('median cost per user: %s', (_title, self, median) => {
    expect(baseline.medianCostPerUser(self, DEFAULT_PROFILE)).toBe(median);
  });
});

describe('combine', () => {
  const m = (value: number | null, reason = 'why'): Measure => ({ value, reason });

  it('splits three equal thirds so that they add up to the score', () => {
    const score = combine(
      [
        [F.API_ACCESS, m(1)],
        [F.BULK_EXPORT, m(1)],
        [F.CHANGE_EVENTS, m(1)],
      ],
      { API_ACCESS: 1, BULK_EXPORT: 1, CHANGE_EVENTS: 1 },
    );
    expect(score.score).toBe(100);
    expect(score.confidence).toBe(1);
    expect(score.factors.map((f) => f.contribution)).toEqual([33.34, 33.33, 33.33]);
    expect(score.factors.map((f) => f.weight)).toEqual([33.33, 33.33, 33.33]);
  });

  it('gives the leftover hundredth to the largest remainder', () => {
    // Exact contributions 3.333…, 6.666…, 23.333…: 33.33 in all.
    const score = combine(
      [
        [F.API_ACCESS, m(0.1)],
        [F.BULK_EXPORT, m(0.2)],
        [F.CHANGE_EVENTS, m(0.7)],
      ],
      { API_ACCESS: 1, BULK_EXPORT: 1, CHANGE_EVENTS: 1 },
    );
    expect(score.score).toBe(33.33);
    expect(score.factors.map((f) => f.contribution)).toEqual([3.33, 6.67, 23.33]);
  });

  it('never gives a hundredth to a factor worth nothing', () => {
    const score = combine(
      [
        [F.API_ACCESS, m(1)],
        [F.BULK_EXPORT, m(1)],
        [F.CHANGE_EVENTS, m(0)],
      ],
      { API_ACCESS: 1, BULK_EXPORT: 1, CHANGE_EVENTS: 1 },
    );
    expect(score.score).toBe(66.67);
    expect(score.factors.map((f) => f.contribution)).toEqual([33.34, 33.33, 0]);
  });

  it('scales the counted weights up to 100 points when a factor is missing and has no estate average', () => {
    const score = combine(
      [
        [F.API_ACCESS, m(1)],
        [F.BULK_EXPORT, m(null, 'unknown')],
        [F.CHANGE_EVENTS, m(0.5)],
      ],
      { API_ACCESS: 50, BULK_EXPORT: 30, CHANGE_EVENTS: 20 },
    );
    expect(score).toEqual<Score>({
      score: 85.71,
      confidence: 0.7,
      factors: [
        {
          factor: F.API_ACCESS,
          value: 1,
          assumedValue: null,
          profileWeight: 50,
          weight: 71.43,
          contribution: 71.43,
          missing: false,
          reason: 'why',
        },
        {
          factor: F.BULK_EXPORT,
          value: null,
          assumedValue: null,
          profileWeight: 30,
          weight: 0,
          contribution: 0,
          missing: true,
          reason: 'unknown',
        },
        {
          factor: F.CHANGE_EVENTS,
          value: 0.5,
          assumedValue: null,
          profileWeight: 20,
          weight: 28.57,
          contribution: 14.28,
          missing: false,
          reason: 'why',
        },
      ],
    });
  });

  it("counts a missing factor at the estate's average, still lowering confidence", () => {
    const score = combine(
      [
        [F.API_ACCESS, m(1)],
        [F.BULK_EXPORT, m(null, 'unknown')],
        [F.CHANGE_EVENTS, m(0.5)],
      ],
      { API_ACCESS: 50, BULK_EXPORT: 30, CHANGE_EVENTS: 20 },
      { BULK_EXPORT: 0.5, CHANGE_EVENTS: 0.1 },
    );
    // 50·1 + 30·0.5 + 20·0.5: a known value is never replaced by the average.
    expect(score.score).toBe(75);
    expect(score.confidence).toBe(0.7);
    expect(score.factors[1]).toEqual({
      factor: F.BULK_EXPORT,
      value: null,
      assumedValue: 0.5,
      profileWeight: 30,
      weight: 30,
      contribution: 15,
      missing: true,
      reason: "unknown; counted at the estate's average (0.50)",
    });
    expect(score.factors[2]).toMatchObject({ value: 0.5, assumedValue: null, contribution: 10, reason: 'why' });
  });

  it('has no score when nothing about the service itself is known, whatever the estate averages', () => {
    const score = combine(
      [
        [F.API_ACCESS, m(null, 'unknown')],
        [F.BULK_EXPORT, m(null, 'unknown')],
      ],
      { API_ACCESS: 10, BULK_EXPORT: 5 },
      { API_ACCESS: 0.8, BULK_EXPORT: 0.2 },
    );
    expect(score.score).toBeNull();
    expect(score.confidence).toBe(0);
    expect(score.factors.map((f) => [f.assumedValue, f.weight, f.contribution, f.reason])).toEqual([
      [0.8, 0, 0, 'unknown'],
      [0.2, 0, 0, 'unknown'],
    ]);
  });

  it('has no score and no confidence when every factor is missing', () => {
    const score = combine(
      [
        [F.API_ACCESS, m(null)],
        [F.BULK_EXPORT, m(null)],
      ],
      { API_ACCESS: 10, BULK_EXPORT: 5 },
    );
    expect(score.score).toBeNull();
    expect(score.confidence).toBe(0);
    expect(score.factors.map((f) => [f.weight, f.contribution, f.missing])).toEqual([
      [0, 0, true],
      [0, 0, true],
    ]);
  });

  it('has no score when only factors without weight are known', () => {
    const score = combine(
      [
        [F.API_ACCESS, m(1)],
        [F.BULK_EXPORT, m(null)],
      ],
      { API_ACCESS: 0, BULK_EXPORT: 5 },
    );
    expect(score.score).toBeNull();
    expect(score.confidence).toBe(0);
    expect(score.factors[0]).toMatchObject({ missing: false, weight: 0, contribution: 0 });
  });

  it('does not count a missing factor without weight against confidence', () => {
    const score = combine(
      [
        [F.API_ACCESS, m(0.5)],
        [F.BULK_EXPORT, m(null)],
      ],
      { API_ACCESS: 10, BULK_EXPORT: 0 },
    );
    expect(score.score).toBe(50);
    expect(score.confidence).toBe(1);
  });

  it('gives a factor the profile does not weigh a weight of 0', () => {
    const score = combine(
      [
        [F.API_ACCESS, m(0.5)],
        [F.BULK_EXPORT, m(1)],
      ],
      { API_ACCESS: 10 },
    );
    expect(score.score).toBe(50);
    expect(score.factors[1]).toMatchObject({ profileWeight: 0, weight: 0, contribution: 0, missing: false });
  });

  it('clamps values into [0, 1]', () => {
    const score = combine(
      [
        [F.API_ACCESS, m(1.5)],
        [F.BULK_EXPORT, m(-0.5)],
      ],
      { API_ACCESS: 1, BULK_EXPORT: 1 },
    );
    expect(score.score).toBe(50);
    expect(score.factors.map((f) => f.value)).toEqual([1, 0]);
  });

  it('gives confidence to three decimals', () => {
    const score = combine(
      [
        [F.API_ACCESS, m(1)],
        [F.BULK_EXPORT, m(1)],
        [F.CHANGE_EVENTS, m(null)],
      ],
      { API_ACCESS: 1, BULK_EXPORT: 1, CHANGE_EVENTS: 1 },
    );
    expect(score.confidence).toBe(0.667);
  });

  // BUG: confidence is rounded to three decimals, so a missing factor that carries under 0.05 % of
  // the profile's weight leaves confidence at 1 — as if everything were known. Here PII_HANDLING
  // (weight 1 of 8,001) is missing and confidence is still 1. Remove `.failing` once fixed.
  it('lowers confidence below 1 for any missing factor that carries weight', () => {
    const heavy = settingsWith({
      weights: [
        ...[F.API_ACCESS, F.BULK_EXPORT, F.CHANGE_EVENTS, F.DATA_STRUCTURE].map((f) => ({ factor: f, weight: 1000 })),
        ...[F.DOCUMENTATION, F.TYPED_FIELDS, F.STABLE_IDENTIFIERS, F.UNIFIED_MAPPING].map((f) => ({
          factor: f,
          weight: 1000,
        })),
        { factor: F.PII_HANDLING, weight: 1 },
      ],
    });
    const piiAuthUnknown = facts({ access: { authMethod: null } });
    const score = alone(piiAuthUnknown, heavy).aiReadiness;
    expect(score.factors.find((f) => f.factor === F.PII_HANDLING)?.missing).toBe(true);
    expect(score.confidence).toBeLessThan(1);
  });
});

describe('averages', () => {
  it('is the mean known value of each factor, clamped into [0, 1]; factors nobody has are left out, but for the peer-relative ones', () => {
    const m = (value: number | null): Measure => ({ value, reason: '' });
    expect(
      averages([
        [
          [F.API_ACCESS, m(1)],
          [F.BULK_EXPORT, m(null)],
        ],
        [
          [F.API_ACCESS, m(0)],
          [F.BULK_EXPORT, m(null)],
        ],
        [[F.API_ACCESS, m(1.5)]],
      ]),
    ).toEqual({ [F.API_ACCESS]: 0.6667, [F.ANNUAL_COST]: 0.5, [F.COST_PER_USER]: 0.5, [F.ACTIVE_USERS]: 0.5 });
  });

  it('counts peer-relative factors at the middle of the estate, whatever the known values', () => {
    const m = (value: number | null): Measure => ({ value, reason: '' });
    expect(
      averages([
        [
          [F.ANNUAL_COST, m(0.9)],
          [F.COST_PER_USER, m(0.8)],
          [F.ACTIVE_USERS, m(0.1)],
          [F.SEAT_UTILISATION, m(0.9)],
        ],
        [
          [F.ANNUAL_COST, m(1)],
          [F.COST_PER_USER, m(null)],
          [F.ACTIVE_USERS, m(0.2)],
          [F.SEAT_UTILISATION, m(0.7)],
        ],
      ]),
    ).toEqual({ [F.ANNUAL_COST]: 0.5, [F.COST_PER_USER]: 0.5, [F.ACTIVE_USERS]: 0.5, [F.SEAT_UTILISATION]: 0.8 });
  });
});

describe("scoreEstate: missing factors counted at the estate's average", () => {
  const documented = (id: string, describedFields: number, lifecycle = 'ACTIVE') =>
    facts({ id, lifecycle, data: { fields: 1000, describedFields } });

  it('averages over the active services only', () => {
    const undocumented = facts({ id: 'x', ...NO_FIELDS });
    const scores = scoreEstate(
      [undocumented, documented('a', 500), documented('b', 250), documented('gone', 1000, 'RETIRED')],
      DEFAULT_PROFILE,
    );
    const documentation = scores.get('x')!.aiReadiness.factors.find((f) => f.factor === F.DOCUMENTATION);
    expect(documentation).toMatchObject({
      value: null,
      missing: true,
      assumedValue: 0.375,
      reason: `${NO_FIELDS_REASON}; counted at the estate's average (0.38)`,
    });
    expect(documentation?.contribution).toBeGreaterThan(0);
  });

  // BUG: averages are summed in the order of the estate, so the same services in another order
  // can be counted at another average (0.8638 vs 0.8637 here). Remove `.failing` once fixed.
  it('counts a missing factor at the same average whatever the order of the estate', () => {
    const undocumented = facts({ id: 'x', ...NO_FIELDS });
    const [p, q, r, s] = [documented('p', 881), documented('q', 973), documented('r', 878), documented('s', 723)];
    const assumed = (estate: ServiceFacts[]) =>
      scoreEstate(estate, DEFAULT_PROFILE)
        .get('x')!
        .aiReadiness.factors.find((f) => f.factor === F.DOCUMENTATION)?.assumedValue;
    expect(assumed([p, q, r, s, undocumented])).toBe(assumed([p, r, q, s, undocumented]));
  });

  /*
   * BUG: a service's own change moves the estate averages it is counted at. A and B cost the same;
   * B has no users, so its cost per user is infinite. While A has users, B's COST_PER_USER is known
   * (1: against A's) and A's own, which has no finite peer, is counted at that average. Once A has
   * no users (or, with none, any cost), B's goes missing too, the average disappears and A's score
   * drops: fewer users or a higher cost lower it, against "can only raise it" (README).
   * Remove `.failing` once fixed (and the fc.pre in scoring.properties.spec.ts).
   */
  const costly = (id: string, amount: number, monthlyActiveUsers: number) =>
    facts({ id, annualCost: usd(amount), monthlyActiveUsers }, UNKNOWN);
  const retirementOfA = (a: ServiceFacts, b: ServiceFacts) =>
    scoreEstate([a, b], DEFAULT_PROFILE).get('A')!.retirement.score!;

  it('never lowers the retirement score when active users fall to zero', () => {
    const b = costly('B', 100, 0);
    expect(retirementOfA(costly('A', 100, 0), b)).toBeGreaterThanOrEqual(retirementOfA(costly('A', 100, 10), b));
  });

  it('never lowers the retirement score of a service without users when its cost rises from zero', () => {
    const b = costly('B', 1000, 0);
    expect(retirementOfA(costly('A', 1, 0), b)).toBeGreaterThanOrEqual(retirementOfA(costly('A', 0, 0), b));
  });
});

describe('scoreService', () => {
  it('scores a fully known service with the default profile', () => {
    // 25·1 + 10·1 + 10·0.75 + 10·1 + 10·0.5 + 10·0.9 + 10·0.75 + 5·1 + 10·0.25
    const score = alone(KNOWN).aiReadiness;
    expect(score.score).toBe(81.5);
    expect(score.confidence).toBe(1);
    expect(score.factors.map((f) => f.contribution)).toEqual([25, 10, 7.5, 10, 5, 9, 7.5, 5, 2.5]);
  });

  it('has no AI-readiness when nothing about the data is known', () => {
    const score = alone(UNKNOWN).aiReadiness;
    expect(score.score).toBeNull();
    expect(score.confidence).toBe(0);
    expect(score.factors.every((f) => f.missing)).toBe(true);
  });

  it('scores retirement from the known factors only, renormalised', () => {
    // Known: LOW_AI_READINESS 0 (15), LIFECYCLE 0.75 (5), DEPENDENTS 1 (10), CRITICALITY 1 (5) of 100.
    const deprecated = facts({ lifecycle: 'DEPRECATED', criticality: 'LOW', access: { apiStyle: 'GRAPHQL' } }, UNKNOWN);
    const score = alone(deprecated).retirement;
    expect(score.score).toBe(53.57);
    expect(score.confidence).toBe(0.35);
    const known = score.factors.filter((f) => !f.missing);
    expect(known.map((f) => [f.factor, f.weight, f.contribution])).toEqual([
      [F.LOW_AI_READINESS, 42.86, 0],
      [F.LIFECYCLE, 14.29, 10.71],
      [F.DEPENDENTS, 28.57, 28.57],
      [F.CRITICALITY, 14.29, 14.29],
    ]);
  });

  it('feeds the AI-readiness score into LOW_AI_READINESS', () => {
    const scores = alone(KNOWN);
    expect(scores.serviceId).toBe('self');
    const low = scores.retirement.factors.find((f) => f.factor === F.LOW_AI_READINESS);
    expect(low?.value).toBeCloseTo(1 - 0.815, 10);
  });
});

describe('TIME disposition', () => {
  /** Business value from criticality and consumers only; AI-readiness from the API style only. */
  const verdict = (
    criticality: string | null,
    consumers: number,
    apiStyle: string | null,
    settings: ProfileSettings = DEFAULT_PROFILE,
  ) => {
    const f = facts({ criticality, dependents: { consumers, integrations: consumers }, access: { apiStyle } }, UNKNOWN);
    return alone(f, settings).disposition;
  };

  it.each<[string, string, number, string, Disposition, string]>([
    [
      'valuable and fit',
      'HIGH',
      5,
      'GRAPHQL',
      Disposition.INVEST,
      'business value 62.5 (criticality high, 5 consumers) ≥ 50; AI-readiness 100.0 ≥ 50',
    ],
    [
      'valuable, not fit',
      'HIGH',
      5,
      'NONE',
      Disposition.MIGRATE,
      'business value 62.5 (criticality high, 5 consumers) ≥ 50; AI-readiness 0.0 < 50',
    ],
    [
      'fit, not valuable',
      'LOW',
      0,
      'GRAPHQL',
      Disposition.TOLERATE,
      'business value 12.5 (criticality low, 0 consumers) < 50; AI-readiness 100.0 ≥ 50',
    ],
    [
      'neither',
      'LOW',
      0,
      'NONE',
      Disposition.ELIMINATE,
      'business value 12.5 (criticality low, 0 consumers) < 50; AI-readiness 0.0 < 50',
    ],
  ])('%s: %s criticality, %d consumers, %s API', (_title, criticality, consumers, apiStyle, disposition, reason) => {
    const v = verdict(criticality, consumers, apiStyle);
    expect(v.disposition).toBe(disposition);
    expect(v.reason).toBe(reason);
  });

  it('has no disposition when AI-readiness is unknown', () => {
    expect(verdict('HIGH', 0, null)).toEqual({
      disposition: null,
      businessValue: 37.5,
      technicalFit: null,
      reason: 'business value 37.5 (criticality high, 0 consumers); AI-readiness unknown',
    });
  });

  // MEDIUM criticality (0.5) and 5 consumers (0.5): business value 50; SOAP only: AI-readiness 50.
  it.each<[number, number, Disposition]>([
    [50, 50, Disposition.INVEST],
    [50.01, 50, Disposition.TOLERATE],
    [50, 50.01, Disposition.MIGRATE],
    [50.01, 50.01, Disposition.ELIMINATE],
    [0, 0, Disposition.INVEST],
    [100, 100, Disposition.ELIMINATE],
  ])('business value 50 and AI-readiness 50 against thresholds %s / %s: %s', (valueBar, fitBar, disposition) => {
    const settings = settingsWith({ thresholds: { businessValue: valueBar, technicalFit: fitBar } });
    const v = verdict('MEDIUM', 5, 'SOAP', settings);
    expect([v.businessValue, v.technicalFit]).toEqual([50, 50]);
    expect(v.disposition).toBe(disposition);
  });

  it('takes usage from seats when known, else from active users against the estate, and counts sole-sourced data', () => {
    const seated = facts({ criticality: 'MEDIUM', licensedSeats: 100, monthlyActiveUsers: 80 }, UNKNOWN);
    const seatedValue = factor.businessValue(seated, EstateBaseline.of([seated], DEFAULT_PROFILE), DEFAULT_PROFILE);
    expect(seatedValue.parts).toEqual(['criticality medium', '80% of seats used', '0 consumers']);
    expect(seatedValue.value).toBeCloseTo((100 * (0.5 + 0.8 + 0)) / 3, 10);
    const counted = facts(
      { criticality: 'MEDIUM', monthlyActiveUsers: 30, unified: { supplied: 10, shared: 0, soleSource: 10 } },
      UNKNOWN,
    );
    const value = factor.businessValue(
      counted,
      EstateBaseline.of([counted, ...PEERS], DEFAULT_PROFILE),
      DEFAULT_PROFILE,
    );
    expect(value.parts).toEqual([
      'criticality medium',
      'more users than 25% of services',
      '0 consumers',
      'sole source of 10',
    ]);
    expect(value.value).toBeCloseTo((100 * (0.5 + 0.25 + 0 + 0.5)) / 4, 10);
  });
});

describe('byRetirementScore', () => {
  const ranked = (retirement: [key: string, score: number | null][]) =>
    retirement
      .map(([key, score]) => ({
        facts: facts({ id: key }),
        scores: { retirement: { score, confidence: 1, factors: [] } } as unknown as ServiceScores,
      }))
      .sort(byRetirementScore)
      .map((e) => e.facts.key);

  it('puts the highest score first and unknown scores last', () => {
    expect(
      ranked([
        ['unknown', null],
        ['zero', 0],
        ['high', 80],
        ['mid', 50],
      ]),
    ).toEqual(['high', 'mid', 'zero', 'unknown']);
  });

  it('breaks ties by key, ignoring case', () => {
    expect(
      ranked([
        ['b-two', 50],
        ['B-one', 50],
        ['a', 50],
        ['Z', null],
        ['y', null],
      ]),
    ).toEqual(['a', 'B-one', 'b-two', 'y', 'Z']);
  });
});

describe('applyProfileChanges', () => {
  const AI_ZERO = [
    F.API_ACCESS,
    F.BULK_EXPORT,
    F.CHANGE_EVENTS,
    F.DATA_STRUCTURE,
    F.DOCUMENTATION,
    F.TYPED_FIELDS,
    F.STABLE_IDENTIFIERS,
    F.PII_HANDLING,
    F.UNIFIED_MAPPING,
  ].map((factor) => ({ factor, weight: 0 }));
  const RETIREMENT_ZERO = Object.keys(DEFAULT_PROFILE.retirementWeights).map((factor) => ({
    factor: factor as F,
    weight: 0,
  }));

  it.each<[string, ProfileChanges, { path: string; message: string }[]]>([
    [
      'negative weight',
      { weights: [{ factor: F.API_ACCESS, weight: -1 }] },
      [{ path: 'input.weights[0].weight', message: 'must be a number from 0 to 1000 (got -1)' }],
    ],
    [
      'NaN weight',
      { weights: [{ factor: F.REDUNDANCY, weight: NaN }] },
      [{ path: 'input.weights[0].weight', message: 'must be a number from 0 to 1000 (got NaN)' }],
    ],
    [
      'infinite weight',
      { weights: [{ factor: F.REDUNDANCY, weight: Infinity }] },
      [{ path: 'input.weights[0].weight', message: 'must be a number from 0 to 1000 (got Infinity)' }],
    ],
    [
      'weight above 1000',
      { weights: [{ factor: F.REDUNDANCY, weight: 1000.5 }] },
      [{ path: 'input.weights[0].weight', message: 'must be a number from 0 to 1000 (got 1000.5)' }],
    ],
    [
      'duplicate factor',
      {
        weights: [
          { factor: F.API_ACCESS, weight: 5 },
          { factor: F.LIFECYCLE, weight: 5 },
          { factor: F.API_ACCESS, weight: 6 },
        ],
      },
      [{ path: 'input.weights[2].factor', message: 'API_ACCESS is given twice' }],
    ],
    [
      'all AI-readiness weights zero',
      { weights: AI_ZERO },
      [{ path: 'input.weights', message: 'at least one AI-readiness factor needs a weight above 0' }],
    ],
    [
      'all retirement weights zero',
      { weights: RETIREMENT_ZERO },
      [{ path: 'input.weights', message: 'at least one retirement factor needs a weight above 0' }],
    ],
    [
      'lower-case base currency',
      { baseCurrency: 'usd' },
      [{ path: 'input.baseCurrency', message: 'must be an ISO 4217 code such as USD' }],
    ],
    [
      'four-letter base currency',
      { baseCurrency: 'EURO' },
      [{ path: 'input.baseCurrency', message: 'must be an ISO 4217 code such as USD' }],
    ],
    [
      'bad exchange-rate currency',
      { exchangeRates: [{ currency: 'eur', rate: 1.1 }] },
      [{ path: 'input.exchangeRates[0].currency', message: 'must be an ISO 4217 code' }],
    ],
    [
      'duplicate exchange rate',
      {
        exchangeRates: [
          { currency: 'EUR', rate: 1.1 },
          { currency: 'EUR', rate: 1.2 },
        ],
      },
      [{ path: 'input.exchangeRates[1].currency', message: 'given twice' }],
    ],
    [
      'zero exchange rate',
      { exchangeRates: [{ currency: 'EUR', rate: 0 }] },
      [{ path: 'input.exchangeRates[0].rate', message: 'must be a positive number (got 0)' }],
    ],
    [
      'NaN exchange rate',
      { exchangeRates: [{ currency: 'EUR', rate: NaN }] },
      [{ path: 'input.exchangeRates[0].rate', message: 'must be a positive number (got NaN)' }],
    ],
    [
      'huge exchange rate',
      { exchangeRates: [{ currency: 'EUR', rate: 1e10 }] },
      [{ path: 'input.exchangeRates[0].rate', message: 'must be a positive number (got 10000000000)' }],
    ],
    [
      'dependents half-risk 0',
      { thresholds: { dependentsHalfRisk: 0 } },
      [{ path: 'input.thresholds.dependentsHalfRisk', message: 'must be above 0 to 10000 (got 0)' }],
    ],
    [
      'sole-source half-risk too large',
      { thresholds: { soleSourceHalfRisk: 100_001 } },
      [{ path: 'input.thresholds.soleSourceHalfRisk', message: 'must be above 0 to 100000 (got 100001)' }],
    ],
    [
      'business value above 100',
      { thresholds: { businessValue: 101 } },
      [{ path: 'input.thresholds.businessValue', message: 'must be from 0 to 100 (got 101)' }],
    ],
    [
      'technical fit below 0',
      { thresholds: { technicalFit: -0.5 } },
      [{ path: 'input.thresholds.technicalFit', message: 'must be from 0 to 100 (got -0.5)' }],
    ],
    [
      'NaN threshold',
      { thresholds: { businessValue: NaN } },
      [{ path: 'input.thresholds.businessValue', message: 'must be from 0 to 100 (got NaN)' }],
    ],
    [
      'several problems at once',
      { weights: [{ factor: F.LIFECYCLE, weight: -2 }], baseCurrency: 'x', thresholds: { technicalFit: 200 } },
      [
        { path: 'input.weights[0].weight', message: 'must be a number from 0 to 1000 (got -2)' },
        { path: 'input.thresholds.technicalFit', message: 'must be from 0 to 100 (got 200)' },
        { path: 'input.baseCurrency', message: 'must be an ISO 4217 code such as USD' },
      ],
    ],
  ])('reports %s', (_title, changes, problems) => {
    expect(applyProfileChanges(DEFAULT_PROFILE, changes).problems).toEqual(problems);
  });

  it('puts problems under the given path', () => {
    expect(
      applyProfileChanges(DEFAULT_PROFILE, { weights: [{ factor: F.API_ACCESS, weight: -1 }] }, 'profile').problems,
    ).toEqual([{ path: 'profile.weights[0].weight', message: 'must be a number from 0 to 1000 (got -1)' }]);
  });

  it.each<[string, ProfileChanges]>([
    [
      'weights 0 and 1000',
      {
        weights: [
          { factor: F.API_ACCESS, weight: 0 },
          { factor: F.LIFECYCLE, weight: 1000 },
        ],
      },
    ],
    ['thresholds at their bounds', { thresholds: { dependentsHalfRisk: 10_000, businessValue: 0, technicalFit: 100 } }],
    ['the largest exchange rate', { exchangeRates: [{ currency: 'EUR', rate: 1e9 }] }],
  ])('accepts %s', (_title, changes) => {
    expect(applyProfileChanges(DEFAULT_PROFILE, changes).problems).toEqual([]);
  });

  it('keeps what it is not asked to change', () => {
    const { name: _name, version: _version, ...defaults } = DEFAULT_PROFILE;
    expect(applyProfileChanges(DEFAULT_PROFILE, {})).toEqual({ settings: defaults, problems: [] });
    const { settings } = applyProfileChanges(DEFAULT_PROFILE, {
      weights: [
        { factor: F.DOCUMENTATION, weight: 0 },
        { factor: F.SOLE_SOURCE, weight: 7.5 },
      ],
      thresholds: { businessValue: 60 },
    });
    expect(settings).toEqual({
      ...defaults,
      aiReadinessWeights: { ...defaults.aiReadinessWeights, DOCUMENTATION: 0 },
      retirementWeights: { ...defaults.retirementWeights, SOLE_SOURCE: 7.5 },
      thresholds: { ...defaults.thresholds, businessValue: 60 },
    });
    expect(DEFAULT_PROFILE.aiReadinessWeights.DOCUMENTATION).toBe(10);
    expect(DEFAULT_PROFILE.thresholds.businessValue).toBe(50);
  });

  it('keeps the base’s exchange rates unless new ones are given, which replace them', () => {
    const base = settingsWith({ exchangeRates: [{ currency: 'EUR', rate: 1.1 }] });
    expect(applyProfileChanges(base, { thresholds: { technicalFit: 40 } }).settings.exchangeRates).toEqual({
      EUR: 1.1,
    });
    expect(
      applyProfileChanges(base, { exchangeRates: [{ currency: 'GBP', rate: 1.3 }] }).settings.exchangeRates,
    ).toEqual({ GBP: 1.3 });
    expect(applyProfileChanges(base, { exchangeRates: [] }).settings.exchangeRates).toEqual({});
  });

  it('drops a rate for the base currency itself', () => {
    const { settings } = applyProfileChanges(DEFAULT_PROFILE, {
      exchangeRates: [
        { currency: 'USD', rate: 2 },
        { currency: 'EUR', rate: 1.1 },
      ],
    });
    expect(settings.exchangeRates).toEqual({ EUR: 1.1 });
    const euroBase = settingsWith({ exchangeRates: [{ currency: 'EUR', rate: 1.1 }] });
    expect(applyProfileChanges(euroBase, { baseCurrency: 'EUR' }).settings).toMatchObject({
      baseCurrency: 'EUR',
      exchangeRates: {},
    });
  });
});

describe('inBaseCurrency', () => {
  const settings = { baseCurrency: 'USD', exchangeRates: { EUR: 1.1 } };

  it.each<[number, string, number | null]>([
    [100, 'USD', 100],
    [0, 'USD', 0],
    [100, 'EUR', 110],
    [0, 'EUR', 0],
    [100, 'GBP', null],
    [0, 'GBP', null],
  ])('%d %s is %s USD', (amount, currency, expected) => {
    const converted = inBaseCurrency(settings, amount, currency);
    if (expected === null) expect(converted).toBeNull();
    else expect(converted).toBeCloseTo(expected, 10);
  });
});

describe('simulateRetirement', () => {
  /*
   * AI-readiness from the API style only: A 0, B 100, C 50, D 75, E 25. F is retired already.
   * Unified fields: u1 ← A; u2 ← A, B; u3 ← B, C; u4 ← A, C.
   * Integrations: A→B, A→C, C→D, B→D, D→A. We retire A, C, E and F.
   */
  const service = (id: string, apiStyle: string, annualCost: ServiceFacts['annualCost'], lifecycle = 'ACTIVE') =>
    facts({ id, lifecycle, annualCost, access: { apiStyle } }, UNKNOWN);
  const estate = [
    service('A', 'NONE', usd(10_000)),
    service('B', 'GRAPHQL', usd(2_000)),
    service('C', 'SOAP', null),
    service('D', 'REST', usd(3_000)),
    service('E', 'FILE_EXPORT', { amount: 500, currency: 'GBP' }),
    service('F', 'GRAPHQL', usd(999), 'RETIRED'),
  ];
  const pairs: SupplyPair[] = [
    ['A', 'u1'],
    ['A', 'u2'],
    ['B', 'u2'],
    ['B', 'u3'],
    ['C', 'u3'],
    ['A', 'u4'],
    ['C', 'u4'],
  ].map(([serviceId, unifiedFieldId]) => ({ serviceId, unifiedFieldId }));
  const edges: IntegrationEdge[] = [
    ['A', 'B'],
    ['A', 'C'],
    ['C', 'D'],
    ['B', 'D'],
    ['D', 'A'],
  ].map(([sourceId, targetId]) => ({ id: `${sourceId}->${targetId}`, sourceId, targetId, mechanism: 'API' }));
  const removed = new Set(['A', 'C', 'E', 'F']);
  const simulation = simulateRetirement(estate, pairs, edges, removed, DEFAULT_PROFILE);

  it('recomputes supply and dependents without the removed services', () => {
    const before = new Map(withoutServices(estate, pairs, edges, new Set()).map((f) => [f.id, f]));
    expect(before.get('A')?.unified).toEqual({ supplied: 3, shared: 2, soleSource: 1 });
    expect(before.get('B')?.unified).toEqual({ supplied: 2, shared: 2, soleSource: 0 });
    expect(before.get('A')?.dependents).toEqual({ integrations: 2, consumers: 2 });
    expect(before.get('D')?.dependents).toEqual({ integrations: 1, consumers: 1 });
    const after = withoutServices(estate, pairs, edges, removed);
    expect(after.map((f) => f.id)).toEqual(['B', 'D']);
    expect(after[0].unified).toEqual({ supplied: 2, shared: 0, soleSource: 2 });
    expect(after[0].dependents).toEqual({ integrations: 1, consumers: 1 });
    expect(after[1].dependents).toEqual({ integrations: 0, consumers: 0 });
  });

  it('orphans the unified fields whose every source is retired', () => {
    const orphaned = [...simulation.orphanedFields].sort((x, y) => x.unifiedFieldId.localeCompare(y.unifiedFieldId));
    expect(orphaned).toEqual([
      { unifiedFieldId: 'u1', sourceIds: ['A'] },
      { unifiedFieldId: 'u4', sourceIds: ['A', 'C'] },
    ]);
  });

  it('breaks only the integrations from a retired service into a survivor', () => {
    expect(simulation.brokenIntegrations.map((e) => e.id).sort()).toEqual(['A->B', 'C->D']);
  });

  it('saves the known, convertible costs of active retired services and lists the others as unpriced', () => {
    expect(simulation.annualSavings).toBe(10_000);
    expect([...simulation.unpricedServiceIds].sort()).toEqual(['C', 'E']);
  });

  it('lists the survivors whose retirement score moves, largest move first', () => {
    /*
     * B becomes the sole source of u2 and u3: REDUNDANCY 1 → 0, SOLE_SOURCE 1 → 1 - 2/12. Counted
     * (weight 75): LOW_AI_READINESS 0, REDUNDANCY, ANNUAL_COST 0, LIFECYCLE 0, DEPENDENTS 5/6,
     * SOLE_SOURCE, and COST_PER_USER and ACTIVE_USERS, unknown everywhere, at the peers' middle 0.5
     * (7.5 points): 100·(15 + 25/3 + 5 + 7.5)/75 = 47.78 → 100·(25/3 + 25/6 + 7.5)/75 = 26.67.
     * D has no supply of its own: REDUNDANCY and SOLE_SOURCE are counted at the estate's averages,
     * which fall with B's (8/9 → 0 and 32/33 → 5/6), while its cost rank (1/2 → 1) and DEPENDENTS
     * (it loses its consumer A: 5/6 → 1) rise: 100·(3.75 + 40/3 + 5 + 25/3 + 160/33 + 7.5)/75 = 57.02
     * → 100·(3.75 + 10 + 10 + 25/6 + 7.5)/75 = 47.22.
     */
    expect(simulation.changes).toEqual([
      { serviceId: 'B', before: 47.78, after: 26.67 },
      { serviceId: 'D', before: 57.02, after: 47.22 },
    ]);
  });

  it('describes the active estate before and after', () => {
    expect(simulation.before.aiReadiness).toEqual({
      services: 5,
      mean: 50,
      median: 50,
      buckets: [1, 0, 1, 0, 0, 1, 0, 1, 0, 1],
    });
    expect(simulation.after.aiReadiness).toEqual({
      services: 2,
      mean: 87.5,
      median: 87.5,
      buckets: [0, 0, 0, 0, 0, 0, 0, 1, 0, 1],
    });
    expect(simulation.before.retirement.services).toBe(5);
    expect(simulation.after.retirement).toMatchObject({ services: 2, buckets: [0, 0, 1, 0, 1, 0, 0, 0, 0, 0] });
    expect(simulation.before.annualCost).toBe(15_000);
    expect(simulation.after.annualCost).toBe(5_000);
  });

  it('changes nothing when nothing is retired', () => {
    const none = simulateRetirement(estate, pairs, edges, new Set(), DEFAULT_PROFILE);
    expect(none).toMatchObject({ orphanedFields: [], brokenIntegrations: [], annualSavings: 0, changes: [] });
    expect(none.after).toEqual(none.before);
  });
});

describe('distribution', () => {
  it.each<[string, number[], number | null, number | null, number[]]>([
    ['no scores', [], null, null, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['100 in the last bucket', [100], 100, 100, [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['bucket edges', [0, 9.99, 10, 90, 99.99, 100], 51.66, 50, [2, 1, 0, 0, 0, 0, 0, 0, 0, 3]],
    ['odd count: middle score', [30, 10, 20], 20, 20, [0, 1, 1, 1, 0, 0, 0, 0, 0, 0]],
    ['even count: mean of the middle two', [10, 20, 30, 45], 26.25, 25, [0, 1, 1, 1, 1, 0, 0, 0, 0, 0]],
    ['mean to two decimals', [1, 2, 2], 1.67, 2, [3, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
  ])('%s', (_title, scores, mean, median, buckets) => {
    expect(distribution(scores)).toEqual({ services: scores.length, mean, median, buckets });
  });
});
