import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod/v4';
import { Permission } from '../auth/roles';
import { DomainError } from '../common/errors';
import type { SoftwareServiceEntity } from '../inventory/software-service.entity';
import { money } from '../scoring/factors';
import { limit, READ_ONLY, serviceKey } from './tool-args';
import { clip, costOf, countOf, listed, MAX_LIST, toolResult, topFactors, type Listed } from './tool-results';
import type { ToolContext } from './tool-context';

const SEARCHABLE = ['services', 'data_entities', 'data_fields', 'unified_entities', 'unified_fields'] as const;
type Searchable = (typeof SEARCHABLE)[number];

/** Field search results are ordered by name; the order's name is only part of cursors, never used here. */
const FIELD_ORDER = 'NAME_ASC';

export function registerInventoryTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'search_estate',
    {
      title: 'Search the estate',
      description:
        'Finds services (by name, key, vendor, tags, category, description), the data entities and fields services ' +
        'hold, and the unified schema’s entities and fields, by words or parts of names. Use it first when the user ' +
        'names something loosely ("our CRM", "customer email").',
      inputSchema: {
        query: z.string().trim().min(1).max(200).describe('Words or a part of a name, e.g. "salesforce" or "email"'),
        in: z
          .array(z.enum(SEARCHABLE))
          .min(1)
          .max(SEARCHABLE.length)
          .optional()
          .describe('What to search (default: everything)'),
        limit: limit(10, 'matches of each kind'),
      },
      annotations: READ_ONLY,
    },
    (args) => ctx.run.run('search_estate', Permission.READ, args.query, () => searchEstate(ctx, args)),
  );

  server.registerTool(
    'describe_service',
    {
      title: 'Describe a service',
      description:
        'One service in full: what it is, owner team, cost and usage, how its data can be reached, its data entities, ' +
        'how much of its data is mapped onto the unified schema, the integrations in and out, and its retirement and ' +
        'AI-readiness scores with the strongest reasons.',
      inputSchema: {
        key: serviceKey().describe('The service key, e.g. "salesforce" (case-insensitive)'),
        entities: limit(20, 'data entities'),
      },
      annotations: READ_ONLY,
    },
    (args) => ctx.run.run('describe_service', Permission.READ, args.key, () => describeService(ctx, args)),
  );
}

async function searchEstate(ctx: ToolContext, args: { query: string; in?: Searchable[]; limit: number }) {
  const wanted = new Set<Searchable>(args.in ?? SEARCHABLE);
  const { query } = args;
  const [services, dataEntities, dataFields, unifiedEntities, unifiedFields] = await Promise.all([
    wanted.has('services') ? searchServices(ctx, query, args.limit) : null,
    wanted.has('data_entities') ? searchDataEntities(ctx, query, args.limit) : null,
    wanted.has('data_fields') ? searchDataFields(ctx, query, args.limit) : null,
    wanted.has('unified_entities') ? searchUnifiedEntities(ctx, query, args.limit) : null,
    wanted.has('unified_fields') ? searchUnifiedFields(ctx, query, args.limit) : null,
  ]);
  const lines = [`Search for "${query}":`];
  const section = <T>(title: string, list: Listed<T> | null, line: (item: T) => string) => {
    if (!list) return;
    lines.push(`${title} (${list.total ? countOf(list) : 'none'})${list.total ? ':' : ''}`);
    for (const item of list.items) lines.push(`- ${line(item)}`);
  };
  section(
    'Services',
    services,
    (s) => `${s.key} — ${s.name} (${[s.kind, s.category, s.lifecycle].filter(Boolean).join(', ')})`,
  );
  section('Data entities', dataEntities, (e) => `${e.service}/${e.entity} (${e.fields} fields)`);
  section(
    'Data fields',
    dataFields,
    (f) => `${f.service}/${f.entity}.${f.field} (${f.type}${f.piiClass ? `, ${f.piiClass}` : ''})`,
  );
  section('Unified entities', unifiedEntities, (e) => `${e.name}${e.description ? ` — ${e.description}` : ''}`);
  section(
    'Unified fields',
    unifiedFields,
    (f) => `${f.name} (${f.type ?? 'untyped'}${f.piiClass ? `, ${f.piiClass}` : ''})`,
  );
  return toolResult({ query, services, dataEntities, dataFields, unifiedEntities, unifiedFields }, lines);
}

