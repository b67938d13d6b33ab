import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { createIntegration, createService, createTeam } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const CLI = path.resolve(__dirname, '../../bin/estate.js');

const CANDIDATES = `query($profile: String, $profileVersion: Int) {
  retirementCandidates(first: 10, profile: $profile, profileVersion: $profileVersion) {
    totalCount profile { name version }
    edges { node { rank service { key } retirement { score disposition } } } } }`;
const SAVE_PROFILE = `mutation($input: SaveScoringProfileInput!) { saveScoringProfile(input: $input) { name version } }`;

interface Ranked {
  retirementCandidates: {
    totalCount: number;
    profile: { name: string; version: number };
    edges: { node: { rank: number; service: { key: string }; retirement: { score: number; disposition: string } } }[];
  };
}

interface JsonFactor {
  name: string;
  value: number | null;
  weight: number;
  contribution: number;
  missing: boolean;
  reason: string;
}

interface JsonOutput {
  profile: { name: string; version: number };
  services: number;
  candidates: {
    rank: number;
    key: string;
    name: string;
    retirement: {
      score: number;
      confidence: number;
      disposition: string | null;
      businessValue: number;
      technicalFit: number | null;
      factors: JsonFactor[];
    };
    aiReadiness: { score: number | null; confidence: number; factors: JsonFactor[] };
  }[];
}

/** A name with everything CSV must quote, and a line break the table must flatten. */
const AWKWARD_NAME = 'Old CRM, "v1"\nclassic';

/** Integer hundredths: contributions must add up to the score exactly. */
const cents = (x: number) => Math.round(x * 100);

