import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { FieldSpec } from '../schemas/schema.types';
import { formatMessage, locateMessages } from './catalog-source';
import { renderEstateYaml, type EstateSnapshot, type ExportedField } from './export-catalog';
import { readCatalog } from './read-catalog';
import { catalogProblems } from './validate-catalog';

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

function field(name: string, type: string, facts: Partial<ExportedField> = {}): ExportedField {
  return {
    name,
    type,
    sourceType: null,
    description: null,
    nullable: true,
    identifier: false,
    enumValues: [],
    referenceTarget: null,
    isArray: false,
    piiClass: null,
    piiReason: null,
    ...facts,
  };
}

const NO_ACCESS = {
  apiStyle: null,
  machineReadableSpec: null,
  specFormat: null,
  bulkExport: null,
  changeEvents: null,
  dataStructure: null,
  authMethod: null,
  rateLimitPerMinute: null,
};

const LONG_DESCRIPTION =
  'Accounts, contacts and opportunities for the direct sales and customer-success teams: ' +
  'the system of record for every customer relationship, "quoted" and # not a comment.\nA second line.';

/** As CatalogRepository.snapshot reads it: ordered by key, nulls for what is unknown. */
const SNAPSHOT: EstateSnapshot = {
  teams: [
    { key: 'finance', name: 'Finance', description: 'Books and bills.', contactEmail: null },
    { key: 'sales', name: 'Sales', description: null, contactEmail: 'sales@example.com' },
  ],
  services: [
    {
      key: 'billing',
      name: 'Billing',
      description: null,
      kind: 'INTERNAL',
      vendor: null,
      category: 'Billing',
      ownerTeam: 'finance',
      lifecycle: 'ACTIVE',
      criticality: 'HIGH',
      annualCost: { amount: '96500.00', currency: 'EUR' },
      licensedSeats: null,
      monthlyActiveUsers: 45,
      contractRenewalDate: null,
      tags: ['billing', 'finance'],
      links: [],
      dataAccess: { ...NO_ACCESS, apiStyle: 'REST', machineReadableSpec: false },
    },
    {
      key: 'crm',
      name: 'CRM',
      description: LONG_DESCRIPTION,
      kind: 'SAAS',
      vendor: 'Salesforce',
      category: null,
      ownerTeam: 'sales',
      lifecycle: 'ACTIVE',
      criticality: null,
      annualCost: null,
      licensedSeats: 240,
      monthlyActiveUsers: null,
      contractRenewalDate: '2026-09-30',
      tags: [],
      links: [{ title: 'Admin', url: 'https://crm.example.com/setup' }],
      dataAccess: NO_ACCESS,
    },
    {
      key: 'ledger',
      name: 'Ledger',
      description: null,
      kind: 'INTERNAL',
      vendor: null,
      category: null,
      ownerTeam: 'finance',
      lifecycle: 'RETIRING',
      criticality: null,
      annualCost: null,
      licensedSeats: null,
      monthlyActiveUsers: null,
      contractRenewalDate: null,
      tags: [],
      links: [],
      dataAccess: NO_ACCESS,
    },
  ],
  integrations: [
    { source: 'billing', target: 'ledger', mechanism: 'FILE', frequency: 'DAILY', description: 'Nightly journal.' },
    { source: 'crm', target: 'billing', mechanism: 'API', frequency: null, description: null },
    { source: 'crm', target: 'billing', mechanism: 'EVENT', frequency: 'REAL_TIME', description: null },
  ],
  entities: [
    {
      serviceKey: 'billing',
      name: 'Invoice',
      description: 'A bill.',
      recordCount: 1200,
      fields: [
        field('number', 'STRING', { sourceType: 'varchar(20)', nullable: false, identifier: true }),
        field('customer', 'REFERENCE', { referenceTarget: 'Customer' }),
        field('status', 'ENUM', { enumValues: ['OPEN', 'PAID'] }),
        field('email', 'STRING', { piiClass: 'EMAIL', piiReason: 'the name says email' }),
        field('iban', 'STRING', { piiClass: 'BANK_ACCOUNT', piiReason: 'set by hand' }),
        field('lines', 'JSON', { isArray: true, description: 'Products and quantities.' }),
      ],
    },
    {
      serviceKey: 'billing',
      name: 'Customer',
      description: null,
      recordCount: null,
      fields: [field('id', 'STRING', { nullable: false, identifier: true })],
    },
    { serviceKey: 'crm', name: 'Account', description: null, recordCount: null, fields: [field('Id', 'STRING')] },
  ],
};

