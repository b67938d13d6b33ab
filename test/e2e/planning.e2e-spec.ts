import { createIntegration, createService, createTeam } from '../support/factories';
import { dataIds, idOf, insertFieldMapping, unifiedIds } from '../support/field-mapping-rows';
import request from 'supertest';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app';

const PLAN = `mutation($input: PlanMigrationInput!) { planMigration(input: $input) {
  id name profile { name version } unifiedSchemaVersion serviceCount waveCount annualSavings { amount currency }
  inputs { serviceKeys top waveCapacity { services effort } maxWaves startDate waveLengthDays }
  totals { annualSavings { amount } remainingEstateCost { amount } servicesRetired fieldsRetired unscheduled effortPoints
           aiReadinessBefore aiReadinessAfter orphanedUnifiedFields }
  waves { number startDate endDate services { key } annualSavings { amount } cumulativeSavings { amount }
          fieldsToMap orphanedUnifiedFields cycles integrationsToRepoint effortPoints }
  services { key wave placement retiresWith unmappedFields effort { fieldsToMap fieldsToVerify integrationsToRepoint points }
             entities { entity fields mappedFields unifiedEntities unifiedFields } integrationsToRepoint { consumerKey mechanism }
             risks { kind message } }
} }`;

interface Planned {
  key: string;
  wave: number | null;
  placement: string;
  retiresWith: string[];
  unmappedFields: string[];
  effort: { fieldsToMap: number; fieldsToVerify: number; integrationsToRepoint: number; points: number };
  entities: {
    entity: string;
    fields: number;
    mappedFields: number;
    unifiedEntities: string[];
    unifiedFields: string[];
  }[];
  integrationsToRepoint: { consumerKey: string; mechanism: string }[];
  risks: { kind: string; message: string }[];
}

