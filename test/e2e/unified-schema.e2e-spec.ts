import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { normaliseUnifiedEntity } from '../../src/unified/unified-change-set';
import { parseUnifiedSchema } from '../../src/unified/unified-document';
import { UnifiedSchemaService } from '../../src/unified/unified-schema.service';
import { createTestApp, type TestApp } from '../support/test-app';

const CHANGES = `level dryRun entitiesAdded entitiesRemoved entitiesChanged { entity changes }
  fieldsAdded { entity field } fieldsRemoved { entity field } fieldsChanged { entity field level changes }`;
const PUT = `mutation($entities: [UnifiedEntityInput!]!, $mode: SchemaMode, $dryRun: Boolean) {
  putUnifiedSchema(entities: $entities, mode: $mode, dryRun: $dryRun) { ${CHANGES} } }`;
const IMPORT = `mutation($content: String!, $mode: SchemaMode, $dryRun: Boolean) {
  importUnifiedSchema(content: $content, mode: $mode, dryRun: $dryRun) {
    entityCount fieldCount warnings { message line column pointer } changes { ${CHANGES} } } }`;
const PUBLISH = `mutation($note: String) { publishUnifiedSchema(note: $note) {
  version note publishedAt publishedBy entityCount fieldCount } }`;
const DOCUMENT = `query($version: Int, $format: UnifiedSchemaFormat) {
  unifiedSchemaDocument(version: $version, format: $format) }`;
const CLI = path.resolve(__dirname, '../../bin/estate.js');

const crm = [
  {
    name: 'crm.Account',
    description: 'A company we sell to.',
    synonyms: ['Company', 'Organisation'],
    fields: [
      { name: 'id', type: 'STRING', required: true },
      { name: 'name', type: 'STRING', synonyms: ['companyName'] },
      { name: 'industry', enumValues: ['Banking', 'Retail'] },
      { name: 'addresses[].city' },
    ],
  },
  {
    name: 'crm.Contact',
    fields: [
      { name: 'id', type: 'STRING', required: true },
      { name: 'email', type: 'STRING', piiClass: 'EMAIL' },
    ],
  },
];

