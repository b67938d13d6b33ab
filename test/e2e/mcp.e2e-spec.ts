import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CLI_CALLER } from '../../src/cli/cli-caller';
import { generateDemoEstate } from '../../src/demo/demo-estate';
import { loadDemoEstate } from '../../src/demo/demo-loader';
import { MAX_TEXT_CHARS } from '../../src/mcp/tool-results';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app';

const CLI = path.resolve(__dirname, '../../dist/src/cli.js');

const READ_TOOLS = [
  'describe_service',
  'entity_coverage',
  'plan_summary',
  'retirement_impact',
  'search_estate',
  'suggest_mappings',
  'top_retirement_candidates',
  'where_is_data',
];

/** What every tool result must stay under, whatever it is asked: text and structured content together. */
const MAX_RESULT_BYTES = 64 * 1024;

/** A structured tool result, as JSON: tests read it like GraphQL responses. */
type Structured = Record<string, any>;

function listenUrl(t: TestApp): string {
  const { port } = t.app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${port}/mcp`;
}

async function connect(url: string, token: string): Promise<Client> {
  const client = new Client({ name: 'estate-e2e', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
  );
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** Calls a tool that must succeed; returns its structured content and text, checked to be bounded. */
async function ok(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<{ data: Structured; text: string }> {
  const result = await call(client, name, args);
  const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
  if (result.isError) throw new Error(`${name} failed: ${text}`);
  expect(text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS + 200);
  expect(JSON.stringify(result).length).toBeLessThan(MAX_RESULT_BYTES);
  return { data: result.structuredContent as Structured, text };
}

function errorText(result: CallToolResult): string {
  expect(result.isError).toBe(true);
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

async function createToken(t: TestApp, role: string): Promise<{ secret: string; name: string }> {
  const name = `mcp ${role.toLowerCase()}`;
  const { createApiToken } = await t.gqlOk<{ createApiToken: { secret: string } }>(
    `mutation($name: String!, $role: Role!) { createApiToken(input: { name: $name, role: $role }) { secret } }`,
    { name, role },
  );
  return { secret: createApiToken.secret, name };
}

describe('MCP server on the demo estate', () => {
  let t: TestApp;
  let url: string;
  let admin: Client;
  let planId: string;
  let viewer: { secret: string; name: string };
  let architect: { secret: string; name: string };

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemoEstate(t.dataSource, generateDemoEstate({ services: 120, seed: 3 }), CLI_CALLER);
    await t.app.listen(0, '127.0.0.1');
    url = listenUrl(t);
    viewer = await createToken(t, 'VIEWER');
    architect = await createToken(t, 'ARCHITECT');
    const { planMigration } = await t.gqlOk<{ planMigration: { id: string } }>(
      `mutation { planMigration(input: { name: "First cut", top: 30, waveCapacity: { services: 10 } }) { id } }`,
    );
    planId = planMigration.id;
    admin = await connect(url, TEST_ADMIN_TOKEN);
  });
  afterAll(async () => {
    await admin?.close();
    await t?.close();
  });

  describe('handshake and listings', () => {
    it('initialises as Estate, with tools, resources and prompts', () => {
      expect(admin.getServerVersion()).toMatchObject({ name: 'estate', title: 'Estate' });
      expect(admin.getServerCapabilities()).toMatchObject({ tools: {}, resources: {}, prompts: {} });
      expect(admin.getInstructions()).toMatch(/search_estate/);
    });

    it('lists the read tools with bounded input schemas, and no write tool by default', async () => {
      const { tools } = await admin.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(READ_TOOLS);
      for (const tool of tools) {
        expect(tool.description?.length).toBeGreaterThan(40);
        expect(tool.annotations).toMatchObject({ readOnlyHint: true });
        expect(tool.inputSchema.type).toBe('object');
        const limits = Object.values(tool.inputSchema.properties ?? {}).filter(
          (p: any) => p.type === 'integer' && p.maximum !== undefined && p.maximum <= 50,
        );
        expect(limits.length).toBeGreaterThanOrEqual(1);
      }
      const search = tools.find((tool) => tool.name === 'search_estate')!;
      expect(search.inputSchema.required).toEqual(['query']);
      expect(search.inputSchema.properties).toMatchObject({ query: { type: 'string', maxLength: 200 } });
    });

    it('lists the unified schema and the saved plans as resources, and reads them', async () => {
      const { resources } = await admin.listResources();
      expect(resources.map((r) => r.uri)).toEqual(
        expect.arrayContaining([
          'estate://unified/latest',
          'estate://unified/latest/schema.json',
          `estate://plans/${planId}`,
        ]),
      );
      const { resourceTemplates } = await admin.listResourceTemplates();
      expect(resourceTemplates.map((r) => r.uriTemplate)).toEqual(['estate://plans/{id}']);

      const dictionary = await admin.readResource({ uri: 'estate://unified/latest' });
      const markdown = (dictionary.contents[0] as { text: string }).text;
      expect(markdown).toMatch(/^# Data dictionary/);
      expect(markdown).toMatch(/Contact/);
      expect(markdown).toMatch(/salesforce/);

      const jsonSchema = await admin.readResource({ uri: 'estate://unified/latest/schema.json' });
      const schema = JSON.parse((jsonSchema.contents[0] as { text: string }).text);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(JSON.stringify(schema)).toMatch(/Customer/);

      const plan = await admin.readResource({ uri: `estate://plans/${planId}` });
      expect(plan.contents[0]).toMatchObject({ uri: `estate://plans/${planId}`, mimeType: 'text/markdown' });
      expect((plan.contents[0] as { text: string }).text).toMatch(/First cut/);
      await expect(admin.readResource({ uri: 'estate://plans/00000000-0000-4000-8000-000000000000' })).rejects.toThrow(
        /NOT_FOUND/,
      );
    });

    it('offers prompts for the common questions', async () => {
      const { prompts } = await admin.listPrompts();
      expect(prompts.map((p) => p.name).sort()).toEqual(['retirement_review', 'where_does_data_live']);
      const review = await admin.getPrompt({
        name: 'retirement_review',
        arguments: { team: 'sales-operations', top: '5' },
      });
      const reviewText = (review.messages[0].content as { text: string }).text;
      expect(reviewText).toMatch(/top_retirement_candidates with limit 5 and team "sales-operations"/);
      expect(reviewText).toMatch(/retirement_impact/);
      const where = await admin.getPrompt({ name: 'where_does_data_live', arguments: { field: 'Contact.email' } });
      expect((where.messages[0].content as { text: string }).text).toMatch(/where_is_data with field "Contact.email"/);
      await expect(admin.getPrompt({ name: 'retirement_review', arguments: { top: 'all' } })).rejects.toThrow();
    });
  });

  describe('tools', () => {
    it('search_estate finds services, data and unified fields, and bounds every list', async () => {
      const { data, text } = await ok(admin, 'search_estate', { query: 'salesforce' });
      expect(data.services.items.map((s: any) => s.key)).toContain('salesforce');
      expect(text).toMatch(/salesforce — Salesforce Sales Cloud/);

      const email = await ok(admin, 'search_estate', { query: 'email', limit: 3 });
      expect(email.data.dataFields).toMatchObject({ truncated: true });
      expect(email.data.dataFields.items).toHaveLength(3);
      expect(email.data.dataFields.total).toBeGreaterThan(3);
      expect(email.data.unifiedFields.items.map((f: any) => f.name)).toContain('Contact.email');
      expect(email.text).toMatch(/Data fields \(3 of \d+\)/);

      const only = await ok(admin, 'search_estate', { query: 'account', in: ['data_entities'] });
      expect(only.data.services).toBeNull();
      expect(only.data.dataEntities.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ service: 'salesforce', entity: 'Account' })]),
      );
    });

    it('search_estate refuses arguments out of bounds', async () => {
      expect(errorText(await call(admin, 'search_estate', { query: 'a', limit: 51 }))).toMatch(/limit/);
      expect(errorText(await call(admin, 'search_estate', { query: 'x'.repeat(201) }))).toMatch(/query/);
      expect(errorText(await call(admin, 'search_estate', { query: '' }))).toMatch(/query/);
    });

    it('describe_service tells what a service is, holds, feeds and scores', async () => {
      const { data, text } = await ok(admin, 'describe_service', { key: 'Salesforce', entities: 3 });
      expect(data).toMatchObject({
        key: 'salesforce',
        kind: 'SAAS',
        ownerTeam: 'sales-operations',
        annualCost: { currency: 'USD' },
        dataAccess: { apiStyle: 'REST' },
      });
      expect(data.entities.items).toHaveLength(3);
      expect(data.entities.total).toBeGreaterThan(3);
      expect(data.coverage.mappedFields).toBeGreaterThan(0);
      expect(data.downstream.total).toBeGreaterThan(0);
      expect(data.scores.strongestReasons.length).toBeGreaterThan(0);
      expect(text).toMatch(/Retirement score [\d.]+ \(confidence \d+%\)/);
      expect(errorText(await call(admin, 'describe_service', { key: 'no-such-service' }))).toMatch(
        /^NOT_FOUND: Service "no-such-service" does not exist/,
      );
      expect(errorText(await call(admin, 'describe_service', { key: 'not a key!' }))).toMatch(/key/);
    });

    it('where_is_data lists the sources of a unified field, the system of record first', async () => {
      const { data, text } = await ok(admin, 'where_is_data', { field: 'contact.email', limit: 5 });
      expect(data).toMatchObject({ field: 'Contact.email', type: 'STRING', piiClass: 'EMAIL' });
      expect(data.systemsOfRecord).toEqual(['salesforce']);
      expect(data.sources.items[0]).toMatchObject({ service: 'salesforce', status: 'CONFIRMED', systemOfRecord: true });
      expect(data.sources.items).toHaveLength(5);
      expect(data.sources.total).toBe(data.confirmedServices + data.suggestedSources);
      expect(data.sources.total).toBeGreaterThan(5);
      expect(text).toMatch(/system of record: salesforce/);

      const { sources } = (
        await t.gqlOk<any>(
          `{ unifiedEntity(name: "Contact") { fields(first: 50) { edges { node { name sources { serviceKey } } } } } }`,
        )
      ).unifiedEntity.fields.edges.find((e: any) => e.node.name === 'email').node;
      expect(data.sources.total).toBe(sources.length);

      expect(errorText(await call(admin, 'where_is_data', { field: 'Customer.email' }))).toMatch(
        /^NOT_FOUND: .*did you mean Contact\.email/,
      );
    });

    it('entity_coverage tells which fields of a unified entity have sources', async () => {
      const { data, text } = await ok(admin, 'entity_coverage', { entity: 'customer', limit: 4 });
      expect(data.entity).toBe('Customer');
      expect(data.fields).toBeGreaterThan(4);
      expect(data.withSource + data.withoutSource).toBe(data.fields);
      expect(data.perField).toMatchObject({ total: data.fields, truncated: true });
      expect(data.perField.items).toHaveLength(4);
      expect(data.perField.items[0]).toMatchObject({ field: 'name', sources: expect.any(Number) });
      expect(text).toMatch(/^Customer: \d+ of \d+ fields have a source/);
      expect(errorText(await call(admin, 'entity_coverage', { entity: 'Custom' }))).toMatch(/did you mean Customer/);
    });

    it('suggest_mappings previews the matcher’s suggestions and stores nothing', async () => {
      const count = () =>
        t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM field_mapping WHERE status = 'SUGGESTED'`);
      const before = await count();
      const { data, text } = await ok(admin, 'suggest_mappings', { serviceKey: 'zendesk', limit: 2 });
      expect(data).toMatchObject({ service: 'zendesk', stored: false, unifiedSchemaVersion: 1 });
      expect(data.fieldsConsidered).toBeGreaterThan(0);
      expect(data.suggestions.items.length).toBeGreaterThan(0);
      expect(data.suggestions.items.length).toBeLessThanOrEqual(2);
      const [best] = data.suggestions.items;
      expect(best).toMatchObject({ target: expect.stringMatching(/^\w+\.\w+$/), dataFieldId: expect.any(String) });
      expect(best.reasons.length).toBeGreaterThan(0);
      expect(best.confidence).toBeGreaterThanOrEqual(data.suggestions.items.at(-1).confidence);
      expect(text).toMatch(/Nothing was stored/);
      expect(await count()).toEqual(before);

      const strict = await ok(admin, 'suggest_mappings', { serviceKey: 'zendesk', minConfidence: 1 });
      expect(strict.data.suggestions.total).toBe(0);
      expect(errorText(await call(admin, 'suggest_mappings', { serviceKey: 'zendesk', minConfidence: 2 }))).toMatch(
        /minConfidence/,
      );
    });

    it('retirement_impact simulates a retirement as GraphQL does', async () => {
      const { data, text } = await ok(admin, 'retirement_impact', { serviceKeys: ['zendesk'], limit: 3 });
      const { simulateRetirement } = await t.gqlOk<any>(
        `{ simulateRetirement(serviceKeys: ["zendesk"]) { annualSavings { amount } brokenIntegrations { consumer { key } } } }`,
      );
      expect(data.retired).toEqual(['zendesk']);
      expect(data.annualSavings).toBe(Number(simulateRetirement.annualSavings.amount));
      expect(data.brokenIntegrations.total).toBe(simulateRetirement.brokenIntegrations.length);
      expect(data.scoreChanges.items.length).toBeLessThanOrEqual(3);
      expect(data.after.annualCost).toBeLessThan(data.before.annualCost);
      expect(text).toMatch(/^Retiring zendesk/);
      expect(errorText(await call(admin, 'retirement_impact', { serviceKeys: ['zendesk', 'nope'] }))).toMatch(
        /serviceKeys\[1\]: service "nope" does not exist/,
      );
      expect(
        errorText(
          await call(admin, 'retirement_impact', { serviceKeys: Array.from({ length: 51 }, (_, i) => `s${i}`) }),
        ),
      ).toMatch(/serviceKeys/);
    });

    it('top_retirement_candidates ranks as GraphQL does, with the reasons', async () => {
      const { data, text } = await ok(admin, 'top_retirement_candidates', { limit: 5 });
      const { retirementCandidates } = await t.gqlOk<any>(
        `{ retirementCandidates(first: 5) { totalCount edges { node { rank service { key } retirement { score } } } } }`,
      );
      expect(data.candidates.items.map((c: any) => [c.rank, c.key, c.retirementScore])).toEqual(
        retirementCandidates.edges.map((e: any) => [e.node.rank, e.node.service.key, e.node.retirement.score]),
      );
      expect(data.candidates.total).toBe(retirementCandidates.totalCount);
      for (const candidate of data.candidates.items) {
        expect(candidate.reasons.length).toBeGreaterThan(0);
        expect(candidate.reasons[0]).toMatchObject({ factor: expect.any(String), reason: expect.any(String) });
      }
      expect(text).toMatch(/^Retirement candidates, profile default@0 \(5 of \d+\):/);

      const team = await ok(admin, 'top_retirement_candidates', { team: 'sales-operations', kinds: ['SAAS'] });
      expect(team.data.candidates.items.length).toBeGreaterThan(0);
      for (const c of team.data.candidates.items) expect(c).toMatchObject({ team: 'sales-operations', kind: 'SAAS' });
      expect(errorText(await call(admin, 'top_retirement_candidates', { profile: 'nope' }))).toMatch(
        /scoring profile "nope" does not exist/,
      );
    });

    it('plan_summary summarises the newest plan, or the one asked for', async () => {
      const newest = await ok(admin, 'plan_summary', { waves: 2 });
      expect(newest.data.plan).toMatchObject({ id: planId, name: 'First cut', totals: { servicesRetired: 30 } });
      expect(newest.data.plan.waves).toMatchObject({ truncated: true, items: [{ number: 1 }, { number: 2 }] });
      expect(newest.data.plans.items.map((p: any) => p.id)).toContain(planId);
      expect(newest.text).toMatch(/^Plan "First cut"/);
      const byId = await ok(admin, 'plan_summary', { planId });
      expect(byId.data.plan.waves.total).toBe(byId.data.plan.waves.items.length);
      expect(errorText(await call(admin, 'plan_summary', { planId: '00000000-0000-4000-8000-000000000000' }))).toMatch(
        /^NOT_FOUND/,
      );
    });

    it('lets a viewer read, and refuses the write tool while writes are off', async () => {
      const client = await connect(url, viewer.secret);
      try {
        const { data } = await ok(client, 'where_is_data', { field: 'Contact.email' });
        expect(data.field).toBe('Contact.email');
        expect(errorText(await call(client, 'confirm_mapping', { mappingId: planId }))).toMatch(
          /confirm_mapping not found/,
        );
      } finally {
        await client.close();
      }
    });
  });

  describe('authentication', () => {
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
    };
    const post = (headers: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body: JSON.stringify(initialize),
      });

    it('answers 401 without a token and with a bad one, and records the refusals', async () => {
      const anonymous = await post({});
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
      const bad = await post({ authorization: 'Bearer est_not-a-real-token' });
      expect(bad.status).toBe(401);
      expect(await bad.json()).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: expect.stringMatching(/unknown token/),
      });
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'DENIED' AND action = 'POST /mcp'`,
      );
      expect(n).toBeGreaterThanOrEqual(2);
      await expect(connect(url, 'est_not-a-real-token')).rejects.toThrow(/UNAUTHENTICATED/);
    });

    it('answers a plain JSON-RPC initialize with a token, and 405 to GET and DELETE (no sessions)', async () => {
      const response = await post({ authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
      expect(response.status).toBe(200);
      expect(response.headers.get('mcp-session-id')).toBeNull();
      expect(await response.json()).toMatchObject({ id: 1, result: { serverInfo: { name: 'estate' } } });
      for (const method of ['GET', 'DELETE']) {
        const refused = await fetch(url, { method, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
        expect(refused.status).toBe(405);
        expect(refused.headers.get('allow')).toBe('POST');
      }
    });
  });

  describe('with ESTATE_MCP_WRITES=true', () => {
    let writable: TestApp;
    let writableUrl: string;

    beforeAll(async () => {
      writable = await createTestApp({ sameDatabaseAs: t, env: { ESTATE_MCP_WRITES: 'true' } });
      await writable.app.listen(0, '127.0.0.1');
      writableUrl = listenUrl(writable);
    });
    afterAll(async () => {
      await writable?.close();
    });

    it('offers confirm_mapping, and refuses it to a viewer with a clear error and an audit event', async () => {
      const client = await connect(writableUrl, viewer.secret);
      try {
        const { tools } = await client.listTools();
        const confirm = tools.find((tool) => tool.name === 'confirm_mapping');
        expect(confirm?.annotations).toMatchObject({ readOnlyHint: false });
        const refused = await call(client, 'confirm_mapping', {
          dataFieldId: '00000000-0000-4000-8000-000000000001',
          unifiedFieldId: '00000000-0000-4000-8000-000000000002',
        });
        expect(errorText(refused)).toMatch(
          /^FORBIDDEN: Role VIEWER may not call confirm_mapping: it needs the MANAGE_UNIFIED/,
        );
        const [event] = await t.dataSource.query<any[]>(
          `SELECT actor_name, outcome, reason FROM audit_event WHERE action = 'mcp.confirm_mapping'`,
        );
        expect(event).toMatchObject({ actor_name: viewer.name, outcome: 'DENIED' });
      } finally {
        await client.close();
      }
    });

    it('lets an architect confirm a suggested pair, recorded as theirs', async () => {
      const client = await connect(writableUrl, architect.secret);
      try {
        const preview = await ok(client, 'suggest_mappings', { serviceKey: 'hubspot', limit: 1 });
        const [suggestion] = preview.data.suggestions.items;
        expect(preview.text).toMatch(/call confirm_mapping/);
        const { data, text } = await ok(client, 'confirm_mapping', {
          dataFieldId: suggestion.dataFieldId,
          unifiedFieldId: suggestion.unifiedFieldId,
          reason: 'checked with the CRM team',
        });
        expect(data).toMatchObject({
          status: 'CONFIRMED',
          source: `hubspot/${suggestion.entity}.${suggestion.field}`,
          target: suggestion.target,
          decidedBy: architect.name,
        });
        expect(text).toMatch(/is CONFIRMED/);
        const [row] = await t.dataSource.query<any[]>(
          `SELECT status, decided_by FROM field_mapping WHERE data_field_id = $1 AND unified_field_id = $2`,
          [suggestion.dataFieldId, suggestion.unifiedFieldId],
        );
        expect(row).toEqual({ status: 'CONFIRMED', decided_by: architect.name });
        const [event] = await t.dataSource.query<any[]>(
          `SELECT actor_name, outcome FROM audit_event WHERE action = 'mapping.set' ORDER BY occurred_at DESC LIMIT 1`,
        );
        expect(event).toEqual({ actor_name: architect.name, outcome: 'SUCCESS' });
        const again = await ok(client, 'suggest_mappings', { serviceKey: 'hubspot', limit: 50 });
        expect(again.data.alreadyMapped).toBe(preview.data.alreadyMapped + 1);
      } finally {
        await client.close();
      }
    });

    it('lets an admin confirm a stored suggestion by its id, as GraphQL then shows', async () => {
      const client = await connect(writableUrl, TEST_ADMIN_TOKEN);
      const preview = await ok(client, 'suggest_mappings', { serviceKey: 'jira', limit: 50 });
      await t.gqlOk(`mutation { suggestMappings(serviceKey: "jira") { suggested } }`);
      const { mappings } = await t.gqlOk<any>(
        `{ mappings(filter: { serviceKey: ["jira"], status: [SUGGESTED] }, first: 100) {
           edges { node { id source { dataFieldId } target { unifiedFieldId } } } } }`,
      );
      // The preview is what suggestMappings stores.
      const pairs = (list: { dataFieldId: string; unifiedFieldId: string }[]) =>
        list.map((p) => `${p.dataFieldId}>${p.unifiedFieldId}`).sort();
      expect(pairs(mappings.edges.map((e: any) => ({ ...e.node.source, ...e.node.target })))).toEqual(
        pairs(preview.data.suggestions.items),
      );
      const id = mappings.edges[0].node.id as string;
      try {
        const { data } = await ok(client, 'confirm_mapping', { mappingId: id, isSystemOfRecord: false });
        expect(data).toMatchObject({ mappingId: id, status: 'CONFIRMED' });
        const both = await call(client, 'confirm_mapping', { mappingId: id, dataFieldId: id });
        expect(errorText(both)).toMatch(/^BAD_USER_INPUT: .*either mappingId, or dataFieldId and unifiedFieldId/);
      } finally {
        await client.close();
      }
      const confirmed = await t.gqlOk<any>(
        `{ mappings(filter: { serviceKey: ["jira"], status: [CONFIRMED] }, first: 100) { edges { node { id decidedBy } } } }`,
      );
      expect(confirmed.mappings.edges.map((e: any) => e.node)).toContainEqual({ id, decidedBy: 'ESTATE_ADMIN_TOKEN' });
    });
  });

  describe('estate mcp (stdio)', () => {
    const spawnClient = async (args: string[], env: Record<string, string> = {}) => {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [CLI, 'mcp', ...args],
        env: { ...(process.env as Record<string, string>), DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent', ...env },
        stderr: 'pipe',
      });
      const client = new Client({ name: 'estate-e2e-stdio', version: '1.0.0' });
      const problems: Error[] = [];
      let stderr = '';
      transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      client.onerror = (error) => problems.push(error);
      try {
        await client.connect(transport);
      } catch (error) {
        throw new Error(`estate mcp ${args.join(' ')} did not start: ${(error as Error).message}\n${stderr}`);
      }
      return { client, problems };
    };

    it('serves the tools over stdio on the CLI database, read-only', async () => {
      expect(fs.existsSync(CLI)).toBe(true);
      const { client, problems } = await spawnClient([]);
      try {
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name).sort()).toEqual(READ_TOOLS);
        const { data } = await ok(client, 'where_is_data', { field: 'Contact.email' });
        expect(data.systemsOfRecord).toEqual(['salesforce']);
        const { resources } = await client.listResources();
        expect(resources.map((r) => r.uri)).toContain(`estate://plans/${planId}`);
      } finally {
        await client.close();
      }
      // Standard output carried nothing but the protocol.
      expect(problems).toEqual([]);
    });

    it('offers the write tool only with --allow-writes and ESTATE_MCP_WRITES=true', async () => {
      const names = async (args: string[], env: Record<string, string>) => {
        const { client } = await spawnClient(args, env);
        try {
          return (await client.listTools()).tools.map((tool) => tool.name);
        } finally {
          await client.close();
        }
      };
      expect(await names(['--allow-writes'], {})).not.toContain('confirm_mapping');
      expect(await names(['--allow-writes'], { ESTATE_MCP_WRITES: 'true' })).toContain('confirm_mapping');
    });
  });
});
