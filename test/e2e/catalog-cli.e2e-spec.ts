import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { markedErrors } from '../support/catalog-fixtures';
import { createTestDatabase } from '../support/test-database';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/estate.js');
/** Catalog paths print relative to the working directory: the CLI runs in the repository's root. */
const FIXTURES = 'test/fixtures/catalog';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `estate <args>` on a database, run in the background so that commands on different databases overlap. */
function estate(databaseUrl: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function rowCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM team)::int AS team, (SELECT count(*) FROM service)::int AS service,
              (SELECT count(*) FROM integration)::int AS integration,
              (SELECT count(*) FROM data_entity)::int AS data_entity, (SELECT count(*) FROM data_field)::int AS data_field,
              (SELECT count(*) FROM audit_event)::int AS audit_event`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/** The `file:line` of each `file:line:col: message` line of stderr, fixture folder prefix removed. */
function errorLines(stderr: string, folder: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith(`${folder}/`))
    .map((line) => /^(.+?):(\d+):\d+: /.exec(line.slice(folder.length + 1)))
    .map((match) => (match ? `${match[1]}:${match[2]}` : 'not file:line:col'));
}

describe('estate import (CLI)', () => {
  const databases: { url: string; drop: () => Promise<void> }[] = [];
  let url: string;
  let dryRun: Run;
  let afterDryRun: Record<string, number>;
  let first: Run;

  beforeAll(async () => {
    const database = await createTestDatabase();
    databases.push(database);
    url = database.url;
    dryRun = await estate(url, 'import', `${FIXTURES}/backstage`, '--dry-run');
    afterDryRun = await rowCounts(url);
    first = await estate(url, 'import', `${FIXTURES}/backstage`);
  });
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it('imports a Backstage catalog folder: exit 0, a summary of what changed on stdout, warnings on stderr', async () => {
    expect(first.status).toBe(0);
    const lines = first.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'imported 13 file(s):',
      '  teams         4 created, 0 updated, 0 unchanged',
      '  services      6 created, 0 updated, 0 unchanged',
      '  integrations  6 created, 0 updated, 0 unchanged',
      '  data          2 created, 0 updated, 0 unchanged',
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        `  created  team payments-team  (${FIXTURES}/backstage/org.yaml:26)`,
        `  created  service zendesk-support  (${FIXTURES}/backstage/components/zendesk-support.yaml:1)`,
        `  created  integration orders-db→checkout-api (API)  (${FIXTURES}/backstage/components/checkout-api.yaml:24)`,
        `  created  schema product-catalog  (${FIXTURES}/backstage/apis/product-catalog-api.yaml:14)`,
      ]),
    );
    expect(first.stdout).not.toMatch(/nothing to change|dry run/);
    expect(first.stderr.trim().split('\n')).toEqual([
      `warning: ${FIXTURES}/backstage/apis/order-events.yaml:9:9: API order-events is asyncapi: Estate reads the entities and fields of OpenAPI definitions only`,
      `warning: ${FIXTURES}/backstage/catalog-info.yaml:21:7: not followed: https://github.com/halvorsen/platform-catalog/blob/main/catalog-info.yaml (Estate reads files relative to the catalog, never URLs)`,
      `warning: ${FIXTURES}/backstage/components/loyalty-points.yaml:11:10: owned by user jdoe: Estate's owners are teams, so the owner is their first group, web-platform`,
      `warning: ${FIXTURES}/backstage/templates/node-service-template.yaml:2:13: skipped: apiVersion scaffolder.backstage.io/v1beta3 (kind Template) is not part of an estate`,
    ]);
    expect(await rowCounts(url)).toMatchObject({ team: 4, service: 6, integration: 6 });
  });

  it('--dry-run shows what would change and writes nothing', () => {
    // Run on the empty database, before the import.
    expect(dryRun.status).toBe(0);
    expect(afterDryRun).toEqual({ team: 0, service: 0, integration: 0, data_entity: 0, data_field: 0, audit_event: 0 });
    expect(dryRun.stdout).toMatch(
      /^dry run: would import 13 file\(s\):\n {2}teams {9}4 created, 0 updated, 0 unchanged\n/,
    );
    expect(dryRun.stdout).toContain(
      `  created  service zendesk-support  (${FIXTURES}/backstage/components/zendesk-support.yaml:1)`,
    );
    expect(dryRun.stdout.trim().split('\n').pop()).toBe('dry run: nothing was written');
    // What it said would happen is what the import did.
    expect(
      dryRun.stdout.replace(/^dry run: would import/, 'imported').replace(/\n\ndry run: nothing was written\n$/, '\n'),
    ).toBe(first.stdout);
  });

  it('importing the same folder again changes nothing', async () => {
    const before = await rowCounts(url);
    const again = await estate(url, 'import', `${FIXTURES}/backstage`);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(
      [
        'imported 13 file(s):',
        '  teams         0 created, 0 updated, 4 unchanged',
        '  services      0 created, 0 updated, 6 unchanged',
        '  integrations  0 created, 0 updated, 6 unchanged',
        '  data          0 created, 0 updated, 2 unchanged',
        '',
        'nothing to change: the estate already says what the files say',
        '',
      ].join('\n'),
    );
    expect(await rowCounts(url)).toEqual(before);
  });

  it('--json prints the import report as JSON on stdout', async () => {
    const run = await estate(url, 'import', `${FIXTURES}/backstage/catalog-info.yaml`, '--json', '--dry-run');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      ok: true,
      dryRun: true,
      teams: { created: 0, updated: 0, unchanged: 4 },
      services: { created: 0, updated: 0, unchanged: 6 },
      integrations: { created: 0, updated: 0, unchanged: 6 },
      schemas: { created: 0, updated: 0, unchanged: 2 },
      changes: [],
      errors: [],
    });
    expect(report.files).toHaveLength(13);
    expect(report.files[0]).toEqual({ path: `${FIXTURES}/backstage/catalog-info.yaml`, documents: 1 });
    expect(report.warnings).toHaveLength(4);
    expect(report.warnings[0]).toEqual({
      file: `${FIXTURES}/backstage/apis/order-events.yaml`,
      line: 9,
      column: 9,
      message: 'API order-events is asyncapi: Estate reads the entities and fields of OpenAPI definitions only',
    });
  });

  it('a broken catalog: exit 1, each problem as file:line:col on stderr, nothing written', async () => {
    const before = await rowCounts(url);
    const folder = `${FIXTURES}/broken`;
    // The folder walk reads files named like catalog files: yaml-syntax.yaml only when given. The owner
    // that is defined nowhere is looked up when writing, which a catalog with errors never reaches.
    const [all, syntax, owner] = await Promise.all([
      estate(url, 'import', folder),
      estate(url, 'import', `${folder}/yaml-syntax.yaml`),
      estate(url, 'import', `${folder}/backstage/components.yaml`),
    ]);
    expect(all.status).toBe(1);
    expect(all.stdout).toBe('');
    expect(all.stderr).toMatch(/estate: the catalog cannot be imported \(4 problem\(s\)\); nothing was written\n$/);
    expect(all.stderr).toContain(
      `${folder}/estate.yaml:15:14: criticality must be one of the following values: LOW, MEDIUM, HIGH, MISSION_CRITICAL\n`,
    );
    expect(syntax.status).toBe(1);
    expect(syntax.stderr).toContain(`${folder}/yaml-syntax.yaml:11:1: invalid YAML: duplicated mapping key\n`);
    expect(owner.status).toBe(1);
    expect(owner.stderr).toContain(
      `${folder}/backstage/components.yaml:17:10: team "facilities-team" does not exist\n`,
    );
    for (const run of [syntax, owner]) expect(run.stderr).toMatch(/nothing was written\n$/);
    expect([all, syntax, owner].flatMap((run) => errorLines(run.stderr, folder)).sort()).toEqual(
      markedErrors('broken'),
    );
    expect(await rowCounts(url)).toEqual(before);
  });

  it('no paths: exit 2 (usage); a path that does not exist or holds no catalog: exit 1, saying so', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-empty-catalog-'));
    try {
      const [none, missing, nothing] = await Promise.all([
        estate(url, 'import'),
        estate(url, 'import', 'no/such/catalog'),
        estate(url, 'import', empty),
      ]);
      expect(none.status).toBe(2);
      expect(none.stderr).toMatch(/missing required argument 'paths'/);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toBe('estate: cannot read no/such/catalog: no such file or folder\n');
      expect(nothing.status).toBe(1);
      expect(nothing.stderr).toMatch(/^estate: no catalog files in .+ \(folders are searched for estate\.yaml/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('round trip at scale: demo estate → export → import into an empty database → export is byte-identical', async () => {
    const [source, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    databases.push(source, target);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-export-'));
    try {
      const a = path.join(scratch, 'a.yaml');
      const b = path.join(scratch, 'b.yaml');
      expect((await estate(source.url, 'demo', '--services', '300')).status).toBe(0);
      const exported = await estate(source.url, 'export', '--out', a);
      expect(exported.status).toBe(0);
      expect(exported.stderr).toMatch(/^wrote .+a\.yaml \([\d,]+ bytes\)\n$/);

      // Into the empty database, and back into the estate it came from, at once.
      const [rebuilt, same] = await Promise.all([
        estate(target.url, 'import', a, '--json'),
        estate(source.url, 'import', a, '--json'),
      ]);
      expect(rebuilt.status).toBe(0);
      const report = JSON.parse(rebuilt.stdout);
      expect(report).toMatchObject({ ok: true, errors: [], warnings: [] });
      expect(report.teams).toEqual({ created: 40, updated: 0, unchanged: 0 });
      expect(report.services).toEqual({ created: 300, updated: 0, unchanged: 0 });
      expect(report.integrations.created).toBeGreaterThan(300);
      expect(await rowCounts(target.url)).toMatchObject({
        team: 40,
        service: 300,
        integration: report.integrations.created,
      });

      expect(same.status).toBe(0);
      const unchanged = JSON.parse(same.stdout);
      expect(unchanged).toMatchObject({ ok: true, changes: [], errors: [] });
      for (const kind of ['teams', 'services', 'integrations', 'schemas'] as const) {
        expect(unchanged[kind]).toEqual({ created: 0, updated: 0, unchanged: report[kind].created });
      }

      expect((await estate(target.url, 'export', '--out', b)).status).toBe(0);
      expect(fs.readFileSync(b, 'utf8')).toBe(fs.readFileSync(a, 'utf8'));
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    // Seven CLI processes and two database loads: minutes on a busy 2-CPU machine, not a minute.
  }, 240_000);

  it('export: to stdout, one team only, without data', async () => {
    const [all, team, extra] = await Promise.all([
      estate(url, 'export'),
      estate(url, 'export', '--team', 'payments-team', '--without-data'),
      estate(url, 'export', 'estate.yaml'),
    ]);
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/^# Estate catalog: 4 teams, 6 services\./);
    expect(all.stdout).toMatch(/^entities:/m);
    expect(team.status).toBe(0);
    expect(team.stdout).toMatch(/^# Estate catalog: 1 team, 2 services\./);
    expect(team.stdout).toContain('key: checkout-api');
    expect(team.stdout).not.toMatch(/entities:/);
    expect(extra.status).toBe(2);
    expect(extra.stderr).toMatch(/export takes no arguments/);
  });
});
