import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogBundle, CatalogItem } from './catalog-bundle';
import { formatMessage, locateMessages, type Place, type PlacedMessage } from './catalog-source';
import { readCatalog } from './read-catalog';
import { catalogProblems } from './validate-catalog';

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

/** Reads in-memory files, from `roots` (the first file when not given). */
function readFiles(files: Record<string, string>, roots = [Object.keys(files)[0]]): CatalogBundle {
  return readCatalog(roots, (p) => files[p]);
}

const located = (messages: PlacedMessage[]) => locateMessages(messages).map(formatMessage);
const errorsOf = (bundle: CatalogBundle) => located(bundle.errors);
const warningsOf = (bundle: CatalogBundle) => located(bundle.warnings);
const problemsOf = async (bundle: CatalogBundle) => located(await catalogProblems(bundle));
const valuesOf = <T>(items: CatalogItem<T>[]) => items.map((item) => item.value);

/** `file:line` of a place. */
function lineOf(place: Place): string {
  const [at] = locateMessages([{ place, message: '' }]);
  return `${at.file}:${at.line}`;
}

const REPOSITORY = path.join(__dirname, '../..');

/** Every file under `directory`, by its path relative to the repository, as `readCatalog` reads them. */
function filesUnder(directory: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(REPOSITORY, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else files[child] = fs.readFileSync(path.join(REPOSITORY, child), 'utf8');
    }
  };
  walk(directory);
  return files;
}

const SERVICE_KEYS =
  'key, name, type, ownerTeam, lifecycle, description, vendor, category, criticality, annualCost, licensedSeats, ' +
  'monthlyActiveUsers, contractRenewalDate, tags, links, dataAccess, integrations, entities, schema';
const EITHER_END =
  'give either target (data flows from this service to it) or source (data flows from it to this service)';

