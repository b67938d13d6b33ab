import { annualCostOf, costPerUserOf, type EstateBaseline } from './baseline';
import type { ProfileSettings } from './profile';
import type { Measure, ServiceFacts } from './scoring.types';

/*
 * Every factor is a value in [0, 1] with a one-line reason, or null (missing) with the reason it is
 * missing. AI-readiness factors are high when the data is easy for AI to reach and understand;
 * retirement factors are high when they argue for retiring the service, so the three risk factors
 * (DEPENDENTS, CRITICALITY, SOLE_SOURCE) are high when the risk is low.
 */

const missing = (reason: string): Measure => ({ value: null, reason });
const known = (value: number, reason: string): Measure => ({ value, reason });

/** API styles from hardest to easiest for an agent to read. */
export const API_ACCESS_VALUES: Record<string, number> = {
  NONE: 0,
  FILE_EXPORT: 0.25,
  SOAP: 0.5,
  REST: 0.75,
  GRAPHQL: 1,
};

const CHANGE_EVENT_VALUES: Record<string, number> = { NONE: 0, WEBHOOKS: 0.75, CDC: 1 };
const STRUCTURE_VALUES: Record<string, number> = { STRUCTURED: 1, SEMI_STRUCTURED: 0.5, UNSTRUCTURED: 0 };
/** How safely personal data can be handed out, by how access to it is authenticated. */
const AUTH_VALUES: Record<string, number> = {
  OAUTH2: 1,
  OIDC: 1,
  SAML: 1,
  MTLS: 1,
  API_KEY: 0.6,
  OTHER: 0.5,
  BASIC: 0.3,
  NONE: 0,
};
const LIFECYCLE_VALUES: Record<string, number> = {
  PLANNED: 0,
  ACTIVE: 0,
  DEPRECATED: 0.75,
  RETIRING: 1,
  RETIRED: 1,
};
/** For retirement: high when the service matters little. */
const CRITICALITY_VALUES: Record<string, number> = { LOW: 1, MEDIUM: 2 / 3, HIGH: 1 / 3, MISSION_CRITICAL: 0 };
/** For business value: high when the service matters much. */
const CRITICALITY_IMPORTANCE: Record<string, number> = { LOW: 0.25, MEDIUM: 0.5, HIGH: 0.75, MISSION_CRITICAL: 1 };

