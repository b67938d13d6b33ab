import { createTestApp, type TestApp } from '../support/test-app';
import { UPSERT_SERVICE, buildServiceInput, createTeam } from '../support/factories';

describe('services', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'platform');
    await createTeam(t, 'finance', 'Finance');
  });
  afterAll(() => t.close());

  it('creates a service and reads it back by key, case-insensitively, with its owner', async () => {
    const input = buildServiceInput({ key: 'Salesforce', name: 'Salesforce Sales Cloud' });
    const created = await t.gqlOk(UPSERT_SERVICE, { input });
    expect(created.upsertService.outcome).toBe('CREATED');
    expect(created.upsertService.service.version).toBe(1);

    const data = await t.gqlOk(
      `{ service(key: "SALESFORCE") { key name kind annualCost { amount currency } seatUtilisation
         contractRenewalDate tags links { title url } ownerTeam { key name }
         dataAccess { apiStyle machineReadableSpec specFormat bulkExport changeEvents } } }`,
    );
    expect(data.service).toEqual({
      key: 'Salesforce',
      name: 'Salesforce Sales Cloud',
      kind: 'SAAS',
      annualCost: { amount: '12000.00', currency: 'EUR' },
      seatUtilisation: 0.4,
      contractRenewalDate: '2027-06-30',
      tags: ['crm'],
      links: [{ title: 'Docs', url: 'https://docs.example.com' }],
      ownerTeam: { key: 'platform', name: 'Platform' },
      dataAccess: { apiStyle: 'REST', machineReadableSpec: true, specFormat: 'OPENAPI', bulkExport: true, changeEvents: null },
    });
  });
});
