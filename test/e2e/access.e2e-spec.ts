import { PERMISSION_KEY, PUBLIC_KEY } from '../../src/auth/access.decorators';
import { SCHEMA_RESOLVERS } from '../../src/common/graphql/schema-printer';
import { buildServiceInput, createService, createTeam } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const CREATE_TOKEN = `mutation($input: ApiTokenInput!) { createApiToken(input: $input) { secret token { id prefix role team } } }`;

describe('every root resolver declares who may call it', () => {
  it('each Query and Mutation method carries @Requires or @Public (the guard refuses the rest)', () => {
    const undeclared: string[] = [];
    let roots = 0;
    for (const resolver of SCHEMA_RESOLVERS) {
      const proto = resolver.prototype as unknown as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const method = proto[name];
        if (typeof method !== 'function') continue;
        const kind: unknown = Reflect.getMetadata('graphql:resolver_type', method);
        if (kind !== 'Query' && kind !== 'Mutation') continue;
        roots++;
        const declared =
          Reflect.getMetadata(PERMISSION_KEY, method) !== undefined ||
          Reflect.getMetadata(PUBLIC_KEY, method) !== undefined ||
          Reflect.getMetadata(PERMISSION_KEY, resolver) !== undefined;
        if (!declared) undeclared.push(`${resolver.name}.${name}`);
      }
    }
    expect(roots).toBeGreaterThan(15);
    expect(undeclared).toEqual([]);
  });
});

