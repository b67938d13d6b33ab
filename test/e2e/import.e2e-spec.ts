import { createTestApp, type TestApp } from '../support/test-app';
import { buildServiceInput, createTeam } from '../support/factories';

const IMPORT = `mutation($input: [ServiceInput!]!, $dryRun: Boolean) {
  importServices(input: $input, dryRun: $dryRun) {
    ok dryRun total created updated unchanged
    errors { index key path message }
    rows { index key outcome }
  } }`;

const rowsOf = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) =>
    buildServiceInput({ key: `${prefix}-${String(i).padStart(4, '0')}`, name: `${prefix} service ${i}` }),
  );

describe('importServices', () => {
  let t: TestApp;
  const serviceCount = async () =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM service`))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'platform');
  });
  afterAll(() => t.close());

  it('one bad row at index 1117 of 1200: nothing is written and that row is named with its field', async () => {
    const rows = rowsOf(1200, 'bad');
    rows[1117] = { ...rows[1117], annualCost: { amount: '12.345', currency: 'EURO' } };
    const { importServices: report } = await t.gqlOk(IMPORT, { input: rows });
    expect(report.ok).toBe(false);
    expect(report.rows).toEqual([]);
    expect(report.errors).toEqual([
      { index: 1117, key: 'bad-1117', path: 'annualCost.amount', message: expect.stringContaining('decimal') },
      { index: 1117, key: 'bad-1117', path: 'annualCost.currency', message: expect.stringContaining('ISO 4217') },
    ]);
    expect(await serviceCount()).toBe(0);
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const { importServices: report } = await t.gqlOk(IMPORT, { input: rowsOf(50, 'dry'), dryRun: true });
    expect(report).toMatchObject({ ok: true, dryRun: true, total: 50, created: 50, updated: 0, unchanged: 0 });
    expect(report.rows[0]).toEqual({ index: 0, key: 'dry-0000', outcome: 'CREATED' });
    expect(await serviceCount()).toBe(0);
  });

  it('imports 1200 services in one go, then re-importing is a no-op and changed rows are updates', async () => {
    const rows = rowsOf(1200, 'ok');
    const first = await t.gqlOk(IMPORT, { input: rows });
    expect(first.importServices).toMatchObject({ ok: true, total: 1200, created: 1200, updated: 0, unchanged: 0 });
    expect(await serviceCount()).toBe(1200);

    const versionsBefore = await t.dataSource.query(`SELECT sum(version)::int AS v, max(updated_at) AS u FROM service`);
    const again = await t.gqlOk(IMPORT, { input: rows });
    expect(again.importServices).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 1200 });
    expect(await t.dataSource.query(`SELECT sum(version)::int AS v, max(updated_at) AS u FROM service`)).toEqual(
      versionsBefore,
    );

    rows[7] = { ...rows[7], name: 'Renamed' };
    const dry = await t.gqlOk(IMPORT, { input: rows, dryRun: true });
    expect(dry.importServices).toMatchObject({ ok: true, updated: 1, unchanged: 1199 });
    expect(dry.importServices.rows[7]).toEqual({ index: 7, key: 'ok-0007', outcome: 'UPDATED' });
    const [{ name }] = await t.dataSource.query(`SELECT name FROM service WHERE key = 'ok-0007'`);
    expect(name).toBe('ok service 7');
  });

  it('concurrent imports of the same existing services in opposite orders both succeed (no deadlock)', async () => {
    const rows = rowsOf(600, 'both');
    expect((await t.gqlOk(IMPORT, { input: rows })).importServices.ok).toBe(true);
    const forward = rows.map((r) => ({ ...r, description: 'forward' }));
    const backward = [...rows].reverse().map((r) => ({ ...r, description: 'backward' }));
    const results = await Promise.all([
      t.gql(IMPORT, { input: forward }),
      t.gql(IMPORT, { input: backward }),
      t.gql(IMPORT, { input: forward }),
    ]);
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.importServices.ok).toBe(true);
    }
    const [{ n }] = await t.dataSource.query(
      `SELECT count(DISTINCT description)::int AS n FROM service WHERE key LIKE 'both-%'`,
    );
    expect(n).toBe(1);
  });

  it('names duplicate keys (case-insensitive), unknown teams and rule violations per row', async () => {
    const rows = [
      buildServiceInput({ key: 'dup-a' }),
      buildServiceInput({ key: 'DUP-A' }),
      buildServiceInput({ key: 'orphan', ownerTeam: 'ghosts' }),
      buildServiceInput({ key: 'bad key!' }),
      buildServiceInput({ key: 'spec', dataAccess: { machineReadableSpec: false, specFormat: 'OPENAPI' } }),
    ];
    const before = await serviceCount();
    const { importServices: report } = await t.gqlOk(IMPORT, { input: rows });
    expect(report.ok).toBe(false);
    expect(report.errors.map((e: { index: number; path: string }) => [e.index, e.path])).toEqual([
      [1, 'key'],
      [3, 'key'],
      [4, 'dataAccess.specFormat'],
    ]);
    expect(report.errors[0].message).toContain('row 0');
    expect(await serviceCount()).toBe(before);

    // Reference checks run once the rows themselves are valid.
    const { importServices: refs } = await t.gqlOk(IMPORT, { input: [rows[0], rows[2]] });
    expect(refs.errors).toEqual([
      { index: 1, key: 'orphan', path: 'ownerTeam', message: 'team "ghosts" does not exist' },
    ]);
    expect(await serviceCount()).toBe(before);
  });

  it('an ill-typed row is refused by GraphQL itself with the row in the message', async () => {
    const rows = rowsOf(3, 'typed');
    rows[2] = { ...rows[2], kind: 'MAINFRAME' };
    const result = await t.gql(IMPORT, { input: rows });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toContain('input[2].kind');
  });
});
