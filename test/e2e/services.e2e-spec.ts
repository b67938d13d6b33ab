import { createTestApp, type TestApp } from '../support/test-app';
import { UPSERT_SERVICE, buildServiceInput, createService, createTeam } from '../support/factories';

const UPDATE = `mutation($key: String!, $v: Int!, $patch: ServicePatch!) {
  updateService(key: $key, expectedVersion: $v, patch: $patch) {
    outcome service { key name vendor version lifecycle ownerTeam { key } dataAccess { apiStyle bulkExport } } } }`;

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
      dataAccess: {
        apiStyle: 'REST',
        machineReadableSpec: true,
        specFormat: 'OPENAPI',
        bulkExport: true,
        changeEvents: null,
      },
    });
  });

  it('an identical upsert changes nothing: not the version, not updatedAt', async () => {
    const input = buildServiceInput({ tags: ['b', 'A'], annualCost: { amount: '500', currency: 'USD' } });
    const first = await t.gqlOk(UPSERT_SERVICE, { input });
    // Same meaning, different spelling: tag order and case, amount without decimals.
    const again = await t.gqlOk(UPSERT_SERVICE, {
      input: { ...input, tags: ['a', 'B'], annualCost: { amount: '500.00', currency: 'USD' } },
    });
    expect(again.upsertService.outcome).toBe('UNCHANGED');
    expect(again.upsertService.service.version).toBe(first.upsertService.service.version);
    expect(again.upsertService.service.updatedAt).toBe(first.upsertService.service.updatedAt);

    const changed = await t.gqlOk(UPSERT_SERVICE, { input: { ...input, name: 'Renamed' } });
    expect(changed.upsertService.outcome).toBe('UPDATED');
    expect(changed.upsertService.service.version).toBe(first.upsertService.service.version + 1);
  });

  it('two concurrent identical upserts leave one row', async () => {
    const input = buildServiceInput({ key: 'race-1' });
    const results = await Promise.all([t.gqlOk(UPSERT_SERVICE, { input }), t.gqlOk(UPSERT_SERVICE, { input })]);
    expect(results.map((r) => r.upsertService.outcome).sort()).toEqual(['CREATED', 'UNCHANGED']);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM service WHERE key = 'race-1'`);
    expect(count).toBe(1);
  });

  it('keys collide case-insensitively: an upsert in other case is the same service, the database refuses a twin', async () => {
    await createService(t, { key: 'Workday', name: 'Workday HCM' });
    const other = await t.gqlOk(UPSERT_SERVICE, {
      input: buildServiceInput({ key: 'WORKDAY', name: 'Workday HCM 2' }),
    });
    expect(other.upsertService.outcome).toBe('UPDATED');
    expect(other.upsertService.service.key).toBe('Workday');
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM service WHERE key = 'workday'`);
    expect(count).toBe(1);
    await expect(
      t.dataSource.query(
        `INSERT INTO service (key, name, kind, owner_team_id) SELECT 'wORKDAY', 'x', 'SAAS', id FROM team LIMIT 1`,
      ),
    ).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'uq_service_key' } });
  });

  it('updateService applies a patch at the expected version and refuses a stale one with the current version', async () => {
    const input = await createService(t, { key: 'netsuite', vendor: 'Oracle' });
    const updated = await t.gqlOk(UPDATE, {
      key: 'NetSuite',
      v: 1,
      patch: { vendor: null, ownerTeam: 'finance', dataAccess: { bulkExport: false } },
    });
    expect(updated.updateService).toEqual({
      outcome: 'UPDATED',
      service: {
        key: 'netsuite',
        name: input.name,
        vendor: null,
        version: 2,
        lifecycle: 'ACTIVE',
        ownerTeam: { key: 'finance' },
        dataAccess: { apiStyle: 'REST', bulkExport: false },
      },
    });

    const stale = await t.gql(UPDATE, { key: 'netsuite', v: 1, patch: { name: 'NetSuite ERP' } });
    expect(stale.data).toBeNull();
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const [row] = await t.dataSource.query(`SELECT name, version FROM service WHERE key = 'netsuite'`);
    expect(row).toEqual({ name: input.name, version: 2 });

    const same = await t.gqlOk(UPDATE, { key: 'netsuite', v: 2, patch: { vendor: null } });
    expect(same.updateService.outcome).toBe('UNCHANGED');
    expect(same.updateService.service.version).toBe(2);
  });

  it('a stale version loses a race: of two concurrent updates at the same version, one conflicts', async () => {
    await createService(t, { key: 'race-2' });
    const [a, b] = await Promise.all([
      t.gql(UPDATE, { key: 'race-2', v: 1, patch: { name: 'A' } }),
      t.gql(UPDATE, { key: 'race-2', v: 1, patch: { name: 'B' } }),
    ]);
    const codes = [a, b].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const [row] = await t.dataSource.query(`SELECT version FROM service WHERE key = 'race-2'`);
    expect(row.version).toBe(2);
  });

  it('naming the current owner team in other case changes nothing', async () => {
    await createService(t, { key: 'same-owner' });
    const result = await t.gqlOk(UPDATE, { key: 'same-owner', v: 1, patch: { ownerTeam: 'PLATFORM' } });
    expect(result.updateService).toMatchObject({ outcome: 'UNCHANGED', service: { version: 1 } });
  });

  it('a patch cannot set a required field to null', async () => {
    await createService(t, { key: 'patch-null' });
    const result = await t.gql(UPDATE, { key: 'patch-null', v: 1, patch: { name: null } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'patch.name' });
  });

  it('refuses to move a service to a team that does not exist, naming the field', async () => {
    await createService(t, { key: 'move-me' });
    const result = await t.gql(UPDATE, { key: 'move-me', v: 1, patch: { ownerTeam: 'nobody' } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'patch.ownerTeam' });
    expect(result.errors?.[0].message).toContain('team "nobody" does not exist');
  });

  it('soft-deletes and restores', async () => {
    await createService(t, { key: 'legacy-crm' });
    const deleted = await t.gqlOk(`mutation { deleteService(key: "legacy-crm") { key deletedAt version } }`);
    expect(deleted.deleteService.deletedAt).not.toBeNull();
    expect(await t.gqlOk(`{ service(key: "legacy-crm") { key } }`)).toEqual({ service: null });
    const hidden = await t.gqlOk(`{ services(first: 100, filter: { search: "legacy-crm" }) { totalCount } }`);
    expect(hidden.services.totalCount).toBe(0);
    const listedWithDeleted = await t.gqlOk(
      `{ services(first: 100, filter: { search: "legacy-crm", includeDeleted: true }) { edges { node { key deletedAt } } } }`,
    );
    expect(listedWithDeleted.services.edges).toHaveLength(1);

    const upsertDeleted = await t.gql(UPSERT_SERVICE, { input: buildServiceInput({ key: 'legacy-crm' }) });
    expect(upsertDeleted.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'input.key' });

    const restored = await t.gqlOk(`mutation { restoreService(key: "legacy-crm") { key deletedAt } }`);
    expect(restored.restoreService).toEqual({ key: 'legacy-crm', deletedAt: null });
    expect(await t.gqlOk(`{ service(key: "legacy-crm") { key } }`)).toEqual({ service: { key: 'legacy-crm' } });
  });

  it('deleting or updating a service that does not exist is NOT_FOUND', async () => {
    const del = await t.gql(`mutation { deleteService(key: "ghost") { key } }`);
    expect(del.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const upd = await t.gql(UPDATE, { key: 'ghost', v: 1, patch: { name: 'x' } });
    expect(upd.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
