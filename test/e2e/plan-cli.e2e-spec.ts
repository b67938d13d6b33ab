import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { createIntegration, createService, createTeam } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const CLI = path.resolve(__dirname, '../../bin/estate.js');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

const PLAN = `query($id: ID!) { migrationPlan(id: $id) {
  id name createdBy profile { name version } serviceCount waveCount
  inputs { serviceKeys top minScore waveCapacity { services effort } maxWaves startDate waveLengthDays }
  waves { number startDate endDate services { key } annualSavings { amount } cumulativeSavings { amount } effortPoints }
  services { key wave }
  totals { annualSavings { amount currency } servicesRetired fieldsRetired unscheduled effortPoints }
} }`;

interface GraphQLPlan {
  id: string;
  name: string;
  createdBy: string;
  profile: { name: string; version: number };
  serviceCount: number;
  waveCount: number;
  inputs: {
    serviceKeys: string[] | null;
    top: number | null;
    minScore: number | null;
    waveCapacity: { services: number | null; effort: number | null };
    maxWaves: number | null;
    startDate: string | null;
    waveLengthDays: number;
  };
  waves: {
    number: number;
    startDate: string | null;
    endDate: string | null;
    services: { key: string }[];
    annualSavings: { amount: string };
    cumulativeSavings: { amount: string };
    effortPoints: number;
  }[];
  services: { key: string; wave: number | null }[];
  totals: {
    annualSavings: { amount: string; currency: string };
    servicesRetired: number;
    fieldsRetired: number;
    unscheduled: number;
    effortPoints: number;
  };
}

interface JsonPlan {
  id: string;
  name: string;
  createdBy: string;
  profile: { name: string; version: number };
  waves: {
    number: number;
    startDate: string | null;
    endDate: string | null;
    serviceKeys: string[];
    annualSavings: number;
    cumulativeSavings: number;
    effortPoints: number;
  }[];
  unscheduled: string[];
  totals: { currency: string; annualSavings: number; servicesRetired: number; unscheduled: number };
}

interface JsonListedPlan {
  id: string;
  name: string;
  createdAt: string;
  waves: number;
  services: number;
  annualSavings: number;
  currency: string;
}