const HEADER = '# yaml-language-server: $schema=https://estate.dev/schemas/estate-catalog.schema.json';

const FINANCE_TEAM = yaml(
  'apiVersion: estate/v1',
  'kind: Team',
  'key: finance',
  'name: Finance',
  'description: Books and bills.',
);
const BILLING_SERVICE_HEAD = [
  'apiVersion: estate/v1',
  'kind: Service',
  'key: billing',
  'name: Billing',
  'type: INTERNAL',
  'category: Billing',
  'ownerTeam: finance',
  'lifecycle: ACTIVE',
  'criticality: HIGH',
  'annualCost:',
  "  amount: '96500.00'",
  '  currency: EUR',
  'monthlyActiveUsers: 45',
  'tags:',
  '  - billing',
  '  - finance',
  'dataAccess:',
  '  apiStyle: REST',
  '  machineReadableSpec: false',
  'integrations:',
  '  - target: ledger',
  '    mechanism: FILE',
  '    frequency: DAILY',
  '    description: Nightly journal.',
];
const BILLING_ENTITIES = [
  'entities:',
  '  - name: Invoice',
  '    description: A bill.',
  '    recordCount: 1200',
  '    fields:',
  '      - name: number',
  '        type: STRING',
  '        sourceType: varchar(20)',
  '        nullable: false',
  '        identifier: true',
  '      - name: customer',
  '        type: REFERENCE',
  '        referenceTarget: Customer',
  '      - name: status',
  '        type: ENUM',
  '        enum:',
  '          - OPEN',
  '          - PAID',
  '      - name: email',
  '        type: STRING',
  '      - name: iban',
  '        type: STRING',
  '        piiClass: BANK_ACCOUNT',
  '      - name: lines',
  '        type: JSON',
  '        description: Products and quantities.',
  '        isArray: true',
  '  - name: Customer',
  '    fields:',
  '      - name: id',
  '        type: STRING',
  '        nullable: false',
  '        identifier: true',
];
const LEDGER_SERVICE = yaml(
  'apiVersion: estate/v1',
  'kind: Service',
  'key: ledger',
  'name: Ledger',
  'type: INTERNAL',
  'ownerTeam: finance',
  'lifecycle: RETIRING',
);

describe('renderEstateYaml', () => {
  it('writes teams, then services with the integrations leaving them and their entities; no nulls, no empty lists', () => {
    const text = renderEstateYaml(SNAPSHOT);
    const documents = loadAll(text, { schema: CORE_SCHEMA }) as Record<string, unknown>[];
    expect(documents.map((d) => `${String(d.kind)} ${String(d.key)}`)).toEqual([
      'Team finance',
      'Team sales',
      'Service billing',
      'Service crm',
      'Service ledger',
    ]);
    expect(text.startsWith(`# Estate catalog: 2 teams, 3 services.\n${HEADER}\n${FINANCE_TEAM}---\n`)).toBe(true);
    expect(text).toContain(
      `---\n${yaml('apiVersion: estate/v1', 'kind: Team', 'key: sales', 'name: Sales', 'contactEmail: sales@example.com')}---\n`,
    );
    expect(text).toContain(`---\n${yaml(...BILLING_SERVICE_HEAD, ...BILLING_ENTITIES)}---\n`);
    expect(text.endsWith(`---\n${LEDGER_SERVICE}`)).toBe(true);
    expect(documents[3]).toEqual({
      apiVersion: 'estate/v1',
      kind: 'Service',
      key: 'crm',
      name: 'CRM',
      type: 'SAAS',
      description: LONG_DESCRIPTION,
      vendor: 'Salesforce',
      ownerTeam: 'sales',
      lifecycle: 'ACTIVE',
      licensedSeats: 240,
      contractRenewalDate: '2026-09-30',
      links: [{ title: 'Admin', url: 'https://crm.example.com/setup' }],
      integrations: [
        { target: 'billing', mechanism: 'API' },
        { target: 'billing', mechanism: 'EVENT', frequency: 'REAL_TIME' },
      ],
      entities: [{ name: 'Account', fields: [{ name: 'Id', type: 'STRING' }] }],
    });
  });

  it('writes only the chosen teams and their services, with the integrations leaving those', () => {
    const text = renderEstateYaml(SNAPSHOT, { teams: ['Finance'] });
    expect(text).toBe(
      `# Estate catalog: 1 team, 2 services.\n${HEADER}\n${FINANCE_TEAM}---\n` +
        `${yaml(...BILLING_SERVICE_HEAD, ...BILLING_ENTITIES)}---\n${LEDGER_SERVICE}`,
    );
    expect(renderEstateYaml(SNAPSHOT, { teams: [] })).toBe(renderEstateYaml(SNAPSHOT));
  });

  it('leaves the data out without data', () => {
    const text = renderEstateYaml(SNAPSHOT, { teams: ['finance'], withoutData: true });
    expect(text).toBe(
      `# Estate catalog: 1 team, 2 services.\n${HEADER}\n${FINANCE_TEAM}---\n` +
        `${yaml(...BILLING_SERVICE_HEAD)}---\n${LEDGER_SERVICE}`,
    );
  });

  it('writes an empty estate as a header alone', () => {
    expect(renderEstateYaml({ teams: [], services: [], integrations: [], entities: [] })).toBe(
      `# Estate catalog: 0 teams, 0 services.\n${HEADER}\n`,
    );
  });
});