describe('readCatalog: estate/v1', () => {
  it('reads Teams and Services, the service kind from `type`', async () => {
    const bundle = readFiles({
      'estate.yaml': yaml(
        'apiVersion: estate/v1', //                      1
        'kind: Team', //                                 2
        'key: finance', //                               3
        'name: Finance', //                              4
        'description: Books and bills.', //              5
        'contactEmail: finance@example.com', //          6
        '---', //                                        7
        'apiVersion: estate/v1', //                      8
        'kind: Service', //                              9
        'key: ledger', //                                10
        'name: General Ledger', //                       11
        'type: INTERNAL', //                             12
        'ownerTeam: finance', //                         13
        'lifecycle: RETIRING', //                        14
        'criticality: HIGH', //                          15
        'annualCost:', //                                16
        "  amount: '61250.50'", //                       17
        '  currency: EUR', //                            18
        'licensedSeats: 30', //                          19
        "contractRenewalDate: '2025-12-31'", //          20
        'tags: [finance, ledger]', //                    21
        'links:', //                                     22
        '  - title: Runbook', //                         23
        '    url: https://wiki.example.com/ledger', //   24
        'dataAccess:', //                                25
        '  apiStyle: SOAP', //                           26
        '  machineReadableSpec: true', //                27
        '  specFormat: WSDL', //                         28
      ),
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(warningsOf(bundle)).toEqual([]);
    expect(bundle.files).toEqual([{ path: 'estate.yaml', documents: 2 }]);
    expect(valuesOf(bundle.teams)).toEqual([
      { key: 'finance', name: 'Finance', description: 'Books and bills.', contactEmail: 'finance@example.com' },
    ]);
    expect(valuesOf(bundle.services)).toEqual([
      {
        key: 'ledger',
        name: 'General Ledger',
        kind: 'INTERNAL',
        ownerTeam: 'finance',
        lifecycle: 'RETIRING',
        criticality: 'HIGH',
        annualCost: { amount: '61250.50', currency: 'EUR' },
        licensedSeats: 30,
        contractRenewalDate: '2025-12-31',
        tags: ['finance', 'ledger'],
        links: [{ title: 'Runbook', url: 'https://wiki.example.com/ledger' }],
        dataAccess: { apiStyle: 'SOAP', machineReadableSpec: true, specFormat: 'WSDL' },
      },
    ]);
    expect(bundle.integrations).toEqual([]);
    expect(bundle.schemas).toEqual([]);
    const [team] = bundle.teams;
    const [service] = bundle.services;
    expect(lineOf(team.place)).toBe('estate.yaml:1');
    expect(lineOf(team.at('contactEmail'))).toBe('estate.yaml:6');
    expect(lineOf(service.place)).toBe('estate.yaml:8');
    expect(lineOf(service.at('kind'))).toBe('estate.yaml:12');
    expect(lineOf(service.at('annualCost.amount'))).toBe('estate.yaml:17');
    expect(lineOf(service.at('links[0].url'))).toBe('estate.yaml:24');
    expect(service.label?.('kind')).toBe('type');
    await expect(problemsOf(bundle)).resolves.toEqual([]);
  });

  it('refuses an unknown key at its line, and leaves the document out', () => {
    const bundle = readFiles({
      'estate.yaml': yaml(
        'apiVersion: estate/v1', //   1
        'kind: Team', //              2
        'key: finance', //            3
        'name: Finance', //           4
        'email: f@example.com', //    5
        '---', //                     6
        'apiVersion: estate/v1', //   7
        'kind: Service', //           8
        'key: ledger', //             9
        'name: Ledger', //            10
        'kind_: INTERNAL', //         11
        'owner: finance', //          12
        '---', //                     13
        'apiVersion: estate/v1', //   14
        'kind: Database', //          15
        'key: x', //                  16
      ),
    });
    expect(errorsOf(bundle)).toEqual([
      'estate.yaml:5:8: unknown key email (known: key, name, description, contactEmail)',
      `estate.yaml:11:8: unknown keys kind_, owner (known: ${SERVICE_KEYS})`,
      'estate.yaml:15:7: kind must be Team or Service for estate/v1 (got "Database")',
    ]);
    expect(bundle.teams).toEqual([]);
    expect(bundle.services).toEqual([]);
  });

  it('reads integrations with a target as leaving the service and with a source as reaching it', async () => {
    const bundle = readFiles({
      'estate.yaml': yaml(
        'apiVersion: estate/v1', //                      1
        'kind: Service', //                              2
        'key: crm', //                                   3
        'name: CRM', //                                  4
        'type: SAAS', //                                 5
        'ownerTeam: sales', //                           6
        'integrations:', //                              7
        '  - target: billing', //                        8
        '    mechanism: API', //                         9
        '    frequency: HOURLY', //                      10
        '    description: Accounts become customers.', // 11
        '  - source: web-shop', //                       12
        '    mechanism: CARRIER_PIGEON', //              13
      ),
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(valuesOf(bundle.integrations)).toEqual([
      {
        source: 'crm',
        target: 'billing',
        mechanism: 'API',
        frequency: 'HOURLY',
        description: 'Accounts become customers.',
      },
      { source: 'web-shop', target: 'crm', mechanism: 'CARRIER_PIGEON' },
    ]);
    const [leaving, reaching] = bundle.integrations;
    expect(lineOf(leaving.place)).toBe('estate.yaml:8');
    // The service's own end is its key; the other end is where the file names it.
    expect([lineOf(leaving.at('source')), lineOf(leaving.at('target'))]).toEqual(['estate.yaml:3', 'estate.yaml:8']);
    expect([lineOf(reaching.at('source')), lineOf(reaching.at('target'))]).toEqual(['estate.yaml:12', 'estate.yaml:3']);
    await expect(problemsOf(bundle)).resolves.toEqual([
      'estate.yaml:13:16: mechanism must be one of the following values: API, FILE, ETL, EVENT, MANUAL',
    ]);
  });

  it('refuses an integration of a service with itself at the end that names it', () => {
    const bundle = readFiles({
      'estate.yaml': yaml(
        'apiVersion: estate/v1', //   1
        'kind: Service', //           2
        'key: pager', //              3
        'name: Pager', //             4
        'type: SAAS', //              5
        'ownerTeam: ops', //          6
        'integrations:', //           7
        '  - source: Pager', //       8
        '    mechanism: API', //      9
      ),
    });
    expect(errorsOf(bundle)).toEqual(['estate.yaml:8:13: an integration connects two different services']);
    expect(bundle.integrations).toEqual([]);
  });

  it('refuses an integration with both a source and a target, or neither, or an unknown key', () => {
    const bundle = readFiles({
      'estate.yaml': yaml(
        'apiVersion: estate/v1', //   1
        'kind: Service', //           2
        'key: crm', //                3
        'name: CRM', //               4
        'type: SAAS', //              5
        'ownerTeam: sales', //        6
        'integrations:', //           7
        '  - source: billing', //     8
        '    target: billing', //     9
        '    mechanism: API', //      10
        '  - mechanism: FILE', //     11
        '  - target: billing', //     12
        '    via: API', //            13
        '  - billing', //             14
        '  - target: ledger', //      15
        '    mechanism: FILE', //     16
      ),
    });
    expect(errorsOf(bundle)).toEqual([
      `estate.yaml:8:5: ${EITHER_END}`,
      `estate.yaml:11:5: ${EITHER_END}`,
      'estate.yaml:13:10: unknown key via (known: source, target, mechanism, frequency, description)',
      'estate.yaml:14:5: must be a mapping',
    ]);
    expect(valuesOf(bundle.integrations)).toEqual([{ source: 'crm', target: 'ledger', mechanism: 'FILE' }]);
  });

  it('refuses integrations that are not a list', () => {
    const bundle = readFiles({
      'estate.yaml': yaml(
        'apiVersion: estate/v1',
        'kind: Service',
        'key: crm',
        'name: CRM',
        'type: SAAS',
        'ownerTeam: sales',
        'integrations: billing', // 7
      ),
    });
    expect(errorsOf(bundle)).toEqual(['estate.yaml:7:15: must be a list of integrations']);
  });

  it('reads inline entities as the service data', async () => {
    const bundle = readFiles({
      'estate.yaml': yaml(
        'apiVersion: estate/v1', //          1
        'kind: Service', //                  2
        'key: crm', //                       3
        'name: CRM', //                      4
        'type: SAAS', //                     5
        'ownerTeam: sales', //               6
        'entities:', //                      7
        '  - name: Account', //              8
        '    description: A customer.', //   9
        '    recordCount: 38500', //         10
        '    mappedTo: Customer', //         11
        '    color: blue', //                12
        '    fields:', //                    13
        '      - name: Id', //               14
        '        type: STRING', //           15
        '        sourceType: id', //         16
        '        identifier: true', //       17
        '        nullable: false', //        18
        '      - name: Email', //            19
        '        type: string', //           20
        '        piiClass: EMAIL', //        21
        '      - name: Tier', //             22
        '        type: ENUM', //             23
        '        enum: [GOLD, SILVER]', //   24
        '        isArray: true', //          25
        '      - name: id', //               26
      ),
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(warningsOf(bundle)).toEqual(['estate.yaml:8:5: ignored: color']);
    expect(valuesOf(bundle.schemas)).toEqual([
      {
        serviceKey: 'crm',
        source: 'estate.yaml (inline entities)',
        entities: [
          {
            name: 'Account',
            description: 'A customer.',
            recordCount: 38500,
            mappedTo: 'Customer',
            fields: [
              {
                name: 'Id',
                type: 'STRING',
                sourceType: 'id',
                description: null,
                referenceTarget: null,
                identifier: true,
                nullable: false,
              },
              {
                name: 'Email',
                type: 'STRING',
                sourceType: null,
                description: null,
                referenceTarget: null,
                piiClass: 'EMAIL',
              },
              {
                name: 'Tier',
                type: 'ENUM',
                sourceType: null,
                description: null,
                referenceTarget: null,
                enumValues: ['GOLD', 'SILVER'],
                isArray: true,
              },
              { name: 'id', sourceType: null, description: null, referenceTarget: null },
            ],
          },
        ],
      },
    ]);
    expect(lineOf(bundle.schemas[0].place)).toBe('estate.yaml:8');
    // The schema's own rules are checked with the other inputs, at the field's line.
    await expect(problemsOf(bundle)).resolves.toEqual([
      'estate.yaml:26:15: entities[0].fields[3].name: duplicates fields[0] (names are case-insensitive)',
    ]);
  });

  it('refuses inline entities that are not entities, at the line of the bad value', () => {
    const bundle = readFiles({
      'estate.yaml': yaml(
        'apiVersion: estate/v1', //     1
        'kind: Service', //             2
        'key: crm', //                  3
        'name: CRM', //                 4
        'type: SAAS', //                5
        'ownerTeam: sales', //          6
        'entities:', //                 7
        '  - name: Account', //         8
        '    fields:', //               9
        '      - name: Id', //          10
        '        nullable: maybe', //   11
      ),
    });
    expect(errorsOf(bundle)).toEqual(['estate.yaml:11:19: must be true or false']);
    expect(bundle.schemas).toEqual([]);
  });

  it('reads schema.file relative to the descriptor, in the format its content shows', () => {
    const bundle = readFiles({
      'teams/finance/estate.yaml': yaml(
        'apiVersion: estate/v1', //          1
        'kind: Service', //                  2
        'key: billing', //                   3
        'name: Billing', //                  4
        'type: INTERNAL', //                 5
        'ownerTeam: finance', //             6
        'schema:', //                        7
        '  file: db/billing.sql', //         8
        '---', //                            9
        'apiVersion: estate/v1', //          10
        'kind: Service', //                  11
        'key: invoices', //                  12
        'name: Invoices', //                 13
        'type: INTERNAL', //                 14
        'ownerTeam: finance', //             15
        'schema:', //                        16
        '  file: ../shared/invoice.json', // 17
      ),
      'teams/finance/db/billing.sql': yaml(
        'CREATE TABLE billing.customer (',
        '  customer_id uuid PRIMARY KEY,',
        '  legal_name varchar(255) NOT NULL',
        ');',
      ),
      'teams/shared/invoice.json': JSON.stringify({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        title: 'Invoice',
        type: 'object',
        required: ['number'],
        properties: { number: { type: 'string' }, total: { type: 'number' } },
      }),
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(bundle.files).toEqual([
      { path: 'teams/finance/estate.yaml', documents: 2 },
      { path: 'teams/finance/db/billing.sql', documents: 1 },
      { path: 'teams/shared/invoice.json', documents: 1 },
    ]);
    const [billing, invoices] = bundle.schemas;
    expect(billing.value.serviceKey).toBe('billing');
    expect(billing.value.source).toBe('PostgreSQL DDL (teams/finance/db/billing.sql)');
    expect(billing.value.entities.map((e) => [e.name, e.fields.map((f) => [f.name, f.type, f.nullable])])).toEqual([
      [
        'billing.customer',
        [
          ['customer_id', 'STRING', false],
          ['legal_name', 'STRING', false],
        ],
      ],
    ]);
    expect(lineOf(billing.place)).toBe('teams/finance/estate.yaml:8');
    expect(invoices.value.serviceKey).toBe('invoices');
    expect(invoices.value.source).toBe('JSON Schema 2020-12 (teams/shared/invoice.json)');
    expect(invoices.value.entities.map((e) => [e.name, e.fields.map((f) => [f.name, f.type, f.nullable])])).toEqual([
      [
        'Invoice',
        [
          ['number', 'STRING', false],
          ['total', 'DECIMAL', true],
        ],
      ],
    ]);
  });

  it('lists a file that two descriptors read once', () => {
    const service = (key: string) =>
      yaml(
        'apiVersion: estate/v1',
        'kind: Service',
        `key: ${key}`,
        `name: ${key}`,
        'type: INTERNAL',
        'ownerTeam: finance',
        'schema:',
        '  file: shared.sql',
      );
    const bundle = readFiles({
      'estate.yaml': `${service('a')}---\n${service('b')}`,
      'shared.sql': 'CREATE TABLE invoice (id integer PRIMARY KEY);\n',
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(bundle.files).toEqual([
      { path: 'estate.yaml', documents: 2 },
      { path: 'shared.sql', documents: 1 },
    ]);
    expect(bundle.schemas.map((s) => [s.value.serviceKey, s.value.entities.map((e) => e.name)])).toEqual([
      ['a', ['invoice']],
      ['b', ['invoice']],
    ]);
  });

  it('reads schema.file in the format, dialect and depth given', () => {
    const bundle = readFiles({
      'estate.yaml': yaml(
        'apiVersion: estate/v1',
        'kind: Service',
        'key: billing',
        'name: Billing',
        'type: INTERNAL',
        'ownerTeam: finance',
        'schema:',
        '  file: billing.txt',
        '  format: CSV',
      ),
      'billing.txt': yaml('entity,field,type', 'Invoice,number,STRING', 'Invoice,total,DECIMAL'),
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(bundle.schemas.map((s) => [s.value.source, s.value.entities.map((e) => e.name)])).toEqual([
      ['CSV (billing.txt)', ['Invoice']],
    ]);
  });

  it('refuses a schema file that is missing or not relative, at the `file:` line', () => {
    const descriptor = (file: string) =>
      yaml(
        'apiVersion: estate/v1', //   1
        'kind: Service', //           2
        'key: billing', //            3
        'name: Billing', //           4
        'type: INTERNAL', //          5
        'ownerTeam: finance', //      6
        'schema:', //                 7
        `  file: ${file}`, //         8
      );
    const missing = readFiles({ 'teams/estate.yaml': descriptor('db/missing.sql') });
    expect(errorsOf(missing)).toEqual(['teams/estate.yaml:8:9: schema file teams/db/missing.sql does not exist']);
    expect(missing.files).toEqual([{ path: 'teams/estate.yaml', documents: 1 }]);
    expect(missing.schemas).toEqual([]);
    const url = readFiles({ 'estate.yaml': descriptor('https://example.com/billing.sql') });
    expect(errorsOf(url)).toEqual([
      'estate.yaml:8:9: schema.file must be a path relative to this file (got https://example.com/billing.sql)',
    ]);
  });

  it("places a schema file's own problems in that file", () => {
    const bundle = readFiles({
      'estate.yaml': yaml(
        'apiVersion: estate/v1',
        'kind: Service',
        'key: ledger',
        'name: Ledger',
        'type: INTERNAL',
        'ownerTeam: finance',
        'schema:',
        '  file: api/ledger.yaml',
      ),
      'api/ledger.yaml': yaml(
        'openapi: 3.0.3', //                                       1
        'info: {title: Ledger, version: 1.0.0}', //                2
        'paths: {}', //                                            3
        'components:', //                                          4
        '  schemas:', //                                           5
        '    Account:', //                                         6
        '      type: object', //                                   7
        '      properties:', //                                    8
        '        owner:', //                                       9
        "          $ref: '#/components/schemas/Employee'", //      10
      ),
    });
    expect(errorsOf(bundle)).toEqual([
      'api/ledger.yaml:10:11: cannot resolve $ref "#/components/schemas/Employee": nothing in the file is at that location',
    ]);
    expect(bundle.schemas).toEqual([]);
  });

  it('refuses entities and schema both, and bad schema options, each at its line', () => {
    const service = (...lines: string[]) =>
      yaml(
        'apiVersion: estate/v1', //   1
        'kind: Service', //           2
        'key: billing', //            3
        'name: Billing', //           4
        'type: INTERNAL', //          5
        'ownerTeam: finance', //      6
        ...lines, //                  7…
      );
    const files = { 'billing.sql': 'CREATE TABLE invoice (id integer);\n' };
    const both = readFiles({
      'estate.yaml': service('entities: []', 'schema:', '  file: billing.sql'),
      ...files,
    });
    expect(errorsOf(both)).toEqual(['estate.yaml:9:3: give entities or schema, not both']);
    expect(both.schemas).toEqual([]);

    const options = readFiles({
      'estate.yaml': service(
        'schema:', //                 7
        '  file: billing.sql', //     8
        '  format: sql', //           9
        '  sqlDialect: ORACLE', //    10
        '  maxDepth: 11', //          11
      ),
      ...files,
    });
    expect(errorsOf(options)).toEqual([
      'estate.yaml:9:11: format must be one of OPENAPI, JSON_SCHEMA, SQL_DDL, CSV, ESTATE_JSON',
      'estate.yaml:10:15: sqlDialect must be one of POSTGRESQL, MYSQL',
      'estate.yaml:11:13: maxDepth must be a whole number from 1 to 10',
    ]);
    expect(options.files).toEqual([{ path: 'estate.yaml', documents: 1 }]);

    for (const depth of ['0', '2.5', 'three']) {
      const bad = readFiles({
        'estate.yaml': service('schema:', '  file: billing.sql', `  maxDepth: ${depth}`),
        ...files,
      });
      expect(errorsOf(bad)).toEqual(['estate.yaml:9:13: maxDepth must be a whole number from 1 to 10']);
    }
    const unknown = readFiles({
      'estate.yaml': service('schema:', '  file: billing.sql', '  dialect: MYSQL'),
      ...files,
    });
    expect(errorsOf(unknown)).toEqual([
      'estate.yaml:9:12: unknown key dialect (known: file, format, sqlDialect, maxDepth)',
    ]);
    const scalar = readFiles({ 'estate.yaml': service('schema: billing.sql'), ...files });
    expect(errorsOf(scalar)).toEqual([
      'estate.yaml:7:9: schema must be a mapping with file: <path relative to this file>',
    ]);
  });
});

/** Groups, Users, Domains and Systems the Backstage cases below own and group their components by. */
const ORG = yaml(
  'apiVersion: backstage.io/v1alpha1', //             1
  'kind: Group', //                                   2
  'metadata:', //                                     3
  '  name: payments', //                              4
  '  title: Payments (title)', //                     5
  '  description: Takes the money.', //               6
  'spec:', //                                         7
  '  type: team', //                                  8
  '  profile:', //                                    9
  '    displayName: Payments Team', //                10
  '    email: payments@example.com', //               11
  '---', //                                           12
  'apiVersion: backstage.io/v1alpha1', //             13
  'kind: Group', //                                   14
  'metadata:', //                                     15
  '  name: ops', //                                   16
  '  title: Operations', //                           17
  'spec:', //                                         18
  '  type: team', //                                  19
  '---', //                                           20
  'apiVersion: backstage.io/v1alpha1', //             21
  'kind: Group', //                                   22
  'metadata:', //                                     23
  '  name: bare', //                                  24
  '---', //                                           25
  'apiVersion: backstage.io/v1alpha1', //             26
  'kind: User', //                                    27
  'metadata:', //                                     28
  '  name: jdoe', //                                  29
  'spec:', //                                         30
  '  memberOf: [group:default/payments, ops]', //     31
  '---', //                                           32
  'apiVersion: backstage.io/v1alpha1', //             33
  'kind: User', //                                    34
  'metadata:', //                                     35
  '  name: loner', //                                 36
  'spec:', //                                         37
  '  memberOf: []', //                                38
  '---', //                                           39
  'apiVersion: backstage.io/v1alpha1', //             40
  'kind: Domain', //                                  41
  'metadata:', //                                     42
  '  name: commerce', //                              43
  '  title: Commerce', //                             44
  '---', //                                           45
  'apiVersion: backstage.io/v1alpha1', //             46
  'kind: Domain', //                                  47
  'metadata:', //                                     48
  '  name: back-office', //                           49
  '---', //                                           50
  'apiVersion: backstage.io/v1alpha1', //             51
  'kind: System', //                                  52
  'metadata:', //                                     53
  '  name: webshop', //                               54
  '  title: Web Shop', //                             55
  'spec:', //                                         56
  '  domain: commerce', //                            57
  '---', //                                           58
  'apiVersion: backstage.io/v1alpha1', //             59
  'kind: System', //                                  60
  'metadata:', //                                     61
  '  name: ledger', //                                62
  'spec:', //                                         63
  '  domain: back-office', //                         64
  '---', //                                           65
  'apiVersion: backstage.io/v1alpha1', //             66
  'kind: System', //                                  67
  'metadata:', //                                     68
  '  name: tools', //                                 69
  '  title: Internal Tools', //                       70
);

/**
 * A Backstage entity in a file of its own: `metadata.name` on line 4, the `metadata` lines from
 * line 5, `spec:` on line 5 + metadata.length and the `spec` lines below it.
 */
function entity(kind: string, name: string, spec: string[], metadata: string[] = []): string {
  return yaml(
    'apiVersion: backstage.io/v1alpha1',
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    ...metadata.map((line) => `  ${line}`),
    'spec:',
    ...spec.map((line) => `  ${line}`),
  );
}

/** Reads the org and `files`, every one a root; `referenced` files are read only when a catalog file names them. */
function readWithOrg(files: Record<string, string>, referenced: Record<string, string> = {}): CatalogBundle {
  const all: Record<string, string> = { 'org.yaml': ORG, ...files, ...referenced };
  return readCatalog(['org.yaml', ...Object.keys(files)], (p) => all[p]);
}

function serviceOf(bundle: CatalogBundle, key: string): Record<string, unknown> {
  const found = bundle.services.find((s) => s.value.key === key);
  if (!found) throw new Error(`no service ${key}`);
  return found.value;
}

const ANNOTATIONS =
  'estate.dev/kind, estate.dev/vendor, estate.dev/category, estate.dev/criticality, estate.dev/annual-cost, ' +
  'estate.dev/licensed-seats, estate.dev/monthly-active-users, estate.dev/contract-renewal-date, ' +
  'estate.dev/api-style, estate.dev/machine-readable-spec, estate.dev/spec-format, estate.dev/bulk-export, ' +
  'estate.dev/change-events, estate.dev/data-structure, estate.dev/auth-method, estate.dev/rate-limit-per-minute';

describe('readCatalog: Backstage teams and services', () => {
  it('reads Groups as teams: display name, else title, else name; email; description', () => {
    const bundle = readWithOrg({});
    expect(errorsOf(bundle)).toEqual([]);
    expect(warningsOf(bundle)).toEqual([]);
    expect(valuesOf(bundle.teams)).toEqual([
      { key: 'payments', name: 'Payments Team', description: 'Takes the money.', contactEmail: 'payments@example.com' },
      { key: 'ops', name: 'Operations', description: null, contactEmail: null },
      { key: 'bare', name: 'bare', description: null, contactEmail: null },
    ]);
    expect(bundle.services).toEqual([]);
    const [payments] = bundle.teams;
    expect(lineOf(payments.at('key'))).toBe('org.yaml:4');
    expect(lineOf(payments.at('name'))).toBe('org.yaml:10');
    expect(lineOf(payments.at('contactEmail'))).toBe('org.yaml:11');
  });

  it('names the Group field a team problem is about', async () => {
    const bundle = readFiles({
      'org.yaml': entity('Group', 'sales', ['type: team', 'profile:', '  email: not-an-email']),
    });
    await expect(problemsOf(bundle)).resolves.toEqual(['org.yaml:8:12: spec.profile.email must be an email address']);
  });

  it('reads a Component as a service: title, description, tags, links, lifecycle, owner, category', async () => {
    const bundle = readWithOrg({
      'shop.yaml': entity(
        'Component',
        'shop',
        ['type: website', 'lifecycle: production', 'owner: payments', 'system: webshop'],
        [
          'title: Web Shop',
          'description: The storefront.',
          'tags: [typescript, storefront]',
          'links:',
          '  - url: https://shop.example.com',
          '    title: Storefront',
          '    icon: web',
          '  - url: https://grafana.example.com/d/shop',
          'annotations:',
          '  github.com/project-slug: acme/shop',
        ],
      ),
      'plain.yaml': entity('Component', 'plain', ['type: service', 'owner: ops']),
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(warningsOf(bundle)).toEqual([]);
    expect(valuesOf(bundle.services)).toEqual([
      {
        key: 'plain',
        name: 'plain',
        description: null,
        kind: 'INTERNAL',
        ownerTeam: 'ops',
        category: null,
      },
      {
        key: 'shop',
        name: 'Web Shop',
        description: 'The storefront.',
        kind: 'INTERNAL',
        ownerTeam: 'payments',
        category: 'Commerce',
        lifecycle: 'ACTIVE',
        tags: ['typescript', 'storefront'],
        links: [
          { title: 'Storefront', url: 'https://shop.example.com' },
          { title: 'https://grafana.example.com/d/shop', url: 'https://grafana.example.com/d/shop' },
        ],
      },
    ]);
    const shop = bundle.services[1];
    expect(lineOf(shop.place)).toBe('shop.yaml:1');
    expect(lineOf(shop.at('key'))).toBe('shop.yaml:4');
    expect(lineOf(shop.at('name'))).toBe('shop.yaml:5');
    expect(lineOf(shop.at('links[1].url'))).toBe('shop.yaml:12');
    expect(lineOf(shop.at('ownerTeam'))).toBe('shop.yaml:18');
    expect(shop.label?.('ownerTeam')).toBe('spec.owner');
    await expect(problemsOf(bundle)).resolves.toEqual([]);
  });

  it.each([
    ['production', 'ACTIVE'],
    ['experimental', 'PLANNED'],
    ['deprecated', 'DEPRECATED'],
    ['Production', 'ACTIVE'],
  ])('reads lifecycle %s as %s', (lifecycle, expected) => {
    const bundle = readWithOrg({ 'c.yaml': entity('Component', 'c', ['owner: ops', `lifecycle: ${lifecycle}`]) });
    expect(warningsOf(bundle)).toEqual([]);
    expect(serviceOf(bundle, 'c').lifecycle).toBe(expected);
  });

  it('leaves an unknown lifecycle to the default, with a warning at its line', () => {
    const bundle = readWithOrg({ 'c.yaml': entity('Component', 'c', ['owner: ops', 'lifecycle: sunset']) });
    expect(errorsOf(bundle)).toEqual([]);
    expect(warningsOf(bundle)).toEqual([
      'c.yaml:7:14: lifecycle sunset is not one Estate knows (production, experimental, deprecated): imported as ACTIVE',
    ]);
    expect(serviceOf(bundle, 'c')).not.toHaveProperty('lifecycle');
  });

  it.each([
    ['type: database', 'DATA_STORE'],
    ['type: s3-bucket', 'DATA_STORE'],
    ['type: kafka-topic', 'PLATFORM'],
    ['lifecycle: production', 'PLATFORM'],
  ])('reads a Resource with %s as a %s service', (line, kind) => {
    const bundle = readWithOrg({ 'r.yaml': entity('Resource', 'r', ['owner: ops', line]) });
    expect(errorsOf(bundle)).toEqual([]);
    expect(serviceOf(bundle, 'r').kind).toBe(kind);
  });

  it.each([
    ['group:default/payments', 'payments'],
    ['payments', 'payments'],
    ['group:payments', 'payments'],
    ['Group:Default/payments', 'payments'],
    // Checked against the teams in the database when the catalog is written.
    ['group:nowhere', 'nowhere'],
  ])('reads owner %s as team %s', (owner, team) => {
    const bundle = readWithOrg({ 'c.yaml': entity('Component', 'c', [`owner: ${owner}`]) });
    expect(errorsOf(bundle)).toEqual([]);
    expect(warningsOf(bundle)).toEqual([]);
    expect(serviceOf(bundle, 'c').ownerTeam).toBe(team);
  });

  it("reads a user owner as the user's first group, with a warning", () => {
    const bundle = readWithOrg({ 'c.yaml': entity('Component', 'c', ['owner: user:jdoe']) });
    expect(errorsOf(bundle)).toEqual([]);
    expect(warningsOf(bundle)).toEqual([
      "c.yaml:6:10: owned by user jdoe: Estate's owners are teams, so the owner is their first group, payments",
    ]);
    expect(serviceOf(bundle, 'c').ownerTeam).toBe('payments');
  });

  it('refuses an owner that is no group: a user in no group or not in the catalog, another kind, none', () => {
    const bundle = readWithOrg({
      'a.yaml': entity('Component', 'a', ['owner: user:loner']),
      'b.yaml': entity('Component', 'b', ['owner: user:ghost']),
      'c.yaml': entity('Component', 'c', ['owner: system:webshop']),
      'd.yaml': entity('Component', 'd', ['type: service']),
    });
    expect(errorsOf(bundle)).toEqual([
      "a.yaml:6:10: owner user:loner is a User who is in no Group; Estate's owners are teams (Groups)",
      "b.yaml:6:10: owner user:ghost is a User not in the catalog; Estate's owners are teams (Groups)",
      'c.yaml:6:10: owner system:webshop must be a Group',
      'd.yaml:6:3: spec.owner must name the Group that owns it',
    ]);
    expect(bundle.services.map((s) => s.value.ownerTeam)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it.each([
    ['system: webshop', 'Commerce'], // the domain's title
    ['system: ledger', 'back-office'], // the domain, untitled
    ['system: tools', 'Internal Tools'], // no domain: the system's title
    ['system: system:default/elsewhere', 'elsewhere'], // a system not in the catalog
    ['type: service', null],
  ])("reads the category of a component with %s from its system's domain: %s", (line, category) => {
    const bundle = readWithOrg({ 'c.yaml': entity('Component', 'c', ['owner: ops', line]) });
    expect(serviceOf(bundle, 'c').category).toBe(category);
  });

  it('reads every estate.dev annotation into the field it names', async () => {
    const bundle = readWithOrg({
      'c.yaml': entity(
        'Component',
        'zendesk',
        ['owner: ops', 'system: webshop'],
        [
          'annotations:',
          '  estate.dev/kind: saas',
          "  estate.dev/vendor: ' Zendesk '",
          '  estate.dev/category: Customer Support',
          '  estate.dev/criticality: mission critical',
          "  estate.dev/annual-cost: '48000 EUR'",
          "  estate.dev/licensed-seats: '120'",
          '  estate.dev/monthly-active-users: 85',
          "  estate.dev/contract-renewal-date: '2026-09-30'",
          '  estate.dev/api-style: rest',
          "  estate.dev/machine-readable-spec: 'yes'",
          '  estate.dev/spec-format: openapi',
          '  estate.dev/bulk-export: false',
          '  estate.dev/change-events: webhooks',
          '  estate.dev/data-structure: semi-structured',
          '  estate.dev/auth-method: oauth2',
          "  estate.dev/rate-limit-per-minute: ' 600 '",
          '  github.com/project-slug: acme/zendesk',
        ],
      ),
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(warningsOf(bundle)).toEqual([]);
    expect(serviceOf(bundle, 'zendesk')).toEqual({
      key: 'zendesk',
      name: 'zendesk',
      description: null,
      kind: 'SAAS',
      ownerTeam: 'ops',
      category: 'Customer Support',
      vendor: 'Zendesk',
      criticality: 'MISSION_CRITICAL',
      annualCost: { amount: '48000', currency: 'EUR' },
      licensedSeats: 120,
      monthlyActiveUsers: 85,
      contractRenewalDate: '2026-09-30',
      dataAccess: {
        apiStyle: 'REST',
        machineReadableSpec: true,
        specFormat: 'OPENAPI',
        bulkExport: false,
        changeEvents: 'WEBHOOKS',
        dataStructure: 'SEMI_STRUCTURED',
        authMethod: 'OAUTH2',
        rateLimitPerMinute: 600,
      },
    });
    await expect(problemsOf(bundle)).resolves.toEqual([]);
  });

  it.each([
    ['48000 EUR', { amount: '48000', currency: 'EUR' }],
    ['EUR 1,250.50', { amount: '1250.50', currency: 'EUR' }],
    ['  99.9   usd ', { amount: '99.9', currency: 'USD' }],
  ])('reads annual cost %j', (text, money) => {
    const bundle = readWithOrg({
      'c.yaml': entity('Component', 'c', ['owner: ops'], ['annotations:', `  estate.dev/annual-cost: '${text}'`]),
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(serviceOf(bundle, 'c').annualCost).toEqual(money);
  });

  it.each(['lots of money', '48000', '48000 euros', '48000 EUR per year'])(
    'refuses annual cost %j at the annotation',
    (text) => {
      const bundle = readWithOrg({
        'c.yaml': entity('Component', 'c', ['owner: ops'], ['annotations:', `  estate.dev/annual-cost: '${text}'`]),
      });
      expect(errorsOf(bundle)).toEqual([
        `c.yaml:6:29: estate.dev/annual-cost must be an amount and a currency, e.g. "48000 EUR" (got ${text})`,
      ]);
      expect(serviceOf(bundle, 'c')).not.toHaveProperty('annualCost');
    },
  );

  it('warns about an unknown estate.dev annotation and leaves other annotations alone', () => {
    const bundle = readWithOrg({
      'c.yaml': entity(
        'Component',
        'c',
        ['owner: ops'],
        ['annotations:', '  backstage.io/techdocs-ref: dir:.', '  estate.dev/owner-email: x@example.com'],
      ),
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(warningsOf(bundle)).toEqual([
      `c.yaml:7:29: ignored: unknown annotation estate.dev/owner-email (Estate reads ${ANNOTATIONS})`,
    ]);
  });

  it('names the annotation or Backstage field a service problem is about, at its line', async () => {
    const bundle = readWithOrg({
      'c.yaml': entity(
        'Component',
        'Bad!Name',
        ['owner: ops'],
        [
          'annotations:', //                                    5
          '  estate.dev/criticality: severe', //                6
          "  estate.dev/annual-cost: '12500.505 EUR'", //       7
          '  estate.dev/licensed-seats: 12.5', //               8
          '  estate.dev/bulk-export: maybe', //                 9
          'links:', //                                          10
          '  - url: not a url', //                              11
          '    title: Runbook', //                              12
        ],
      ),
    });
    expect(errorsOf(bundle)).toEqual([]);
    await expect(problemsOf(bundle)).resolves.toEqual([
      'c.yaml:4:9: metadata.name must be 1-63 characters: letters, digits, ".", "_" or "-", starting with a letter or digit',
      'c.yaml:6:29: estate.dev/criticality must be one of the following values: LOW, MEDIUM, HIGH, MISSION_CRITICAL',
      'c.yaml:7:29: estate.dev/annual-cost: must be a non-negative decimal string with at most 2 fraction digits, e.g. "125000.00"',
      // A whole number that is not one stays text, so the range checks fail with it.
      'c.yaml:8:32: estate.dev/licensed-seats must not be greater than 2147483647',
      'c.yaml:8:32: estate.dev/licensed-seats must not be less than 0',
      'c.yaml:8:32: estate.dev/licensed-seats must be an integer number',
      'c.yaml:11:12: links[0].url must be an absolute URL',
      'c.yaml:9:29: estate.dev/bulk-export must be a boolean value',
    ]);
  });
});

describe('readCatalog: Backstage relations', () => {
  it('reads dependsOn as data flowing from the dependency, and dependencyOf the other way', () => {
    const bundle = readWithOrg({
      'services.yaml': yaml(
        'apiVersion: backstage.io/v1alpha1', //        1
        'kind: Component', //                          2
        'metadata:', //                                3
        '  name: shop', //                             4
        'spec:', //                                    5
        '  owner: ops', //                             6
        '  dependsOn:', //                             7
        '    - checkout', //                           8
        '    - resource:orders-db', //                 9
        '    - component:default/elsewhere', //        10
        '    - api:orders-api', //                     11
        '    - shop', //                               12
        '---', //                                      13
        'apiVersion: backstage.io/v1alpha1', //        14
        'kind: Component', //                          15
        'metadata:', //                                16
        '  name: checkout', //                         17
        'spec:', //                                    18
        '  owner: ops', //                             19
        '---', //                                      20
        'apiVersion: backstage.io/v1alpha1', //        21
        'kind: Resource', //                           22
        'metadata:', //                                23
        '  name: orders-db', //                        24
        'spec:', //                                    25
        '  type: database', //                         26
        '  owner: ops', //                             27
        '  dependencyOf: [component:checkout]', //     28
      ),
    });
    expect(errorsOf(bundle)).toEqual([
      'services.yaml:11:7: dependsOn must name Components or Resources (got api:orders-api)',
    ]);
    expect(warningsOf(bundle)).toEqual([]);
    expect(valuesOf(bundle.integrations)).toEqual([
      { source: 'checkout', target: 'shop', mechanism: 'API', description: 'shop depends on checkout' },
      { source: 'orders-db', target: 'shop', mechanism: 'API', description: 'shop depends on orders-db' },
      // Not in the catalog: checked against the services in the database when the catalog is written.
      { source: 'elsewhere', target: 'shop', mechanism: 'API', description: 'shop depends on elsewhere' },
      { source: 'orders-db', target: 'checkout', mechanism: 'API', description: 'checkout depends on orders-db' },
    ]);
    expect(bundle.integrations.map((i) => lineOf(i.place))).toEqual([
      'services.yaml:8',
      'services.yaml:9',
      'services.yaml:10',
      'services.yaml:28',
    ]);
  });

  /** A provider of four APIs, a consumer of five, and the APIs: OpenAPI inline and by file, AsyncAPI, unprovided. */
  const API_CATALOG = {
    'catalog/services.yaml': yaml(
      'apiVersion: backstage.io/v1alpha1', //   1
      'kind: Component', //                     2
      'metadata:', //                           3
      '  name: orders', //                      4
      'spec:', //                               5
      '  owner: payments', //                   6
      '  providesApis:', //                     7
      '    - orders-api', //                    8
      '    - stock-api', //                     9
      '    - order-events', //                  10
      '    - api:nope', //                      11
      '---', //                                 12
      'apiVersion: backstage.io/v1alpha1', //   13
      'kind: Component', //                     14
      'metadata:', //                           15
      '  name: shop', //                        16
      'spec:', //                               17
      '  owner: ops', //                        18
      '  dependsOn: [orders]', //               19
      '  consumesApis:', //                     20
      '    - orders-api', //                    21
      '    - api:default/stock-api', //         22
      '    - order-events', //                  23
      '    - orphan-api', //                    24
      '    - missing-api', //                   25
      '---', //                                 26
      'apiVersion: backstage.io/v1alpha1', //   27
      'kind: Component', //                     28
      'metadata:', //                           29
      '  name: ledger', //                      30
      '  annotations:', //                      31
      '    estate.dev/api-style: SOAP', //      32
      '    estate.dev/spec-format: WSDL', //    33
      'spec:', //                               34
      '  owner: ops', //                        35
      '  providesApis: [ledger-api]', //        36
    ),
    'catalog/apis/orders-api.yaml': yaml(
      'apiVersion: backstage.io/v1alpha1', //   1
      'kind: API', //                           2
      'metadata:', //                           3
      '  name: orders-api', //                  4
      'spec:', //                               5
      '  type: openapi', //                     6
      '  definition:', //                       7
      '    $text: ./specs/orders.yaml', //      8
    ),
  };
  const API_SPECS = {
    'catalog/apis/specs/orders.yaml': yaml(
      'openapi: 3.0.3',
      'info: {title: Orders, version: 2.0.0}',
      'paths: {}',
      'components:',
      '  schemas:',
      '    Order:',
      '      type: object',
      '      required: [number]',
      '      properties:',
      '        number: {type: string}',
      '        items:',
      '          type: array',
      "          items: {$ref: '#/components/schemas/Item'}",
      '    Item:',
      '      type: object',
      '      properties:',
      '        sku: {type: string}',
    ),
  };
  const API_DESCRIPTORS = {
    'catalog/apis/stock-api.yaml': yaml(
      'apiVersion: backstage.io/v1alpha1', //   1
      'kind: API', //                           2
      'metadata:', //                           3
      '  name: stock-api', //                   4
      'spec:', //                               5
      '  type: openapi', //                     6
      '  definition: |', //                     7
      '    openapi: 3.0.3', //                  8
      '    info: {title: Stock, version: 1.0.0}',
      '    paths: {}',
      '    components:',
      '      schemas:',
      '        Stock:',
      '          type: object',
      '          properties:',
      '            sku: {type: string}',
      '            onHand: {type: integer}',
      '        Item:',
      '          type: object',
      '          properties:',
      '            code: {type: string}',
    ),
    'catalog/apis/order-events.yaml': yaml(
      'apiVersion: backstage.io/v1alpha1', //   1
      'kind: API', //                           2
      'metadata:', //                           3
      '  name: order-events', //                4
      'spec:', //                               5
      '  type: asyncapi', //                    6
      '  definition: |', //                     7
      '    asyncapi: 2.6.0', //                 8
    ),
    'catalog/apis/orphan-api.yaml': entity('API', 'orphan-api', [
      'type: openapi',
      'definition: |',
      '  openapi: 3.0.3',
      '  info: {title: Orphan, version: 1.0.0}',
      '  paths: {}',
      '  components: {schemas: {Orphan: {type: object, properties: {id: {type: string}}}}}',
    ]),
    'catalog/apis/ledger-api.yaml': entity('API', 'ledger-api', [
      'type: openapi',
      'definition: |',
      '  openapi: 3.1.0',
      '  info: {title: Ledger, version: 1.0.0}',
      '  components: {schemas: {Account: {type: object, properties: {number: {type: string}}}}}',
    ]),
  };
  const readApiCatalog = () => readWithOrg({ ...API_CATALOG, ...API_DESCRIPTORS }, API_SPECS);

  it('reads provided and consumed APIs as data flowing from the provider to the consumer, once per mechanism', () => {
    const bundle = readApiCatalog();
    expect(errorsOf(bundle)).toEqual([]);
    expect(valuesOf(bundle.integrations)).toEqual([
      {
        source: 'orders',
        target: 'shop',
        mechanism: 'API',
        description: 'shop depends on orders; through API orders-api; through API stock-api',
      },
      { source: 'orders', target: 'shop', mechanism: 'EVENT', description: 'through API order-events' },
    ]);
    expect(bundle.integrations.map((i) => lineOf(i.place))).toEqual([
      'catalog/services.yaml:19',
      'catalog/services.yaml:23',
    ]);
    expect(warningsOf(bundle)).toEqual([
      'catalog/apis/order-events.yaml:6:9: API order-events is asyncapi: Estate reads the entities and fields of OpenAPI definitions only',
      'catalog/services.yaml:11:7: API api:nope is not in the catalog',
      'catalog/services.yaml:25:7: API missing-api is not in the catalog',
      'catalog/services.yaml:24:7: no component in the catalog provides API orphan-api: no integration recorded',
      'catalog/apis/stock-api.yaml:8:1: entity Item of orders is described by API orders-api and API stock-api: the first is kept',
    ]);
  });

  it("reads an OpenAPI definition, inline or by $text, as its provider's data, and infers how it is reached", () => {
    const bundle = readApiCatalog();
    expect(bundle.files.map((f) => f.path)).toContain('catalog/apis/specs/orders.yaml');
    expect(
      bundle.schemas.map((s) => ({
        serviceKey: s.value.serviceKey,
        source: s.value.source,
        entities: s.value.entities.map((e) => `${e.name}(${e.fields.map((f) => f.name).join(', ')})`),
        at: lineOf(s.place),
      })),
    ).toEqual([
      // By the name of the first API each provides.
      {
        serviceKey: 'ledger',
        source: 'OpenAPI 3.1.0 (API ledger-api)',
        entities: ['Account(number)'],
        at: 'catalog/apis/ledger-api.yaml:8',
      },
      {
        serviceKey: 'orders',
        source: 'OpenAPI 3.0.3 (API orders-api), OpenAPI 3.0.3 (API stock-api)',
        entities: ['Order(number, items.sku)', 'Item(sku)', 'Stock(sku, onHand)'],
        at: 'catalog/apis/orders-api.yaml:8',
      },
    ]);
    expect(serviceOf(bundle, 'orders').dataAccess).toEqual({
      apiStyle: 'REST',
      specFormat: 'OPENAPI',
      machineReadableSpec: true,
    });
    // What the annotations say wins.
    expect(serviceOf(bundle, 'ledger').dataAccess).toEqual({
      apiStyle: 'SOAP',
      specFormat: 'WSDL',
      machineReadableSpec: true,
    });
    expect(serviceOf(bundle, 'shop')).not.toHaveProperty('dataAccess');
  });

  /** An API whose definition is the given lines, inline as a block scalar, in the 2nd document of its file. */
  function inlineApi(...definition: string[]): Record<string, string> {
    return {
      'catalog.yaml': yaml(
        'apiVersion: backstage.io/v1alpha1', //   1
        'kind: Component', //                     2
        'metadata:', //                           3
        '  name: svc', //                         4
        'spec:', //                               5
        '  owner: ops', //                        6
        '  providesApis: [svc-api]', //           7
        '---', //                                 8
        'apiVersion: backstage.io/v1alpha1', //   9
        'kind: API', //                           10
        'metadata:', //                           11
        '  name: svc-api', //                     12
        'spec:', //                               13
        '  type: openapi', //                     14
        '  definition: |', //                     15
        ...definition.map((line) => `    ${line}`), // 16…
      ),
    };
  }

  it('places a problem inside an inline definition at its line of the catalog file', () => {
    const head = ['openapi: 3.0.3', 'info: {title: X, version: 1.0.0}', 'paths: {}', 'components:', '  schemas:'];
    // Lines 16-20 are the head; 21 on are the schemas.
    const duplicated = readWithOrg(
      inlineApi(
        ...head,
        '    Thing:',
        '      type: object',
        '      type: object',
        '      properties: {a: {type: string}}',
      ),
    );
    expect(errorsOf(duplicated)).toEqual(['catalog.yaml:23: invalid YAML: duplicated mapping key']);

    const unresolved = readWithOrg(
      inlineApi(
        ...head,
        '    Thing:', //                                          21
        '      type: object', //                                  22
        '      properties:', //                                   23
        '        owner:', //                                      24
        "          $ref: '#/components/schemas/Missing'", //      25
      ),
    );
    expect(errorsOf(unresolved)).toEqual([
      'catalog.yaml:25: cannot resolve $ref "#/components/schemas/Missing": nothing in the file is at that location',
    ]);

    const version = readWithOrg(inlineApi('openapi: 4.0.0', 'info: {title: X, version: 1.0.0}'));
    expect(errorsOf(version)).toEqual([
      'catalog.yaml:16: unsupported OpenAPI version "4.0.0" (supported: 3.0, 3.1, 3.2 and Swagger 2.0)',
    ]);
    expect(version.schemas).toEqual([]);
  });

  it('reads $text relative to the API file; refuses a missing file, a URL, or no definition', () => {
    const api = (definition: string[]) => entity('API', 'x-api', ['type: openapi', ...definition]);
    const provider = entity('Component', 'x', ['owner: ops', 'providesApis: [x-api]']);
    const read = (definition: string[], specs: Record<string, string> = {}) =>
      readWithOrg({ 'catalog/x.yaml': provider, 'catalog/apis/x-api.yaml': api(definition) }, specs);

    const relative = read(['definition:', '  $text: ../specs/x.yaml'], {
      'catalog/specs/x.yaml': yaml(
        'openapi: 3.0.3', //                       1
        'info: {title: X, version: 1.0.0}', //     2
        'paths: {}', //                            3
        'paths: {}', //                            4
      ),
    });
    expect(relative.files.map((f) => f.path)).toContain('catalog/specs/x.yaml');
    expect(errorsOf(relative)).toEqual(['catalog/specs/x.yaml:4:1: invalid YAML: duplicated mapping key']);

    const missing = read(['definition:', '  $text: ./specs/missing.yaml']);
    expect(errorsOf(missing)).toEqual(['catalog/apis/x-api.yaml:8:12: catalog/apis/specs/missing.yaml does not exist']);
    const url = read(['definition:', '  $text: https://example.com/x.yaml']);
    expect(errorsOf(url)).toEqual([
      'catalog/apis/x-api.yaml:8:12: not read: https://example.com/x.yaml (Estate reads files relative to the catalog, never URLs)',
    ]);
    const none = read(['lifecycle: production']);
    expect(errorsOf(none)).toEqual([
      'catalog/apis/x-api.yaml:6:3: spec.definition must be the API document as text, or {$text: <relative file>}',
    ]);
    for (const bundle of [missing, url, none]) expect(bundle.schemas).toEqual([]);
  });
});

describe('catalogProblems', () => {
  it('checks estate.yaml items as their inputs, each problem at its value and named as the file names it', async () => {
    const bundle = readFiles({
      'estate.yaml': yaml(
        'apiVersion: estate/v1', //            1
        'kind: Team', //                       2
        'key: finance team', //                3
        'name: Finance', //                    4
        'contactEmail: finance', //            5
        '---', //                              6
        'apiVersion: estate/v1', //            7
        'kind: Service', //                    8
        'key: ledger/v2', //                   9
        'name: Ledger', //                     10
        'type: MAINFRAME', //                  11
        'ownerTeam: finance', //               12
        'criticality: SEVERE', //              13
        'annualCost:', //                      14
        "  amount: '12500.505'", //            15
        '  currency: EURO', //                 16
        'integrations:', //                    17
        '  - target: billing', //              18
        '    mechanism: API', //               19
        '    frequency: SOMETIMES', //         20
        '---', //                              21
        'apiVersion: estate/v1', //            22
        'kind: Service', //                    23
        'key: crm', //                         24
        'name: CRM', //                        25
        'type: SAAS', //                       26
        'ownerTeam: sales', //                 27
        'dataAccess:', //                      28
        '  machineReadableSpec: false', //     29
        '  specFormat: OPENAPI', //            30
      ),
    });
    expect(errorsOf(bundle)).toEqual([]);
    const key = 'must be 1-63 characters: letters, digits, ".", "_" or "-", starting with a letter or digit';
    expect((await problemsOf(bundle)).sort()).toEqual(
      [
        `estate.yaml:3:6: key ${key}`,
        'estate.yaml:5:15: contactEmail must be an email address',
        `estate.yaml:9:6: key ${key}`,
        'estate.yaml:11:7: type must be one of the following values: SAAS, INTERNAL, PLATFORM, DATA_STORE',
        'estate.yaml:13:14: criticality must be one of the following values: LOW, MEDIUM, HIGH, MISSION_CRITICAL',
        'estate.yaml:15:11: annualCost.amount: must be a non-negative decimal string with at most 2 fraction digits, e.g. "125000.00"',
        'estate.yaml:16:13: annualCost.currency: must be an ISO 4217 currency code such as EUR or USD',
        // The integration's own end is the service's key.
        `estate.yaml:9:6: source ${key}`,
        'estate.yaml:20:16: frequency must be one of the following values: REAL_TIME, HOURLY, DAILY, WEEKLY, MONTHLY, ON_DEMAND',
        'estate.yaml:30:15: dataAccess.specFormat is given but machineReadableSpec is false',
      ].sort(),
    );
  });

  it('refuses a Backstage cost of two words that is no money when it is read, at the annotation', async () => {
    const bundle = readWithOrg({
      'c.yaml': entity('Component', 'c', ['owner: ops'], ['annotations:', "  estate.dev/annual-cost: 'a lot'"]),
    });
    expect(errorsOf(bundle)).toEqual([
      'c.yaml:6:29: estate.dev/annual-cost must be an amount and a currency, e.g. "48000 EUR" (got a lot)',
    ]);
    await expect(problemsOf(bundle)).resolves.toEqual([]);
  });

  it('reads a Resource as a data store when a word of its type holds data, not when one contains such a word', () => {
    const kinds = (type: string) =>
      serviceOf(readWithOrg({ 'r.yaml': entity('Resource', 'r', ['owner: ops', `type: ${type}`]) }), 'r').kind;
    expect(['database', 's3-bucket', 'data-warehouse', 'postgres-db'].map(kinds)).toEqual(Array(4).fill('DATA_STORE'));
    expect(['feedback-queue', 'dbt-runner', 'cluster'].map(kinds)).toEqual(Array(3).fill('PLATFORM'));
  });
});

describe('readCatalog: files, Locations and what is not an estate', () => {
  it('follows Location targets relative to the Location file, once each; warns about URLs and globs', () => {
    const bundle = readFiles({
      'root/catalog-info.yaml': yaml(
        'apiVersion: backstage.io/v1alpha1', //              1
        'kind: Location', //                                 2
        'metadata:', //                                      3
        '  name: root', //                                   4
        'spec:', //                                          5
        '  targets:', //                                     6
        '    - ./teams/org.yaml', //                         7
        '    - ../shared/catalog-info.yaml', //              8
        '    - ./missing.yaml', //                           9
        '    - https://example.com/catalog-info.yaml', //    10
        '    - ./components/*.yaml', //                      11
        '    - 42', //                                       12
        '    - teams/org.yaml', //                           13
      ),
      'root/teams/org.yaml': yaml(
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata:',
        '  name: payments',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Location',
        'metadata:',
        '  name: more',
        'spec:',
        '  target: ./more/team.yaml',
      ),
      'root/teams/more/team.yaml': entity('Group', 'ops', ['type: team']),
      'shared/catalog-info.yaml': yaml(
        'apiVersion: backstage.io/v1alpha1',
        'kind: Location',
        'metadata:',
        '  name: back-to-root',
        'spec:',
        '  targets: [../root/catalog-info.yaml]',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata:',
        '  name: shared',
      ),
      'root/components/a.yaml': entity('Component', 'a', ['owner: ops']),
    });
    expect(bundle.files).toEqual([
      { path: 'root/catalog-info.yaml', documents: 1 },
      { path: 'root/teams/org.yaml', documents: 2 },
      { path: 'shared/catalog-info.yaml', documents: 2 },
      { path: 'root/teams/more/team.yaml', documents: 1 },
    ]);
    expect(errorsOf(bundle)).toEqual([
      'root/catalog-info.yaml:12:7: a Location target must be a path',
      'root/catalog-info.yaml:9:7: Location target root/missing.yaml does not exist',
    ]);
    expect(warningsOf(bundle)).toEqual([
      'root/catalog-info.yaml:10:7: not followed: https://example.com/catalog-info.yaml (Estate reads files relative to the catalog, never URLs)',
      'root/catalog-info.yaml:11:7: not followed: ./components/*.yaml (glob patterns are not read; list the files)',
    ]);
    expect(valuesOf(bundle.teams).map((t) => t.key)).toEqual(['payments', 'shared', 'ops']);
    expect(bundle.services).toEqual([]);
  });

  it('reads a Location loop once around', () => {
    const location = (name: string, target: string) =>
      entity('Location', name, [`target: ${target}`]) + yaml('---', ...entity('Group', `${name}-team`, []).split('\n'));
    const bundle = readFiles({
      'a/catalog-info.yaml': location('a', '../b/catalog-info.yaml'),
      'b/catalog-info.yaml': location('b', '../a/catalog-info.yaml'),
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(bundle.files).toEqual([
      { path: 'a/catalog-info.yaml', documents: 2 },
      { path: 'b/catalog-info.yaml', documents: 2 },
    ]);
    expect(valuesOf(bundle.teams).map((t) => t.key)).toEqual(['a-team', 'b-team']);
  });

  it('refuses targets that are not a list', () => {
    const bundle = readFiles({ 'catalog-info.yaml': entity('Location', 'x', ['targets: ./org.yaml']) });
    expect(errorsOf(bundle)).toEqual(['catalog-info.yaml:6:12: spec.targets must be a list of paths']);
  });

  it('skips kinds and apiVersions outside an estate with a warning; refuses what is no entity', () => {
    const bundle = readFiles({
      'catalog-info.yaml': yaml(
        'apiVersion: backstage.io/v1alpha1', //             1
        'kind: Template', //                                2
        'metadata:', //                                     3
        '  name: node-template', //                         4
        '---', //                                           5
        'apiVersion: scaffolder.backstage.io/v1beta3', //   6
        'kind: Template', //                                7
        'metadata:', //                                     8
        '  name: node-template', //                         9
        '---', //                                           10
        'apiVersion: estate/v2', //                         11
        'kind: Service', //                                 12
        '---', //                                           13
        '# no apiVersion', //                               14
        'kind: Component', //                               15
        'metadata:', //                                     16
        '  name: x', //                                     17
        '---', //                                           18
        '- a list', //                                      19
        '---', //                                           20
        'apiVersion: backstage.io/v1alpha1', //             21
        'metadata:', //                                     22
        '  name: no-kind', //                               23
        '---', //                                           24
        'apiVersion: backstage.io/v1alpha1', //             25
        'kind: Component', //                               26
        'metadata:', //                                     27
        '  title: No name', //                              28
      ),
    });
    expect(warningsOf(bundle)).toEqual([
      'catalog-info.yaml:2:7: skipped: kind Template is not part of an estate (Estate reads Component, System, API, Resource, Group, User, Domain, Location)',
      'catalog-info.yaml:6:13: skipped: apiVersion scaffolder.backstage.io/v1beta3 (kind Template) is not part of an estate',
      'catalog-info.yaml:11:13: skipped: apiVersion estate/v2 (kind Service) is not part of an estate',
      'catalog-info.yaml:15:1: skipped: no apiVersion (Estate reads estate/v1 and backstage.io/v1alpha1 documents)',
    ]);
    expect(errorsOf(bundle)).toEqual([
      'catalog-info.yaml:19:1: a catalog document must be a mapping',
      'catalog-info.yaml:21:1: kind must be a Backstage kind, e.g. Component',
      'catalog-info.yaml:28:3: metadata.name must be a non-empty string',
    ]);
    expect(bundle.files).toEqual([{ path: 'catalog-info.yaml', documents: 7 }]);
    expect(bundle.services).toEqual([]);
  });

  it('says which root is missing or empty, and reads a root named twice once', () => {
    const bundle = readCatalog(
      ['b.yaml', 'missing.yaml', 'b.yaml', 'a.yaml'],
      (p) => ({ 'a.yaml': '# nothing but a comment\n', 'b.yaml': entity('Group', 'b', []) })[p],
    );
    expect(errorsOf(bundle)).toEqual(['missing.yaml: no such file']);
    expect(warningsOf(bundle)).toEqual(['a.yaml: the file holds no documents']);
    expect(bundle.files).toEqual([
      { path: 'a.yaml', documents: 0 },
      { path: 'b.yaml', documents: 1 },
    ]);
    expect(bundle.teams).toHaveLength(1);
  });

  it('reports a YAML syntax error at its line and reads the other documents', () => {
    const bundle = readFiles({
      'estate.yaml': yaml(
        'apiVersion: estate/v1', //   1
        'kind: Team', //              2
        'key: a', //                  3
        'name: A', //                 4
        '---', //                     5
        'apiVersion: estate/v1', //   6
        'kind: Team', //              7
        'key: b', //                  8
        'name: [B', //                9
        '---', //                     10
        'apiVersion: estate/v1', //   11
        'kind: Team', //              12
        'key: c', //                  13
        'name: C', //                 14
      ),
    });
    expect(errorsOf(bundle)).toEqual([
      'estate.yaml:9:9: invalid YAML: unexpected end of the stream within a flow collection',
    ]);
    expect(valuesOf(bundle.teams).map((t) => t.key)).toEqual(['a', 'c']);
  });
});

describe('readCatalog: the same thing declared twice', () => {
  it('refuses an entity declared twice or more, once at each place', () => {
    const shop = entity('Component', 'shop', ['owner: ops']);
    const bundle = readWithOrg({ 'a.yaml': shop, 'b.yaml': shop, 'c.yaml': shop });
    expect(errorsOf(bundle)).toEqual([
      'a.yaml:4:9: Component default/shop is declared more than once',
      'b.yaml:4:9: Component default/shop is declared more than once',
      'c.yaml:4:9: Component default/shop is declared more than once',
    ]);
    expect(bundle.services).toHaveLength(1);
  });

  it('refuses a service key declared by two entities of other kinds or namespaces', () => {
    const bundle = readWithOrg({
      'a.yaml': entity('Component', 'shop', ['owner: ops']),
      'b.yaml': entity('Resource', 'shop', ['owner: ops']),
      'c.yaml': entity('Component', 'shop', ['owner: ops'], ['namespace: retail']),
      'd.yaml': entity('Group', 'shop', []),
    });
    expect(errorsOf(bundle)).toEqual([
      'a.yaml:4:9: service shop is declared 3 times',
      'c.yaml:4:9: service shop is declared 3 times',
      'b.yaml:4:9: service shop is declared 3 times',
    ]);
    expect(valuesOf(bundle.teams).map((t) => t.key)).toContain('shop');
  });

  it('refuses a team or service key declared in estate.yaml and in Backstage, at both, case-insensitively', () => {
    const bundle = readWithOrg({
      'estate.yaml': yaml(
        'apiVersion: estate/v1', //   1
        'kind: Team', //              2
        'key: Ops', //                3
        'name: Operations', //        4
        '---', //                     5
        'apiVersion: estate/v1', //   6
        'kind: Service', //           7
        'key: crm', //                8
        'name: CRM', //               9
        'type: SAAS', //              10
        'ownerTeam: ops', //          11
        'entities: []', //            12
      ),
      'crm.yaml': entity('Component', 'crm', ['owner: ops', 'providesApis: [crm-api]']),
      'crm-api.yaml': entity('API', 'crm-api', [
        'type: openapi',
        'definition: |',
        '  openapi: 3.0.3',
        '  info: {title: CRM, version: 1.0.0}',
        '  components: {schemas: {Account: {type: object, properties: {id: {type: string}}}}}',
      ]),
    });
    expect(errorsOf(bundle)).toEqual([
      'estate.yaml:3:6: team ops is declared 2 times',
      'org.yaml:16:9: team ops is declared 2 times',
      'estate.yaml:8:6: service crm is declared 2 times',
      'crm.yaml:4:9: service crm is declared 2 times',
      'estate.yaml:8:6: the data of service crm is declared 2 times',
      'crm-api.yaml:8:1: the data of service crm is declared 2 times',
    ]);
  });
});

describe('readCatalog: the example catalogs', () => {
  const FIXTURES = 'test/fixtures/catalog';

  it('reads the Backstage example without errors, as the teams, services and flows it describes', async () => {
    const files = filesUnder(`${FIXTURES}/backstage`);
    const bundle = readCatalog([`${FIXTURES}/backstage/catalog-info.yaml`], (p) => files[p]);
    expect(errorsOf(bundle)).toEqual([]);
    await expect(problemsOf(bundle)).resolves.toEqual([]);
    expect(warningsOf(bundle)).toEqual([
      `${FIXTURES}/backstage/catalog-info.yaml:21:7: not followed: https://github.com/halvorsen/platform-catalog/blob/main/catalog-info.yaml (Estate reads files relative to the catalog, never URLs)`,
      `${FIXTURES}/backstage/templates/node-service-template.yaml:2:13: skipped: apiVersion scaffolder.backstage.io/v1beta3 (kind Template) is not part of an estate`,
      `${FIXTURES}/backstage/apis/order-events.yaml:9:9: API order-events is asyncapi: Estate reads the entities and fields of OpenAPI definitions only`,
      `${FIXTURES}/backstage/components/loyalty-points.yaml:11:10: owned by user jdoe: Estate's owners are teams, so the owner is their first group, web-platform`,
    ]);
    // Every file the Location names, the OpenAPI file orders-api reads, nothing else.
    expect(bundle.files.map((f) => [f.path.slice(FIXTURES.length + 11), f.documents])).toEqual([
      ['catalog-info.yaml', 1],
      ['org.yaml', 7],
      ['systems.yaml', 2],
      ['components/webshop-frontend.yaml', 1],
      ['components/checkout-api.yaml', 2],
      ['components/product-catalog.yaml', 1],
      ['components/zendesk-support.yaml', 1],
      ['components/loyalty-points.yaml', 1],
      ['apis/product-catalog-api.yaml', 1],
      ['apis/orders-api.yaml', 1],
      ['apis/order-events.yaml', 1],
      ['templates/node-service-template.yaml', 1],
      ['apis/openapi/orders.yaml', 1],
    ]);
    expect(valuesOf(bundle.teams)).toEqual([
      {
        key: 'engineering',
        name: 'Engineering',
        description: 'Product engineering for the commerce domain.',
        contactEmail: 'engineering@halvorsen.example',
      },
      {
        key: 'web-platform',
        name: 'Web Platform',
        description: 'Builds the webshop and the product catalog.',
        contactEmail: 'web-platform@halvorsen.example',
      },
      {
        key: 'payments-team',
        name: 'Payments',
        description: 'Checkout, orders and payment providers.',
        contactEmail: 'payments@halvorsen.example',
      },
      {
        key: 'customer-care',
        name: 'Customer Care',
        description: 'Customer service agents and their tooling.',
        contactEmail: 'customer-care@halvorsen.example',
      },
    ]);
    const openApiProvider = { apiStyle: 'REST', specFormat: 'OPENAPI', machineReadableSpec: true };
    expect(valuesOf(bundle.services)).toEqual([
      {
        key: 'webshop-frontend',
        name: 'Webshop',
        description: 'Next.js storefront at shop.halvorsen.example.',
        kind: 'INTERNAL',
        ownerTeam: 'web-platform',
        category: 'commerce',
        lifecycle: 'ACTIVE',
        tags: ['typescript', 'nextjs', 'storefront'],
        links: [
          { title: 'Storefront', url: 'https://shop.halvorsen.example' },
          { title: 'Dashboard', url: 'https://grafana.halvorsen.example/d/webshop' },
        ],
        criticality: 'MISSION_CRITICAL',
      },
      {
        key: 'checkout-api',
        name: 'Checkout API',
        description: 'Carts, checkout and orders; talks to the payment providers.',
        kind: 'INTERNAL',
        ownerTeam: 'payments-team',
        category: 'commerce',
        lifecycle: 'ACTIVE',
        tags: ['java', 'spring-boot', 'payments'],
        links: [{ title: 'Runbook', url: 'https://wiki.halvorsen.example/payments/checkout/runbook' }],
        criticality: 'MISSION_CRITICAL',
        dataAccess: openApiProvider,
      },
      {
        key: 'product-catalog',
        name: 'Product Catalog',
        description: 'New catalog service fed by the PIM; replaces the catalog tables of the old shop.',
        kind: 'INTERNAL',
        ownerTeam: 'web-platform',
        category: 'commerce',
        lifecycle: 'PLANNED',
        tags: ['go', 'catalog'],
        dataAccess: openApiProvider,
      },
      {
        key: 'zendesk-support',
        name: 'Zendesk Support',
        description: 'Ticketing and help centre for customer care; the order sidebar app reads the orders API.',
        kind: 'SAAS',
        ownerTeam: 'customer-care',
        category: null,
        lifecycle: 'ACTIVE',
        tags: ['saas', 'support'],
        links: [{ title: 'Admin centre', url: 'https://halvorsen.zendesk.com/admin' }],
        vendor: 'Zendesk',
        annualCost: { amount: '48000', currency: 'EUR' },
        licensedSeats: 120,
        monthlyActiveUsers: 85,
        criticality: 'HIGH',
      },
      {
        key: 'loyalty-points',
        name: 'Loyalty Points',
        description: 'Points for purchases; being folded into the checkout. Kept alive by one maintainer.',
        kind: 'INTERNAL',
        ownerTeam: 'web-platform',
        category: 'commerce',
        lifecycle: 'DEPRECATED',
        tags: ['php', 'legacy'],
      },
      {
        key: 'orders-db',
        name: 'orders-db',
        description: 'PostgreSQL 16 cluster holding carts, orders and payments.',
        kind: 'DATA_STORE',
        ownerTeam: 'payments-team',
        category: 'commerce',
        tags: ['postgresql'],
      },
    ]);
    expect(valuesOf(bundle.integrations)).toEqual([
      {
        source: 'checkout-api',
        target: 'webshop-frontend',
        mechanism: 'API',
        description: 'through API orders-api; webshop-frontend depends on checkout-api',
      },
      {
        source: 'orders-db',
        target: 'checkout-api',
        mechanism: 'API',
        description: 'checkout-api depends on orders-db',
      },
      {
        source: 'checkout-api',
        target: 'loyalty-points',
        mechanism: 'API',
        description: 'loyalty-points depends on checkout-api',
      },
      {
        source: 'product-catalog',
        target: 'webshop-frontend',
        mechanism: 'API',
        description: 'through API product-catalog-api',
      },
      { source: 'checkout-api', target: 'zendesk-support', mechanism: 'API', description: 'through API orders-api' },
      { source: 'checkout-api', target: 'loyalty-points', mechanism: 'EVENT', description: 'through API order-events' },
    ]);
    expect(
      bundle.schemas.map((s) => [
        s.value.serviceKey,
        s.value.source,
        s.value.entities.map((e) => `${e.name}(${e.fields.length})`),
      ]),
    ).toEqual([
      ['checkout-api', 'OpenAPI 3.0.3 (API orders-api)', ['Order(13)', 'OrderLine(3)', 'Customer(7)', 'Address(4)']],
      ['product-catalog', 'OpenAPI 3.0.3 (API product-catalog-api)', ['Product(8)', 'Category(3)', 'Supplier(6)']],
    ]);
  });

  it('reads the estate.yaml example without errors', async () => {
    const files = filesUnder(`${FIXTURES}/estate`);
    const bundle = readCatalog([`${FIXTURES}/estate/estate.yaml`], (p) => files[p]);
    expect(errorsOf(bundle)).toEqual([]);
    await expect(problemsOf(bundle)).resolves.toEqual([]);
    expect(warningsOf(bundle)).toEqual([
      `${FIXTURES}/estate/schemas/ledger.openapi.yaml: 1 nested objects deeper than 3 levels are kept as JSON fields`,
    ]);
    expect(valuesOf(bundle.teams).map((t) => t.key)).toEqual(['revenue-ops', 'finance-platform']);
    expect(valuesOf(bundle.services).map((s) => [s.key, s.kind, s.ownerTeam])).toEqual([
      ['salesforce-crm', 'SAAS', 'revenue-ops'],
      ['billing-service', 'INTERNAL', 'finance-platform'],
      ['general-ledger', 'INTERNAL', 'finance-platform'],
      ['finance-warehouse', 'DATA_STORE', 'finance-platform'],
    ]);
    expect(valuesOf(bundle.integrations).map((i) => `${i.source}→${i.target} ${String(i.mechanism)}`)).toEqual([
      'salesforce-crm→billing-service API',
      'billing-service→general-ledger FILE',
      'salesforce-crm→finance-warehouse ETL',
      'general-ledger→finance-warehouse ETL',
      'billing-service→finance-warehouse EVENT',
    ]);
    expect(bundle.schemas.map((s) => [s.value.serviceKey, s.value.entities.length])).toEqual([
      ['salesforce-crm', 3],
      ['billing-service', 4],
      ['general-ledger', 4],
      ['finance-warehouse', 0],
    ]);
  });

  it('reports each deliberate error of the broken examples at its `# error:` line, and no other', async () => {
    const files = filesUnder(`${FIXTURES}/broken`);
    const roots = [
      `${FIXTURES}/broken/estate.yaml`,
      `${FIXTURES}/broken/yaml-syntax.yaml`,
      `${FIXTURES}/broken/backstage/catalog-info.yaml`,
    ];
    const bundle = readCatalog(roots, (p) => files[p]);
    const problems = locateMessages([...bundle.errors, ...(await catalogProblems(bundle))]);
    const marked = Object.entries(files).flatMap(([file, content]) =>
      content.split('\n').flatMap((line, i) => (/#\s*error:/.test(line) ? [`${file}:${i + 1}`] : [])),
    );
    // The owner defined nowhere is checked against the teams in the database when the catalog is written.
    const laterInTheDatabase = `${FIXTURES}/broken/backstage/components.yaml:17`;
    expect(marked).toContain(laterInTheDatabase);
    expect(problems.map((p) => `${p.file}:${p.line}`).sort()).toEqual(
      marked.filter((at) => at !== laterInTheDatabase).sort(),
    );
    expect(problems.map(formatMessage).sort()).toEqual([
      `${FIXTURES}/broken/backstage/catalog-info.yaml:8:7: Location target ${FIXTURES}/broken/backstage/apis/missing-api.yaml does not exist`,
      `${FIXTURES}/broken/estate.yaml:15:14: criticality must be one of the following values: LOW, MEDIUM, HIGH, MISSION_CRITICAL`,
      `${FIXTURES}/broken/estate.yaml:17:11: annualCost.amount: must be a non-negative decimal string with at most 2 fraction digits, e.g. "125000.00"`,
      `${FIXTURES}/broken/estate.yaml:27:5: ${EITHER_END}`,
      `${FIXTURES}/broken/yaml-syntax.yaml:11:1: invalid YAML: duplicated mapping key`,
    ]);
    expect(valuesOf(bundle.services).map((s) => [s.key, s.ownerTeam])).toEqual([
      ['expense-tool', 'workplace-it'],
      ['travel-booking', 'workplace-it'],
      ['intranet-portal', 'facilities-team'],
    ]);
  });
});
