import { sameValue } from '../common/diff';
import type { InputProblem } from '../common/errors';
import type { ServiceLink } from './software-service.entity';

/** The stored shape of a service, as the bulk upsert statement reads it (snake_case, like the columns). */
export interface ServiceRecord {
  key: string;
  name: string;
  description: string | null;
  kind: string;
  vendor: string | null;
  category: string | null;
  owner_team: string;
  lifecycle: string;
  criticality: string | null;
  annual_cost_amount: string | null;
  annual_cost_currency: string | null;
  licensed_seats: number | null;
  monthly_active_users: number | null;
  contract_renewal_date: string | null;
  tags: string[];
  links: ServiceLink[];
  api_style: string | null;
  machine_readable_spec: boolean | null;
  spec_format: string | null;
  bulk_export: boolean | null;
  change_events: string | null;
  data_structure: string | null;
  auth_method: string | null;
  rate_limit_per_minute: number | null;
}

/** A service as the API describes it (ServiceInput, or a stored service merged with a patch). */
export interface ServiceDescription {
  key: string;
  name: string;
  description?: string | null;
  kind: string;
  vendor?: string | null;
  category?: string | null;
  ownerTeam: string;
  lifecycle?: string | null;
  criticality?: string | null;
  annualCost?: { amount: string; currency: string } | null;
  licensedSeats?: number | null;
  monthlyActiveUsers?: number | null;
  contractRenewalDate?: string | null;
  tags?: string[] | null;
  links?: { title: string; url: string }[] | null;
  dataAccess?: {
    apiStyle?: string | null;
    machineReadableSpec?: boolean | null;
    specFormat?: string | null;
    bulkExport?: boolean | null;
    changeEvents?: string | null;
    dataStructure?: string | null;
    authMethod?: string | null;
    rateLimitPerMinute?: number | null;
  } | null;
}

/** Trims text, empties blank text to null, normalises tags, canonicalises money. */
export function toServiceRecord(input: ServiceDescription): ServiceRecord {
  const access = input.dataAccess ?? {};
  return {
    key: input.key.trim(),
    name: input.name.trim(),
    description: text(input.description),
    kind: input.kind,
    vendor: text(input.vendor),
    category: text(input.category),
    owner_team: input.ownerTeam.trim(),
    lifecycle: input.lifecycle ?? 'ACTIVE',
    criticality: input.criticality ?? null,
    annual_cost_amount: input.annualCost ? canonicalAmount(input.annualCost.amount) : null,
    annual_cost_currency: input.annualCost ? input.annualCost.currency : null,
    licensed_seats: input.licensedSeats ?? null,
    monthly_active_users: input.monthlyActiveUsers ?? null,
    contract_renewal_date: input.contractRenewalDate ?? null,
    tags: normaliseTags(input.tags ?? []),
    links: (input.links ?? []).map((l) => ({ title: l.title.trim(), url: l.url.trim() })),
    api_style: access.apiStyle ?? null,
    machine_readable_spec: access.machineReadableSpec ?? null,
    spec_format: access.specFormat ?? null,
    bulk_export: access.bulkExport ?? null,
    change_events: access.changeEvents ?? null,
    data_structure: access.dataStructure ?? null,
    auth_method: access.authMethod ?? null,
    rate_limit_per_minute: access.rateLimitPerMinute ?? null,
  };
}

/** Rules that span fields, beyond what each field's own validation checks. */
export function crossFieldProblems(input: ServiceDescription, prefix: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const at = (path: string) => (prefix ? `${prefix}.${path}` : path);
  if (input.name.trim() === '') problems.push({ path: at('name'), message: 'name must not be blank' });
  const access = input.dataAccess;
  if (access?.specFormat && access.machineReadableSpec === false) {
    problems.push({
      path: at('dataAccess.specFormat'),
      message: 'specFormat is given but machineReadableSpec is false',
    });
  }
  if (access?.specFormat && access.apiStyle === 'NONE') {
    problems.push({ path: at('dataAccess.specFormat'), message: 'specFormat is given but apiStyle is NONE' });
  }
  return problems;
}

export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))].sort();
}

/** "1200" and "1200.5" are stored as "1200.00" / "1200.50", so an identical amount compares equal. */
export function canonicalAmount(amount: string): string {
  const [whole, fraction = ''] = amount.split('.');
  return `${BigInt(whole).toString()}.${fraction.padEnd(2, '0')}`;
}

function text(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Structural equality that ignores object key order (jsonb does not keep it). */
export function sameRecord(a: ServiceRecord, b: ServiceRecord): boolean {
  return sameValue(a, b);
}
