import { Client } from 'pg';
import { buildServiceInput, createService, createTeam, UPSERT_SERVICE } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

/** Ownership checks hold while another transaction is changing the same service. */
describe('ownership under concurrent changes', () => {
  let t: TestApp;
  let editorA: string;
  let other: Client;

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'team-a');
    await createTeam(t, 'team-b');
    editorA = (
      await t.gqlOk(`mutation { createApiToken(input: { name: "a", role: EDITOR, team: "team-a" }) { secret } }`)
    ).createApiToken.secret;
    other = new Client({ connectionString: t.databaseUrl });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await t.close();
  });

  const ownerOf = async (key: string) =>
    (
      await t.dataSource.query(
        `SELECT t.key::text AS owner, s.name, s.deleted_at IS NOT NULL AS deleted FROM service s JOIN team t ON t.id = s.owner_team_id WHERE s.key = $1`,
        [key],
      )
    )[0];

  it('an editor cannot take over a service that another team is creating at the same moment', async () => {
    await other.query('BEGIN');
    await other.query(
      `INSERT INTO service (key, name, kind, owner_team_id) SELECT 'victim', 'Victim', 'SAAS', id FROM team WHERE key = 'team-b'`,
    );
    const attempt = t.gqlAs(editorA, UPSERT_SERVICE, {
      input: buildServiceInput({ key: 'victim', name: 'hijacked', ownerTeam: 'team-a' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await other.query('COMMIT');
    const result = await attempt;
    expect(result.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await ownerOf('victim')).toEqual({ owner: 'team-b', name: 'Victim', deleted: false });
    const retry = await t.gqlAs(editorA, UPSERT_SERVICE, {
      input: buildServiceInput({ key: 'victim', name: 'hijacked', ownerTeam: 'team-a' }),
    });
    expect(retry.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('an editor cannot delete a service while another transaction moves it to another team', async () => {
    await createService(t, { key: 'moving', ownerTeam: 'team-a' });
    await other.query('BEGIN');
    await other.query(
      `UPDATE service SET owner_team_id = (SELECT id FROM team WHERE key = 'team-b'), version = version + 1 WHERE key = 'moving'`,
    );
    const attempt = t.gqlAs(editorA, `mutation { deleteService(key: "moving") { key } }`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await other.query('COMMIT');
    const result = await attempt;
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await ownerOf('moving')).toMatchObject({ owner: 'team-b', deleted: false });
  });
});
