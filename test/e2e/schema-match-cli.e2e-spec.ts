import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../bin/estate.js');
const SCHEMAS = path.resolve(__dirname, '../fixtures/schemas');
const UNIFIED = path.resolve(__dirname, '../fixtures/unified/crm.unified.yaml');

/** `estate schema match` works offline: no DATABASE_URL, no embedded server. */
function match(...args: string[]) {
  const env = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, [CLI, 'schema', 'match', ...args], { env, encoding: 'utf8' });
}

describe('estate schema match', () => {
  it('prints the JSON the evaluation contract names, on stdout only', () => {
    const run = match('--source', path.join(SCHEMAS, 'crm.estate.json'), '--target', UNIFIED, '--top', '3', '--json');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    const byField = new Map<string, any>(output.suggestions.map((s: any) => [`${s.sourceEntity}.${s.sourceField}`, s]));
    expect(byField.get('Lead.Email').candidates[0]).toMatchObject({
      targetEntity: 'crm.Lead',
      targetField: 'email_addresses[].email_address',
      confidence: expect.any(Number),
      reasons: expect.arrayContaining([expect.any(String)]),
    });
    expect(byField.get('Lead.AnnualRevenue').candidates[0].targetField).toBe('annual_revenue');
    expect(byField.get('User.Name').candidates[0]).toMatchObject({ targetEntity: 'crm.User', targetField: 'name' });
    for (const s of output.suggestions) expect(s.candidates.length).toBeLessThanOrEqual(3);
    expect(output.entities.map((e: any) => [e.sourceEntity, e.candidates[0].targetEntity])).toEqual([
      ['Lead', 'crm.Lead'],
      ['User', 'crm.User'],
    ]);
  });

  it('restricts candidates to the entity a source entity is mappedTo', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-match-'));
    const source = path.join(dir, 'source.json');
    fs.writeFileSync(
      source,
      JSON.stringify({
        entities: [{ name: 'Organisation', mappedTo: 'crm.Account', fields: [{ name: 'Id' }, { name: 'Name' }] }],
      }),
    );
    const output = JSON.parse(match('--source', source, '--target', UNIFIED, '--json').stdout);
    const targets = output.suggestions.flatMap((s: any) => s.candidates.map((c: any) => c.targetEntity));
    expect(new Set(targets)).toEqual(new Set(['crm.Account']));
    expect(output.entities).toEqual([]);
  });

  it('reads any importable schema, e.g. OpenAPI, and prints a readable report without --json', () => {
    const run = match('--source', path.join(SCHEMAS, 'crm-openapi-3.1.yaml'), '--target', UNIFIED);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^Account\.created_at {2}→ {2}crm\.Account\.created_at {2}1\.00 {2}same name once normalised/m,
    );
    expect(run.stdout).toMatch(/\d+ of \d+ fields have a suggestion\n$/);
  });

  it('names the file, line and column of a problem, and exits 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-match-'));
    const target = path.join(dir, 'unified.yaml');
    fs.writeFileSync(target, 'entities:\n  - name: crm.Account\n    fields:\n      - { name: id, type: WHATEVER }\n');
    const run = match('--source', path.join(SCHEMAS, 'crm.estate.json'), '--target', target, '--json');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${target}:4:`);
    expect(run.stderr).toMatch(/type/);
    const missing = match('--source', path.join(dir, 'nope.json'), '--target', UNIFIED, '--json');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json/);
  });
});