describe('estate score (CLI)', () => {
  let t: TestApp;

  const score = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, 'score', ...args], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });

  /** The GraphQL ranking of the same database: what the CLI must agree with. */
  const ranking = async (variables: Record<string, unknown> = {}) =>
    (await t.gqlOk<Ranked>(CANDIDATES, variables)).retirementCandidates;

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'sales', 'Sales');
    await createTeam(t, 'it', 'IT');
    const modern = {
      apiStyle: 'REST',
      machineReadableSpec: true,
      specFormat: 'OPENAPI',
      bulkExport: true,
      changeEvents: 'CDC',
      dataStructure: 'STRUCTURED',
      authMethod: 'OAUTH2',
    };
    await createService(t, {
      key: 'crm',
      name: 'Salesforce',
      ownerTeam: 'sales',
      criticality: 'MISSION_CRITICAL',
      annualCost: { amount: '900000.00', currency: 'USD' },
      licensedSeats: 1000,
      monthlyActiveUsers: 950,
      dataAccess: modern,
    });
    await createService(t, {
      key: 'old-crm',
      name: AWKWARD_NAME,
      ownerTeam: 'it',
      criticality: 'LOW',
      lifecycle: 'DEPRECATED',
      annualCost: { amount: '60000.00', currency: 'USD' },
      licensedSeats: 300,
      monthlyActiveUsers: 12,
      dataAccess: {
        apiStyle: 'FILE_EXPORT',
        bulkExport: false,
        changeEvents: 'NONE',
        dataStructure: 'SEMI_STRUCTURED',
      },
    });
    await createService(t, {
      key: 'billing',
      name: 'Billing',
      ownerTeam: 'it',
      criticality: 'HIGH',
      annualCost: { amount: '20000.00', currency: 'EUR' },
      licensedSeats: 50,
      monthlyActiveUsers: 45,
      dataAccess: { apiStyle: 'SOAP', bulkExport: true, changeEvents: 'WEBHOOKS', dataStructure: 'STRUCTURED' },
    });
    await createService(t, {
      key: 'wiki',
      name: 'A wiki whose name is far too long to fit in its column of the table',
      ownerTeam: 'it',
      criticality: null,
      annualCost: null,
      licensedSeats: null,
      monthlyActiveUsers: null,
      dataAccess: null,
    });
    await createService(t, { key: 'fax', name: 'Fax gateway', ownerTeam: 'it', lifecycle: 'RETIRED' });
    await createIntegration(t, 'billing', 'crm');
    await createIntegration(t, 'billing', 'old-crm');
  });
  afterAll(() => t.close());

  it('prints JSON on stdout ranked as GraphQL ranks, RETIRED services left out, factors adding up', async () => {
    const run = score('--format', 'json');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as JsonOutput;
    expect(output.profile).toEqual({ name: 'default', version: 0 });
    expect(output.services).toBe(5);

    const graphql = await ranking();
    expect(graphql.totalCount).toBe(4);
    expect(output.candidates.map((c) => [c.rank, c.key, c.retirement.score, c.retirement.disposition])).toEqual(
      graphql.edges.map(({ node }) => [
        node.rank,
        node.service.key,
        node.retirement.score,
        node.retirement.disposition,
      ]),
    );
    expect(output.candidates.map((c) => c.key)).not.toContain('fax');
    expect(output.candidates[0]).toMatchObject({ rank: 1, key: 'old-crm', name: AWKWARD_NAME });

    for (const c of output.candidates) {
      expect(c.retirement.factors).toHaveLength(11);
      expect(c.aiReadiness.factors).toHaveLength(9);
      for (const f of [...c.retirement.factors, ...c.aiReadiness.factors])
        expect(Object.keys(f).sort()).toEqual([
          'assumedValue',
          'contribution',
          'missing',
          'name',
          'reason',
          'value',
          'weight',
        ]);
      expect(cents(c.retirement.factors.reduce((sum, f) => sum + f.contribution, 0))).toBe(cents(c.retirement.score));
      if (c.aiReadiness.score !== null)
        expect(cents(c.aiReadiness.factors.reduce((sum, f) => sum + f.contribution, 0))).toBe(
          cents(c.aiReadiness.score),
        );
    }
    const wiki = output.candidates.find((c) => c.key === 'wiki')!;
    expect(wiki.aiReadiness).toMatchObject({ score: null, confidence: 0 });
    expect(wiki.retirement).toMatchObject({ disposition: null, technicalFit: null });
  });

  it('prints CSV with a header and RFC 4180 quoting, in ranking order', async () => {
    const run = score('--format', 'csv');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\r\n')[0]).toBe(
      'rank,key,name,retirement_score,confidence,disposition,ai_readiness,annual_cost,currency,top_reason',
    );
    expect(run.stdout).toContain(',old-crm,"Old CRM, ""v1""\nclassic",');

    const rows = parse<Record<string, string>>(run.stdout, { columns: true });
    const graphql = await ranking();
    expect(rows.map((r) => [Number(r.rank), r.key, Number(r.retirement_score), r.disposition || null])).toEqual(
      graphql.edges.map(({ node }) => [
        node.rank,
        node.service.key,
        node.retirement.score,
        node.retirement.disposition,
      ]),
    );
    expect(rows[0]).toMatchObject({ key: 'old-crm', name: AWKWARD_NAME, annual_cost: '60000.00', currency: 'USD' });
    expect(rows[0].top_reason).not.toBe('');
    expect(rows.find((r) => r.key === 'wiki')).toMatchObject({
      disposition: '',
      ai_readiness: '',
      annual_cost: '',
      currency: '',
    });
  });

  it('prints an aligned table no wider than 120 columns, under a header naming the profile', async () => {
    const run = score();
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'profile default@0: 5 services scored, all 4 retirement candidates (RETIRED services excluded)',
    );
    expect(lines[2]).toMatch(/^#\s+KEY\s+NAME\s+RETIRE\s+CONF\s+DISPOSITION\s+AI\s+ANNUAL COST\s+TOP REASON$/);
    const rows = lines.slice(3);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(120);

    const graphql = await ranking();
    expect(rows.map((line) => line.trim().split(/\s+/).slice(0, 2))).toEqual(
      graphql.edges.map(({ node }) => [String(node.rank), node.service.key]),
    );
    // Columns line up: every row's key starts where the header's KEY does.
    const keyColumn = lines[2].indexOf('KEY');
    for (const [i, line] of rows.entries()) expect(line.indexOf(graphql.edges[i].node.service.key)).toBe(keyColumn);

    const first = rows[0];
    expect(first).toContain('Old CRM, "v1" classic');
    expect(first).toContain(graphql.edges[0].node.retirement.score.toFixed(1));
    expect(first).toContain(graphql.edges[0].node.retirement.disposition);
    expect(first).toContain('USD 60,000');
    expect(rows.find((r) => r.includes('wiki'))).toMatch(/ A wiki whose name is fa… /);
  });

  it('prints the top N with --top, every candidate with --all', () => {
    const top = JSON.parse(score('--format', 'json', '--top', '2').stdout) as JsonOutput;
    expect(top.services).toBe(5);
    expect(top.candidates.map((c) => c.rank)).toEqual([1, 2]);
    const table = score('--top', '1').stdout;
    expect(table).toMatch(/^profile default@0: 5 services scored, top 1 of 4 retirement candidates/);
    expect(table.trimEnd().split('\n')).toHaveLength(4);
    const all = JSON.parse(score('--format', 'json', '--top', '1', '--all').stdout) as JsonOutput;
    expect(all.candidates).toHaveLength(4);
  });

  it('scores with a saved profile, its latest version or the one named', async () => {
    const save = (weight: number) =>
      t.gqlOk(SAVE_PROFILE, { input: { name: 'cost-first', weights: [{ factor: 'ANNUAL_COST', weight }] } });
    await save(200);
    await save(0);

    const latest = JSON.parse(score('--format', 'json', '--profile', 'cost-first').stdout) as JsonOutput;
    expect(latest.profile).toEqual({ name: 'cost-first', version: 2 });
    const v1 = score('--format', 'json', '--profile', 'cost-first@1');
    expect(v1.status).toBe(0);
    const pinned = JSON.parse(v1.stdout) as JsonOutput;
    expect(pinned.profile).toEqual({ name: 'cost-first', version: 1 });

    const graphql = await ranking({ profile: 'cost-first', profileVersion: 1 });
    expect(pinned.candidates.map((c) => [c.key, c.retirement.score])).toEqual(
      graphql.edges.map(({ node }) => [node.service.key, node.retirement.score]),
    );
    const crm = (o: JsonOutput) => o.candidates.find((c) => c.key === 'crm')!.retirement;
    expect(crm(pinned).factors.find((f) => f.name === 'ANNUAL_COST')!.weight).toBeGreaterThan(
      crm(latest).factors.find((f) => f.name === 'ANNUAL_COST')!.weight,
    );
  });

  it('refuses an unknown profile or version on stderr with exit code 1, printing nothing on stdout', () => {
    const unknown = score('--profile', 'nope', '--format', 'json');
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('estate: scoring profile "nope" does not exist (profiles: default@0');

    const version = score('--profile', 'default@3');
    expect(version.status).toBe(1);
    expect(version.stderr).toContain('estate: the built-in default profile has only version 0');
  });

  it.each([['0'], ['-2'], ['ten'], ['2.5']])('refuses --top %s, naming the option and the value', (value) => {
    const run = score('--top', value);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')[0]).toBe(`estate: --top must be a positive integer (got "${value}")`);
  });

  it('refuses an unknown --format', () => {
    const run = score('--format', 'xml');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--format must be table, json or csv (got "xml")');
  });
});
