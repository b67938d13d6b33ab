import request from 'supertest';
import { buildServiceInput, createTeam, UPSERT_SERVICE } from '../support/factories';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app';

const EVENTS = `query($filter: AuditEventFilter, $first: Int) { auditEvents(filter: $filter, first: $first) {
  totalCount edges { node { action outcome targetType targetKey actorName actorTokenId changes reason requestId importId } } } }`;

describe('audit trail', () => {
  let t: TestApp;
  let editor: string;
  let viewer: string;

  const events = async (filter: object) => (await t.gqlOk(EVENTS, { filter, first: 100 })).auditEvents;
  const eventCount = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event`))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'sales');
    await createTeam(t, 'hr');
    const token = async (input: object) =>
      (await t.gqlOk(`mutation($i: ApiTokenInput!) { createApiToken(input: $i) { secret } }`, { i: input }))
        .createApiToken.secret as string;
    editor = await token({ name: 'hr ci', role: 'EDITOR', team: 'hr' });
    viewer = await token({ name: 'dashboards', role: 'VIEWER' });
  });
  afterAll(() => t.close());

  it('records each committed change once, with the fields it changed, the actor and the request id', async () => {
    const input = buildServiceInput({ key: 'crm', name: 'CRM', ownerTeam: 'sales', vendor: 'Acme' });
    const created = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
      .set('X-Request-Id', 'req-crm-create')
      .send({ query: UPSERT_SERVICE, variables: { input } });
    expect(created.headers['x-request-id']).toBe('req-crm-create');
    expect(created.body.data.upsertService.outcome).toBe('CREATED');

    let trail = await events({ targetType: 'service', targetKey: 'CRM' });
    expect(trail.totalCount).toBe(1);
    expect(trail.edges[0].node).toMatchObject({
      action: 'service.create',
      outcome: 'SUCCESS',
      targetKey: 'crm',
      actorName: 'ESTATE_ADMIN_TOKEN',
      requestId: 'req-crm-create',
    });
    expect(trail.edges[0].node.changes.name).toEqual({ before: null, after: 'CRM' });

    const before = await eventCount();
    await t.gqlOk(UPSERT_SERVICE, { input }); // identical: no change, no event
    expect(await eventCount()).toBe(before);

    await t.gqlOk(
      `mutation { updateService(key: "crm", expectedVersion: 1, patch: { vendor: "Salesforce" }) { outcome } }`,
    );
    trail = await events({ targetKey: 'crm', action: 'service.update' });
    expect(trail.edges.map((e: any) => e.node.changes)).toEqual([{ vendor: { before: 'Acme', after: 'Salesforce' } }]);

    await t.gqlOk(`mutation { deleteService(key: "crm") { key } }`);
    await t.gqlOk(`mutation { deleteService(key: "crm") { key } }`); // already deleted: nothing changes
    await t.gqlOk(`mutation { restoreService(key: "crm") { key } }`);
    const history = await t.gqlOk(`{ service(key: "crm") { history(first: 10) { edges { node { action } } } } }`);
    expect(history.service.history.edges.map((e: any) => e.node.action)).toEqual([
      'service.restore',
      'service.delete',
      'service.update',
      'service.create',
    ]);
  });

  it('leaves no event for work that was rolled back: stale versions, failed imports, dry runs', async () => {
    await t.gqlOk(UPSERT_SERVICE, { input: buildServiceInput({ key: 'billing', ownerTeam: 'sales' }) });
    const before = await eventCount();
    const stale = await t.gql(
      `mutation { updateService(key: "billing", expectedVersion: 9, patch: { name: "x" }) { outcome } }`,
    );
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    const IMPORT = `mutation($r: [ServiceInput!]!, $d: Boolean) { importServices(input: $r, dryRun: $d) { ok } }`;
    const rows = [buildServiceInput({ ownerTeam: 'sales' }), buildServiceInput({ ownerTeam: 'nobody' })];
    expect((await t.gqlOk(IMPORT, { r: rows })).importServices.ok).toBe(false);
    expect((await t.gqlOk(IMPORT, { r: rows.slice(0, 1), d: true })).importServices.ok).toBe(true);
    expect(await eventCount()).toBe(before);
  });

  it('records one event per imported row that changed, sharing one import id', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => buildServiceInput({ key: `imp-${i}`, ownerTeam: 'sales' }));
    await t.gqlOk(`mutation($r: [ServiceInput!]!) { importServices(input: $r) { ok } }`, { r: rows });
    rows[2] = { ...rows[2], name: 'changed' };
    await t.gqlOk(`mutation($r: [ServiceInput!]!) { importServices(input: $r) { ok } }`, { r: rows });
    const created = await events({ action: 'service.create', targetType: 'service' });
    const imported = created.edges.filter((e: any) => e.node.targetKey.startsWith('imp-'));
    expect(imported).toHaveLength(5);
    expect(new Set(imported.map((e: any) => e.node.importId)).size).toBe(1);
    expect(imported[0].node.importId).not.toBeNull();
    const updated = (await events({ action: 'service.update' })).edges.filter((e: any) =>
      e.node.targetKey.startsWith('imp-'),
    );
    expect(updated.map((e: any) => e.node.targetKey)).toEqual(['imp-2']);
  });

  it('records refused writes, from the guard and from the ownership rules, and changes nothing else', async () => {
    const refusedByRole = await t.gqlAs(viewer, UPSERT_SERVICE, {
      input: buildServiceInput({ key: 'sneaky', ownerTeam: 'sales' }),
    });
    expect(refusedByRole.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const refusedByOwner = await t.gqlAs(
      editor,
      `mutation { updateService(key: "billing", expectedVersion: 1, patch: { name: "mine" }) { outcome } }`,
    );
    expect(refusedByOwner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const refusedRows = await t.gqlAs(editor, `mutation($r: [ServiceInput!]!) { importServices(input: $r) { ok } }`, {
      r: [
        buildServiceInput({ key: 'hr-tool', ownerTeam: 'hr' }),
        buildServiceInput({ key: 'not-hr', ownerTeam: 'sales' }),
      ],
    });
    expect(refusedRows.data?.importServices.ok).toBe(false);

    const denied = (await events({ outcome: 'DENIED' })).edges.map((e: any) => e.node);
    expect(denied).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorName: 'dashboards', action: 'upsertService', targetKey: 'sneaky' }),
        expect.objectContaining({ actorName: 'hr ci', action: 'updateService', targetKey: 'billing' }),
        expect.objectContaining({ actorName: 'hr ci', action: 'service.import', targetKey: 'not-hr' }),
      ]),
    );
    expect(denied.find((d: any) => d.targetKey === 'billing').reason).toContain('belongs to team "sales"');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM service WHERE key IN ('sneaky', 'hr-tool', 'not-hr')`,
    );
    expect(n).toBe(0);
  });

  it('cannot be changed or deleted, by anyone, and the API offers no way to try', async () => {
    await expect(t.dataSource.query(`UPDATE audit_event SET reason = 'edited'`)).rejects.toThrow(/cannot be changed/);
    await expect(t.dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/cannot be changed/);
    await expect(t.dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/cannot be changed/);
    const schema = await t.gqlOk(`{ __schema { mutationType { fields { name } } } }`);
    const mutations = schema.__schema.mutationType.fields.map((f: { name: string }) => f.name.toLowerCase());
    expect(mutations.filter((name: string) => name.includes('audit'))).toEqual([]);
  });

  it('filters by actor, time and import; totalCount counts all matches', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const all = await events({ since });
    const byActor = await events({ actor: 'ESTATE_ADMIN_TOKEN', since });
    expect(byActor.totalCount).toBeGreaterThan(0);
    expect(byActor.totalCount).toBeLessThan(all.totalCount);
    expect(byActor.edges.every((e: any) => e.node.actorName === 'ESTATE_ADMIN_TOKEN')).toBe(true);
    expect((await events({ until: since })).totalCount).toBe(0);
  });
});
