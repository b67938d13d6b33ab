import { createService, createTeam } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const PUT_SCHEMA = `mutation($key: String!, $entities: [DataEntityInput!]!) {
  putServiceSchema(serviceKey: $key, entities: $entities) { level } }`;
const PUT_UNIFIED = `mutation($entities: [UnifiedEntityInput!]!) { putUnifiedSchema(entities: $entities) { level } }`;
const SUGGEST = `mutation($key: String!, $entity: String) { suggestMappings(serviceKey: $key, entityName: $entity) {
  serviceKey unifiedVersion fieldsConsidered suggested alreadyDecided noMatch noMatchFields
  entitySuggestions { id status confidence entityName unifiedEntity reasons } } }`;
const MAPPING = `id status confidence reasons isSystemOfRecord decidedBy decidedAt unifiedVersion
  transformation { kind fromType toType enumMap { from to } }
  source { serviceKey entityName fieldName dataFieldId type } target { unifiedEntity unifiedField unifiedFieldId type }`;
const MAPPINGS = `query($filter: MappingFilterInput, $first: Int, $after: String) {
  mappings(filter: $filter, first: $first, after: $after) { totalCount edges { node { ${MAPPING} } }
  pageInfo { hasNextPage endCursor } } }`;
const CONFIRM = `mutation($id: ID!, $t: TransformationInput, $sor: Boolean) {
  confirmMapping(id: $id, transformation: $t, isSystemOfRecord: $sor) { ${MAPPING} } }`;
const REJECT = `mutation($id: ID!, $reason: String) { rejectMapping(id: $id, reason: $reason) { ${MAPPING} } }`;
const SET = `mutation($f: ID!, $u: ID!, $t: TransformationInput) {
  setFieldMapping(dataFieldId: $f, unifiedFieldId: $u, transformation: $t) { ${MAPPING} } }`;
const BULK = `mutation($min: Float!, $key: String) { confirmMappings(minConfidence: $min, serviceKey: $key) {
  confirmed skipped { source target reason } } }`;

const UNIFIED = [
  {
    name: 'crm.Account',
    synonyms: ['Company'],
    fields: [
      { name: 'id', type: 'STRING' },
      { name: 'name', type: 'STRING' },
      { name: 'website', type: 'STRING' },
      { name: 'number_of_employees', type: 'INTEGER' },
      { name: 'created_at', type: 'DATETIME' },
    ],
  },
  {
    name: 'crm.Contact',
    fields: [
      { name: 'id', type: 'STRING' },
      { name: 'first_name', type: 'STRING' },
      { name: 'last_name', type: 'STRING' },
      { name: 'email', type: 'STRING' },
      { name: 'lifecycle_stage', type: 'ENUM', enumValues: ['LEAD', 'CUSTOMER'] },
    ],
  },
];

const HUBSPOT = [
  {
    name: 'Company',
    fields: [
      { name: 'id', type: 'STRING' },
      { name: 'name', type: 'STRING' },
      { name: 'domain', type: 'STRING', description: 'The company website' },
      { name: 'numberofemployees', type: 'INTEGER' },
      { name: 'createdate', type: 'DATETIME' },
      { name: 'hs_favourite_colour', type: 'STRING' },
    ],
  },
  {
    name: 'Person',
    fields: [
      { name: 'vid', type: 'STRING', identifier: true },
      { name: 'firstname', type: 'STRING' },
      { name: 'lastname', type: 'STRING' },
      { name: 'email', type: 'STRING' },
      { name: 'lifecyclestage', type: 'ENUM', enumValues: ['lead', 'customer', 'evangelist'] },
    ],
  },
];