async function searchServices(ctx: ToolContext, search: string, first: number) {
  const filter = { search };
  const [page, total] = await Promise.all([
    ctx.estate.catalog.list(filter, {}, first),
    ctx.estate.catalog.count(filter),
  ]);
  return listed(
    page.rows.map(({ node }) => ({
      key: node.key,
      name: node.name,
      kind: node.kind,
      vendor: node.vendor,
      category: node.category,
      lifecycle: node.lifecycle,
      annualCost: costOf(node),
    })),
    first,
    total,
  );
}

async function searchDataEntities(ctx: ToolContext, search: string, first: number) {
  const { rows, total } = await ctx.estate.schemas.searchEntities(search, first);
  return listed(
    rows.map((e) => ({
      service: e.serviceKey,
      entity: e.name,
      fields: e.fields,
      containsPii: e.containsPii,
      description: clip(e.description),
    })),
    first,
    total,
  );
}

async function searchDataFields(ctx: ToolContext, search: string, first: number) {
  const filter = { search };
  const [page, total] = await Promise.all([
    ctx.estate.schemas.searchFields(filter, first, FIELD_ORDER),
    ctx.estate.schemas.countFields(filter),
  ]);
  const fields = page.rows.map((r) => r.node);
  const loaders = ctx.estate.schemaLoaders.create();
  const inventory = ctx.estate.inventoryLoaders.create();
  const entities = await Promise.all(fields.map((f) => loaders.entityById.load(f.entityId)));
  const services = await Promise.all(
    entities.map((e) => (e ? inventory.serviceById.load(e.serviceId) : Promise.resolve(null))),
  );
  return listed(
    fields.map((f, i) => ({
      service: services[i]?.key ?? null,
      entity: entities[i]?.name ?? null,
      field: f.name,
      type: f.type,
      piiClass: f.piiClass,
      description: clip(f.description),
    })),
    first,
    total,
  );
}

async function searchUnifiedEntities(ctx: ToolContext, search: string, first: number) {
  const filter = { search };
  const [page, total] = await Promise.all([
    ctx.estate.unified.listEntities(filter, first),
    ctx.estate.unified.countEntities(filter),
  ]);
  return listed(
    page.rows.map(({ node }) => ({ name: node.name, description: clip(node.description), synonyms: node.synonyms })),
    first,
    total,
  );
}

/** Unified fields whose qualified name, synonyms or description contain the words; from the draft, in memory. */
async function searchUnifiedFields(ctx: ToolContext, search: string, first: number) {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const { entities } = await ctx.estate.unified.draft();
  const matches = entities.flatMap((e) =>
    e.fields
      .filter((f) => {
        const text = [`${e.name}.${f.name}`, ...f.synonyms, f.description ?? ''].join(' ').toLowerCase();
        return words.every((w) => text.includes(w));
      })
      .map((f) => ({
        name: `${e.name}.${f.name}`,
        type: f.type,
        piiClass: f.piiClass,
        description: clip(f.description),
      })),
  );
  return listed(matches, first);
}

