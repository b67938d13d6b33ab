import { createService, createTeam } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const PUT = `mutation($key: String!, $entities: [DataEntityInput!]!, $mode: SchemaMode, $dryRun: Boolean) {
  putServiceSchema(serviceKey: $key, entities: $entities, mode: $mode, dryRun: $dryRun) {
    level dryRun entitiesAdded entitiesRemoved fieldsAdded { entity field } fieldsRemoved { entity field }
    fieldsChanged { entity field level changes } } }`;

const salesforce = [
  {
    name: 'Account',
    description: 'A company',
    recordCount: 3_500_000_000,
    fields: [
      { name: 'Id', sourceType: 'id', identifier: true, nullable: false },
      { name: 'Name', sourceType: 'string', nullable: false },
      { name: 'Industry', sourceType: 'picklist', enumValues: ['Banking', 'Retail'] },
    ],
  },
  {
    name: 'Contact',
    fields: [
      { name: 'Id', sourceType: 'id', identifier: true },
      { name: 'Email', sourceType: 'email', description: 'Work e-mail' },
      { name: 'MailingStreet', sourceType: 'textarea' },
      { name: 'AccountId', sourceType: 'reference', referenceTarget: 'Account' },
    ],
  },
];

describe('service data: entities and fields', () => {
  let t: TestApp;
  let editor: string;

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'sales');
    await createTeam(t, 'hr');
    await createService(t, { key: 'salesforce', ownerTeam: 'sales' });
    await createService(t, { key: 'workday', ownerTeam: 'hr' });
    editor = (await t.gqlOk(`mutation { createApiToken(input: { name: "hr", role: EDITOR, team: "hr" }) { secret } }`))
      .createApiToken.secret;
  });
  afterAll(() => t.close());

  it('a dry run shows the change set and writes nothing; the real run writes it and is audited once', async () => {
    const dry = await t.gqlOk(PUT, { key: 'salesforce', entities: salesforce, dryRun: true });
    expect(dry.putServiceSchema).toMatchObject({ level: 'MINOR', dryRun: true, entitiesAdded: ['Account', 'Contact'] });
    expect(dry.putServiceSchema.fieldsAdded).toHaveLength(7);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM data_field`))[0].n).toBe(0);

    const applied = await t.gqlOk(PUT, { key: 'SALESFORCE', entities: salesforce });
    expect(applied.putServiceSchema).toMatchObject({ level: 'MINOR', dryRun: false });
    const again = await t.gqlOk(PUT, { key: 'salesforce', entities: salesforce });
    expect(again.putServiceSchema.level).toBe('NONE');
    const events = await t.gqlOk(`{ auditEvents(filter: { action: "service.schema" }) { totalCount } }`);
    expect(events.auditEvents.totalCount).toBe(1);
  });

  it('reads entities and fields in order, with types, identifiers and personal data classified with reasons', async () => {
    const data = await t.gqlOk(`{ service(key: "salesforce") { entities { totalCount edges { node {
      name recordCount containsPii identifierFields
      fields { totalCount edges { node { name type nullable identifier enumValues referenceTarget piiClass piiReason } } } } } } } }`);
    const [account, contact] = data.service.entities.edges.map((e: any) => e.node);
    expect(data.service.entities.totalCount).toBe(2);
    expect(account).toMatchObject({
      name: 'Account',
      recordCount: 3_500_000_000,
      containsPii: false,
      identifierFields: ['Id'],
    });
    expect(account.fields.edges.map((e: any) => [e.node.name, e.node.type])).toEqual([
      ['Id', 'REFERENCE'],
      ['Name', 'STRING'],
      ['Industry', 'ENUM'],
    ]);
    const email = contact.fields.edges.find((e: any) => e.node.name === 'Email').node;
    expect(email).toMatchObject({ piiClass: 'EMAIL', piiReason: 'name "Email" contains "email"' });
    expect(contact.containsPii).toBe(true);
  });

  it('keeps field ids when a schema changes, and reports MAJOR for a removed field or a changed type', async () => {
    const ids = async () =>
      new Map(
        (await t.dataSource.query(`SELECT f.name::text AS name, f.id FROM data_field f`)).map((r: any) => [
          r.name,
          r.id,
        ]),
      );
    const before = await ids();
    const changed = structuredClone(salesforce);
    changed[0].fields = changed[0].fields.filter((f) => f.name !== 'Industry');
    changed[1].fields[2] = { ...changed[1].fields[2], sourceType: 'string', description: 'Street' } as any;
    const result = await t.gqlOk(PUT, { key: 'salesforce', entities: changed });
    expect(result.putServiceSchema.level).toBe('MAJOR');
    expect(result.putServiceSchema.fieldsRemoved).toEqual([{ entity: 'Account', field: 'Industry' }]);
    expect(result.putServiceSchema.fieldsChanged[0]).toMatchObject({
      entity: 'Contact',
      field: 'MailingStreet',
      level: 'MAJOR',
    });
    const after = await ids();
    expect(after.get('Email')).toBe(before.get('Email'));
    expect(after.has('Industry')).toBe(false);

    const merged = await t.gqlOk(PUT, {
      key: 'salesforce',
      mode: 'MERGE',
      entities: [{ name: 'Lead', fields: [{ name: 'Phone' }] }],
    });
    expect(merged.putServiceSchema).toMatchObject({ level: 'MINOR', entitiesAdded: ['Lead'], entitiesRemoved: [] });
  });

  it('finds every field anywhere that looks like an email address', async () => {
    await t.gqlOk(PUT, {
      key: 'workday',
      entities: [
        {
          name: 'Worker',
          fields: [
            { name: 'workEmail' },
            { name: 'person.legalName.givenName' },
            { name: 'hireDate', sourceType: 'date' },
          ],
        },
      ],
    });
    const byClass = await t.gqlOk(
      `{ dataFields(filter: { piiClass: [EMAIL] }) { totalCount edges { node { name entity { name service { key } } } } } }`,
    );
    expect(
      byClass.dataFields.edges.map((e: any) => `${e.node.entity.service.key}.${e.node.entity.name}.${e.node.name}`),
    ).toEqual(['salesforce.Contact.Email', 'workday.Worker.workEmail']);
    const bySearch = await t.gqlOk(`{ dataFields(filter: { search: "mail" }) { totalCount } }`);
    expect(bySearch.dataFields.totalCount).toBe(3); // Email, MailingStreet, workEmail
    const dates = await t.gqlOk(
      `{ dataFields(filter: { type: [DATE], serviceKey: ["WORKDAY"] }) { edges { node { name } } } }`,
    );
    expect(dates.dataFields.edges.map((e: any) => e.node.name)).toEqual(['hireDate']);
  });

  it('names bad input by path and writes nothing; editors change their own team’s services only', async () => {
    const dup = await t.gql(PUT, {
      key: 'workday',
      entities: [{ name: 'Worker', fields: [{ name: 'Id' }, { name: 'ID' }] }],
    });
    expect(dup.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'entities[0].fields[1].name' });
    const missing = await t.gql(PUT, { key: 'nope', entities: [] });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const own = await t.gqlAs(editor, PUT, {
      key: 'workday',
      mode: 'MERGE',
      entities: [{ name: 'Position', fields: [{ name: 'title' }] }],
    });
    expect(own.errors).toBeUndefined();
    const foreign = await t.gqlAs(editor, PUT, { key: 'salesforce', entities: [] });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const entities = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM data_entity e JOIN service s ON s.id = e.service_id WHERE s.key = 'salesforce'`,
    );
    expect(entities[0].n).toBe(3);
  });

  it('pages fields in their order with cursors, past position 9', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `field${String.fromCharCode(97 + ((i * 5) % 12))}${i}`);
    await t.gqlOk(PUT, {
      key: 'workday',
      mode: 'MERGE',
      entities: [{ name: 'Long', fields: names.map((name) => ({ name })) }],
    });
    const entity = await t.gqlOk(`{ service(key: "workday") { entities(first: 10) { edges { node { id name } } } } }`);
    const id = entity.service.entities.edges.find((e: any) => e.node.name === 'Long').node.id;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const data: any = await t.gqlOk(
        `query($id: ID!, $after: String) { dataEntity(id: $id) { fields(first: 5, after: $after) {
          pageInfo { hasNextPage endCursor } edges { node { name } } } } }`,
        { id, after },
      );
      seen.push(...data.dataEntity.fields.edges.map((e: any) => e.node.name));
      expect(data.dataEntity.fields.pageInfo.hasNextPage).toBe(page < 2);
      after = data.dataEntity.fields.pageInfo.endCursor;
    }
    expect(seen).toEqual(names);
  });

  it('pages entities and fields per parent in a constant number of statements', async () => {
    const query = `{ services(first: 10) { edges { node { key entities(first: 2) { edges { node { name fields(first: 2) { totalCount edges { node { name entity { name } } } } } } } } } } }`;
    const statements = await t.countStatements(() => t.gqlOk(query));
    // services, entities per service with their fields (one statement), field counts, the fields' entities
    expect(statements).toBe(4);
  });

  it('reads the fields asked for below a page of entities with the entities, as each entity would page them', async () => {
    await createService(t, { key: 'hubspot', ownerTeam: 'sales' });
    await t.gqlOk(PUT, { key: 'hubspot', entities: salesforce });
    const byEntity = async (after: string | null) => {
      const data = await t.gqlOk(`{ service(key: "hubspot") { entities(first: 5) { edges { node { id } } } } }`);
      const pages = [];
      for (const { node } of data.service.entities.edges) {
        const page = await t.gqlOk(
          `query($id: ID!, $after: String) { dataEntity(id: $id) { name fields(first: 2, after: $after) {
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { name type } } } } }`,
          { id: node.id, after },
        );
        pages.push(page.dataEntity);
      }
      return pages;
    };
    const together = async (after: string | null) => {
      const statements = await t.countStatements(async () => {
        const data = await t.gqlOk(
          `query($after: String) { services(first: 5, filter: { search: "hubspot" }) { edges { node {
            entities(first: 5) { edges { node { name fields(first: 2, after: $after) {
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { name type } } } } } } } } } }`,
          { after },
        );
        together.pages = data.services.edges[0].node.entities.edges.map((e: any) => e.node);
      });
      expect(statements).toBe(2);
      return together.pages;
    };
    together.pages = [] as unknown[];
    const first = await byEntity(null);
    expect(first.some((e: any) => e.fields.pageInfo.hasNextPage)).toBe(true);
    expect(await together(null)).toEqual(first);
    const after = first.find((e: any) => e.fields.pageInfo.hasNextPage).fields.pageInfo.endCursor;
    const second = await byEntity(after);
    expect(second.some((e: any) => e.fields.edges.length > 0)).toBe(true);
    expect(await together(after)).toEqual(second);
  });

  it('pages fields by entity when the same page of entities asks for them in two shapes (aliases)', async () => {
    await createService(t, { key: 'pipedrive', ownerTeam: 'sales' });
    await t.gqlOk(PUT, { key: 'pipedrive', entities: salesforce });
    const data = await t.gqlOk(`{ service(key: "pipedrive") { entities(first: 5) { edges { node {
      name two: fields(first: 2) { edges { node { name } } } all: fields(first: 10) { edges { node { name } } } } } } } }`);
    const contact = data.service.entities.edges.find((e: any) => e.node.name === 'Contact').node;
    expect(contact.two.edges.map((e: any) => e.node.name)).toEqual(['Id', 'Email']);
    expect(contact.all.edges.map((e: any) => e.node.name)).toEqual(['Id', 'Email', 'MailingStreet', 'AccountId']);
    const refused = await t.gql(`{ service(key: "pipedrive") { entities(first: 5) { edges { node {
      fields(first: 1000) { edges { node { name } } } } } } } }`);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