describe('migration planning', () => {
  let t: TestApp;
  let viewer: string;
  const base = { name: 'Wave plan', waveCapacity: { services: 2 } };
  const plan = async (input: Record<string, unknown>) =>
    (await t.gqlOk<any>(PLAN, { input: { ...base, ...input } })).planMigration;
  const planCount = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM migration_plan`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'it', 'IT');
    const service = (key: string, cost: string, more: Record<string, unknown> = {}) =>
      createService(t, {
        key,
        name: key.toUpperCase(),
        ownerTeam: 'it',
        criticality: 'LOW',
        annualCost: { amount: cost, currency: 'USD' },
        contractRenewalDate: null,
        ...more,
      });
    await service('a', '10000.00', { contractRenewalDate: '2027-01-20' });
    await service('b', '20000.00');
    await service('c', '30000.00');
    await service('d', '40000.00', { criticality: 'MISSION_CRITICAL' });
    await service('e', '5000.00');
    await service('stays', '1000.00');
    // b consumes a; b and c feed each other; stays consumes d.
    await createIntegration(t, 'a', 'b');
    await createIntegration(t, 'b', 'c');
    await createIntegration(t, 'c', 'b', 'EVENT');
    await createIntegration(t, 'd', 'stays', 'FILE');

    await t.gqlOk(`mutation($entities: [UnifiedEntityInput!]!) { putUnifiedSchema(entities: $entities) { level } }`, {
      entities: [{ name: 'Customer', fields: [{ name: 'name' }, { name: 'email' }] }],
    });
    await t.gqlOk(
      `mutation($entities: [DataEntityInput!]!) { putServiceSchema(serviceKey: "a", entities: $entities) { level } }`,
      { entities: [{ name: 'Client', fields: [{ name: 'FullName' }, { name: 'Email' }, { name: 'Notes' }] }] },
    );
    const ids = await dataIds(t);
    const unified = await unifiedIds(t);
    await insertFieldMapping(t, {
      dataFieldId: idOf(ids, 'a.Client.FullName'),
      unifiedFieldId: idOf(unified, 'Customer.name'),
      status: 'CONFIRMED',
    });
    viewer = (await t.gqlOk<any>(`mutation { createApiToken(input: { name: "v", role: VIEWER }) { secret } }`))
      .createApiToken.secret;
  });
  afterAll(() => t.close());

  it('orders waves by the integration graph: consumers no later than their sources, cycles together, capacity kept', async () => {
    const result = await plan({ serviceKeys: ['a', 'b', 'c', 'd', 'e'] });
    const services = result.services as Planned[];
    const wave = (key: string) => services.find((s) => s.key === key)!.wave!;
    expect(wave('b')).toBe(wave('c'));
    expect(wave('b')).toBeLessThanOrEqual(wave('a'));
    for (const w of result.waves) expect(w.services.length).toBeLessThanOrEqual(2);
    expect(services.find((s) => s.key === 'b')!.retiresWith).toEqual(['c']);
    expect(result.waves.flatMap((w: any) => w.cycles)).toEqual([['b', 'c']]);
    const a = services.find((s) => s.key === 'a')!;
    expect(a.placement).toMatch(
      new RegExp(`^wave ${wave('a')}: after b \\(consumer, (same wave|wave ${wave('b')})\\)`),
    );
    expect(result.serviceCount).toBe(5);
    expect(result.profile).toEqual({ name: 'default', version: 0 });
    expect(result.inputs).toMatchObject({
      serviceKeys: ['a', 'b', 'c', 'd', 'e'],
      waveCapacity: { services: 2, effort: null },
    });
    // The same inputs give the same waves.
    const again = await plan({ serviceKeys: ['e', 'd', 'c', 'b', 'a'] });
    expect((again.services as Planned[]).map((s) => [s.key, s.wave])).toEqual(services.map((s) => [s.key, s.wave]));
  });

  it('says per wave what moves, what is missing, what to re-point and what it saves', async () => {
    const result = await plan({ serviceKeys: ['a', 'b', 'c', 'd', 'e'] });
    const services = result.services as Planned[];
    const a = services.find((s) => s.key === 'a')!;
    expect(a.entities).toEqual([
      { entity: 'Client', fields: 3, mappedFields: 1, unifiedEntities: ['Customer'], unifiedFields: ['Customer.name'] },
    ]);
    expect(a.unmappedFields).toEqual(['Client.Email', 'Client.Notes']);
    expect(a.effort).toEqual({ fieldsToMap: 2, fieldsToVerify: 1, integrationsToRepoint: 0, points: 2.2 });
    const d = services.find((s) => s.key === 'd')!;
    expect(d.integrationsToRepoint).toEqual([{ consumerKey: 'stays', mechanism: 'FILE' }]);
    expect(d.risks.map((r) => r.kind)).toEqual(['CRITICALITY']);
    const aWave = result.waves.find((w: any) => w.number === a.wave);
    expect(aWave.orphanedUnifiedFields).toEqual(['Customer.name']);
    expect(result.totals.orphanedUnifiedFields).toBe(1);
    const cumulative = result.waves.map((w: any) => Number(w.cumulativeSavings.amount));
    expect(cumulative[cumulative.length - 1]).toBe(105000);
    expect(result.totals.annualSavings.amount).toBe('105000.00');
    expect(result.totals.remainingEstateCost.amount).toBe('1000.00');
    expect(result.totals.servicesRetired).toBe(5);
    expect(result.totals.fieldsRetired).toBe(3);
  });

  it('dates waves from a start date and flags contracts that renew before their wave ends', async () => {
    const result = await plan({
      serviceKeys: ['a', 'b', 'c'],
      startDate: '2027-01-01',
      waveLengthDays: 14,
      waveCapacity: { services: 1 },
    });
    expect(result.waves[0]).toMatchObject({ number: 1, startDate: '2027-01-01', endDate: '2027-01-14' });
    const a = (result.services as Planned[]).find((s) => s.key === 'a')!;
    const aWave = result.waves.find((w: any) => w.number === a.wave);
    expect(aWave.endDate >= '2027-01-20').toBe(true);
    expect(a.risks.map((r) => r.kind)).toContain('CONTRACT_RENEWAL');
    // The cycle b+c is larger than a wave of one service: it is split over two waves, and says so.
    const services = result.services as Planned[];
    const [b, c] = ['b', 'c'].map((key) => services.find((s) => s.key === key)!);
    expect(Math.abs(b.wave! - c.wave!)).toBe(1);
    for (const s of [b, c]) {
      expect(s.risks.find((r) => r.kind === 'CYCLE')?.message).toMatch(/^in a cycle of 2 services split into 2 parts/);
      expect(s.placement).toMatch(/part [12] of 2 of a cycle of 2 services, split to fit the waves$/);
    }
  });

  it('lists what does not fit in maxWaves as unscheduled, with the reason', async () => {
    const result = await plan({ top: 5, waveCapacity: { services: 1 }, maxWaves: 2 });
    const unscheduled = (result.services as Planned[]).filter((s) => s.wave === null);
    expect(result.waves).toHaveLength(2);
    expect(result.totals.unscheduled).toBe(unscheduled.length);
    expect(unscheduled.length).toBeGreaterThan(0);
    for (const s of unscheduled) expect(s.placement).toMatch(/^not planned: /);
  });

  it('refuses bad input, naming each problem, and saves nothing', async () => {
    const before = await planCount();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ serviceKeys: ['a', 'nope'] }, 'input.serviceKeys[1]', /service "nope" does not exist/],
      [{ serviceKeys: ['a'], waveCapacity: { services: 0 } }, 'input.waveCapacity.services', /at least 1/],
      [{ serviceKeys: ['a'], waveCapacity: {} }, 'input.waveCapacity', /services per wave, effort points per wave/],
      [{ serviceKeys: ['a'], top: 3 }, 'input', /exactly one of serviceKeys, top or minScore/],
      [{ serviceKeys: ['a'], profile: 'nope' }, 'input.profile', /scoring profile "nope" does not exist/],
      [{ serviceKeys: ['a'], startDate: '2027-13-45' }, 'input.startDate', /YYYY-MM-DD/],
      [{ minScore: 101 }, 'input.minScore', /from 0 to 100/],
    ];
    for (const [input, path, message] of cases) {
      const res = await t.gql(PLAN, { input: { ...base, ...input } });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const problems = res.errors?.[0].extensions?.problems as { path: string; message: string }[];
      expect(problems.find((p) => p.path === path)?.message).toMatch(message);
    }
    const denied = await t.gqlAs(viewer, PLAN, { input: { ...base, serviceKeys: ['a'] } });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await planCount()).toBe(before);
  });

  it('saves plans to list, fetch and re-run against the changed estate, with the differences', async () => {
    const first = await plan({ name: 'Re-run me', serviceKeys: ['a', 'b', 'c', 'e'], waveCapacity: { services: 1 } });
    await createService(t, { key: 'f', name: 'F', ownerTeam: 'it', annualCost: { amount: '1.00', currency: 'USD' } });
    await createIntegration(t, 'e', 'a');
    const rerun = (
      await t.gqlOk<any>(
        `mutation($id: ID!) { rerunMigrationPlan(id: $id) { id rerunOf services { key wave }
           comparison { servicesAdded servicesRemoved servicesMoved { key fromWave toWave } wavesBefore wavesAfter
                        annualSavingsBefore { amount } annualSavingsAfter { amount } } } }`,
        { id: first.id },
      )
    ).rerunMigrationPlan;
    expect(rerun.rerunOf).toBe(first.id);
    const wave = (services: { key: string; wave: number }[], key: string) => services.find((s) => s.key === key)!.wave;
    // e now feeds a: a consumes e, so a may not retire after e.
    expect(wave(rerun.services, 'a')).toBeLessThanOrEqual(wave(rerun.services, 'e'));
    expect(rerun.comparison.servicesAdded).toEqual([]);
    expect(rerun.comparison.servicesRemoved).toEqual([]);
    const moved = rerun.comparison.servicesMoved.map((m: any) => m.key);
    const changed = ['a', 'b', 'c', 'e'].filter((k) => wave(first.services, k) !== wave(rerun.services, k));
    expect(moved.sort()).toEqual(changed.sort());

    const listed = await t.gqlAs<any>(
      viewer,
      `{ migrationPlans(first: 2) { totalCount edges { node { id name waveCount totals { servicesRetired } } } } }`,
    );
    expect(listed.data.migrationPlans.edges[0].node.id).toBe(rerun.id);
    expect(listed.data.migrationPlans.edges[1].node).toMatchObject({ id: first.id, name: 'Re-run me' });
    expect(listed.data.migrationPlans.totalCount).toBe(await planCount());
    const fetched = await t.gqlOk<any>(
      `query($id: ID!) { migrationPlan(id: $id) { name services(wave: 1) { key wave } } }`,
      {
        id: first.id,
      },
    );
    expect(fetched.migrationPlan.services.every((s: any) => s.wave === 1)).toBe(true);
    const missing = await t.gql(`{ migrationPlan(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const audit = await t.dataSource.query(`SELECT action FROM audit_event WHERE target_type = 'migration_plan'`);
    expect(audit.map((a: any) => a.action)).toEqual(expect.arrayContaining(['plan.create', 'plan.rerun']));
  });

  describe('reports', () => {
    let planId: string;
    beforeAll(async () => {
      planId = (await plan({ name: 'Report <me> & "you"', serviceKeys: ['a', 'b', 'c', 'd', 'e'] })).id;
    });

    it('renders a plan as Markdown, HTML, CSV and JSON through GraphQL', async () => {
      const report = async (format: string) =>
        (
          await t.gqlOk<any>(`query($id: ID!, $f: ReportFormat!) { migrationPlan(id: $id) { report(format: $f) } }`, {
            id: planId,
            f: format,
          })
        ).migrationPlan.report as string;
      const json = JSON.parse(await report('JSON'));
      expect(json.services.map((s: any) => s.key).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
      const csv = (await report('CSV')).trim().split(/\r?\n/);
      expect(csv).toHaveLength(6);
      const html = await report('HTML');
      expect(html).toContain('Report &lt;me&gt; &amp; &quot;you&quot;');
      expect(html).not.toContain('Report <me>');
      expect(html).toMatch(/<svg[^>]*>/);
      expect(await report('MARKDOWN')).toMatch(/^# /m);
    });

    it('serves reports over HTTP with the same tokens, the right types, and clear errors', async () => {
      const get = (path: string, token: string | null = viewer) => {
        const call = request(t.app.getHttpServer()).get(path);
        if (token) void call.set('Authorization', `Bearer ${token}`);
        return call;
      };
      const html = await get(`/reports/plans/${planId}.html`);
      expect(html.status).toBe(200);
      expect(html.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(html.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(html.text).toMatch(/<svg/);
      const csv = await get(`/reports/plans/${planId}.csv`);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect((await get(`/reports/plans/${planId}.json`)).body.services).toHaveLength(5);
      expect((await get(`/reports/plans/${planId}.md`)).headers['content-type']).toMatch(/^text\/markdown/);
      const estate = await get('/reports/estate.json', TEST_ADMIN_TOKEN);
      expect(estate.status).toBe(200);
      expect(estate.body.inventory.services).toBeGreaterThan(0);

      const anonymous = await get(`/reports/plans/${planId}.html`, null);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('UNAUTHENTICATED');
      const missing = await get('/reports/plans/00000000-0000-4000-8000-000000000000.html');
      expect(missing.status).toBe(404);
      const wrongFormat = await get(`/reports/plans/${planId}.pdf`);
      expect(wrongFormat.status).toBe(400);
      expect(wrongFormat.body.problems[0]).toEqual({
        path: 'format',
        message: 'ask for .md, .html, .csv or .json (got "pdf")',
      });
    });
  });
});
