import * as fs from 'node:fs';
import * as path from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import request from 'supertest';
import { CLI_CALLER } from '../../src/cli/cli-caller';
import { DEFAULT_DEMO_OPTIONS, generateDemoEstate } from '../../src/demo/demo-estate';
import { loadDemoEstate } from '../../src/demo/demo-loader';
import { fixture } from '../support/schema-fixtures';
import { createTestApp, TEST_ADMIN_TOKEN, type GraphQLResponse, type TestApp } from '../support/test-app';

/**
 * The README's GraphQL tour, run as a reader would run it: every ```graphql block in order, on the
 * demo estate, as the admin. A failing test names the README line of its block.
 */
const README = path.resolve(__dirname, '../../README.md');
const BACKSTAGE_CATALOG = path.resolve(__dirname, '../fixtures/catalog/backstage');

interface ReadmeBlock {
  /** README line of the block's first line (the one after the fence). */
  line: number;
  text: string;
}

function graphqlBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let n = 0; n < lines.length; n++) {
    if (lines[n].trim() !== '```graphql') continue;
    const end = lines.findIndex((text, m) => m > n && text.trim() === '```');
    if (end < 0) throw new Error(`README.md:${n + 1}: a graphql block without its closing fence`);
    blocks.push({ line: n + 2, text: lines.slice(n + 1, end).join('\n') });
    n = end;
  }
  return blocks;
}

/**
 * Blocks the README presents as refusals, found by a line of the block: the GraphQL error code it says
 * they get or, where the refusal is part of the answer, what the answer says.
 */
const REFUSALS: ({ blockLine: string } & ({ code: string } | { data: unknown }))[] = [
  {
    // "A bad row is reported with its index and field path, and nothing is written."
    blockLine: 'importServices(',
    data: {
      importServices: expect.objectContaining({
        ok: false,
        created: 0,
        updated: 0,
        unchanged: 0,
        errors: [expect.objectContaining({ index: 1, key: 'jira', path: 'annualCost.amount' })],
      }),
    },
  },
];

/** Every file of a catalog folder as importCatalog takes them: {path relative to the folder, content}. */
function catalogFiles(root: string): { path: string; content: string }[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
    .map((file) => ({
      path: path.relative(root, file).split(path.sep).join('/'),
      content: fs.readFileSync(file, 'utf8'),
    }));
}

/** What the README says a block's variables are. */
const VARIABLES: Record<string, () => unknown> = {
  // importServiceSchema: "the description the service already has", here an OpenAPI file.
  content: () => fixture('crm-openapi-3.1.yaml'),
  // importCatalog: "send the files' text", the Backstage example the README points at.
  files: () => catalogFiles(BACKSTAGE_CATALOG),
};

/** Ids an earlier block printed, by the path they were found at (newest last). */
const printedIds: { path: string; id: unknown }[] = [];

function rememberIds(value: unknown, at: string[]): void {
  if (Array.isArray(value)) value.forEach((item, n) => rememberIds(item, [...at, String(n)]));
  else if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) {
      if (key === 'id' && (typeof child === 'string' || typeof child === 'number'))
        printedIds.push({ path: at.join('.'), id: child });
      else rememberIds(child, [...at, key]);
    }
}

/**
 * A placeholder the reader fills in, such as "<plan id>": the newest id printed at a path that
 * names every word before "id" (planMigration.id, createApiToken.token.id).
 */
function fillPlaceholders(text: string): string {
  return text.replace(/"<([^">]+)>"/g, (placeholder, what: string) => {
    const words = what
      .toLowerCase()
      .split(/\s+/)
      .filter((word) => word !== 'id');
    const found = printedIds.findLast(({ path: at }) => words.every((word) => at.toLowerCase().includes(word)));
    if (!found) throw new Error(`no earlier block printed the ${what} that ${placeholder} stands for`);
    return JSON.stringify(found.id);
  });
}

function operations(text: string): OperationDefinitionNode[] {
  return parse(text).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}

function variablesOf(operation: OperationDefinitionNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const supply = VARIABLES[name];
    if (!supply) throw new Error(`the test does not know what the README means by $${name}`);
    variables[name] = supply();
  }
  return variables;
}

describe('the README tour on the demo estate', () => {
  let t: TestApp;
  const blocks = graphqlBlocks(fs.readFileSync(README, 'utf8'));

  async function post(query: string, operationName: string | undefined, variables: Record<string, unknown>) {
    const response = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
      .send({ query, operationName, variables });
    return response.body as GraphQLResponse;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemoEstate(t.dataSource, generateDemoEstate(DEFAULT_DEMO_OPTIONS), CLI_CALLER);
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the tour in the README', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(20);
  });

  for (const block of blocks) {
    const firstLine = block.text.split('\n')[0].trim();
    it(`README.md:${block.line} ${firstLine}`, async () => {
      const query = fillPlaceholders(block.text);
      const refusal = REFUSALS.find((r) => block.text.includes(r.blockLine));
      // A document of several named operations is run one operation after the other, as GraphiQL does.
      const runs = operations(query);
      for (const operation of runs) {
        const body = await post(query, runs.length > 1 ? operation.name?.value : undefined, variablesOf(operation));
        if (refusal && 'code' in refusal) {
          expect(body.errors?.map((e) => e.extensions?.code)).toEqual([refusal.code]);
          continue;
        }
        expect(body.errors).toBeUndefined();
        if (refusal) expect(body.data).toEqual(refusal.data);
        expect(body.data).toEqual(expect.any(Object));
        // A lookup of a key the estate lacks answers null: no top-level field may.
        const unanswered = Object.entries(body.data ?? {}).filter(([, value]) => value === null);
        expect(unanswered.map(([field]) => field)).toEqual([]);
        rememberIds(body.data, []);
      }
    });
  }
});