describe('persona × operation', () => {
  let t: TestApp;
  const tokens: Record<string, string | null> = {};

  async function token(input: object): Promise<string> {
    const data = await t.gqlOk(CREATE_TOKEN, { input });
    return data.createApiToken.secret as string;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'sales');
    await createTeam(t, 'hr');
    tokens.admin = await token({ name: 'admin', role: 'ADMIN' });
    tokens.ownerEditor = await token({ name: 'sales ci', role: 'EDITOR', team: 'sales' });
    tokens.otherEditor = await token({ name: 'hr ci', role: 'EDITOR', team: 'HR' });
    tokens.architect = await token({ name: 'architect', role: 'ARCHITECT' });
    tokens.viewer = await token({ name: 'viewer', role: 'VIEWER' });
    tokens.anonymous = null;
  });
  afterAll(() => t.close());

  let n = 0;
  const fresh = async () => {
    const key = `sales-svc-${++n}`;
    await createService(t, { key, ownerTeam: 'sales' });
    return key;
  };
  const row = async (key: string) =>
    (
      await t.dataSource.query(
        `SELECT s.version, s.name, s.deleted_at IS NOT NULL AS deleted, t.key::text AS owner
         FROM service s JOIN team t ON t.id = s.owner_team_id WHERE s.key = $1`,
        [key],
      )
    )[0];
  const serviceCount = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM service`))[0].n;

  type Outcome = 'OK' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'REFUSED_ROWS';
  const code = (body: { errors?: { extensions?: { code?: string } }[] }): Outcome =>
    (body.errors?.[0]?.extensions?.code as Outcome | undefined) ?? 'OK';

  /** Each operation returns its outcome; `unchanged` checks that a refusal left everything as it was. */
  const operations: Record<string, (as: string | null) => Promise<Outcome>> = {
    read: async (as) =>
      code(await t.gqlAs(as, `{ services(first: 5) { totalCount edges { node { ownerTeam { key } } } } }`)),
    create: async (as) => {
      const before = await serviceCount();
      const key = `new-${++n}`;
      const outcome = code(
        await t.gqlAs(as, `mutation($i: ServiceInput!) { upsertService(input: $i) { outcome } }`, {
          i: buildServiceInput({ key, ownerTeam: 'sales' }),
        }),
      );
      if (outcome !== 'OK') expect(await serviceCount()).toBe(before);
      return outcome;
    },
    update: async (as) => {
      const key = await fresh();
      const before = await row(key);
      const outcome = code(
        await t.gqlAs(
          as,
          `mutation($k: String!) { updateService(key: $k, expectedVersion: 1, patch: { name: "X" }) { outcome } }`,
          {
            k: key,
          },
        ),
      );
      if (outcome !== 'OK') expect(await row(key)).toEqual(before);
      return outcome;
    },
    delete: async (as) => {
      const key = await fresh();
      const before = await row(key);
      const outcome = code(await t.gqlAs(as, `mutation($k: String!) { deleteService(key: $k) { key } }`, { k: key }));
      if (outcome !== 'OK') expect(await row(key)).toEqual(before);
      return outcome;
    },
    changeOwner: async (as) => {
      const key = await fresh();
      const before = await row(key);
      const outcome = code(
        await t.gqlAs(
          as,
          `mutation($k: String!) { updateService(key: $k, expectedVersion: 1, patch: { ownerTeam: "hr" }) { outcome } }`,
          { k: key },
        ),
      );
      if (outcome !== 'OK') expect(await row(key)).toEqual(before);
      return outcome;
    },
    bulkImport: async (as) => {
      const existing = await fresh();
      const before = { count: await serviceCount(), existing: await row(existing) };
      const rows = [
        buildServiceInput({ key: existing, ownerTeam: 'sales', name: 'Changed by import' }),
        buildServiceInput({ key: `bulk-${++n}`, ownerTeam: 'sales' }),
      ];
      const body = await t.gqlAs(
        as,
        `mutation($r: [ServiceInput!]!) { importServices(input: $r) { ok errors { index path message } } }`,
        { r: rows },
      );
      const outcome = code(body);
      const refusedRows = outcome === 'OK' && body.data?.importServices.ok === false;
      if (outcome !== 'OK' || refusedRows) {
        expect(await serviceCount()).toBe(before.count);
        expect(await row(existing)).toEqual(before.existing);
      }
      return refusedRows ? 'REFUSED_ROWS' : outcome;
    },
    tokenAdmin: async (as) => {
      const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM api_token`))[0].n;
      const outcome = code(await t.gqlAs(as, CREATE_TOKEN, { input: { name: 'escalate', role: 'ADMIN' } }));
      if (outcome !== 'OK') {
        expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM api_token`))[0].n).toBe(before);
      }
      return outcome;
    },
  };

  const expected: Record<string, Record<string, Outcome>> = {
    admin: {
      read: 'OK',
      create: 'OK',
      update: 'OK',
      delete: 'OK',
      changeOwner: 'OK',
      bulkImport: 'OK',
      tokenAdmin: 'OK',
    },
    ownerEditor: {
      read: 'OK',
      create: 'OK',
      update: 'OK',
      delete: 'OK',
      changeOwner: 'FORBIDDEN',
      bulkImport: 'OK',
      tokenAdmin: 'FORBIDDEN',
    },
    otherEditor: {
      read: 'OK',
      create: 'FORBIDDEN',
      update: 'FORBIDDEN',
      delete: 'FORBIDDEN',
      changeOwner: 'FORBIDDEN',
      bulkImport: 'REFUSED_ROWS',
      tokenAdmin: 'FORBIDDEN',
    },
    architect: {
      read: 'OK',
      create: 'FORBIDDEN',
      update: 'FORBIDDEN',
      delete: 'FORBIDDEN',
      changeOwner: 'FORBIDDEN',
      bulkImport: 'FORBIDDEN',
      tokenAdmin: 'FORBIDDEN',
    },
    viewer: {
      read: 'OK',
      create: 'FORBIDDEN',
      update: 'FORBIDDEN',
      delete: 'FORBIDDEN',
      changeOwner: 'FORBIDDEN',
      bulkImport: 'FORBIDDEN',
      tokenAdmin: 'FORBIDDEN',
    },
    anonymous: {
      read: 'UNAUTHENTICATED',
      create: 'UNAUTHENTICATED',
      update: 'UNAUTHENTICATED',
      delete: 'UNAUTHENTICATED',
      changeOwner: 'UNAUTHENTICATED',
      bulkImport: 'UNAUTHENTICATED',
      tokenAdmin: 'UNAUTHENTICATED',
    },
  };

  const deniedEvents = async () =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'DENIED'`))[0].n as number;

  it('gives each persona exactly the expected outcome for each operation; refusals change nothing and are audited', async () => {
    const actual: Record<string, Record<string, Outcome>> = {};
    const unaudited: string[] = [];
    for (const persona of Object.keys(expected)) {
      actual[persona] = {};
      for (const [operation, run] of Object.entries(operations)) {
        const before = await deniedEvents();
        const outcome = await run(tokens[persona]);
        actual[persona][operation] = outcome;
        const refused = outcome !== 'OK';
        const audited = (await deniedEvents()) - before;
        if (refused ? audited !== 1 : audited !== 0)
          unaudited.push(`${persona}.${operation}: ${audited} DENIED events`);
      }
    }
    expect(actual).toEqual(expected);
    expect(unaudited).toEqual([]);
  });

  it('an editor cannot take over another team’s service by upserting its key, nor import rows of another team', async () => {
    await createService(t, { key: 'hr-payroll', ownerTeam: 'hr' });
    const takeover = await t.gqlAs(
      tokens.ownerEditor,
      `mutation($i: ServiceInput!) { upsertService(input: $i) { outcome } }`,
      { i: buildServiceInput({ key: 'HR-PAYROLL', ownerTeam: 'sales' }) },
    );
    expect(takeover.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(takeover.errors?.[0].message).toContain('belongs to team "hr"');
    expect((await row('hr-payroll')).owner).toBe('hr');

    const report = await t.gqlAs(
      tokens.ownerEditor,
      `mutation($r: [ServiceInput!]!) { importServices(input: $r) { ok errors { index path message } } }`,
      { r: [buildServiceInput({ key: `ok-${++n}`, ownerTeam: 'sales' }), buildServiceInput({ ownerTeam: 'hr' })] },
    );
    expect(report.data?.importServices.ok).toBe(false);
    expect(report.data?.importServices.errors).toEqual([
      { index: 1, path: 'ownerTeam', message: expect.stringContaining('own team only') },
    ]);
  });

  it('an editor records integrations of its own services, not between two other teams’ services', async () => {
    await createTeam(t, 'finance');
    await createService(t, { key: 'crm', ownerTeam: 'sales' });
    await createService(t, { key: 'hris', ownerTeam: 'hr' });
    await createService(t, { key: 'ledger', ownerTeam: 'finance' });
    const upsert = (source: string, target: string) =>
      t.gqlAs(
        tokens.ownerEditor,
        `mutation($i: IntegrationInput!) { upsertIntegration(input: $i) { outcome integration { id } } }`,
        {
          i: { source, target, mechanism: 'API' },
        },
      );
    expect(code(await upsert('crm', 'hris'))).toBe('OK');
    expect(code(await upsert('hris', 'crm'))).toBe('OK');
    const between = await upsert('hris', 'ledger');
    expect(code(between)).toBe('FORBIDDEN');
    expect(between.errors?.[0].message).toContain('neither end belongs to team "sales"');

    const foreign = await t.gqlOk(
      `mutation { upsertIntegration(input: { source: "hris", target: "ledger", mechanism: FILE }) { integration { id } } }`,
    );
    const removal = await t.gqlAs(tokens.ownerEditor, `mutation($id: ID!) { deleteIntegration(id: $id) { id } }`, {
      id: foreign.upsertIntegration.integration.id,
    });
    expect(code(removal)).toBe('FORBIDDEN');
  });

  it('tokens: shown once, stored hashed, listed without secrets, revocable, expiring; bad headers are refused', async () => {
    const created = await t.gqlOk(CREATE_TOKEN, { input: { name: 'short-lived', role: 'VIEWER' } });
    const { secret, token } = created.createApiToken;
    expect(secret.startsWith(token.prefix)).toBe(true);
    const stored = await t.dataSource.query(`SELECT * FROM api_token WHERE id = $1`, [token.id]);
    expect(JSON.stringify(stored)).not.toContain(secret);
    const listed = await t.gqlOk(`{ apiTokens { id name prefix } }`);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect((await t.gqlAs(secret, `{ me { name role team } }`)).data?.me).toEqual({
      name: 'short-lived',
      role: 'VIEWER',
      team: null,
    });

    const revokedToken = await t.gqlOk(`mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt role } }`, {
      id: token.id,
    });
    expect(revokedToken.revokeApiToken.revokedAt).not.toBeNull();
    const editorToken = await t.gqlOk(CREATE_TOKEN, { input: { name: 'to revoke', role: 'EDITOR', team: 'sales' } });
    const revokedEditor = await t.gqlOk(`mutation($id: ID!) { revokeApiToken(id: $id) { team } }`, {
      id: editorToken.createApiToken.token.id,
    });
    expect(revokedEditor.revokeApiToken.team).toBe('sales');
    const revoked = await t.gqlAs(secret, `{ me { name } }`);
    expect(revoked.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(revoked.errors?.[0].message).toContain('revoked');

    const expiring = await t.gqlOk(CREATE_TOKEN, {
      input: { name: 'expiring', role: 'VIEWER', expiresAt: new Date(Date.now() + 1500).toISOString() },
    });
    await t.dataSource.query(`UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      expiring.createApiToken.token.id,
    ]);
    const expired = await t.gqlAs(expiring.createApiToken.secret, `{ me { name } }`);
    expect(expired.errors?.[0].message).toContain('expired');

    const unknown = await t.gqlAs('est_not-a-real-token', `{ me { name } }`);
    expect(unknown.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const editorWithoutTeam = await t.gql(CREATE_TOKEN, { input: { name: 'x', role: 'EDITOR' } });
    expect(editorWithoutTeam.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'input.team' });

    // Found by fuzzing: an id that is not a UUID used to reach SQL (a pathless "wrong format" error).
    const notAnId = await t.gql(`mutation { revokeApiToken(id: "") { id } }`);
    expect(notAnId.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'id' });
  });
});

describe('anonymous reads when ESTATE_ANONYMOUS_READ=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ESTATE_ANONYMOUS_READ: 'true' } });
    await createTeam(t, 'sales');
  });
  afterAll(() => t.close());

  it('lets anonymous callers read, never write', async () => {
    const read = await t.gqlAs(null, `{ teams { totalCount } }`);
    expect(read.data?.teams.totalCount).toBe(1);
    const write = await t.gqlAs(null, `mutation { upsertTeam(input: { key: "x", name: "X" }) { outcome } }`);
    expect(write.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
