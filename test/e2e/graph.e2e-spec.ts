import { createTestApp, type TestApp } from '../support/test-app';
import { UPSERT_INTEGRATION, createIntegration, createService, createTeam } from '../support/factories';

const IMPACT = `query($key: String!, $direction: ImpactDirection, $depth: Int) {
  service(key: $key) { impact(direction: $direction, maxDepth: $depth) { distance path service { key } } } }`;

describe('integrations and impact', () => {
  let t: TestApp;

  // crm → billing → ledger → warehouse → crm (a cycle), billing → tax, hr → payroll, crm → crm-archive (deleted)
  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'platform');
    for (const key of ['crm', 'billing', 'ledger', 'warehouse', 'tax', 'hr', 'payroll', 'crm-archive']) {
      await createService(t, { key, name: key });
    }
    for (const [source, target] of [
      ['crm', 'billing'],
      ['billing', 'ledger'],
      ['ledger', 'warehouse'],
      ['warehouse', 'crm'],
      ['billing', 'tax'],
      ['hr', 'payroll'],
      ['crm', 'crm-archive'],
    ]) {
      await createIntegration(t, source, target);
    }
    await createIntegration(t, 'crm', 'billing', 'EVENT');
    await t.gqlOk(`mutation { deleteService(key: "crm-archive") { key } }`);
  });
  afterAll(() => t.close());

  it('walks downstream with shortest distances and paths, through a cycle, skipping deleted services', async () => {
    const data = await t.gqlOk(IMPACT, { key: 'crm', direction: 'DOWNSTREAM', depth: 10 });
    expect(data.service.impact).toEqual([
      { distance: 1, path: ['crm', 'billing'], service: { key: 'billing' } },
      { distance: 2, path: ['crm', 'billing', 'ledger'], service: { key: 'ledger' } },
      { distance: 2, path: ['crm', 'billing', 'tax'], service: { key: 'tax' } },
      { distance: 3, path: ['crm', 'billing', 'ledger', 'warehouse'], service: { key: 'warehouse' } },
    ]);
  });

  it('walks upstream, and stops at maxDepth', async () => {
    const up = await t.gqlOk(IMPACT, { key: 'tax', direction: 'UPSTREAM', depth: 2 });
    expect(up.service.impact).toEqual([
      { distance: 1, path: ['tax', 'billing'], service: { key: 'billing' } },
      { distance: 2, path: ['tax', 'billing', 'crm'], service: { key: 'crm' } },
    ]);
    const all = await t.gqlOk(IMPACT, { key: 'tax', direction: 'UPSTREAM', depth: 20 });
    expect(all.service.impact.map((i: { service: { key: string } }) => i.service.key)).toEqual([
      'billing',
      'crm',
      'warehouse',
      'ledger',
    ]);
  });

  it('refuses a depth out of range', async () => {
    const result = await t.gql(IMPACT, { key: 'crm', depth: 21 });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'maxDepth' });
  });

  it('lists upstream, downstream and dependents (distinct consumers, live only)', async () => {
    const data = await t.gqlOk(`{ service(key: "crm") {
      dependents
      downstream { mechanism target { key } }
      upstream { source { key } } } }`);
    expect(data.service.dependents).toBe(1);
    expect(data.service.downstream).toEqual([
      { mechanism: 'API', target: { key: 'billing' } },
      { mechanism: 'EVENT', target: { key: 'billing' } },
    ]);
    expect(data.service.upstream).toEqual([{ source: { key: 'warehouse' } }]);
  });

  it('upserts integrations idempotently and refuses self-loops and unknown services by field', async () => {
    const again = await t.gqlOk(UPSERT_INTEGRATION, { input: { source: 'CRM', target: 'billing', mechanism: 'API' } });
    expect(again.upsertIntegration.outcome).toBe('UNCHANGED');
    const changed = await t.gqlOk(UPSERT_INTEGRATION, {
      input: { source: 'crm', target: 'billing', mechanism: 'API', frequency: 'DAILY' },
    });
    expect(changed.upsertIntegration).toMatchObject({ outcome: 'UPDATED', integration: { version: 2 } });

    const self = await t.gql(UPSERT_INTEGRATION, { input: { source: 'crm', target: 'CRM', mechanism: 'API' } });
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'input.target' });
    const unknown = await t.gql(UPSERT_INTEGRATION, { input: { source: 'nope', target: 'crm', mechanism: 'API' } });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'input.source' });
  });

  it('filters and pages integrations, and deletes one', async () => {
    const list = await t.gqlOk(`{ integrations(first: 10, filter: { service: "billing" }) {
      totalCount edges { node { id source { key } target { key } mechanism } } } }`);
    expect(list.integrations.totalCount).toBe(4);
    const event = list.integrations.edges.find((e: { node: { mechanism: string } }) => e.node.mechanism === 'EVENT');
    const deleted = await t.gqlOk(`mutation($id: ID!) { deleteIntegration(id: $id) { id } }`, { id: event.node.id });
    expect(deleted.deleteIntegration.id).toBe(event.node.id);
    const after = await t.gqlOk(
      `{ integrations(first: 10, filter: { source: "crm", target: "billing" }) { totalCount } }`,
    );
    expect(after.integrations.totalCount).toBe(1);

    const again = await t.gql(`mutation($id: ID!) { deleteIntegration(id: $id) { id } }`, { id: event.node.id });
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const malformed = await t.gql(`mutation { deleteIntegration(id: "42") { id } }`);
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'id' });
  });
});

