import { loadAll } from 'js-yaml';
import request from 'supertest';
import { catalogFiles, markedErrors, type CatalogFile } from '../support/catalog-fixtures';
import { createService, createTeam } from '../support/factories';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app';

const IMPORT = `mutation($files: [CatalogFileInput!]!, $dryRun: Boolean! = false) {
  importCatalog(files: $files, dryRun: $dryRun) {
    ok dryRun files { path documents }
    teams { created updated unchanged } services { created updated unchanged }
    integrations { created updated unchanged } schemas { created updated unchanged }
    changes { kind key outcome file line }
    errors { file line column message }
    warnings { file line column message }
  } }`;
const CREATE_TOKEN = `mutation($input: ApiTokenInput!) { createApiToken(input: $input) { secret } }`;

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

interface Message {
  file: string;
  line: number | null;
  column: number | null;
  message: string;
}

interface CatalogImport {
  ok: boolean;
  dryRun: boolean;
  files: { path: string; documents: number }[];
  teams: Counts;
  services: Counts;
  integrations: Counts;
  schemas: Counts;
  changes: { kind: string; key: string; outcome: string; file: string; line: number | null }[];
  errors: Message[];
  warnings: Message[];
}

const counts = (created: number, updated: number, unchanged: number): Counts => ({ created, updated, unchanged });
const where = (m: { file: string; line: number | null }) => `${m.file}:${m.line}`;

/** What the Backstage example declares: 4 Groups, 5 Components and a Resource, 6 data flows, 2 OpenAPI definitions. */
const BACKSTAGE = { teams: 4, services: 6, integrations: 6, schemas: 2 };

/** Rows of every table an import writes to: a refused import leaves each as it was. */
async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const [row] = await t.dataSource.query<Record<string, number>[]>(
    `SELECT (SELECT count(*) FROM team)::int AS team, (SELECT count(*) FROM service)::int AS service,
            (SELECT count(*) FROM integration)::int AS integration,
            (SELECT count(*) FROM data_entity)::int AS data_entity, (SELECT count(*) FROM data_field)::int AS data_field,
            (SELECT count(*) FROM audit_event WHERE outcome = 'SUCCESS')::int AS audit_event`,
  );
  return row;
}