/** A field's facts, with what a file leaves out as its default. */
function factsOf(f: FieldSpec) {
  return {
    name: f.name,
    type: f.type ?? null,
    sourceType: f.sourceType ?? null,
    description: f.description ?? null,
    referenceTarget: f.referenceTarget ?? null,
    nullable: f.nullable ?? true,
    identifier: f.identifier ?? false,
    isArray: f.isArray ?? false,
    enumValues: f.enumValues ?? [],
    piiClass: f.piiClass ?? null,
  };
}

/** Without nulls and empty lists, as the file says it (and as importing stores it). */
function stated(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stated);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && !v.length))
    .map(([k, v]) => [k, stated(v)] as const)
    .filter(([, v]) => !(typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.keys(v).length));
  return Object.fromEntries(entries);
}

describe('renderEstateYaml, read back', () => {
  it('reads back as the same teams, services, integrations and entities, without a problem', async () => {
    const text = renderEstateYaml(SNAPSHOT);
    const bundle = readCatalog(['estate.yaml'], (p) => (p === 'estate.yaml' ? text : undefined));
    const messages = locateMessages([...bundle.errors, ...bundle.warnings, ...(await catalogProblems(bundle))]);
    expect(messages.map(formatMessage)).toEqual([]);

    expect(bundle.teams.map((t) => t.value)).toEqual(stated(SNAPSHOT.teams));
    expect(bundle.services.map((s) => s.value)).toEqual(stated(SNAPSHOT.services));
    expect(bundle.integrations.map((i) => stated(i.value))).toEqual(stated(SNAPSHOT.integrations));
    expect(
      bundle.schemas.map((s) => ({
        serviceKey: s.value.serviceKey,
        entities: s.value.entities.map((e) => ({
          name: e.name,
          description: e.description ?? null,
          recordCount: e.recordCount ?? null,
          fields: e.fields.map(factsOf),
        })),
      })),
    ).toEqual(
      ['billing', 'crm'].map((serviceKey) => ({
        serviceKey,
        entities: SNAPSHOT.entities
          .filter((e) => e.serviceKey === serviceKey)
          .map((e) => ({
            name: e.name,
            description: e.description,
            recordCount: e.recordCount,
            // What the classifier decided is decided again on import, not written.
            fields: e.fields.map(({ piiClass, piiReason, ...f }) => ({
              ...f,
              piiClass: piiReason === 'set by hand' ? piiClass : null,
            })),
          })),
      })),
    );
  });

  it('reads back without data as services whose data is left alone', () => {
    const text = renderEstateYaml(SNAPSHOT, { withoutData: true });
    const bundle = readCatalog(['estate.yaml'], (p) => (p === 'estate.yaml' ? text : undefined));
    expect(bundle.errors).toEqual([]);
    expect(bundle.services).toHaveLength(3);
    expect(bundle.schemas).toEqual([]);
  });
});