describe('estate plan and estate report (CLI)', () => {
  let t: TestApp;
  let dir: string;

  const estate = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });

  /** Runs `estate plan … --json`, which must succeed, and returns the plan it printed. */
  const planJson = (...args: string[]): JsonPlan => {
    const run = estate('plan', ...args, '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout) as JsonPlan;
  };

  const graphqlPlan = async (id: string) => (await t.gqlOk<{ migrationPlan: GraphQLPlan }>(PLAN, { id })).migrationPlan;

  const planCount = async () =>
    Number((await t.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM migration_plan`))[0].n);

  /** The CLI's waves and GraphQL's for the same saved plan: same numbers, keys, dates and savings. */
  const expectSameWaves = (cli: JsonPlan, graphql: GraphQLPlan) => {
    expect(cli.waves.map((w) => [w.number, w.startDate, w.endDate, w.serviceKeys])).toEqual(
      graphql.waves.map((w) => [w.number, w.startDate, w.endDate, w.services.map((s) => s.key)]),
    );
    expect(cli.waves.map((w) => [w.annualSavings, w.cumulativeSavings, w.effortPoints])).toEqual(
      graphql.waves.map((w) => [Number(w.annualSavings.amount), Number(w.cumulativeSavings.amount), w.effortPoints]),
    );
    expect(cli.unscheduled).toEqual(graphql.services.filter((s) => s.wave === null).map((s) => s.key));
    expect(cli.totals).toMatchObject({
      currency: graphql.totals.annualSavings.currency,
      annualSavings: Number(graphql.totals.annualSavings.amount),
      servicesRetired: graphql.totals.servicesRetired,
      unscheduled: graphql.totals.unscheduled,
    });
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-plan-cli-'));
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
    await service('a', '10000.00');
    await service('b', '20000.00');
    await service('c', '30000.00');
    await service('d', '40000.00', { criticality: 'MISSION_CRITICAL' });
    await service('e', '5000.00');
    await service('stays', '1000.00');
    await service('fax', '500.00', { lifecycle: 'RETIRED' });
    // b consumes a; b and c feed each other (a cycle); stays consumes d.
    await createIntegration(t, 'a', 'b');
    await createIntegration(t, 'b', 'c');
    await createIntegration(t, 'c', 'b', 'EVENT');
    await createIntegration(t, 'd', 'stays', 'FILE');
    await t.gqlOk(`mutation($input: SaveScoringProfileInput!) { saveScoringProfile(input: $input) { name version } }`, {
      input: { name: 'cost-first', weights: [{ factor: 'ANNUAL_COST', weight: 200 }] },
    });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('plans the services named with --services and prints, with --json, the plan GraphQL has saved', async () => {
    const cli = planJson('--name', 'Named', '--services', 'a,b,c,d,e', '--capacity', '2');
    expect(cli.id).toMatch(UUID);
    expect(cli).toMatchObject({ name: 'Named', createdBy: 'estate CLI', profile: { name: 'default', version: 0 } });

    const graphql = await graphqlPlan(cli.id);
    expect(graphql).toMatchObject({ name: 'Named', createdBy: 'estate CLI', serviceCount: 5 });
    expect(graphql.inputs).toMatchObject({
      serviceKeys: ['a', 'b', 'c', 'd', 'e'],
      top: null,
      waveCapacity: { services: 2, effort: null },
      waveLengthDays: 30,
    });
    expectSameWaves(cli, graphql);
    // b and c feed each other: they retire together; b consumes a, so a goes no earlier than b.
    const waveOf = (key: string) => cli.waves.find((w) => w.serviceKeys.includes(key))!.number;
    expect(waveOf('b')).toBe(waveOf('c'));
    expect(waveOf('a')).toBeGreaterThanOrEqual(waveOf('b'));
    expect(cli.totals.annualSavings).toBe(105000);
  });

  it('plans the --top N candidates and prints a readable summary of the saved plan', async () => {
    const run = estate(
      'plan',
      ...['--name', 'Top four', '--top', '4', '--capacity', '1', '--max-waves', '3'],
      ...['--start-date', '2027-01-04', '--wave-length', '14'],
    );
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    const id = /^saved plan (\S+) "Top four"$/.exec(lines[0])?.[1];
    expect(id).toMatch(UUID);

    const graphql = await graphqlPlan(id!);
    expect(graphql.inputs).toMatchObject({ top: 4, maxWaves: 3, startDate: '2027-01-04', waveLengthDays: 14 });
    const planned = graphql.services.filter((s) => s.wave !== null).length;
    expect(lines[1]).toBe(
      `profile default@0: 4 services, ${planned} in ${graphql.waveCount} waves, at most 1 service per wave`,
    );
    // Each wave: a heading with its dates and savings, then its service keys.
    const money = (amount: string) => `USD ${Math.round(Number(amount)).toLocaleString('en-US')}`;
    for (const wave of graphql.waves) {
      const heading = lines.findIndex((l) => l.startsWith(`wave ${wave.number} `));
      expect(lines[heading]).toContain(`(${wave.startDate} to ${wave.endDate})`);
      expect(lines[heading]).toContain(
        `saves ${money(wave.annualSavings.amount)} a year (cumulative ${money(wave.cumulativeSavings.amount)})`,
      );
      expect(lines[heading + 1].trim()).toBe(wave.services.map((s) => s.key).join(', '));
    }
    expect(graphql.waves[0]).toMatchObject({ startDate: '2027-01-04', endDate: '2027-01-17' });
    expect(run.stdout).toContain(`total: saves ${money(graphql.totals.annualSavings.amount)} a year`);
    const unscheduled = graphql.services.filter((s) => s.wave === null).map((s) => s.key);
    expect(unscheduled.length).toBeGreaterThan(0);
    expect(graphql.totals.unscheduled).toBe(unscheduled.length);
    const at = lines.indexOf(`unscheduled: ${unscheduled.length} (beyond --max-waves 3)`);
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1].trim()).toBe(unscheduled.join(', '));
    expect(run.stderr).toContain(`estate report ${id} --out plan.html`);
  });

  it('plans every candidate scoring at least --min-score, with an effort capacity', async () => {
    const cli = planJson('--name', 'Scored', '--min-score', '0', '--effort-capacity', '1');
    const graphql = await graphqlPlan(cli.id);
    expect(graphql.inputs).toMatchObject({ minScore: 0, waveCapacity: { services: null, effort: 1 } });
    // Every live candidate: RETIRED ones are not candidates.
    expect(graphql.services.map((s) => s.key).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'stays']);
    expectSameWaves(cli, graphql);
  });

  it('plans with a saved profile named with --profile name@version', async () => {
    const cli = planJson('--name', 'Costly', '--top', '2', '--capacity', '5', '--profile', 'cost-first@1');
    expect(cli.profile).toEqual({ name: 'cost-first', version: 1 });
    expectSameWaves(cli, await graphqlPlan(cli.id));
  });

  // Exit code 2: the command line is wrong, found before the database is opened; 1: the data says no.
  it.each<[string, string[], string, number]>([
    ['no capacity', ['--services', 'a'], '--capacity/--effort-capacity: give services per wave, effort points', 2],
    [
      'an unknown service',
      ['--services', 'a,nope', '--capacity', '1'],
      '--services item 2: service "nope" does not exist',
      1,
    ],
    [
      'a RETIRED service',
      ['--services', 'fax', '--capacity', '1'],
      '--services item 1: service "fax" is already RETIRED',
      1,
    ],
    [
      'both --top and --services',
      ['--services', 'a', '--top', '2', '--capacity', '1'],
      'choose the services with exactly one of --services, --top or --min-score',
      2,
    ],
    [
      'no selection',
      ['--capacity', '1'],
      'choose the services with exactly one of --services, --top or --min-score',
      2,
    ],
    [
      'a capacity of 0',
      ['--top', '2', '--capacity', '0'],
      '--capacity: must be a whole number of at least 1 (got 0)',
      2,
    ],
    [
      'a bad --start-date',
      ['--top', '2', '--capacity', '1', '--start-date', '2027-13-45'],
      '--start-date: must be a date',
      2,
    ],
    [
      'a --min-score over 100',
      ['--min-score', '101', '--capacity', '1'],
      '--min-score: must be from 0 to 100 (got 101)',
      2,
    ],
    ['a --top that is not a number', ['--top', 'ten', '--capacity', '1'], '--top must be a number (got "ten")', 2],
    [
      'an unknown profile',
      ['--top', '2', '--capacity', '1', '--profile', 'nope'],
      '--profile: scoring profile "nope" does not exist; profiles: default@0, cost-first@1',
      1,
    ],
  ])('refuses %s with its exit code, naming the option, and saves nothing', async (_case, args, message, code) => {
    const before = await planCount();
    const run = estate('plan', '--name', 'Bad', ...args);
    expect(run.status).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`estate: ${message}`);
    expect(await planCount()).toBe(before);
  });

  it('says --name is required, with every other problem on the same line', () => {
    const run = estate('plan', '--services', 'a');
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')[0]).toBe(
      'estate: --name is required; --capacity/--effort-capacity: give services per wave, effort points per wave, or both',
    );
  });

  it('lists the saved plans newest first, as a table or as JSON, as GraphQL lists them', async () => {
    const listed = planJson('--name', 'Listed last', '--services', 'e', '--capacity', '1');
    const graphql = (
      await t.gqlOk<{ migrationPlans: { totalCount: number; edges: { node: { id: string; name: string } }[] } }>(
        `{ migrationPlans(first: 100) { totalCount edges { node { id name } } } }`,
      )
    ).migrationPlans;

    const json = estate('plan', 'list', '--json');
    expect(json.status).toBe(0);
    const plans = JSON.parse(json.stdout) as JsonListedPlan[];
    expect(plans.map((p) => [p.id, p.name])).toEqual(graphql.edges.map((e) => [e.node.id, e.node.name]));
    expect(plans).toHaveLength(graphql.totalCount);
    expect(plans[0]).toMatchObject({ id: listed.id, waves: 1, services: 1, annualSavings: 5000, currency: 'USD' });

    const table = estate('plan', 'list');
    expect(table.status).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+CREATED \(UTC\)\s+WAVES\s+SERVICES\s+SAVINGS$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(graphql.edges.map((e) => e.node.id));
    expect(lines[1]).toMatch(
      new RegExp(`^${listed.id}\\s+Listed last\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+1\\s+1\\s+USD 5,000$`),
    );

    const misplaced = estate('plan', 'list', '--top', '3');
    expect(misplaced.status).toBe(2);
    expect(misplaced.stderr).toContain('plan list takes only --json');
  });

  describe('estate report', () => {
    let planId: string;
    let plan: GraphQLPlan;

    beforeAll(async () => {
      planId = planJson('--name', 'Reported', '--services', 'a,b,c,d', '--capacity', '2').id;
      plan = await graphqlPlan(planId);
    });

    it('writes the HTML report, with its charts, to --out, the format taken from the file name', () => {
      const out = path.join(dir, 'plan.html');
      const run = estate('report', planId, '--out', out);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim()).toMatch(/^wrote plan report \(html, \d+ (B|KB)\) to .*plan\.html$/);
      const html = fs.readFileSync(out, 'utf8');
      expect(html).toMatch(/^<!DOCTYPE html>/i);
      expect(html).toContain('<svg');
      const kb = Number(/\(html, (\d+) KB\)/.exec(run.stderr)?.[1]);
      expect(kb).toBe(Math.round(Buffer.byteLength(html) / 1024));
    });

    it('prints CSV on stdout with --format csv: a header and one row per service, as GraphQL renders it', async () => {
      const run = estate('report', planId, '--format', 'csv');
      expect(run.status).toBe(0);
      const rows = parse<Record<string, string>>(run.stdout, { columns: true });
      expect(rows.map((r) => [r.key, r.wave === '' ? null : Number(r.wave)])).toEqual(
        plan.services.map((s) => [s.key, s.wave]),
      );
      expect(run.stdout.split('\r\n').filter(Boolean)).toHaveLength(plan.serviceCount + 1);
      const graphql = await t.gqlOk<{ migrationPlan: { report: string } }>(
        `query($id: ID!) { migrationPlan(id: $id) { report(format: CSV) } }`,
        { id: planId },
      );
      expect(run.stdout).toBe(graphql.migrationPlan.report);
    });

    it('prints Markdown on stdout by default', () => {
      const run = estate('report', planId);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^# /);
      expect(run.stdout).toContain('Reported');
    });

    it('renders the estate with --estate: JSON that parses, and CSV inferred from --out', () => {
      const json = estate('report', '--estate', '--format', 'json');
      expect(json.status).toBe(0);
      const report = JSON.parse(json.stdout) as { profile: unknown; inventory: { services: number } };
      expect(report.profile).toEqual({ name: 'default', version: 0 });
      expect(report.inventory.services).toBe(6);

      const pinned = JSON.parse(estate('report', '--estate', '--format', 'json', '--profile', 'cost-first@1').stdout);
      expect(pinned.profile).toEqual({ name: 'cost-first', version: 1 });

      const out = path.join(dir, 'estate.csv');
      const csv = estate('report', '--estate', '--out', out);
      expect(csv.status).toBe(0);
      expect(csv.stderr.trim()).toMatch(/^wrote estate report \(csv, \d+ (B|KB)\) to .*estate\.csv$/);
      expect(fs.readFileSync(out, 'utf8').split('\r\n')[0]).toContain(',');
    });

    it.each<[string, string[], string, number]>([
      [
        'an unknown plan id',
        ['00000000-0000-4000-8000-000000000000'],
        'migration plan "00000000-0000-4000-8000-000000000000" does not exist',
        1,
      ],
      [
        'a plan id that is no id',
        ['nope'],
        'migration plan "nope" does not exist (estate plan list shows the saved plans)',
        1,
      ],
      ['neither a plan id nor --estate', [], 'give a plan id (estate plan list shows them) or --estate', 2],
      ['both a plan id and --estate', ['x', '--estate'], 'give a plan id or --estate, not both', 2],
      ['an unknown --format', ['--estate', '--format', 'pdf'], '--format must be md, html, csv or json (got "pdf")', 2],
      [
        'an --out without a known extension',
        ['--estate', '--out', 'x.txt'],
        'cannot tell the format from --out x.txt',
        2,
      ],
      [
        'an unknown estate profile',
        ['--estate', '--profile', 'nope'],
        '--profile: scoring profile "nope" does not exist',
        1,
      ],
    ])('refuses %s with its exit code and nothing on stdout', (_case, args, message, code) => {
      const run = estate('report', ...args);
      expect(run.status).toBe(code);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`estate: ${message}`);
    });
  });
});