describe('unified schema', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const count = async (table: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const fieldIds = async () =>
    new Map<string, string>(
      (
        await t.dataSource.query(
          `SELECT e.name::text || '.' || f.name::text AS name, f.id FROM unified_field f JOIN unified_entity e ON e.id = f.entity_id`,
        )
      ).map((r: any) => [r.name, r.id]),
    );
  const replaceDraft = (entities: unknown[]) => t.gqlOk(PUT, { entities });
  const auditActions = async (action: string) =>
    (
      await t.gqlOk(
        `query($action: String) { auditEvents(first: 100, filter: { targetType: "unified_schema", action: $action }) {
          edges { node { action outcome actorName targetKey changes } } } }`,
        { action },
      )
    ).auditEvents.edges.map((e: any) => e.node);

  beforeAll(async () => {
    t = await createTestApp();
    await t.gqlOk(`mutation { upsertTeam(input: { key: "sales", name: "Sales" }) { outcome } }`);
    for (const [name, input] of Object.entries({
      architect: '{ name: "architect", role: ARCHITECT }',
      editor: '{ name: "sales ci", role: EDITOR, team: "sales" }',
      viewer: '{ name: "viewer", role: VIEWER }',
    })) {
      tokens[name] = (await t.gqlOk(`mutation { createApiToken(input: ${input}) { secret } }`)).createApiToken.secret;
    }
  });
  afterAll(() => t.close());

  describe('putUnifiedSchema and importUnifiedSchema', () => {
    it('a dry run shows the change set and writes nothing; the write is audited once with what it changed', async () => {
      await replaceDraft([]);
      const before = (await auditActions('unified.schema')).length;
      const dry = await t.gqlOk(PUT, { entities: crm, dryRun: true });
      expect(dry.putUnifiedSchema).toMatchObject({
        level: 'MINOR',
        dryRun: true,
        entitiesAdded: ['crm.Account', 'crm.Contact'],
      });
      expect(dry.putUnifiedSchema.fieldsAdded).toHaveLength(6);
      expect(await count('unified_entity')).toBe(0);

      const applied = await t.gqlOk(PUT, { entities: crm });
      expect(applied.putUnifiedSchema).toMatchObject({ level: 'MINOR', dryRun: false });
      expect(await count('unified_field')).toBe(6);
      const again = await t.gqlOk(PUT, { entities: crm });
      expect(again.putUnifiedSchema.level).toBe('NONE');

      const events = await auditActions('unified.schema');
      expect(events).toHaveLength(before + 1);
      expect(events[0]).toMatchObject({
        outcome: 'SUCCESS',
        targetKey: 'draft',
        changes: { schema: { before: null, after: { mode: 'REPLACE', level: 'MINOR', fieldsAdded: 6 } } },
      });
    });

    it('reads entities and fields back in order, by id or by name, and pages fields with cursors', async () => {
      await replaceDraft(crm);
      const list = await t.gqlOk(`{ unifiedEntities { totalCount edges { node { id name description synonyms version
        fields { totalCount edges { node { name type required piiClass enumValues synonyms entity { name } } } } } } } }`);
      expect(list.unifiedEntities.totalCount).toBe(2);
      const [account, contact] = list.unifiedEntities.edges.map((e: any) => e.node);
      expect(account).toMatchObject({ name: 'crm.Account', synonyms: ['Company', 'Organisation'], version: 1 });
      expect(account.fields.edges.map((e: any) => e.node)).toEqual([
        {
          name: 'id',
          type: 'STRING',
          required: true,
          piiClass: null,
          enumValues: [],
          synonyms: [],
          entity: { name: 'crm.Account' },
        },
        {
          name: 'name',
          type: 'STRING',
          required: false,
          piiClass: null,
          enumValues: [],
          synonyms: ['companyName'],
          entity: { name: 'crm.Account' },
        },
        {
          name: 'industry',
          type: 'ENUM',
          required: false,
          piiClass: null,
          enumValues: ['Banking', 'Retail'],
          synonyms: [],
          entity: { name: 'crm.Account' },
        },
        {
          name: 'addresses[].city',
          type: null,
          required: false,
          piiClass: null,
          enumValues: [],
          synonyms: [],
          entity: { name: 'crm.Account' },
        },
      ]);
      expect(contact.fields.edges[1].node).toMatchObject({ name: 'email', piiClass: 'EMAIL' });

      const byName = await t.gqlOk(`{ unifiedEntity(name: "CRM.ACCOUNT") { id } }`);
      expect(byName.unifiedEntity.id).toBe(account.id);
      const byId = await t.gqlOk(`query($id: ID) { unifiedEntity(id: $id) { name } }`, { id: contact.id });
      expect(byId.unifiedEntity.name).toBe('crm.Contact');
      const both = await t.gql(`query($id: ID) { unifiedEntity(id: $id, name: "crm.Contact") { name } }`, {
        id: contact.id,
      });
      expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'id' });
      const neither = await t.gql(`{ unifiedEntity { name } }`);
      expect(neither.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await t.gqlOk(`{ unifiedEntity(name: "crm.Nope") { id } }`)).unifiedEntity).toBeNull();

      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 2; page++) {
        const data: any = await t.gqlOk(
          `query($id: ID, $after: String) { unifiedEntity(id: $id) { fields(first: 3, after: $after) {
            pageInfo { hasNextPage endCursor } edges { node { name } } } } }`,
          { id: account.id, after },
        );
        seen.push(...data.unifiedEntity.fields.edges.map((e: any) => e.node.name));
        expect(data.unifiedEntity.fields.pageInfo.hasNextPage).toBe(page === 0);
        after = data.unifiedEntity.fields.pageInfo.endCursor;
      }
      expect(seen).toEqual(['id', 'name', 'industry', 'addresses[].city']);
    });

    it('finds entities by a piece of their name, a synonym or words of their description', async () => {
      await replaceDraft(crm);
      const search = async (text: string) =>
        (
          await t.gqlOk(
            `query($s: String) { unifiedEntities(filter: { search: $s }) { totalCount edges { node { name } } } }`,
            {
              s: text,
            },
          )
        ).unifiedEntities.edges.map((e: any) => e.node.name);
      expect(await search('contact')).toEqual(['crm.Contact']);
      expect(await search('organis')).toEqual(['crm.Account']);
      expect(await search('sell')).toEqual(['crm.Account']);
      expect(await search('crm.')).toEqual(['crm.Account', 'crm.Contact']);
    });

    it('resolves entities with their fields and each field’s entity in a constant number of statements', async () => {
      await replaceDraft([
        ...crm,
        ...Array.from({ length: 8 }, (_, i) => ({
          name: `hr.E${i}`,
          fields: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
        })),
      ]);
      const query = `{ unifiedEntities(first: 10) { edges { node { name fields(first: 2) { totalCount edges { node { name entity { name } } } } } } } }`;
      // entities, fields per entity, field counts, the fields' entities
      expect(await t.countStatements(() => t.gqlOk(query))).toBe(4);
    });

    it('REPLACE removes what is not given and MERGE keeps it; ids stay, entity versions move', async () => {
      await replaceDraft(crm);
      const before = await fieldIds();
      const changed = structuredClone(crm);
      changed[0].fields = changed[0].fields.filter((f) => f.name !== 'industry');
      changed[0].fields[0] = { ...changed[0].fields[0], type: 'INTEGER' };
      const replaced = await t.gqlOk(PUT, { entities: changed });
      expect(replaced.putUnifiedSchema).toMatchObject({
        level: 'MAJOR',
        fieldsRemoved: [{ entity: 'crm.Account', field: 'industry' }],
        fieldsChanged: [
          {
            entity: 'crm.Account',
            field: 'id',
            level: 'MAJOR',
            changes: { type: { before: 'STRING', after: 'INTEGER' } },
          },
        ],
      });
      const after = await fieldIds();
      expect(after.get('crm.Account.name')).toBe(before.get('crm.Account.name'));
      expect(after.get('crm.Contact.email')).toBe(before.get('crm.Contact.email'));
      expect(after.has('crm.Account.industry')).toBe(false);

      const merged = await t.gqlOk(PUT, {
        mode: 'MERGE',
        entities: [
          { name: 'crm.Lead', fields: [{ name: 'source' }] },
          { name: 'crm.contact', fields: [{ name: 'phone', piiClass: 'PHONE' }] },
        ],
      });
      expect(merged.putUnifiedSchema).toMatchObject({
        level: 'MINOR',
        entitiesAdded: ['crm.Lead'],
        entitiesRemoved: [],
        fieldsRemoved: [],
        entitiesChanged: [
          { entity: 'crm.contact', changes: { name: { before: 'crm.Contact', after: 'crm.contact' } } },
        ],
      });
      const versions = await t.dataSource.query(
        `SELECT name::text AS name, version FROM unified_entity ORDER BY lower(name::text)`,
      );
      expect(versions).toEqual([
        { name: 'crm.Account', version: 2 },
        { name: 'crm.contact', version: 2 },
        { name: 'crm.Lead', version: 1 },
      ]);
      expect((await fieldIds()).get('crm.contact.email')).toBe(before.get('crm.Contact.email'));
    });

    it('imports JSON and YAML documents, with warnings for keys it does not know', async () => {
      await replaceDraft([]);
      const json = '{"entities":[{"name":"crm.Account","fields":[{"name":"addresses[].city"},{"name":"id"}]}]}';
      const fromJson = await t.gqlOk(IMPORT, { content: json });
      expect(fromJson.importUnifiedSchema).toMatchObject({
        entityCount: 1,
        fieldCount: 2,
        warnings: [],
        changes: { level: 'MINOR', entitiesAdded: ['crm.Account'] },
      });
      const yaml = [
        'entities:',
        '  - name: crm.Account',
        '    fields:',
        '      - name: id',
        '        type: string',
        '        required: true',
        '      - name: addresses[].city',
        '  - name: hr.Employee',
        '    owner: people-team',
        '    fields:',
        '      - name: workEmail',
        '        piiClass: email',
      ].join('\n');
      const dry = await t.gqlOk(IMPORT, { content: yaml, dryRun: true });
      expect(dry.importUnifiedSchema.changes).toMatchObject({ dryRun: true, entitiesAdded: ['hr.Employee'] });
      expect(await count('unified_entity')).toBe(1);
      const fromYaml = await t.gqlOk(IMPORT, { content: yaml, mode: 'MERGE' });
      expect(fromYaml.importUnifiedSchema).toMatchObject({
        entityCount: 2,
        fieldCount: 3,
        warnings: [{ message: 'ignored: owner', line: 8, column: 5, pointer: '/entities/1' }],
        changes: {
          level: 'MAJOR', // id became required
          entitiesAdded: ['hr.Employee'],
          fieldsChanged: [{ entity: 'crm.Account', field: 'id', level: 'MAJOR' }],
        },
      });
      const events = await auditActions('unified.schema');
      expect(events[0].changes.schema.after).toMatchObject({ importedFrom: 'YAML document', mode: 'MERGE' });
    });

    it('refuses a document it cannot read with BAD_USER_INPUT naming line, column and pointer, and writes nothing', async () => {
      await replaceDraft(crm);
      const before = await fieldIds();
      const broken =
        '{"entities": [\n  {"name": "crm.Deal", "fields": [\n    {"name": "amount", "type": "money"}\n  ]}\n]}';
      const refused = await t.gql(IMPORT, { content: broken });
      expect(refused.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        path: 'content',
        problems: [
          {
            path: 'content',
            line: 3,
            column: 32,
            pointer: '/entities/0/fields/0/type',
            message: expect.stringMatching(/^line 3, column 32: unknown type "money": use one of STRING/),
          },
        ],
      });
      const syntax = await t.gql(IMPORT, { content: 'entities:\n  - name: [x\n' });
      expect(syntax.errors![0].extensions!.problems[0]).toMatchObject({ path: 'content', line: 3 });
      const duplicate = await t.gql(IMPORT, {
        content: JSON.stringify({
          entities: [
            { name: 'a.B', fields: [] },
            { name: 'A.b', fields: [] },
          ],
        }),
      });
      expect(duplicate.errors![0].extensions!.problems[0]).toMatchObject({ pointer: '/entities/1/name', line: 1 });
      expect(await fieldIds()).toEqual(before);
    });

    it('names bad input by its path and bounds what one write takes', async () => {
      const bad = await t.gql(PUT, {
        entities: [
          { name: 'crm.Account', fields: [{ name: 'id' }, { name: 'first name' }, { name: 'ID' }] },
          { name: ' ', fields: [{ name: 'x', synonyms: [''] }] },
        ],
      });
      expect(bad.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        path: 'entities[0].fields[1].name',
        problems: [
          { path: 'entities[0].fields[1].name', message: expect.stringMatching(/dotted path/) },
          { path: 'entities[0].fields[2].name', message: 'duplicates fields[0] (names are case-insensitive)' },
          { path: 'entities[1].name', message: 'must not be blank' },
          { path: 'entities[1].fields[0].synonyms[0]', message: 'must not be blank' },
        ],
      });
      const wrongType = await t.gql(PUT, { entities: [{ name: 'a.B', fields: [{ name: 'x', type: 'MONEY' }] }] });
      expect(wrongType.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      const tooMany = await t.gql(PUT, {
        entities: Array.from({ length: 11 }, (_, i) => ({
          name: `big.E${i}`,
          fields: Array.from({ length: 2_000 }, (_, j) => ({ name: `f${j}` })),
        })),
      });
      expect(tooMany.errors![0].extensions!.problems).toEqual([
        { path: 'entities', message: 'at most 20000 fields in all (got 22000)' },
      ]);
    });

    it('writes all or nothing: a failure half-way leaves the draft as it was and records nothing', async () => {
      await replaceDraft(crm);
      const before = { fields: await fieldIds(), events: (await auditActions('unified.schema')).length };
      // The last statement of the write fails: the entity inserted before it must go too.
      await t.dataSource.query(`
        CREATE FUNCTION test_refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.name = 'boom' THEN RAISE EXCEPTION 'boom' USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$`);
      await t.dataSource.query(
        `CREATE TRIGGER test_refuse_boom BEFORE INSERT ON unified_field FOR EACH ROW EXECUTE FUNCTION test_refuse_boom()`,
      );
      try {
        const failed = await t.gql(PUT, {
          entities: [
            { name: 'crm.Deal', fields: [{ name: 'amount' }] },
            { name: 'crm.Account', fields: [{ name: 'boom' }] },
          ],
        });
        expect(failed.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      } finally {
        await t.dataSource.query(`DROP TRIGGER test_refuse_boom ON unified_field; DROP FUNCTION test_refuse_boom()`);
      }
      expect(await fieldIds()).toEqual(before.fields);
      expect(await t.dataSource.query(`SELECT 1 FROM unified_entity WHERE name = 'crm.Deal'`)).toEqual([]);
      expect(await auditActions('unified.schema')).toHaveLength(before.events);
    });

    it('deletes an entity or a field through the same path, audited; unknown ids are NOT_FOUND', async () => {
      await replaceDraft(crm);
      const ids = await fieldIds();
      const account = (await t.gqlOk(`{ unifiedEntity(name: "crm.Account") { id } }`)).unifiedEntity.id;
      const field = await t.gqlOk(`mutation($id: ID!) { deleteUnifiedField(id: $id) { ${CHANGES} } }`, {
        id: ids.get('crm.Contact.email'),
      });
      expect(field.deleteUnifiedField).toMatchObject({
        level: 'MAJOR',
        fieldsRemoved: [{ entity: 'crm.Contact', field: 'email' }],
      });
      const entity = await t.gqlOk(`mutation($id: ID!) { deleteUnifiedEntity(id: $id) { ${CHANGES} } }`, {
        id: account,
      });
      expect(entity.deleteUnifiedEntity).toMatchObject({ entitiesRemoved: ['crm.Account'] });
      expect(entity.deleteUnifiedEntity.fieldsRemoved).toHaveLength(4);
      expect([...(await fieldIds()).keys()]).toEqual(['crm.Contact.id']);
      expect(
        (await t.dataSource.query(`SELECT version FROM unified_entity WHERE name = 'crm.Contact'`))[0].version,
      ).toBe(2);

      const gone = await t.gql(`mutation($id: ID!) { deleteUnifiedEntity(id: $id) { level } }`, { id: account });
      expect(gone.errors![0].extensions!.code).toBe('NOT_FOUND');
      const malformed = await t.gql(`mutation { deleteUnifiedField(id: "nope") { level } }`);
      expect(malformed.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'id' });
      expect((await auditActions('unified.delete')).map((e: any) => e.changes.schema.after.level)).toEqual([
        'MAJOR',
        'MAJOR',
      ]);
    });
  });

  describe('publishing', () => {
    it('freezes the draft as version 1, 2, …; an old version exports as it was while the draft moves on', async () => {
      await replaceDraft([]);
      const empty = await t.gql(PUBLISH);
      expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'draft' });

      await replaceDraft(crm);
      const draftV1 = (await t.gqlOk(DOCUMENT, { format: 'YAML' })).unifiedSchemaDocument;
      const v1 = (await t.gqlOk(PUBLISH, { note: '  CRM core  ' })).publishUnifiedSchema;
      expect(v1).toMatchObject({
        version: 1,
        note: 'CRM core',
        publishedBy: 'ESTATE_ADMIN_TOKEN',
        entityCount: 2,
        fieldCount: 6,
      });

      const stored = (await t.dataSource.query(`SELECT snapshot FROM unified_schema_version WHERE version = 1`))[0]
        .snapshot;
      const ids = await fieldIds();
      expect(stored.entities[0].fields.find((f: any) => f.name === 'name').id).toBe(ids.get('crm.Account.name'));
      const service = t.app.get(UnifiedSchemaService);
      expect(await service.draft()).toEqual(stored);
      expect(await service.latestPublishedVersion()).toBe(1);

      const noChange = await t.gql(PUBLISH);
      expect(noChange.errors![0].extensions).toMatchObject({ code: 'CONFLICT', version: 1 });

      await t.gqlOk(PUT, { mode: 'MERGE', entities: [{ name: 'crm.Lead', fields: [{ name: 'source' }] }] });
      const exported = (await t.gqlOk(DOCUMENT, { version: 1, format: 'YAML' })).unifiedSchemaDocument;
      expect(exported).toBe(draftV1);
      const withoutIds = stored.entities.map(({ id: _id, fields, ...entity }: any) => ({
        ...entity,
        fields: fields.map(({ id: _fieldId, ...field }: any) => field),
      }));
      expect(parseUnifiedSchema(exported).schema.entities.map(normaliseUnifiedEntity)).toEqual(withoutIds);
      const draft = (await t.gqlOk(DOCUMENT)).unifiedSchemaDocument;
      expect(JSON.parse(draft).entities.map((e: any) => e.name)).toEqual(['crm.Account', 'crm.Contact', 'crm.Lead']);

      const v2 = (await t.gqlOk(PUBLISH)).publishUnifiedSchema;
      expect(v2).toMatchObject({ version: 2, note: null, entityCount: 3, fieldCount: 7 });
      expect(await service.latestPublishedVersion()).toBe(2);

      const first = await t.gqlOk(
        `{ unifiedSchemaVersions(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { version } } } }`,
      );
      expect(first.unifiedSchemaVersions).toMatchObject({
        totalCount: 2,
        pageInfo: { hasNextPage: true },
        edges: [{ node: { version: 2 } }],
      });
      const next = await t.gqlOk(
        `query($after: String) { unifiedSchemaVersions(first: 5, after: $after) {
        pageInfo { hasNextPage hasPreviousPage } edges { node { version note } } } }`,
        {
          after: first.unifiedSchemaVersions.pageInfo.endCursor,
        },
      );
      expect(next.unifiedSchemaVersions).toEqual({
        pageInfo: { hasNextPage: false, hasPreviousPage: true },
        edges: [{ node: { version: 1, note: 'CRM core' } }],
      });

      const unknown = await t.gql(DOCUMENT, { version: 99 });
      expect(unknown.errors![0].extensions!.code).toBe('NOT_FOUND');
      await expect(t.dataSource.query(`UPDATE unified_schema_version SET note = 'x'`)).rejects.toThrow(
        /cannot be changed/,
      );

      const published = await auditActions('unified.publish');
      expect(published.map((e: any) => [e.targetKey, e.changes.version])).toEqual([
        ['v2', { before: 1, after: 2 }],
        ['v1', { before: null, after: 1 }],
      ]);
    });

    it('publishes once when two publish the same draft at the same time', async () => {
      await t.gqlOk(PUT, { mode: 'MERGE', entities: [{ name: 'crm.Case', fields: [{ name: 'subject' }] }] });
      const before = await count('unified_schema_version');
      const outcomes = await Promise.all([t.gql(PUBLISH), t.gql(PUBLISH)]);
      expect(outcomes.map((o) => o.errors?.[0].extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
      expect(await count('unified_schema_version')).toBe(before + 1);
    });
  });

  describe('who may change it', () => {
    const writes: Record<string, (token: string) => Promise<any>> = {
      putUnifiedSchema: (token) => t.gqlAs(token, PUT, { entities: crm, mode: 'MERGE' }),
      importUnifiedSchema: (token) => t.gqlAs(token, IMPORT, { content: '{"entities": []}', mode: 'MERGE' }),
      publishUnifiedSchema: (token) => t.gqlAs(token, PUBLISH),
      deleteUnifiedEntity: (token) =>
        t.gqlAs(token, `mutation { deleteUnifiedEntity(id: "00000000-0000-4000-8000-000000000000") { level } }`),
    };

    it.each(['viewer', 'editor'])(
      'refuses a %s every write (FORBIDDEN, recorded) and lets it read',
      async (persona) => {
        await replaceDraft(crm);
        const before = { fields: await fieldIds(), versions: await count('unified_schema_version') };
        const deniedBefore = (
          await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'DENIED'`)
        )[0].n;
        for (const [operation, write] of Object.entries(writes)) {
          const refused = await write(tokens[persona]);
          expect([operation, refused.errors?.[0].extensions?.code]).toEqual([operation, 'FORBIDDEN']);
        }
        expect(await fieldIds()).toEqual(before.fields);
        expect(await count('unified_schema_version')).toBe(before.versions);
        const denied = await t.dataSource.query(
          `SELECT action FROM audit_event WHERE outcome = 'DENIED' ORDER BY occurred_at DESC LIMIT 4`,
        );
        expect(
          (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'DENIED'`))[0].n,
        ).toBe(deniedBefore + 4);
        expect(denied.map((r: any) => r.action).sort()).toEqual(Object.keys(writes).sort());
        const read = await t.gqlAs(
          tokens[persona],
          `{ unifiedEntities { totalCount } unifiedSchemaVersions { totalCount } }`,
        );
        expect(read.errors).toBeUndefined();
        expect(read.data!.unifiedEntities.totalCount).toBe(2);
      },
    );

    it('lets an architect change and publish it, in the architect’s name', async () => {
      await replaceDraft(crm);
      const put = await t.gqlAs(tokens.architect, PUT, {
        mode: 'MERGE',
        entities: [{ name: 'fin.Invoice', fields: [{ name: 'total', type: 'DECIMAL' }] }],
      });
      expect(put.errors).toBeUndefined();
      const published = await t.gqlAs(tokens.architect, PUBLISH, { note: 'invoices' });
      expect(published.errors).toBeUndefined();
      expect(published.data!.publishUnifiedSchema.publishedBy).toBe('architect');
      const [event] = await auditActions('unified.publish');
      expect(event).toMatchObject({ actorName: 'architect', outcome: 'SUCCESS' });
    });
  });

  describe('estate unified (CLI)', () => {
    let dir: string;
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, 'unified', ...args], {
        env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      });
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-unified-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('imports a document (a dry run writes nothing) and exports the draft or a version, to stdout or a file', async () => {
      await replaceDraft([]);
      const file = path.join(dir, 'unified.yaml');
      fs.writeFileSync(
        file,
        'entities:\n  - name: crm.Account\n    fields:\n      - name: id\n      - name: addresses[].city\n',
      );
      const dry = cli('import', file, '--dry-run');
      expect(dry.status).toBe(0);
      expect(dry.stderr).toContain('read unified.yaml: 1 entities, 2 fields');
      expect(dry.stdout).toContain('unified schema draft (REPLACE): change level MINOR; 1 entities added');
      expect(dry.stdout).toContain('dry run: nothing was written');
      expect(await count('unified_entity')).toBe(0);

      expect(cli('import', file).status).toBe(0);
      expect([...(await fieldIds()).keys()].sort()).toEqual(['crm.Account.addresses[].city', 'crm.Account.id']);
      const { version } = (await t.gqlOk(PUBLISH)).publishUnifiedSchema;
      const merged = cli('import', file.replace('unified.yaml', 'lead.json'), '--mode', 'merge');
      expect(merged.stderr).toContain('no such file');
      fs.writeFileSync(path.join(dir, 'lead.json'), '{"entities": [{"name": "crm.Lead", "fields": []}]}');
      expect(cli('import', path.join(dir, 'lead.json'), '--mode', 'merge').status).toBe(0);

      const draft = cli('export', '--format', 'yaml');
      expect(draft.status).toBe(0);
      expect(draft.stdout).toBe((await t.gqlOk(DOCUMENT, { format: 'YAML' })).unifiedSchemaDocument);
      const out = path.join(dir, `v${version}.json`);
      const frozen = cli('export', '--version', String(version), '--out', out);
      expect(frozen.status).toBe(0);
      expect(JSON.parse(fs.readFileSync(out, 'utf8')).entities.map((e: any) => e.name)).toEqual(['crm.Account']);
      const missing = cli('export', '--version', '999');
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('Unified schema version "999" does not exist');
    });

    it('prints each problem as file:line:column and exits non-zero, writing nothing', async () => {
      const before = await fieldIds();
      const file = path.join(dir, 'broken.yaml');
      fs.writeFileSync(file, 'entities:\n  - name: crm.Deal\n    fields:\n      - name: amount\n        type: money\n');
      const result = cli('import', file);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`${file}:5:15: unknown type "money"`);
      expect(result.stderr).toContain('nothing was written');
      expect(await fieldIds()).toEqual(before);
    });
  });
});