describe('teams', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    for (const key of ['sales-ops', 'finance', 'people']) await createTeam(t, key, key.toUpperCase());
    for (let i = 0; i < 5; i++) await createService(t, { key: `fin-${i}`, name: `Fin ${i}`, ownerTeam: 'finance' });
    await createService(t, { key: 'sfdc', name: 'Salesforce', ownerTeam: 'sales-ops' });
  });
  afterAll(() => t.close());

  it('upserts idempotently by case-insensitive key', async () => {
    const same = await t.gqlOk(
      `mutation { upsertTeam(input: { key: "FINANCE", name: "FINANCE" }) { outcome team { key version } } }`,
    );
    expect(same.upsertTeam).toEqual({ outcome: 'UNCHANGED', team: { key: 'finance', version: 1 } });
    const changed = await t.gqlOk(
      `mutation { upsertTeam(input: { key: "finance", name: "Finance", contactEmail: "fin@example.com" }) { outcome team { version contactEmail } } }`,
    );
    expect(changed.upsertTeam).toEqual({ outcome: 'UPDATED', team: { version: 2, contactEmail: 'fin@example.com' } });
    const bad = await t.gql(
      `mutation { upsertTeam(input: { key: "x", name: "X", contactEmail: "nope" }) { outcome } }`,
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'input.contactEmail' });
  });

  it('lists teams with their services, paged per team, in few statements', async () => {
    const query = `{ teams(first: 10) { totalCount edges { node { key serviceCount
      services(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { key } } } } } } }`;
    let data: any;
    const statements = await t.countStatements(async () => {
      data = await t.gqlOk(query);
    });
    expect(statements).toBeLessThanOrEqual(4);
    const finance = data.teams.edges.find((e: any) => e.node.key === 'finance').node;
    expect(data.teams.totalCount).toBe(3);
    expect(finance.serviceCount).toBe(5);
    expect(finance.services.totalCount).toBe(5);
    expect(finance.services.edges.map((e: any) => e.node.key)).toEqual(['fin-0', 'fin-1']);
    expect(finance.services.pageInfo.hasNextPage).toBe(true);

    const next = await t.gqlOk(
      `query($after: String) { team(key: "Finance") { services(first: 10, after: $after) {
      pageInfo { hasNextPage hasPreviousPage } edges { node { key } } } } }`,
      {
        after: finance.services.pageInfo.endCursor,
      },
    );
    expect(next.team.services.edges.map((e: any) => e.node.key)).toEqual(['fin-2', 'fin-3', 'fin-4']);
    expect(next.team.services.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });
});
