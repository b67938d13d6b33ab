import { createTestApp, type TestApp } from '../support/test-app';
import { buildServiceInput, createIntegration, createTeam } from '../support/factories';

const PAGE = `query($first: Int, $after: String, $filter: ServiceFilter, $orderBy: ServiceOrder) {
  services(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { key name annualCost { amount } } }
  } }`;

interface PageResult {
  services: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: { node: { key: string; name: string; annualCost: { amount: string } | null } }[];
  };
}

describe('listing services', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'platform');
    await createTeam(t, 'finance', 'Finance');
    const rows = Array.from({ length: 1200 }, (_, i) =>
      buildServiceInput({
        key: `s-${String(i).padStart(4, '0')}`,
        // Names repeat so that the id tie-breaker matters.
        name: `Tool ${i % 37}`,
        annualCost: i % 10 === 0 ? null : { amount: String((i * 7919) % 100000), currency: 'EUR' },
        kind: i % 3 === 0 ? 'INTERNAL' : 'SAAS',
        ownerTeam: i % 2 === 0 ? 'platform' : 'finance',
        tags: i % 5 === 0 ? ['hr', 'legacy'] : ['crm'],
      }),
    );
    rows.push(
      buildServiceInput({ key: 'salesforce', name: 'Salesforce Sales Cloud', vendor: 'Salesforce', tags: ['crm'] }),
      buildServiceInput({
        key: 'workday',
        name: 'Workday HCM',
        vendor: 'Workday',
        description: 'Payroll and absences',
        tags: [],
      }),
      buildServiceInput({ key: 'zendesk', name: 'Zendesk', vendor: 'Zendesk Inc.', category: 'Customer Support' }),
    );
    const report = await t.gqlOk(`mutation($input: [ServiceInput!]!) { importServices(input: $input) { ok } }`, {
      input: rows,
    });
    expect(report.importServices.ok).toBe(true);
  });
  afterAll(() => t.close());

  async function walk(variables: Record<string, unknown>): Promise<{ pages: number; keys: string[] }> {
    const keys: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const data: PageResult = await t.gqlOk(PAGE, { ...variables, first: 100, after });
      pages++;
      keys.push(...data.services.edges.map((e) => e.node.key));
      expect(data.services.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!data.services.pageInfo.hasNextPage) break;
      after = data.services.pageInfo.endCursor;
    }
    return { pages, keys };
  }

  it('pages through 1200 services in 12 pages of 100 with no duplicates or gaps', async () => {
    const { pages, keys } = await walk({ filter: { tag: ['crm', 'hr', 'legacy'].slice(0, 0) } });
    expect(keys.length).toBe(1203);
    expect(pages).toBe(13);
    expect(new Set(keys).size).toBe(1203);

    const only1200 = await walk({ filter: { vendor: ['acme'] } });
    expect(only1200.pages).toBe(12);
    expect(only1200.keys).toHaveLength(1200);
    expect(new Set(only1200.keys).size).toBe(1200);
    const all = await t.dataSource.query(`SELECT key::text FROM service WHERE vendor = 'Acme' ORDER BY key`);
    expect([...only1200.keys].sort()).toEqual(all.map((r: { key: string }) => r.key));
  });

  it('orders by cost both ways with unknown costs last, across pages', async () => {
    for (const direction of ['ASC', 'DESC'] as const) {
      const { keys } = await walk({ orderBy: { field: 'ANNUAL_COST', direction } });
      expect(new Set(keys).size).toBe(1203);
      const costs = await t.dataSource.query(`SELECT key::text, annual_cost_amount::float8 AS cost FROM service`);
      const costOf = new Map(costs.map((r: { key: string; cost: number | null }) => [r.key, r.cost]));
      const sequence = keys.map((k) => costOf.get(k) ?? null);
      const known = sequence.filter((c) => c !== null) as number[];
      const firstUnknown = sequence.indexOf(null);
      expect(sequence.slice(firstUnknown).every((c) => c === null)).toBe(true);
      const sorted = [...known].sort((a, b) => (direction === 'ASC' ? a - b : b - a));
      expect(known).toEqual(sorted);
    }
  });

  it('rejects first: 101 and first: 0 with the argument named', async () => {
    for (const first of [101, 0]) {
      const result = await t.gql(PAGE, { first });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'first' });
    }
  });

  it('rejects a cursor used with another ordering, and garbage cursors', async () => {
    const data: PageResult = await t.gqlOk(PAGE, { first: 5 });
    const misuse = await t.gql(PAGE, {
      first: 5,
      after: data.services.pageInfo.endCursor,
      orderBy: { field: 'UPDATED_AT' },
    });
    expect(misuse.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'after' });
    const garbage = await t.gql(PAGE, { first: 5, after: 'bm90IGEgY3Vyc29y' });
    expect(garbage.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'after' });
  });

  it('filters by kind, owner team, tag, vendor and category, and counts all matches', async () => {
    const count = async (filter: object) => (await t.gqlOk<PageResult>(PAGE, { first: 1, filter })).services.totalCount;
    expect(await count({ kind: ['INTERNAL'] })).toBe(400);
    expect(await count({ ownerTeam: ['FINANCE'] })).toBe(600);
    expect(await count({ tag: ['HR', 'legacy'] })).toBe(240);
    expect(await count({ kind: ['INTERNAL'], tag: ['hr'] })).toBe(80);
    expect(await count({ vendor: ['salesforce', 'WORKDAY'] })).toBe(2);
    expect(await count({ category: ['customer support'] })).toBe(1);
  });

  it('searches words as prefixes over name, vendor, description and tags, and substrings of names', async () => {
    const keys = async (search: string) =>
      (await t.gqlOk<PageResult>(PAGE, { first: 10, filter: { search }, orderBy: null })).services.edges.map(
        (e) => e.node.key,
      );
    expect(await keys('salesf')).toEqual(['salesforce']);
    expect(await keys('payroll')).toEqual(['workday']);
    expect(await keys('force')).toEqual(['salesforce']);
    expect(await keys('zendesk inc')).toEqual(['zendesk']);
    expect(await keys('no such thing')).toEqual([]);
    // Relevance: an exact name beats a mention elsewhere.
    const ranked = await keys('workday');
    expect(ranked[0]).toBe('workday');
  });

  it('uses the full-text index for search', async () => {
    await t.dataSource.query('SET enable_seqscan = off');
    const plan: { 'QUERY PLAN': string }[] = await t.dataSource.query(
      `EXPLAIN SELECT id FROM service s WHERE estate_service_document(s.name, s.key::text, s.vendor, s.category, s.tags, s.description) @@ to_tsquery('simple', 'payroll:*')`,
    );
    await t.dataSource.query('RESET enable_seqscan');
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('idx_service_search');
  });

  it('a page of 100 services with owner, integrations and dependents costs a constant number of statements', async () => {
    const keys = Array.from({ length: 31 }, (_, i) => `s-${String(i).padStart(4, '0')}`);
    for (let i = 0; i < 30; i++) await createIntegration(t, keys[i], keys[i + 1]);
    // Touch the 31 connected services so that they lead the UPDATED_AT DESC order: both pages below
    // then hold services with upstream and downstream integrations.
    await t.dataSource.query(`UPDATE service SET updated_at = now() + interval '1 day' WHERE key = ANY($1)`, [keys]);
    const query = `query($first: Int) { services(first: $first, filter: { vendor: ["acme"] }, orderBy: { field: UPDATED_AT, direction: DESC }) {
      totalCount edges { node { key ownerTeam { key serviceCount }
        upstream { mechanism source { key ownerTeam { key } } }
        downstream { target { key } } dependents } } } }`;
    const small = await t.countStatements(() => t.gqlOk(query, { first: 31 }));
    const large = await t.countStatements(() => t.gqlOk(query, { first: 100 }));
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(9);
  });
});
