import { createService, createTeam } from '../support/factories';
import {
  dataIds,
  idOf,
  insertEntityMapping,
  insertFieldMapping,
  unifiedIds,
  type FieldMappingRow,
} from '../support/field-mapping-rows';
import { createTestApp, type TestApp } from '../support/test-app';

const PUT_SERVICE_SCHEMA = `mutation($key: String!, $entities: [DataEntityInput!]!) {
  putServiceSchema(serviceKey: $key, entities: $entities) { level } }`;
const PUT_UNIFIED_SCHEMA = `mutation($entities: [UnifiedEntityInput!]!) { putUnifiedSchema(entities: $entities) { level } }`;
const COVERAGE = `fields mappedFields suggestedFields ratio entities mappedEntities`;

const entity = (name: string, ...fields: string[]) => ({ name, fields: fields.map((f) => ({ name: f })) });

async function putServiceSchema(t: TestApp, key: string, entities: unknown[]): Promise<void> {
  await t.gqlOk(PUT_SERVICE_SCHEMA, { key, entities });
}

describe('coverage', () => {
  let t: TestApp;
  let ids: Map<string, string>;
  let unified: Map<string, string>;
  /** `service.Entity.Field` → `crm.Entity.field`, with a status and whether the service is the system of record. */
  const map = (from: string, to: string, status: FieldMappingRow['status'], more: Partial<FieldMappingRow> = {}) =>
    insertFieldMapping(t, { dataFieldId: idOf(ids, from), unifiedFieldId: idOf(unified, to), status, ...more });

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'sales');
    for (const key of ['alpha', 'beta', 'gamma', 'aardvark', 'epsilon', 'zeta']) {
      await createService(t, { key, name: `${key[0].toUpperCase()}${key.slice(1)}`, ownerTeam: 'sales' });
    }
    await t.gqlOk(PUT_UNIFIED_SCHEMA, {
      entities: [
        entity('crm.Account', 'id', 'name', 'industry', 'phone'),
        entity('crm.Contact', 'id', 'email', 'phone'),
      ],
    });
    // Entities and fields deliberately not in alphabetical order: pages follow the schema's order.
    await putServiceSchema(t, 'alpha', [
      entity('Contact', 'Id', 'Email', 'Title', 'Mobile'),
      entity('Account', 'Id', 'Name', 'Industry', 'Phone'),
    ]);
    await putServiceSchema(t, 'beta', [entity('Customer', 'CustomerId', 'CompanyName', 'Sector')]);
    await putServiceSchema(t, 'aardvark', [entity('Org', 'Key', 'Title')]);
    await putServiceSchema(t, 'epsilon', [entity('Person', 'Phone', 'MobilePhone')]);
    await putServiceSchema(t, 'zeta', [entity('User', 'Email')]);
    // gamma has no data at all.
    ids = await dataIds(t);
    unified = await unifiedIds(t);

    await map('alpha.Account.Id', 'crm.Account.id', 'CONFIRMED', { isSystemOfRecord: true });
    await map('alpha.Account.Name', 'crm.Account.name', 'CONFIRMED', { isSystemOfRecord: true });
    await map('alpha.Account.Industry', 'crm.Account.industry', 'SUGGESTED', { confidence: 0.7 });
    await map('alpha.Account.Phone', 'crm.Account.phone', 'REJECTED', { confidence: 0.4 });
    await map('alpha.Contact.Id', 'crm.Contact.id', 'CONFIRMED');
    await map('alpha.Contact.Email', 'crm.Contact.email', 'CONFIRMED', { isSystemOfRecord: true });
    // Confirmed elsewhere: not counted as suggested.
    await map('alpha.Contact.Email', 'crm.Account.phone', 'SUGGESTED', { confidence: 0.2 });
    await map('beta.Customer.CustomerId', 'crm.Account.id', 'CONFIRMED', { isSystemOfRecord: true });
    await map('beta.Customer.CompanyName', 'crm.Account.name', 'CONFIRMED');
    await map('beta.Customer.Sector', 'crm.Account.industry', 'SUGGESTED', { confidence: 0.6 });
    await map('aardvark.Org.Key', 'crm.Account.id', 'SUGGESTED', { confidence: 0.9 });
    await insertEntityMapping(t, {
      dataEntityId: idOf(ids, 'aardvark.Org'),
      unifiedEntityId: idOf(unified, 'crm.Account'),
      status: 'CONFIRMED',
    });
    // One service, two fields, both claiming to be the master: still a single source, and no conflict.
    await map('epsilon.Person.Phone', 'crm.Contact.phone', 'CONFIRMED', { isSystemOfRecord: true });
    await map('epsilon.Person.MobilePhone', 'crm.Contact.phone', 'CONFIRMED', { isSystemOfRecord: true });
    // A soft-deleted service supplies nothing.
    await map('zeta.User.Email', 'crm.Contact.email', 'CONFIRMED', { isSystemOfRecord: true });
    await t.gqlOk(`mutation { deleteService(key: "zeta") { key } }`);
  });
  afterAll(() => t.close());

  describe('Service.coverage', () => {
    it('counts fields and entities, mapped (CONFIRMED) and suggested, with their ratio; 0 without fields', async () => {
      const coverageOf = async (key: string) =>
        (await t.gqlOk(`query($key: String!) { service(key: $key) { coverage { ${COVERAGE} } } }`, { key })).service
          .coverage;
      expect(await coverageOf('alpha')).toEqual({
        fields: 8,
        mappedFields: 4,
        suggestedFields: 1,
        ratio: 0.5,
        entities: 2,
        mappedEntities: 2,
      });
      expect(await coverageOf('beta')).toEqual({
        fields: 3,
        mappedFields: 2,
        suggestedFields: 1,
        ratio: 2 / 3,
        entities: 1,
        mappedEntities: 1,
      });
      // Its entity is mapped (entity mapping), though none of its fields is.
      expect(await coverageOf('aardvark')).toEqual({
        fields: 2,
        mappedFields: 0,
        suggestedFields: 1,
        ratio: 0,
        entities: 1,
        mappedEntities: 1,
      });
      expect(await coverageOf('gamma')).toEqual({
        fields: 0,
        mappedFields: 0,
        suggestedFields: 0,
        ratio: 0,
        entities: 0,
        mappedEntities: 0,
      });
    });

    it('pages the unmapped fields in schema order (entity position, then field position)', async () => {
      const query = `query($after: String) { service(key: "alpha") { coverage { unmappedFields(first: 3, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { name entity { name } } } } } } }`;
      const first = (await t.gqlOk(query)).service.coverage.unmappedFields;
      expect(first.totalCount).toBe(4);
      expect(first.edges.map((e: any) => `${e.node.entity.name}.${e.node.name}`)).toEqual([
        'Contact.Title',
        'Contact.Mobile',
        'Account.Industry',
      ]);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = (await t.gqlOk(query, { after: first.pageInfo.endCursor })).service.coverage.unmappedFields;
      expect(second.edges.map((e: any) => e.node.name)).toEqual(['Phone']);
      expect(second.pageInfo.hasNextPage).toBe(false);

      const foreign = await t.gql(
        `{ coverageReport { services(after: "${first.pageInfo.endCursor}") { totalCount } } }`,
      );
      expect(foreign.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('UnifiedField sources', () => {
    const fieldsOf = async (name: string) =>
      (
        await t.gqlOk(
          `query($name: String) { unifiedEntity(name: $name) { fields { edges { node { name singleSource conflictingMasters
            sources { mappingId status isSystemOfRecord confidence serviceKey serviceName entityName fieldName dataFieldId } } } } } }`,
          { name },
        )
      ).unifiedEntity.fields.edges.map((e: any) => e.node);

    it('lists every non-rejected mapping, confirmed first, then by service key', async () => {
      const [id, name, industry, phone] = await fieldsOf('crm.Account');
      expect(id.sources).toEqual([
        {
          mappingId: expect.any(String),
          status: 'CONFIRMED',
          isSystemOfRecord: true,
          confidence: null,
          serviceKey: 'alpha',
          serviceName: 'Alpha',
          entityName: 'Account',
          fieldName: 'Id',
          dataFieldId: idOf(ids, 'alpha.Account.Id'),
        },
        expect.objectContaining({ status: 'CONFIRMED', serviceKey: 'beta', fieldName: 'CustomerId' }),
        expect.objectContaining({ status: 'SUGGESTED', serviceKey: 'aardvark', fieldName: 'Key', confidence: 0.9 }),
      ]);
      expect(name.sources.map((s: any) => [s.serviceKey, s.isSystemOfRecord])).toEqual([
        ['alpha', true],
        ['beta', false],
      ]);
      expect(industry.sources.map((s: any) => [s.serviceKey, s.status])).toEqual([
        ['alpha', 'SUGGESTED'],
        ['beta', 'SUGGESTED'],
      ]);
      // alpha's Phone was REJECTED; alpha's Contact.Email is only suggested here.
      expect(phone.sources.map((s: any) => [s.fieldName, s.status])).toEqual([['Email', 'SUGGESTED']]);
    });

    it('singleSource: one service through CONFIRMED mappings, however many of its fields; deleted services do not count', async () => {
      const account = await fieldsOf('crm.Account');
      const contact = await fieldsOf('crm.Contact');
      const verdicts = (fields: any[]) =>
        Object.fromEntries(fields.map((f) => [f.name, [f.singleSource, f.conflictingMasters]]));
      expect(verdicts(account)).toEqual({
        id: [false, true], // alpha and beta, both systems of record
        name: [false, false], // two services, one master
        industry: [false, false], // suggested only
        phone: [false, false],
      });
      expect(verdicts(contact)).toEqual({
        id: [true, false],
        email: [true, false], // zeta, the other master, is deleted
        phone: [true, false], // two epsilon fields, both masters: one service
      });
      const email = contact.find((f: any) => f.name === 'email');
      expect(email.sources.map((s: any) => s.serviceKey)).toEqual(['alpha']);
    });
  });

  describe('coverageReport', () => {
    const names = (connection: any) =>
      connection.edges.map((e: any) => `${e.node.entity.name}.${e.node.name}`) as string[];

    it('counts unified fields by how they are sourced and lists each kind by qualified name', async () => {
      const report = (
        await t.gqlOk(`{ coverageReport { unifiedFields withSource withoutSource singleSource conflictingMasters
          fieldsWithoutSource { totalCount edges { node { name entity { name } } } }
          singleSourceFields { totalCount edges { node { name entity { name } } } }
          conflictingMasterFields { totalCount edges { node { name entity { name } sources { serviceKey } } } } } }`)
      ).coverageReport;
      expect(report).toMatchObject({
        unifiedFields: 7,
        withSource: 5,
        withoutSource: 2,
        singleSource: 3,
        conflictingMasters: 1,
      });
      expect(names(report.fieldsWithoutSource)).toEqual(['crm.Account.industry', 'crm.Account.phone']);
      expect(report.fieldsWithoutSource.totalCount).toBe(2);
      expect(names(report.singleSourceFields)).toEqual(['crm.Contact.email', 'crm.Contact.id', 'crm.Contact.phone']);
      expect(names(report.conflictingMasterFields)).toEqual(['crm.Account.id']);
      expect(report.conflictingMasterFields.edges[0].node.sources.map((s: any) => s.serviceKey)).toEqual([
        'alpha',
        'beta',
        'aardvark',
      ]);
    });

    it('pages a list of unified fields with cursors', async () => {
      const query = `query($after: String) { coverageReport { singleSourceFields(first: 2, after: $after) {
        pageInfo { hasNextPage endCursor } edges { node { name entity { name } } } } } }`;
      const first = (await t.gqlOk(query)).coverageReport.singleSourceFields;
      expect(names(first)).toEqual(['crm.Contact.email', 'crm.Contact.id']);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = (await t.gqlOk(query, { after: first.pageInfo.endCursor })).coverageReport.singleSourceFields;
      expect(names(second)).toEqual(['crm.Contact.phone']);
      expect(second.pageInfo.hasNextPage).toBe(false);
    });

    it('orders live services by coverage, either way, ties by id, page by page', async () => {
      const serviceIds = new Map<string, string>(
        (await t.dataSource.query(`SELECT key::text AS key, id FROM service`)).map((r: any) => [r.key, r.id]),
      );
      const ratios: Record<string, number> = { gamma: 0, aardvark: 0, alpha: 0.5, beta: 2 / 3, epsilon: 1 };
      const ascending = Object.keys(ratios).sort(
        (a, b) => ratios[a] - ratios[b] || (serviceIds.get(a)! < serviceIds.get(b)! ? -1 : 1),
      );
      const walk = async (order: string) => {
        const seen: { key: string; ratio: number; fields: number }[] = [];
        let after: string | null = null;
        for (let page = 0; page < 3; page++) {
          const data: any = await t.gqlOk(
            `query($order: CoverageOrder, $after: String) { coverageReport { services(first: 2, order: $order, after: $after) {
              totalCount pageInfo { hasNextPage endCursor }
              edges { node { service { key coverage { ratio } } coverage { ratio fields } } } } } }`,
            { order, after },
          );
          const services = data.coverageReport.services;
          expect(services.totalCount).toBe(5);
          for (const { node } of services.edges) {
            expect(node.service.coverage.ratio).toBe(node.coverage.ratio);
            seen.push({ key: node.service.key, ratio: node.coverage.ratio, fields: node.coverage.fields });
          }
          expect(services.pageInfo.hasNextPage).toBe(page < 2);
          after = services.pageInfo.endCursor;
        }
        return seen;
      };
      const up = await walk('COVERAGE_ASC');
      expect(up.map((s) => s.key)).toEqual(ascending); // zeta (deleted) is not listed
      expect(up.map((s) => s.ratio)).toEqual(ascending.map((key) => ratios[key]));
      const down = await walk('COVERAGE_DESC');
      expect(down.map((s) => s.key)).toEqual([...ascending].reverse());
    });

    it('is there for readers and no one else; pages are bounded', async () => {
      const viewer = (await t.gqlOk(`mutation { createApiToken(input: { name: "viewer", role: VIEWER }) { secret } }`))
        .createApiToken.secret;
      const read = await t.gqlAs(viewer, `{ coverageReport { unifiedFields } }`);
      expect(read.data?.coverageReport.unifiedFields).toBe(7);
      const anonymous = await t.gqlAs(null, `{ coverageReport { unifiedFields } }`);
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const tooMany = await t.gql(`{ coverageReport { services(first: 101) { totalCount } } }`);
      expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});

describe('coverage: statement budget', () => {
  let t: TestApp;
  const SERVICES = 24;

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t, 'ops');
    await t.gqlOk(PUT_UNIFIED_SCHEMA, {
      entities: Array.from({ length: 6 }, (_, i) => entity(`ops.E${i}`, 'a', 'b', 'c', 'd')),
    });
    for (let i = 0; i < SERVICES; i++) {
      await createService(t, { key: `svc-${i}`, ownerTeam: 'ops' });
      await putServiceSchema(t, `svc-${i}`, [entity('Thing', 'a', 'b', 'c'), entity('Other', 'x', 'y')]);
    }
    const ids = await dataIds(t);
    const unified = await unifiedIds(t);
    for (let i = 0; i < SERVICES; i++) {
      for (const [field, target, status] of [
        ['Thing.a', `ops.E${i % 6}.a`, 'CONFIRMED'],
        ['Thing.b', `ops.E${i % 6}.b`, 'SUGGESTED'],
        ['Other.x', `ops.E${(i + 1) % 6}.c`, 'CONFIRMED'],
      ] as const) {
        await insertFieldMapping(t, {
          dataFieldId: idOf(ids, `svc-${i}.${field}`),
          unifiedFieldId: idOf(unified, target),
          status,
          isSystemOfRecord: i % 2 === 0,
        });
      }
    }
  });
  afterAll(() => t.close());

  it('a page of services with their coverage and unmapped fields costs the same whatever its size', async () => {
    const query = `query($first: Int) { services(first: $first) { edges { node { key
      coverage { fields mappedFields suggestedFields ratio entities mappedEntities
        unmappedFields(first: 2) { totalCount edges { node { name } } } } } } } }`;
    const small = await t.countStatements(() => t.gqlOk(query, { first: 2 }));
    let data: any;
    const large = await t.countStatements(async () => {
      data = await t.gqlOk(query, { first: 50 });
    });
    // services, their coverage, their unmapped fields
    expect(large).toBe(3);
    expect(large).toBe(small);
    expect(data.services.edges).toHaveLength(SERVICES);
    expect(data.services.edges[0].node.coverage).toMatchObject({ fields: 5, mappedFields: 2, suggestedFields: 1 });
    expect(data.services.edges[0].node.coverage.unmappedFields.totalCount).toBe(3);
  });

  it('the sources and verdicts of every field of every entity come in one statement each', async () => {
    const query = `{ unifiedEntities(first: 10) { edges { node { name fields { edges { node { name
      sources { serviceKey status } singleSource conflictingMasters } } } } } } }`;
    let data: any;
    const statements = await t.countStatements(async () => {
      data = await t.gqlOk(query);
    });
    // entities, fields per entity, sources, verdicts
    expect(statements).toBe(4);
    const fields = data.unifiedEntities.edges.flatMap((e: any) => e.node.fields.edges.map((f: any) => f.node));
    expect(fields).toHaveLength(24);
    expect(fields.filter((f: any) => f.sources.length > 0).length).toBeGreaterThan(6);
    expect(fields.some((f: any) => f.conflictingMasters)).toBe(true);
  });

  it('the report with services, their coverage and unmapped fields stays within a fixed number of statements', async () => {
    const query = `{ coverageReport { unifiedFields services(first: 50) { totalCount edges { node {
      service { key coverage { ratio } } coverage { ratio unmappedFields(first: 1) { edges { node { name } } } } } } } } }`;
    let data: any;
    const statements = await t.countStatements(async () => {
      data = await t.gqlOk(query);
    });
    // the counts, the services with their coverage (Service.coverage reads it from there), the unmapped fields, totalCount
    expect(statements).toBe(4);
    expect(data.coverageReport.services.edges).toHaveLength(SERVICES);
  });
});
