import type { TestApp } from './test-app';

let sequence = 0;
const next = () => ++sequence;

/** A valid ServiceInput (pure, nothing persisted). */
export function buildServiceInput(overrides: Record<string, unknown> = {}): Record<string, any> {
  const n = next();
  return {
    key: `svc-${n}`,
    name: `Service ${n}`,
    kind: 'SAAS',
    ownerTeam: 'platform',
    vendor: 'Acme',
    category: 'CRM',
    lifecycle: 'ACTIVE',
    criticality: 'MEDIUM',
    annualCost: { amount: '12000.00', currency: 'EUR' },
    licensedSeats: 100,
    monthlyActiveUsers: 40,
    contractRenewalDate: '2027-06-30',
    tags: ['crm'],
    links: [{ title: 'Docs', url: 'https://docs.example.com' }],
    dataAccess: { apiStyle: 'REST', machineReadableSpec: true, specFormat: 'OPENAPI', bulkExport: true },
    ...overrides,
  };
}

export const UPSERT_TEAM = `mutation($input: TeamInput!) { upsertTeam(input: $input) { outcome team { id key version } } }`;
export const UPSERT_SERVICE = `mutation($input: ServiceInput!) {
  upsertService(input: $input) { outcome service { id key version updatedAt } } }`;
export const UPSERT_INTEGRATION = `mutation($input: IntegrationInput!) {
  upsertIntegration(input: $input) { outcome integration { id version } } }`;

export async function createTeam(app: TestApp, key = 'platform', name = 'Platform'): Promise<void> {
  await app.gqlOk(UPSERT_TEAM, { input: { key, name } });
}

export async function createService(
  app: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const input = buildServiceInput(overrides);
  await app.gqlOk(UPSERT_SERVICE, { input });
  return input;
}

export async function createIntegration(
  app: TestApp,
  source: string,
  target: string,
  mechanism = 'API',
): Promise<string> {
  const data = await app.gqlOk<{ upsertIntegration: { integration: { id: string } } }>(UPSERT_INTEGRATION, {
    input: { source, target, mechanism },
  });
  return data.upsertIntegration.integration.id;
}