async function importCatalog(t: TestApp, files: CatalogFile[], dryRun = false, token = TEST_ADMIN_TOKEN) {
  const body = await t.gqlAs<{ importCatalog: CatalogImport }>(token, IMPORT, { files, dryRun });
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors, null, 2)}`);
  return body.data!.importCatalog;
}

async function tokenFor(t: TestApp, input: Record<string, unknown>): Promise<string> {
  const data = await t.gqlOk<{ createApiToken: { secret: string } }>(CREATE_TOKEN, { input });
  return data.createApiToken.secret;
}

function getYaml(t: TestApp, query = '', token: string | null = TEST_ADMIN_TOKEN) {
  const call = request(t.app.getHttpServer()).get(`/catalog/estate.yaml${query}`);
  if (token) void call.set('Authorization', `Bearer ${token}`);
  return call;
}

/** One estate.yaml document per argument, joined as a YAML stream. */
const estateYaml = (...documents: string[]) =>
  documents.map((d) => `apiVersion: estate/v1\n${d.trim()}\n`).join('---\n');

describe('importCatalog: the Backstage example catalog', () => {
  let t: TestApp;
  let report: CatalogImport;
  let dryRun: CatalogImport;
  let empty: Record<string, number>;
  let afterDryRun: Record<string, number>;
  let auditBefore: number;
  const files = catalogFiles('backstage');

  beforeAll(async () => {
    t = await createTestApp();
    auditBefore = (await t.gqlOk(`{ auditEvents(first: 1) { totalCount } }`)).auditEvents.totalCount;
    empty = await rowCounts(t);
    dryRun = await importCatalog(t, files, true);
    afterDryRun = await rowCounts(t);
    report = await importCatalog(t, files);
  });
  afterAll(() => t.close());

  it('a dry run first reported exactly what the import then did, and wrote nothing', () => {
    expect(empty.service).toBe(0);
    expect(afterDryRun).toEqual(empty);
    expect(dryRun).toMatchObject({
      ok: true,
      dryRun: true,
      teams: counts(BACKSTAGE.teams, 0, 0),
      services: counts(BACKSTAGE.services, 0, 0),
      integrations: counts(BACKSTAGE.integrations, 0, 0),
      schemas: counts(BACKSTAGE.schemas, 0, 0),
    });
    expect(dryRun).toEqual({ ...report, dryRun: true });
  });

  it('imports every file in one go: what it created, where each was declared, and what it skipped', () => {
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.dryRun).toBe(false);
    expect(report.files.map((f) => f.path).sort()).toEqual(files.map((f) => f.path).sort());
    expect(report.files[0]).toEqual({ path: 'catalog-info.yaml', documents: 1 });
    expect(report.files.find((f) => f.path === 'org.yaml')?.documents).toBe(7);
    expect(report).toMatchObject({
      teams: counts(BACKSTAGE.teams, 0, 0),
      services: counts(BACKSTAGE.services, 0, 0),
      integrations: counts(BACKSTAGE.integrations, 0, 0),
      schemas: counts(BACKSTAGE.schemas, 0, 0),
    });
    expect(report.changes).toHaveLength(18);
    expect(report.changes.every((c) => c.outcome === 'CREATED')).toBe(true);
    expect(report.changes).toEqual(
      expect.arrayContaining([
        { kind: 'TEAM', key: 'engineering', outcome: 'CREATED', file: 'org.yaml', line: 1 },
        { kind: 'TEAM', key: 'payments-team', outcome: 'CREATED', file: 'org.yaml', line: 26 },
        { kind: 'SERVICE', key: 'orders-db', outcome: 'CREATED', file: 'components/checkout-api.yaml', line: 26 },
        {
          kind: 'INTEGRATION',
          key: 'checkout-api→loyalty-points (EVENT)',
          outcome: 'CREATED',
          file: 'components/loyalty-points.yaml',
          line: 16,
        },
        { kind: 'SCHEMA', key: 'checkout-api', outcome: 'CREATED', file: 'apis/orders-api.yaml', line: 14 },
      ]),
    );
    expect(report.warnings.map((w) => `${where(w)}: ${w.message}`)).toEqual([
      'apis/order-events.yaml:9: API order-events is asyncapi: Estate reads the entities and fields of OpenAPI definitions only',
      'catalog-info.yaml:21: not followed: https://github.com/halvorsen/platform-catalog/blob/main/catalog-info.yaml (Estate reads files relative to the catalog, never URLs)',
      "components/loyalty-points.yaml:11: owned by user jdoe: Estate's owners are teams, so the owner is their first group, web-platform",
      'templates/node-service-template.yaml:2: skipped: apiVersion scaffolder.backstage.io/v1beta3 (kind Template) is not part of an estate',
    ]);
  });

  it('Groups become teams, with their display name and email', async () => {
    const data = await t.gqlOk(`{ teams(first: 100) { totalCount edges { node {
      key name description contactEmail serviceCount } } } }`);
    expect(data.teams.edges.map((e: any) => e.node)).toEqual([
      {
        key: 'customer-care',
        name: 'Customer Care',
        description: 'Customer service agents and their tooling.',
        contactEmail: 'customer-care@halvorsen.example',
        serviceCount: 1,
      },
      {
        key: 'engineering',
        name: 'Engineering',
        description: 'Product engineering for the commerce domain.',
        contactEmail: 'engineering@halvorsen.example',
        serviceCount: 0,
      },
      {
        key: 'payments-team',
        name: 'Payments',
        description: 'Checkout, orders and payment providers.',
        contactEmail: 'payments@halvorsen.example',
        serviceCount: 2,
      },
      {
        key: 'web-platform',
        name: 'Web Platform',
        description: 'Builds the webshop and the product catalog.',
        contactEmail: 'web-platform@halvorsen.example',
        serviceCount: 3,
      },
    ]);
  });

  it('Components and Resources become services: owner, lifecycle, kind, estate.dev annotations, data access', async () => {
    const data = await t.gqlOk(`{ services(first: 100) { totalCount edges { node {
      key name description kind lifecycle criticality category vendor ownerTeam { key }
      annualCost { amount currency } licensedSeats monthlyActiveUsers seatUtilisation tags links { title url }
      dataAccess { apiStyle specFormat machineReadableSpec bulkExport } } } } }`);
    const byKey = Object.fromEntries(data.services.edges.map((e: any) => [e.node.key, e.node]));
    expect(Object.keys(byKey).sort()).toEqual([
      'checkout-api',
      'loyalty-points',
      'orders-db',
      'product-catalog',
      'webshop-frontend',
      'zendesk-support',
    ]);
    const noAccess = { apiStyle: null, specFormat: null, machineReadableSpec: null, bulkExport: null };
    const openApi = { apiStyle: 'REST', specFormat: 'OPENAPI', machineReadableSpec: true, bulkExport: null };
    expect(byKey['zendesk-support']).toEqual({
      key: 'zendesk-support',
      name: 'Zendesk Support',
      description: 'Ticketing and help centre for customer care; the order sidebar app reads the orders API.',
      kind: 'SAAS',
      lifecycle: 'ACTIVE',
      criticality: 'HIGH',
      category: null,
      vendor: 'Zendesk',
      ownerTeam: { key: 'customer-care' },
      annualCost: { amount: '48000.00', currency: 'EUR' },
      licensedSeats: 120,
      monthlyActiveUsers: 85,
      seatUtilisation: 0.7083,
      tags: ['saas', 'support'],
      links: [{ title: 'Admin centre', url: 'https://halvorsen.zendesk.com/admin' }],
      dataAccess: noAccess,
    });
    expect(byKey['checkout-api']).toMatchObject({
      name: 'Checkout API',
      kind: 'INTERNAL',
      lifecycle: 'ACTIVE',
      criticality: 'MISSION_CRITICAL',
      category: 'commerce',
      vendor: null,
      annualCost: null,
      ownerTeam: { key: 'payments-team' },
      links: [{ title: 'Runbook', url: 'https://wiki.halvorsen.example/payments/checkout/runbook' }],
      // It provides an OpenAPI (orders-api) and an AsyncAPI; the first says how its data is reached.
      dataAccess: openApi,
    });
    expect([...byKey['checkout-api'].tags].sort()).toEqual(['java', 'payments', 'spring-boot']);
    expect(byKey['webshop-frontend']).toMatchObject({
      name: 'Webshop',
      kind: 'INTERNAL',
      lifecycle: 'ACTIVE',
      criticality: 'MISSION_CRITICAL',
      ownerTeam: { key: 'web-platform' },
      links: [
        { title: 'Storefront', url: 'https://shop.halvorsen.example' },
        { title: 'Dashboard', url: 'https://grafana.halvorsen.example/d/webshop' },
      ],
      dataAccess: noAccess,
    });
    expect(byKey['product-catalog']).toMatchObject({
      lifecycle: 'PLANNED',
      criticality: null,
      ownerTeam: { key: 'web-platform' },
      dataAccess: openApi,
    });
    // Owned by a user: the owner is the user's first group.
    expect(byKey['loyalty-points']).toMatchObject({
      lifecycle: 'DEPRECATED',
      ownerTeam: { key: 'web-platform' },
      dataAccess: noAccess,
    });
    // A Resource of type database is a data store; Resources have no lifecycle in Backstage.
    expect(byKey['orders-db']).toMatchObject({
      kind: 'DATA_STORE',
      lifecycle: 'ACTIVE',
      description: 'PostgreSQL 16 cluster holding carts, orders and payments.',
      ownerTeam: { key: 'payments-team' },
      category: 'commerce',
    });
  });

  it('dependsOn and provided/consumed APIs become integrations, from provider to consumer', async () => {
    const data = await t.gqlOk(`{ integrations(first: 100) { totalCount edges { node {
      source { key } target { key } mechanism description } } } }`);
    const flows = data.integrations.edges.map(
      (e: any) => `${e.node.source.key}→${e.node.target.key} (${e.node.mechanism}): ${e.node.description}`,
    );
    expect(flows.sort()).toEqual([
      'checkout-api→loyalty-points (API): loyalty-points depends on checkout-api',
      'checkout-api→loyalty-points (EVENT): through API order-events',
      'checkout-api→webshop-frontend (API): through API orders-api; webshop-frontend depends on checkout-api',
      'checkout-api→zendesk-support (API): through API orders-api',
      'orders-db→checkout-api (API): checkout-api depends on orders-db',
      'product-catalog→webshop-frontend (API): through API product-catalog-api',
    ]);
  });

  it('OpenAPI definitions (by $text and inline) become the providers’ entities and fields, PII classified', async () => {
    const ENTITIES = `query($key: String!) { service(key: $key) { entities(first: 10) { totalCount edges { node {
      name containsPii identifierFields
      fields(first: 20) { edges { node { name type nullable identifier isArray enumValues referenceTarget piiClass } } }
    } } } } }`;
    const entitiesOf = async (key: string) => {
      const data = await t.gqlOk(ENTITIES, { key });
      return Object.fromEntries(
        data.service.entities.edges.map((e: any) => [
          e.node.name,
          { ...e.node, fields: e.node.fields.edges.map((f: any) => f.node) },
        ]),
      );
    };
    const field = (name: string, type: string, more: Record<string, unknown> = {}) =>
      expect.objectContaining({ name, type, ...more });

    // Only OpenAPI definitions are read: nothing of the AsyncAPI checkout-api also provides (OrderPlaced).
    const checkout = await entitiesOf('checkout-api');
    expect(Object.keys(checkout)).toEqual(['Order', 'OrderLine', 'Customer', 'Address']);
    const order = checkout.Order;
    expect(order.fields.map((f: any) => f.name)).toEqual([
      'orderNumber',
      'customer',
      'status',
      'placedAt',
      'shippingAddress.street',
      'shippingAddress.postalCode',
      'shippingAddress.city',
      'shippingAddress.countryCode',
      'totalAmount',
      'currency',
      'lines.sku',
      'lines.quantity',
      'lines.unitPrice',
    ]);
    expect(order.fields).toEqual(
      expect.arrayContaining([
        field('orderNumber', 'STRING', { nullable: false, piiClass: null }),
        field('customer', 'REFERENCE', { referenceTarget: 'Customer', nullable: false }),
        field('status', 'ENUM', {
          enumValues: ['PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED'],
          nullable: false,
        }),
        field('placedAt', 'DATETIME', { nullable: false }),
        field('totalAmount', 'DECIMAL', { nullable: true }),
        field('lines.quantity', 'INTEGER', { nullable: false }),
      ]),
    );
    expect(checkout.Customer).toMatchObject({ containsPii: true, identifierFields: ['customerId'] });
    expect(checkout.Customer.fields).toEqual(
      expect.arrayContaining([
        field('email', 'STRING', { piiClass: 'EMAIL', nullable: false }),
        field('dateOfBirth', 'DATE', { piiClass: 'BIRTH_DATE' }),
      ]),
    );

    const products = await entitiesOf('product-catalog');
    expect(Object.keys(products)).toEqual(['Product', 'Category', 'Supplier']);
    expect(products.Category.containsPii).toBe(false);
    expect(products.Product.fields).toEqual(
      expect.arrayContaining([field('currency', 'ENUM', { enumValues: ['EUR', 'SEK', 'NOK', 'DKK'] })]),
    );
    expect(products.Supplier.containsPii).toBe(true);
    expect(products.Supplier.fields).toEqual(
      expect.arrayContaining([
        field('contactEmail', 'STRING', { piiClass: 'EMAIL' }),
        field('contactPhone', 'STRING', { piiClass: 'PHONE' }),
        field('companyName', 'STRING', { piiClass: null, nullable: false }),
      ]),
    );
    // A service that provides no API has no data described.
    expect((await entitiesOf('webshop-frontend')) as object).toEqual({});
  });

  it('the import is audited: one event per team, service, integration and schema change', async () => {
    const data = await t.gqlOk(`{ auditEvents(first: 100) { totalCount edges { node { action targetKey } } } }`);
    expect(data.auditEvents.totalCount).toBeGreaterThan(auditBefore);
    const actions = data.auditEvents.edges.map((e: any) => `${e.node.action} ${e.node.targetKey}`);
    expect(actions).toEqual(expect.arrayContaining(['team.create engineering', 'service.create zendesk-support']));
  });

  it('importing the same files again (or dry-running them) changes nothing: every item unchanged, no audit event', async () => {
    const before = await rowCounts(t);
    const auditTotal = (await t.gqlOk(`{ auditEvents(first: 1) { totalCount } }`)).auditEvents.totalCount;
    const again = await importCatalog(t, files);
    expect(again).toMatchObject({
      ok: true,
      errors: [],
      changes: [],
      teams: counts(0, 0, BACKSTAGE.teams),
      services: counts(0, 0, BACKSTAGE.services),
      integrations: counts(0, 0, BACKSTAGE.integrations),
      schemas: counts(0, 0, BACKSTAGE.schemas),
    });
    expect(await importCatalog(t, files, true)).toEqual({ ...again, dryRun: true });
    expect((await t.gqlOk(`{ auditEvents(first: 1) { totalCount } }`)).auditEvents.totalCount).toBe(auditTotal);
    expect(await rowCounts(t)).toEqual(before);
  });

  describe('GET /catalog/estate.yaml', () => {
    it('writes the estate back as estate.yaml: the teams, then each service with its integrations and entities', async () => {
      const response = await getYaml(t);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/yaml/);
      expect(response.text).toMatch(/^# Estate catalog: 4 teams, 6 services\./);
      const documents = loadAll(response.text) as Record<string, any>[];
      expect(documents.map((d) => `${d.apiVersion} ${d.kind} ${d.key}`)).toEqual([
        'estate/v1 Team customer-care',
        'estate/v1 Team engineering',
        'estate/v1 Team payments-team',
        'estate/v1 Team web-platform',
        'estate/v1 Service checkout-api',
        'estate/v1 Service loyalty-points',
        'estate/v1 Service orders-db',
        'estate/v1 Service product-catalog',
        'estate/v1 Service webshop-frontend',
        'estate/v1 Service zendesk-support',
      ]);
      const service = (key: string) => documents.find((d) => d.key === key)!;
      expect(documents[2]).toEqual({
        apiVersion: 'estate/v1',
        kind: 'Team',
        key: 'payments-team',
        name: 'Payments',
        description: 'Checkout, orders and payment providers.',
        contactEmail: 'payments@halvorsen.example',
      });
      expect(service('zendesk-support')).toMatchObject({
        type: 'SAAS',
        ownerTeam: 'customer-care',
        vendor: 'Zendesk',
        annualCost: { amount: '48000.00', currency: 'EUR' },
        licensedSeats: 120,
        monthlyActiveUsers: 85,
        criticality: 'HIGH',
      });
      expect(service('zendesk-support').integrations).toBeUndefined();
      expect(service('zendesk-support').entities).toBeUndefined();
      expect(service('checkout-api').integrations).toEqual([
        { target: 'loyalty-points', mechanism: 'API', description: 'loyalty-points depends on checkout-api' },
        { target: 'loyalty-points', mechanism: 'EVENT', description: 'through API order-events' },
        {
          target: 'webshop-frontend',
          mechanism: 'API',
          description: 'through API orders-api; webshop-frontend depends on checkout-api',
        },
        { target: 'zendesk-support', mechanism: 'API', description: 'through API orders-api' },
      ]);
      expect(service('checkout-api').entities.map((e: any) => e.name)).toEqual([
        'Order',
        'OrderLine',
        'Customer',
        'Address',
      ]);
      expect(service('product-catalog').entities.map((e: any) => e.name)).toEqual(['Product', 'Category', 'Supplier']);
    });

    it('importing the export back changes nothing', async () => {
      const exported = (await getYaml(t)).text;
      const before = await rowCounts(t);
      const back = await importCatalog(t, [{ path: 'estate.yaml', content: exported }]);
      expect(back).toMatchObject({
        ok: true,
        errors: [],
        warnings: [],
        changes: [],
        teams: counts(0, 0, BACKSTAGE.teams),
        services: counts(0, 0, BACKSTAGE.services),
        integrations: counts(0, 0, BACKSTAGE.integrations),
        schemas: counts(0, 0, BACKSTAGE.schemas),
      });
      expect(await rowCounts(t)).toEqual(before);
      expect((await getYaml(t)).text).toBe(exported);
    });

    it('?team= keeps those teams and their services (keys case-insensitive, comma-separated)', async () => {
      const response = await getYaml(t, '?team=Payments-Team,customer-care');
      expect(response.status).toBe(200);
      expect(response.text).toMatch(/^# Estate catalog: 2 teams, 3 services\./);
      const documents = loadAll(response.text) as Record<string, any>[];
      expect(documents.map((d) => `${d.kind} ${d.key}`)).toEqual([
        'Team customer-care',
        'Team payments-team',
        'Service checkout-api',
        'Service orders-db',
        'Service zendesk-support',
      ]);
      // The team's services carry their outgoing flows, also to services of other teams.
      expect(documents[2].integrations).toHaveLength(4);
      // Repeated, and both ways at once.
      for (const query of ['?team=payments-team&team=customer-care', '?team=payments-team,CUSTOMER-CARE']) {
        expect((await getYaml(t, query)).text).toBe(response.text);
      }
      // A team that does not exist is said so, not exported as an empty file.
      for (const query of ['?team=nobody', '?team=payments-team,nobody']) {
        const refused = await getYaml(t, query);
        expect(refused.status).toBe(404);
        expect(refused.body).toMatchObject({ code: 'NOT_FOUND', message: 'Team "nobody" does not exist' });
      }
    });

    it('needs a token: 401 without one', async () => {
      const response = await getYaml(t, '', null);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(response.text).not.toMatch(/checkout-api/);
    });

    it('a viewer may read it', async () => {
      const viewer = await tokenFor(t, { name: 'export reader', role: 'VIEWER' });
      const response = await getYaml(t, '?team=customer-care', viewer);
      expect(response.status).toBe(200);
      expect(response.text).toMatch(/key: zendesk-support/);
    });
  });

  it('GET /catalog/estate-catalog.schema.json serves the JSON Schema of estate.yaml', async () => {
    const response = await request(t.app.getHttpServer())
      .get('/catalog/estate-catalog.schema.json')
      .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/schema\+json/);
    const schema = JSON.parse(response.text) as Record<string, any>;
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(JSON.stringify(schema)).toMatch(/estate\/v1/);
    const anonymous = await request(t.app.getHttpServer()).get('/catalog/estate-catalog.schema.json');
    expect(anonymous.status).toBe(401);
  });
});

describe('importCatalog: the estate.yaml example, broken catalogs, permissions, bad input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('imports the estate.yaml example: teams, services, integrations, inline entities and schema files', async () => {
    const files = catalogFiles('estate');
    const report = await importCatalog(t, files);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({
      ok: true,
      files: [
        { path: 'estate.yaml', documents: 6 },
        { path: 'schemas/billing.sql', documents: 1 },
        { path: 'schemas/ledger.openapi.yaml', documents: 1 },
      ],
      teams: counts(2, 0, 0),
      services: counts(4, 0, 0),
      integrations: counts(5, 0, 0),
      // The warehouse's empty entity list leaves its (empty) data as it is.
      schemas: counts(3, 0, 1),
    });
    expect(report.changes).toEqual(
      expect.arrayContaining([
        { kind: 'SERVICE', key: 'general-ledger', outcome: 'CREATED', file: 'estate.yaml', line: 185 },
        { kind: 'SCHEMA', key: 'billing-service', outcome: 'CREATED', file: 'estate.yaml', line: 181 },
      ]),
    );
    const data = await t.gqlOk(`{ service(key: "salesforce-crm") {
      kind ownerTeam { key name } annualCost { amount currency } contractRenewalDate
      dataAccess { changeEvents authMethod rateLimitPerMinute }
      downstream { target { key } mechanism frequency } upstream { source { key } }
      entities(first: 10) { edges { node { name recordCount fields(first: 50) { edges { node { name piiClass } } } } } } } }`);
    expect(data.service).toMatchObject({
      kind: 'SAAS',
      ownerTeam: { key: 'revenue-ops', name: 'Revenue Operations' },
      annualCost: { amount: '184000.00', currency: 'EUR' },
      contractRenewalDate: '2026-09-30',
      dataAccess: { changeEvents: 'CDC', authMethod: 'OAUTH2', rateLimitPerMinute: 1000 },
      upstream: [],
    });
    expect(data.service.downstream.map((i: any) => `${i.target.key} ${i.mechanism} ${i.frequency}`).sort()).toEqual([
      'billing-service API HOURLY',
      'finance-warehouse ETL DAILY',
    ]);
    const entities = data.service.entities.edges.map((e: any) => e.node);
    expect(entities.map((e: any) => `${e.name} ${e.recordCount}`)).toEqual([
      'Account 38500',
      'Contact 412000',
      'Opportunity 96000',
    ]);
    const contact = entities[1].fields.edges.map((e: any) => e.node);
    expect(contact).toEqual(expect.arrayContaining([{ name: 'Email', piiClass: 'EMAIL' }]));
    const billing = await t.gqlOk(`{ service(key: "billing-service") { entities(first: 1) { totalCount } } }`);
    expect(billing.service.entities.totalCount).toBeGreaterThan(0);

    const again = await importCatalog(t, files);
    expect(again).toMatchObject({
      ok: true,
      changes: [],
      teams: counts(0, 0, 2),
      services: counts(0, 0, 4),
      integrations: counts(0, 0, 5),
      schemas: counts(0, 0, 4),
    });
  });

  it('the broken catalog: every problem at its file and line, and nothing written', async () => {
    const before = await rowCounts(t);
    const report = await importCatalog(t, catalogFiles('broken'));
    expect(report.ok).toBe(false);
    expect(report.changes).toEqual([]);
    expect(report.services).toEqual(counts(0, 0, 0));
    expect(report.errors.map((e) => `${where(e)}:${e.column}: ${e.message}`)).toEqual([
      'backstage/catalog-info.yaml:8:7: Location target backstage/apis/missing-api.yaml does not exist',
      'estate.yaml:15:14: criticality must be one of the following values: LOW, MEDIUM, HIGH, MISSION_CRITICAL',
      'estate.yaml:17:11: annualCost.amount: must be a non-negative decimal string with at most 2 fraction digits, e.g. "125000.00"',
      'estate.yaml:27:5: give either target (data flows from this service to it) or source (data flows from it to this service)',
    ]);
    // yaml-syntax.yaml is not named like a catalog file and nothing names it: it is not read. The owner
    // defined nowhere is found only when the catalog is written, which a catalog with errors never is.
    expect(report.warnings).toEqual([
      {
        file: 'yaml-syntax.yaml',
        line: null,
        column: null,
        message: 'not read: neither a catalog file nor named by one',
      },
    ]);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('each marked error of the broken catalog is reported at its line, the others once the first are fixed', async () => {
    const before = await rowCounts(t);
    const broken = catalogFiles('broken');
    const only = (path: string) => broken.filter((f) => f.path === path);
    const all = await importCatalog(t, broken);
    // Read alone, yaml-syntax.yaml is the catalog (no file is named as one).
    const syntax = await importCatalog(t, only('yaml-syntax.yaml'));
    // Read alone, components.yaml is valid: its owner is looked up, and missing, when writing.
    const owner = await importCatalog(t, only('backstage/components.yaml'));
    expect(syntax.errors).toEqual([
      { file: 'yaml-syntax.yaml', line: 11, column: 1, message: 'invalid YAML: duplicated mapping key' },
    ]);
    expect(owner.errors).toEqual([
      { file: 'backstage/components.yaml', line: 17, column: 10, message: 'team "facilities-team" does not exist' },
    ]);
    expect([...all.errors, ...syntax.errors, ...owner.errors].map(where).sort()).toEqual(markedErrors('broken'));
    for (const report of [all, syntax, owner]) expect(report).toMatchObject({ ok: false, changes: [] });
    // The Group before the Component was written, then rolled back with it.
    expect(await t.gqlOk(`{ team(key: "digital-workplace") { key } }`)).toEqual({ team: null });
    expect(await rowCounts(t)).toEqual(before);
  });

  it('a valid catalog but for one owner that does not exist: the teams written before it are rolled back', async () => {
    const before = await rowCounts(t);
    const content = estateYaml(
      `kind: Team\nkey: procurement\nname: Procurement`,
      `kind: Service\nkey: coupa\nname: Coupa\ntype: SAAS\nownerTeam: procurement\nintegrations:\n  - target: ariba\n    mechanism: API`,
      `kind: Service\nkey: ariba\nname: SAP Ariba\ntype: SAAS\nownerTeam: sourcing`,
    );
    const report = await importCatalog(t, [{ path: 'procurement.estate.yaml', content }]);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([
      { file: 'procurement.estate.yaml', line: 21, column: 12, message: 'team "sourcing" does not exist' },
    ]);
    expect(report).toMatchObject({ changes: [], teams: counts(0, 0, 0), services: counts(0, 0, 0) });
    expect(await t.gqlOk(`{ team(key: "procurement") { key } }`)).toEqual({ team: null });
    expect(await rowCounts(t)).toEqual(before);
  });

  it('a file that two API definitions name is read, and listed, once', async () => {
    const api = (name: string) =>
      `---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: ${name}\n` +
      `spec:\n  type: openapi\n  owner: orders\n  definition:\n    $text: ./openapi/orders.yaml\n`;
    const catalog = [
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: orders\nspec:\n  type: team\n',
      '---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: order-service\n',
      'spec:\n  type: service\n  owner: orders\n  providesApis: [orders-v1, orders-v2]\n',
      api('orders-v1'),
      api('orders-v2'),
    ].join('');
    const openApi = catalogFiles('backstage').find((f) => f.path === 'apis/openapi/orders.yaml')!;
    const report = await importCatalog(
      t,
      [
        { path: 'catalog-info.yaml', content: catalog },
        { path: 'openapi/orders.yaml', content: openApi.content },
      ],
      true,
    );
    expect(report.errors).toEqual([]);
    expect(report.files).toEqual([
      { path: 'catalog-info.yaml', documents: 4 },
      { path: 'openapi/orders.yaml', documents: 1 },
    ]);
    expect(report.schemas).toEqual(counts(1, 0, 0));
  });

  describe('permissions', () => {
    let editor: string;
    const catalog = (...documents: string[]) => [{ path: 'estate.yaml', content: estateYaml(...documents) }];

    beforeAll(async () => {
      await createTeam(t, 'sales', 'Sales');
      await createTeam(t, 'hr', 'HR');
      await createService(t, { key: 'workday', ownerTeam: 'hr' });
      editor = await tokenFor(t, { name: 'sales ci', role: 'EDITOR', team: 'sales' });
    });

    it("an editor imports their own team's services (the team itself unchanged)", async () => {
      const report = await importCatalog(
        t,
        catalog(
          `kind: Team\nkey: sales\nname: Sales`,
          `kind: Service\nkey: hubspot\nname: HubSpot\ntype: SAAS\nownerTeam: sales`,
        ),
        false,
        editor,
      );
      expect(report.errors).toEqual([]);
      expect(report).toMatchObject({ ok: true, teams: counts(0, 0, 1), services: counts(1, 0, 0) });
    });

    it('an editor may not create a team: refused at its file and line, nothing written', async () => {
      const before = await rowCounts(t);
      const report = await importCatalog(
        t,
        catalog(
          `kind: Service\nkey: pipedrive\nname: Pipedrive\ntype: SAAS\nownerTeam: sales`,
          `kind: Team\nkey: marketing\nname: Marketing`,
        ),
        false,
        editor,
      );
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        {
          file: 'estate.yaml',
          line: 8,
          column: 1,
          message: 'Refused: creating team marketing needs an admin token',
        },
      ]);
      expect(await rowCounts(t)).toEqual(before);
      expect(await t.gqlOk(`{ service(key: "pipedrive") { key } }`)).toEqual({ service: null });
      // The refusal itself is audited, after the rollback.
      const denied = await t.gqlOk(`{ auditEvents(first: 5, filter: { outcome: DENIED, targetKey: "marketing" }) {
        edges { node { action actorName targetType reason } } } }`);
      expect(denied.auditEvents.edges.map((e: any) => e.node)).toEqual([
        {
          action: 'team.upsert',
          actorName: 'sales ci',
          targetType: 'team',
          reason: 'Refused: creating team marketing needs an admin token',
        },
      ]);
    });

    it('an editor may not change a team either', async () => {
      const before = await rowCounts(t);
      const report = await importCatalog(t, catalog(`kind: Team\nkey: sales\nname: Sales & Marketing`), false, editor);
      expect(report.ok).toBe(false);
      expect(report.errors.map((e) => `${where(e)}: ${e.message}`)).toEqual([
        'estate.yaml:1: Refused: changing team sales needs an admin token',
      ]);
      expect(await rowCounts(t)).toEqual(before);
    });

    it("an editor may not write another team's services, new or existing: nothing written", async () => {
      const before = await rowCounts(t);
      const report = await importCatalog(
        t,
        catalog(
          `kind: Service\nkey: close-crm\nname: Close\ntype: SAAS\nownerTeam: sales`,
          `kind: Service\nkey: greenhouse\nname: Greenhouse\ntype: SAAS\nownerTeam: hr`,
          `kind: Service\nkey: workday\nname: Workday renamed\ntype: SAAS\nownerTeam: hr`,
        ),
        false,
        editor,
      );
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        {
          file: 'estate.yaml',
          line: 13,
          column: 12,
          message: 'editors of team "sales" register services of their own team only (not "hr")',
        },
        {
          file: 'estate.yaml',
          line: 20,
          column: 12,
          message: 'service belongs to team "hr"; editors of team "sales" change their own team\'s services only',
        },
      ]);
      expect(await rowCounts(t)).toEqual(before);
      expect(await t.gqlOk(`{ service(key: "close-crm") { key } }`)).toEqual({ service: null });
    });

    it('a viewer is refused (FORBIDDEN), an anonymous caller too (UNAUTHENTICATED); nothing written', async () => {
      const viewer = await tokenFor(t, { name: 'viewer', role: 'VIEWER' });
      const before = await rowCounts(t);
      const files = catalog(`kind: Team\nkey: legal\nname: Legal`);
      const asViewer = await t.gqlAs(viewer, IMPORT, { files });
      expect(asViewer.data).toBeNull();
      expect(asViewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const anonymous = await t.gqlAs(null, IMPORT, { files });
      expect(anonymous.data).toBeNull();
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(await rowCounts(t)).toEqual(before);
    });
  });

  describe('bad input', () => {
    it('an empty list of files: BAD_USER_INPUT at files', async () => {
      const body = await t.gql(IMPORT, { files: [] });
      expect(body.data).toBeNull();
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'files' });
    });

    it('two files with the same path (once normalised): BAD_USER_INPUT at files', async () => {
      const content = estateYaml(`kind: Team\nkey: legal\nname: Legal`);
      for (const paths of [
        ['estate.yaml', 'estate.yaml'],
        ['teams/estate.yaml', './teams/estate.yaml'],
      ]) {
        const body = await t.gql(IMPORT, { files: paths.map((path) => ({ path, content })) });
        expect(body.data).toBeNull();
        expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'files' });
        expect(body.errors?.[0].message).toMatch(/same path/);
      }
    });

    it('an empty path: BAD_USER_INPUT at that file', async () => {
      const body = await t.gql(IMPORT, { files: [{ path: '', content: 'x: 1' }] });
      expect(body.data).toBeNull();
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'files[0].path' });
    });
  });
});