async function describeService(ctx: ToolContext, args: { key: string; entities: number }) {
  const service = await ctx.estate.catalog.get(args.key);
  if (!service) throw DomainError.notFound('Service', args.key);
  const inventory = ctx.estate.inventoryLoaders.create();
  const schema = ctx.estate.schemaLoaders.create();
  const coverage = ctx.estate.coverageLoaders.create();
  const [team, upstream, downstream, entityPage, entityCount, mapped, estate] = await Promise.all([
    inventory.teamById.load(service.ownerTeamId),
    inventory.upstream.load(service.id),
    inventory.downstream.load(service.id),
    schema.entitiesOf(args.entities).load(service.id),
    schema.entityCount.load(service.id),
    coverage.serviceCoverage.load(service.id),
    ctx.estate.scoring.profile().then((profile) => ctx.estate.scoring.scoreEstate(profile)),
  ]);
  const entities = entityPage.rows.map((r) => r.node);
  const fieldCounts = await Promise.all(entities.map((e) => schema.fieldCount.load(e.id)));
  const counterparts = new Map(
    (
      await Promise.all(
        [...upstream.map((i) => i.sourceServiceId), ...downstream.map((i) => i.targetServiceId)].map((id) =>
          inventory.serviceById.load(id),
        ),
      )
    )
      .filter((s): s is SoftwareServiceEntity => s !== null)
      .map((s) => [s.id, s.key]),
  );
  const flows = (rows: typeof upstream, end: 'sourceServiceId' | 'targetServiceId') =>
    listed(
      rows.map((i) => ({ service: counterparts.get(i[end]) ?? null, mechanism: i.mechanism, frequency: i.frequency })),
      MAX_LIST,
    );
  const scored = estate.byId.get(service.id);
  const scores = scored
    ? {
        profile: `${estate.profile.name}@${estate.profile.version}`,
        retirement: scored.scores.retirement.score,
        confidence: scored.scores.retirement.confidence,
        disposition: scored.scores.disposition.disposition,
        dispositionReason: scored.scores.disposition.reason,
        aiReadiness: scored.scores.aiReadiness.score,
        strongestReasons: topFactors(scored.scores.retirement.factors, 3),
      }
    : null;
  const structured = {
    key: service.key,
    name: service.name,
    description: clip(service.description, 500),
    kind: service.kind,
    vendor: service.vendor,
    category: service.category,
    ownerTeam: team?.key ?? null,
    lifecycle: service.lifecycle,
    criticality: service.criticality,
    annualCost: costOf(service),
    licensedSeats: service.licensedSeats,
    monthlyActiveUsers: service.monthlyActiveUsers,
    contractRenewalDate: service.contractRenewalDate,
    tags: service.tags,
    dataAccess: {
      apiStyle: service.apiStyle,
      machineReadableSpec: service.machineReadableSpec,
      specFormat: service.specFormat,
      bulkExport: service.bulkExport,
      changeEvents: service.changeEvents,
      dataStructure: service.dataStructure,
      authMethod: service.authMethod,
    },
    entities: listed(
      entities.map((e, i) => ({ name: e.name, fields: fieldCounts[i], containsPii: e.containsPii })),
      args.entities,
      entityCount,
    ),
    coverage: mapped && {
      fields: mapped.fields,
      mappedFields: mapped.mappedFields,
      suggestedFields: mapped.suggestedFields,
      ratio: mapped.fields ? Math.round((mapped.mappedFields / mapped.fields) * 1000) / 1000 : 0,
    },
    upstream: flows(upstream, 'sourceServiceId'),
    downstream: flows(downstream, 'targetServiceId'),
    scores,
  };
  const lines = [
    `${service.name} (${service.key}) — ${[service.kind, service.vendor, service.category].filter(Boolean).join(', ')}`,
    `Owner team ${structured.ownerTeam ?? '?'}; ${service.lifecycle}; criticality ${service.criticality ?? 'unknown'}; ` +
      `annual cost ${structured.annualCost ? money(Number(structured.annualCost.amount), structured.annualCost.currency) : 'unknown'}; ` +
      `${service.monthlyActiveUsers ?? '?'} active users of ${service.licensedSeats ?? '?'} seats`,
    `Data access: API ${service.apiStyle ?? 'unknown'}, bulk export ${yesNo(service.bulkExport)}, change events ${service.changeEvents ?? 'unknown'}`,
    `Data: ${countOf(structured.entities)} entities (${structured.entities.items.map((e) => `${e.name} ${e.fields}`).join(', ')})`,
    structured.coverage
      ? `Unified mapping: ${structured.coverage.mappedFields} of ${structured.coverage.fields} fields confirmed, ${structured.coverage.suggestedFields} suggested`
      : 'Unified mapping: no fields',
    `Integrations: ${upstream.length} in (${someOf(structured.upstream.items.map((f) => f.service ?? '?'))}), ` +
      `${downstream.length} out (${someOf(structured.downstream.items.map((f) => f.service ?? '?'))})`,
  ];
  if (scores) {
    lines.push(
      `Retirement score ${scores.retirement ?? '-'} (confidence ${Math.round(scores.confidence * 100)}%), ` +
        `disposition ${scores.disposition ?? '-'}, AI-readiness ${scores.aiReadiness ?? '-'} [${scores.profile}]`,
      ...scores.strongestReasons.map((f) => `- ${f.factor} +${f.contribution}: ${f.reason}`),
    );
  }
  return toolResult(structured, lines);
}

/** The first few names of a list for the text rendering; the structured content has them all. */
function someOf(names: string[], shown = 10): string {
  if (!names.length) return 'none';
  return names.length > shown
    ? `${names.slice(0, shown).join(', ')}, … ${names.length - shown} more`
    : names.join(', ');
}

function yesNo(value: boolean | null): string {
  return value === null ? 'unknown' : value ? 'yes' : 'no';
}