describe('mappings: suggest → confirm / reject → coverage of decisions', () => {
  let t: TestApp;
  let viewer: string;
  let architect: string;
  const byPath = async (serviceKey: string) => {
    const data = await t.gqlOk(MAPPINGS, { filter: { serviceKey: [serviceKey] }, first: 100 });
    return new Map<string, any>(
      data.mappings.edges.map((e: any) => [`${e.node.source.entityName}.${e.node.source.fieldName}`, e.node]),
    );
  };
  const unifiedFieldId = async (entity: string, field: string): Promise<string> =>
    (
      await t.dataSource.query(
        `SELECT f.id FROM unified_field f JOIN unified_entity e ON e.id = f.entity_id WHERE e.name = $1 AND f.name = $2`,
        [entity, field],
      )
    )[0].id;
  const dataFieldId = async (service: string, entity: string, field: string): Promise<string> =>
    (
      await t.dataSource.query(
        `SELECT f.id FROM data_field f JOIN data_entity e ON e.id = f.entity_id JOIN service s ON s.id = e.service_id
         WHERE s.key = $1 AND e.name = $2 AND f.name = $3`,
        [service, entity, field],
      )
    )[0].id;

  beforeAll(async () => {
    t = await createTestApp();
    await createTeam(t);
    await createService(t, { key: 'hubspot', ownerTeam: 'platform' });
    await createService(t, { key: 'pipedrive', ownerTeam: 'platform' });
    await t.gqlOk(PUT_SCHEMA, { key: 'hubspot', entities: HUBSPOT });
    await t.gqlOk(PUT_UNIFIED, { entities: UNIFIED });
    viewer = (await t.gqlOk(`mutation { createApiToken(input: { name: "v", role: VIEWER }) { secret } }`))
      .createApiToken.secret;
    architect = (await t.gqlOk(`mutation { createApiToken(input: { name: "ann", role: ARCHITECT }) { secret } }`))
      .createApiToken.secret;
  });
  afterAll(() => t.close());

  it('refuses to suggest before there is a unified schema to suggest from', async () => {
    const empty = await createTestApp();
    try {
      await createTeam(empty);
      await createService(empty, { key: 'lonely', ownerTeam: 'platform' });
      const res = await empty.gql(SUGGEST, { key: 'lonely' });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/unified schema is empty/);
    } finally {
      await empty.close();
    }
  });

  it('suggests a unified field for each field it can, with reasons, and says which it cannot', async () => {
    const res = await t.gqlAs(architect, SUGGEST, { key: 'hubspot' });
    expect(res.errors).toBeUndefined();
    const outcome = res.data!.suggestMappings;
    expect(outcome).toMatchObject({
      serviceKey: 'hubspot',
      unifiedVersion: null,
      fieldsConsidered: 11,
      alreadyDecided: 0,
    });
    expect(outcome.noMatchFields).toEqual([expect.stringMatching(/^Company\.hs_favourite_colour: no unified field/)]);
    expect(outcome.suggested + outcome.noMatch).toBe(11);
    expect(outcome.entitySuggestions.map((e: any) => [e.entityName, e.unifiedEntity, e.status])).toEqual(
      expect.arrayContaining([
        ['Company', 'crm.Account', 'SUGGESTED'],
        ['Person', 'crm.Contact', 'SUGGESTED'],
      ]),
    );

    const mappings = await byPath('hubspot');
    expect(mappings.get('Company.numberofemployees')).toMatchObject({
      status: 'SUGGESTED',
      target: { unifiedEntity: 'crm.Account', unifiedField: 'number_of_employees' },
      decidedAt: null,
    });
    expect(mappings.get('Person.firstname')!.target.unifiedField).toBe('first_name');
    expect(mappings.get('Person.vid')!.target.unifiedField).toBe('id');
    expect(mappings.get('Person.vid')!.reasons).toContain('both identify their records');
    expect(mappings.get('Person.firstname')!.reasons.join(' ')).toMatch(/first/);
    expect(mappings.get('Company.domain')!.target.unifiedField).toBe('website');
    const confidence = mappings.get('Company.name')!.confidence;
    expect(confidence).toBeGreaterThan(0.5);
    expect(confidence).toBeLessThanOrEqual(1);
  });

  it('lists the review queue most confident first, in pages', async () => {
    const first = await t.gqlOk(MAPPINGS, { filter: { status: ['SUGGESTED'] }, first: 3 });
    const second = await t.gqlOk(MAPPINGS, {
      filter: { status: ['SUGGESTED'] },
      first: 100,
      after: first.mappings.pageInfo.endCursor,
    });
    const all = [...first.mappings.edges, ...second.mappings.edges].map((e: any) => e.node);
    expect(all).toHaveLength(first.mappings.totalCount);
    expect(new Set(all.map((m: any) => m.id)).size).toBe(all.length);
    const confidences = all.map((m: any) => m.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });

  it('confirms a suggestion with the natural transformation and records who decided', async () => {
    const suggestion = (await byPath('hubspot')).get('Company.numberofemployees');
    const confirmed = (await t.gqlAs(architect, CONFIRM, { id: suggestion.id, sor: true })).data!.confirmMapping;
    expect(confirmed).toMatchObject({
      status: 'CONFIRMED',
      decidedBy: 'ann',
      isSystemOfRecord: true,
      transformation: { kind: 'RENAME' },
    });
    expect(confirmed.decidedAt).not.toBeNull();
    const entity = await t.gqlOk(`{ entityMappings(serviceKey: "hubspot") { entityName unifiedEntity status } }`);
    expect(entity.entityMappings).toContainEqual({
      entityName: 'Company',
      unifiedEntity: 'crm.Account',
      status: 'CONFIRMED',
    });
  });

  it('refuses an invalid transformation and leaves the mapping as it was', async () => {
    const suggestion = (await byPath('hubspot')).get('Person.lifecyclestage');
    expect(suggestion.target.unifiedField).toBe('lifecycle_stage');
    const incomplete = await t.gql(CONFIRM, {
      id: suggestion.id,
      t: {
        kind: 'ENUM_MAP',
        enumMap: [
          { from: 'lead', to: 'LEAD' },
          { from: 'customer', to: 'CUSTOMER' },
        ],
      },
    });
    expect(incomplete.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(incomplete.errors?.[0].message).toMatch(/transformation\.enumMap: does not map "evangelist"/);
    const cannotCast = await t.gql(CONFIRM, { id: suggestion.id, t: { kind: 'CAST', toType: 'DATE' } });
    expect(cannotCast.errors?.[0].message).toMatch(/toType/);
    expect((await byPath('hubspot')).get('Person.lifecyclestage').status).toBe('SUGGESTED');

    const complete = await t.gqlOk(CONFIRM, {
      id: suggestion.id,
      t: {
        kind: 'ENUM_MAP',
        enumMap: [
          { from: 'lead', to: 'LEAD' },
          { from: 'customer', to: 'CUSTOMER' },
          { from: 'evangelist', to: 'CUSTOMER' },
        ],
      },
    });
    expect(complete.confirmMapping.transformation.enumMap).toHaveLength(3);
  });

  it('never suggests a rejected pair again, and never overwrites a decision', async () => {
    const before = await byPath('hubspot');
    const rejected = (
      await t.gqlOk(REJECT, { id: before.get('Company.createdate').id, reason: 'createdate is the import date' })
    ).rejectMapping;
    expect(rejected).toMatchObject({ status: 'REJECTED', decidedBy: expect.any(String) });
    expect(rejected.reasons).toContain('rejected: createdate is the import date');

    const again = (await t.gqlOk(SUGGEST, { key: 'hubspot' })).suggestMappings;
    expect(again.alreadyDecided).toBe(2);
    const after = await t.gqlOk(MAPPINGS, { filter: { serviceKey: ['hubspot'] }, first: 100 });
    const pairs = after.mappings.edges.map((e: any) => e.node);
    const createdate = pairs.filter((m: any) => m.source.fieldName === 'createdate');
    expect(createdate.map((m: any) => [m.status, m.target.unifiedField])).not.toContainEqual([
      'SUGGESTED',
      'created_at',
    ]);
    expect(createdate.filter((m: any) => m.status === 'REJECTED')).toHaveLength(1);
    const confirmed = pairs.filter((m: any) => m.status === 'CONFIRMED');
    expect(confirmed.map((m: any) => m.source.fieldName).sort()).toEqual(['lifecyclestage', 'numberofemployees']);
  });

  it('maps by hand, with a cast where the types differ', async () => {
    const mapped = (
      await t.gqlOk(SET, {
        f: await dataFieldId('hubspot', 'Company', 'createdate'),
        u: await unifiedFieldId('crm.Account', 'created_at'),
      })
    ).setFieldMapping;
    expect(mapped).toMatchObject({ status: 'CONFIRMED', transformation: { kind: 'RENAME' }, confidence: null });

    const wrong = await t.gql(SET, {
      f: await dataFieldId('hubspot', 'Company', 'createdate'),
      u: await unifiedFieldId('crm.Account', 'number_of_employees'),
      t: { kind: 'RENAME' },
    });
    expect(wrong.errors?.[0].message).toMatch(/DATETIME.*INTEGER.*use CAST/);
    const missing = await t.gql(SET, { f: '00000000-0000-0000-0000-000000000000', u: 'x' });
    expect(missing.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0].message).toMatch(/unifiedFieldId/);
  });

  it('learns from confirmed mappings: the same field name elsewhere is suggested with strong evidence', async () => {
    await t.gqlOk(PUT_SCHEMA, {
      key: 'pipedrive',
      entities: [{ name: 'Organization', fields: [{ name: 'createdate', type: 'DATETIME' }, { name: 'name' }] }],
    });
    await t.gqlOk(SUGGEST, { key: 'pipedrive' });
    const learned = (await byPath('pipedrive')).get('Organization.createdate');
    expect(learned.target).toMatchObject({ unifiedEntity: 'crm.Account', unifiedField: 'created_at' });
    expect(learned.confidence).toBeGreaterThanOrEqual(0.9);
    expect(learned.reasons[0]).toMatch(/confirmed before for the same name \(e\.g\. Company\.createdate\)/);
  });

  it('confirms in bulk above a confidence, one mapping per field', async () => {
    const open = (
      await t.gqlOk(MAPPINGS, { filter: { serviceKey: ['hubspot'], status: ['SUGGESTED'], minConfidence: 0.8 } })
    ).mappings.totalCount;
    expect(open).toBeGreaterThan(0);
    const bulk = (await t.gqlOk(BULK, { min: 0.8, key: 'hubspot' })).confirmMappings;
    expect(bulk.confirmed).toBe(open);
    expect(bulk.skipped).toEqual([]);
    const left = (
      await t.gqlOk(MAPPINGS, { filter: { serviceKey: ['hubspot'], status: ['SUGGESTED'], minConfidence: 0.8 } })
    ).mappings.totalCount;
    expect(left).toBe(0);
    // Found by fuzzing: a confidence too small for the real column (5e-324) was a database error.
    const tiny = await t.gql(MAPPINGS, { filter: { minConfidence: 5e-324 }, first: 1 });
    expect(tiny.errors).toBeUndefined();
    await createService(t, { key: 'quiet', ownerTeam: 'platform' });
    expect((await t.gqlOk(BULK, { min: 5e-324, key: 'quiet' })).confirmMappings.confirmed).toBe(0);
  });

  it('keeps confirmed mappings safe from the unified schema: their fields cannot be removed', async () => {
    const res = await t.gql(PUT_UNIFIED, {
      entities: [UNIFIED[0], { ...UNIFIED[1], fields: UNIFIED[1].fields.filter((f) => f.name !== 'lifecycle_stage') }],
    });
    expect(res.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0].message).toMatch(/crm\.Contact\.lifecycle_stage \(1\)/);
    expect(await unifiedFieldId('crm.Contact', 'lifecycle_stage')).toBeTruthy();
  });

  it('lets viewers read but not decide, and audits every decision', async () => {
    const read = await t.gqlAs(viewer, MAPPINGS, { first: 1 });
    expect(read.errors).toBeUndefined();
    const id = read.data!.mappings.edges[0].node.id;
    for (const [query, variables] of [
      [SUGGEST, { key: 'hubspot' }],
      [CONFIRM, { id }],
      [REJECT, { id }],
      [BULK, { min: 0.1 }],
    ] as const) {
      const res = await t.gqlAs(viewer, query, variables);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const events = await t.gqlOk(
      `{ auditEvents(first: 100, filter: { targetType: "mapping" }) { edges { node { action outcome actorName targetKey } } } }`,
    );
    const actions = events.auditEvents.edges.map((e: any) => e.node);
    expect(actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'mapping.confirm',
          actorName: 'ann',
          targetKey: 'hubspot/Company.numberofemployees',
        }),
        expect.objectContaining({ action: 'mapping.reject', outcome: 'SUCCESS' }),
        expect.objectContaining({ action: 'mapping.set', targetKey: 'hubspot/Company.createdate' }),
        expect.objectContaining({ action: 'mapping.confirm_bulk', targetKey: 'hubspot' }),
      ]),
    );
  });

  it('answers with NOT_FOUND for unknown ids and services', async () => {
    const missing = await t.gql(CONFIRM, { id: '00000000-0000-0000-0000-000000000000' });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const badId = await t.gql(CONFIRM, { id: 'nope' });
    expect(badId.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const noService = await t.gql(SUGGEST, { key: 'nope' });
    expect(noService.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