function share(part: number, whole: number, what: string, of: string): Measure {
  return known(part / whole, `${part} of ${whole} ${of} ${what} (${percent(part / whole)})`);
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function money(amount: number, currency: string): string {
  return `${currency} ${Math.round(amount).toLocaleString('en-US')}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function apiAccess(f: ServiceFacts): Measure {
  const { apiStyle, machineReadableSpec } = f.access;
  if (apiStyle === null) return missing('API style unknown');
  if (apiStyle === 'REST' && machineReadableSpec === true)
    return known(1, 'REST API with a machine-readable specification');
  if (apiStyle === 'REST')
    return known(
      API_ACCESS_VALUES.REST,
      machineReadableSpec === false
        ? 'REST API without a machine-readable specification'
        : 'REST API; whether it has a machine-readable specification is unknown',
    );
  const reasons: Record<string, string> = {
    NONE: 'no API: its data can only be read through its user interface',
    FILE_EXPORT: 'data only through file exports',
    SOAP: 'SOAP API',
    GRAPHQL: 'GraphQL API: typed and self-describing',
  };
  return known(API_ACCESS_VALUES[apiStyle] ?? 0, reasons[apiStyle] ?? apiStyle);
}

export function bulkExport(f: ServiceFacts): Measure {
  const { bulkExport } = f.access;
  if (bulkExport === null) return missing('whether it offers bulk export is unknown');
  return bulkExport ? known(1, 'offers bulk export') : known(0, 'no bulk export: data must be read record by record');
}

export function changeEvents(f: ServiceFacts): Measure {
  const { changeEvents } = f.access;
  if (changeEvents === null) return missing('whether it publishes changes is unknown');
  const reasons: Record<string, string> = {
    NONE: 'publishes no change events: consumers must poll',
    WEBHOOKS: 'publishes changes through webhooks',
    CDC: 'publishes changes through change data capture',
  };
  return known(CHANGE_EVENT_VALUES[changeEvents] ?? 0, reasons[changeEvents] ?? changeEvents);
}

export function dataStructure(f: ServiceFacts): Measure {
  const { dataStructure } = f.access;
  if (dataStructure === null) return missing('data structure unknown');
  return known(STRUCTURE_VALUES[dataStructure] ?? 0, `${dataStructure.toLowerCase().replace('_', '-')} data`);
}

const NO_FIELDS = 'no fields are recorded for it in Estate';

export function documentation(f: ServiceFacts): Measure {
  const { fields, describedFields } = f.data;
  return fields === 0 ? missing(NO_FIELDS) : share(describedFields, fields, 'have a description', 'fields');
}

export function typedFields(f: ServiceFacts): Measure {
  const { fields, typedFields } = f.data;
  return fields === 0
    ? missing(NO_FIELDS)
    : share(typedFields, fields, 'have a definite type (not JSON or binary)', 'fields');
}

export function stableIdentifiers(f: ServiceFacts): Measure {
  const { entities, identifiedEntities } = f.data;
  if (entities === 0) return missing('no entities are recorded for it in Estate');
  return share(identifiedEntities, entities, 'declare an identifier', 'entities');
}

export function piiHandling(f: ServiceFacts): Measure {
  const { fields, piiFields } = f.data;
  if (fields === 0) return missing(NO_FIELDS);
  if (piiFields === 0) return known(1, `no personal data found in its ${plural(fields, 'field')}`);
  const held = `${plural(piiFields, 'field')} ${piiFields === 1 ? 'holds' : 'hold'} personal data`;
  const auth = f.access.authMethod;
  if (auth === null) return missing(`${held}; how access to it is authenticated is unknown`);
  return known(AUTH_VALUES[auth] ?? 0, `${held}, behind ${auth === 'NONE' ? 'no authentication' : auth}`);
}

export function unifiedMapping(f: ServiceFacts): Measure {
  const { fields, mappedFields } = f.data;
  return fields === 0 ? missing(NO_FIELDS) : share(mappedFields, fields, 'are mapped to the unified schema', 'fields');
}

export function lowAiReadiness(aiReadiness: number | null): Measure {
  if (aiReadiness === null) return missing('AI-readiness unknown: nothing is recorded about its data access or fields');
  return known(1 - aiReadiness / 100, `AI-readiness ${aiReadiness.toFixed(1)} of 100`);
}

const NO_CONFIRMED = 'no confirmed mappings yet';

export function redundancy(f: ServiceFacts): Measure {
  const { supplied, shared } = f.unified;
  if (supplied === 0) return missing(`${NO_CONFIRMED}: whether other services hold the same data is unknown`);
  return known(
    shared / supplied,
    `${shared} of the ${plural(supplied, 'unified field')} it supplies ${supplied === 1 ? 'is' : 'are'} also supplied by other services`,
  );
}

export function mappingCoverage(f: ServiceFacts): Measure {
  const { fields, mappedFields } = f.data;
  if (fields === 0) return missing(NO_FIELDS);
  return known(mappedFields / fields, `${mappedFields} of ${fields} fields already have a home in the unified schema`);
}

export function annualCost(f: ServiceFacts, baseline: EstateBaseline, settings: ProfileSettings): Measure {
  if (f.annualCost === null) return missing('annual cost unknown');
  const cost = annualCostOf(f, settings);
  if (cost === null)
    return missing(`no exchange rate from ${f.annualCost.currency} to ${settings.baseCurrency} in the profile`);
  const rank = baseline.costRank(f, cost, settings);
  if (rank === null) return missing('no other service with a known cost to compare with');
  return known(
    rank.share,
    `${money(cost, settings.baseCurrency)} a year: more than ${percent(rank.share)} of ${plural(rank.others, 'other service')}`,
  );
}

export function costPerUser(f: ServiceFacts, baseline: EstateBaseline, settings: ProfileSettings): Measure {
  if (f.annualCost === null || f.monthlyActiveUsers === null)
    return missing(f.annualCost === null ? 'annual cost unknown' : 'active users unknown');
  const cpu = costPerUserOf(f, settings);
  if (cpu === null)
    return missing(`no exchange rate from ${f.annualCost.currency} to ${settings.baseCurrency} in the profile`);
  const median = baseline.medianCostPerUser(f, settings);
  if (median === null) return missing('no other service with a known cost per user to compare with');
  const medianText = `the estate's median is ${money(median, settings.baseCurrency)}`;
  if (!Number.isFinite(cpu)) return known(1, `costs money and has no active users; ${medianText}`);
  if (median === 0)
    return known(cpu > 0 ? 1 : 0, `${money(cpu, settings.baseCurrency)} per active user a year; ${medianText}`);
  const ratio = cpu / median;
  return known(
    ratio / (1 + ratio),
    `${money(cpu, settings.baseCurrency)} per active user a year, ${ratio.toFixed(1)}× the estate's median (${money(median, settings.baseCurrency)})`,
  );
}

export function seatUtilisation(f: ServiceFacts): Measure {
  const { licensedSeats: seats, monthlyActiveUsers: users } = f;
  if (seats === null || users === null)
    return missing(seats === null ? 'licensed seats unknown' : 'active users unknown');
  if (seats === 0) return missing('no licensed seats: utilisation does not apply');
  const used = users / seats;
  return known(1 - Math.min(1, used), `${users} active users on ${plural(seats, 'seat')} (${percent(used)} used)`);
}

export function activeUsers(f: ServiceFacts, baseline: EstateBaseline): Measure {
  const users = f.monthlyActiveUsers;
  if (users === null) return missing('active users unknown');
  const rank = baseline.fewerUsersRank(f, users);
  if (rank === null) return missing('no other service with known usage to compare with');
  return known(
    rank.share,
    `${plural(users, 'monthly active user')}: fewer than ${percent(rank.share)} of ${plural(rank.others, 'other service')}`,
  );
}

export function lifecycle(f: ServiceFacts): Measure {
  const value = LIFECYCLE_VALUES[f.lifecycle] ?? 0;
  return known(value, value > 0 ? `already ${f.lifecycle.toLowerCase()}` : `${f.lifecycle.toLowerCase()}`);
}

/** Risk n / (n + half): 0 without any, one half at `half`, approaching 1. */
function risk(n: number, half: number): number {
  return n / (n + half);
}

export function dependents(f: ServiceFacts, settings: ProfileSettings): Measure {
  const { consumers, integrations } = f.dependents;
  if (consumers === 0) return known(1, 'no other service consumes its data');
  return known(
    1 - risk(consumers, settings.thresholds.dependentsHalfRisk),
    `${plural(consumers, 'service')} consume${consumers === 1 ? 's' : ''} its data (${plural(integrations, 'integration')}) and must be re-pointed`,
  );
}

const criticalityText = (criticality: string) => `criticality ${criticality.toLowerCase().replace('_', '-')}`;

export function criticality(f: ServiceFacts): Measure {
  if (f.criticality === null) return missing('criticality unknown');
  return known(CRITICALITY_VALUES[f.criticality] ?? 0, criticalityText(f.criticality));
}

export function soleSource(f: ServiceFacts, settings: ProfileSettings): Measure {
  const { supplied, soleSource } = f.unified;
  if (supplied === 0) return missing(`${NO_CONFIRMED}: whether it is the only source of any unified data is unknown`);
  if (soleSource === 0) return known(1, `every unified field it supplies has another source`);
  return known(
    1 - risk(soleSource, settings.thresholds.soleSourceHalfRisk),
    `only source of ${plural(soleSource, 'unified field')}`,
  );
}

/**
 * The business-value axis of TIME, 0–100: the mean of what is known of criticality, usage
 * (seat utilisation, else active users against the estate), how many services consume its data and
 * how much unified data only it supplies. Consumers are always known, so it always has a value.
 */
export function businessValue(
  f: ServiceFacts,
  baseline: EstateBaseline,
  settings: ProfileSettings,
): { value: number; parts: string[] } {
  const parts: [number, string][] = [];
  if (f.criticality !== null) parts.push([CRITICALITY_IMPORTANCE[f.criticality] ?? 0, criticalityText(f.criticality)]);
  const seats = seatUtilisation(f);
  const users = activeUsers(f, baseline);
  if (seats.value !== null) parts.push([1 - seats.value, `${percent(1 - seats.value)} of seats used`]);
  else if (users.value !== null)
    parts.push([1 - users.value, `more users than ${percent(1 - users.value)} of services`]);
  parts.push([
    risk(f.dependents.consumers, settings.thresholds.dependentsHalfRisk),
    plural(f.dependents.consumers, 'consumer'),
  ]);
  if (f.unified.supplied > 0)
    parts.push([
      risk(f.unified.soleSource, settings.thresholds.soleSourceHalfRisk),
      `sole source of ${f.unified.soleSource}`,
    ]);
  return {
    value: (100 * parts.reduce((a, [v]) => a + v, 0)) / parts.length,
    parts: parts.map(([, reason]) => reason),
  };
}
