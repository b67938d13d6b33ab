import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod/v4';
import { Permission } from '../auth/roles';
import { DomainError, ErrorCode } from '../common/errors';
import type { UnifiedFieldSourceRow } from '../unified/coverage.types';
import type { FieldMappingRow } from '../unified/mapping.repository';
import { MappingStatus } from '../unified/mapping.types';
import type { StoredUnifiedEntity, StoredUnifiedField } from '../unified/unified.types';
import { limit, READ_ONLY, serviceKey } from './tool-args';
import { clip, countOf, listed, toolResult } from './tool-results';
import type { ToolContext } from './tool-context';
import { findUnifiedEntity, findUnifiedField } from './unified-names';

const unifiedName = (example: string) =>
  z.string().trim().min(1).max(300).describe(`A name in the unified schema, e.g. "${example}" (case-insensitive)`);

export function registerUnifiedTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'where_is_data',
    {
      title: 'Where does this data live?',
      description:
        'For a field of the unified schema (Entity.field, e.g. Contact.email): which services supply it and from ' +
        'which of their fields, the system of record first, then other confirmed sources, then open suggestions; ' +
        'and whether it has a single source or conflicting masters.',
      inputSchema: {
        field: unifiedName('Contact.email'),
        limit: limit(20, 'sources'),
      },
      annotations: READ_ONLY,
    },
    (args) => ctx.run.run('where_is_data', Permission.READ, args.field, () => whereIsData(ctx, args)),
  );

  server.registerTool(
    'entity_coverage',
    {
      title: 'Coverage of a unified entity',
      description:
        'How well the estate supplies one entity of the unified schema (e.g. Customer): per field, how many services ' +
        'supply it (confirmed mappings), its system of record, fields with a single source, conflicting masters, and ' +
        'fields nothing supplies yet.',
      inputSchema: {
        entity: unifiedName('Customer'),
        limit: limit(50, 'fields'),
      },
      annotations: READ_ONLY,
    },
    (args) => ctx.run.run('entity_coverage', Permission.READ, args.entity, () => entityCoverage(ctx, args)),
  );

  server.registerTool(
    'suggest_mappings',
    {
      title: 'Suggest mappings for a service',
      description:
        'Runs Estate’s matcher over the fields of a service (or one of its entities) that have no confirmed mapping ' +
        'and returns the best unified field for each, with a confidence (0–1) and the reasons. Nothing is stored: ' +
        'this is a preview; confirming is a separate, permitted write.',
      inputSchema: {
        serviceKey: serviceKey().describe('The service key, e.g. "zendesk"'),
        entity: z.string().trim().min(1).max(200).optional().describe('Only this entity of the service'),
        minConfidence: z.number().min(0).max(1).default(0).describe('Leave out suggestions below this confidence'),
        limit: limit(20, 'suggestions'),
      },
      annotations: READ_ONLY,
    },
    (args) => ctx.run.run('suggest_mappings', Permission.READ, args.serviceKey, () => suggestMappings(ctx, args)),
  );

  if (ctx.run.session.writesEnabled) registerConfirmMapping(server, ctx);
}

/** Confirmed systems of record first, then other confirmed sources, then suggestions; stable otherwise. */
function bySourceStrength(a: UnifiedFieldSourceRow, b: UnifiedFieldSourceRow): number {
  const rank = (s: UnifiedFieldSourceRow) => (s.status === MappingStatus.CONFIRMED ? (s.isSystemOfRecord ? 0 : 1) : 2);
  return rank(a) - rank(b);
}

async function whereIsData(ctx: ToolContext, args: { field: string; limit: number }) {
  const { entities } = await ctx.estate.unified.draft();
  const lookup = findUnifiedField(entities, args.field);
  if (!lookup.found) throw unknownName('unified field', args.field, lookup.candidates);
  const { entity, field } = lookup;
  const coverage = ctx.estate.coverageLoaders.create();
  const [sources, verdict] = await Promise.all([
    coverage.sources.load(field.id),
    coverage.sourceVerdict.load(field.id),
  ]);
  const ordered = [...sources].sort(bySourceStrength);
  const confirmed = ordered.filter((s) => s.status === MappingStatus.CONFIRMED);
  const systemsOfRecord = [...new Set(confirmed.filter((s) => s.isSystemOfRecord).map((s) => s.serviceKey))];
  const name = `${entity.name}.${field.name}`;
  const list = listed(
    ordered.map((s) => ({
      service: s.serviceKey,
      serviceName: s.serviceName,
      entity: s.entityName,
      field: s.fieldName,
      status: s.status,
      systemOfRecord: s.isSystemOfRecord,
      confidence: s.confidence,
    })),
    args.limit,
  );
  const structured = {
    field: name,
    type: field.type,
    piiClass: field.piiClass,
    required: field.required,
    description: clip(field.description),
    confirmedServices: new Set(confirmed.map((s) => s.serviceKey)).size,
    suggestedSources: ordered.length - confirmed.length,
    systemsOfRecord,
    singleSource: verdict?.singleSource ?? false,
    conflictingMasters: verdict?.conflictingMasters ?? false,
    sources: list,
  };
  const lines = [
    `${name} (${field.type ?? 'untyped'}${field.piiClass ? `, personal data: ${field.piiClass}` : ''})`,
    confirmed.length
      ? `Supplied by ${structured.confirmedServices} service(s) through confirmed mappings; ` +
        `system of record: ${systemsOfRecord.join(', ') || 'none declared'}` +
        (structured.conflictingMasters ? ' — CONFLICTING MASTERS' : '') +
        (structured.singleSource ? ' — single source' : '')
      : 'No service supplies it through a confirmed mapping yet.',
    `Sources (${countOf(list)}):`,
    ...list.items.map(
      (s) =>
        `- ${s.service}/${s.entity}.${s.field} ${s.status}${s.systemOfRecord ? ' (system of record)' : ''}` +
        (s.confidence !== null ? ` confidence ${s.confidence.toFixed(2)}` : ''),
    ),
  ];
  return toolResult(structured, lines);
}

async function entityCoverage(ctx: ToolContext, args: { entity: string; limit: number }) {
  const { entities } = await ctx.estate.unified.draft();
  const entity = findUnifiedEntity(entities, args.entity);
  if (!entity) throw unknownName('unified entity', args.entity, closeEntities(entities, args.entity));
  const coverage = ctx.estate.coverageLoaders.create();
  const ids = entity.fields.map((f) => f.id);
  const [sources, verdicts] = await Promise.all([
    Promise.all(ids.map((id) => coverage.sources.load(id))),
    Promise.all(ids.map((id) => coverage.sourceVerdict.load(id))),
  ]);
  const perField = entity.fields.map((f: StoredUnifiedField, i) => {
    const confirmed = sources[i].filter((s) => s.status === MappingStatus.CONFIRMED);
    const services = [...new Set(confirmed.map((s) => s.serviceKey))];
    return {
      field: f.name,
      type: f.type,
      sources: services.length,
      services: services.slice(0, 5),
      systemOfRecord: [...new Set(confirmed.filter((s) => s.isSystemOfRecord).map((s) => s.serviceKey))],
      suggestions: sources[i].length - confirmed.length,
      singleSource: verdicts[i]?.singleSource ?? false,
      conflictingMasters: verdicts[i]?.conflictingMasters ?? false,
    };
  });
  const withSource = perField.filter((f) => f.sources > 0).length;
  const structured = {
    entity: entity.name,
    description: clip(entity.description),
    fields: perField.length,
    withSource,
    withoutSource: perField.length - withSource,
    singleSource: perField.filter((f) => f.singleSource).length,
    conflictingMasters: perField.filter((f) => f.conflictingMasters).length,
    ratio: perField.length ? Math.round((withSource / perField.length) * 1000) / 1000 : 0,
    perField: listed(perField, args.limit),
    fieldsWithoutSource: listed(
      perField.filter((f) => f.sources === 0).map((f) => f.field),
      args.limit,
    ),
  };
  const lines = [
    `${entity.name}: ${withSource} of ${perField.length} fields have a source ` +
      `(${structured.singleSource} single-sourced, ${structured.conflictingMasters} with conflicting masters)`,
    ...structured.perField.items.map(
      (f) =>
        `- ${f.field}: ${f.sources ? `${f.sources} source(s) ${f.services.join(', ')}` : 'no source'}` +
        (f.systemOfRecord.length ? `; system of record ${f.systemOfRecord.join(', ')}` : '') +
        (f.conflictingMasters ? '; CONFLICTING MASTERS' : '') +
        (f.suggestions ? `; ${f.suggestions} open suggestion(s)` : ''),
    ),
  ];
  if (structured.perField.truncated) lines.push(`… ${structured.perField.total - args.limit} more fields not listed`);
  return toolResult(structured, lines);
}

async function suggestMappings(
  ctx: ToolContext,
  args: { serviceKey: string; entity?: string; minConfidence: number; limit: number },
) {
  const preview = await ctx.estate.mappings.preview(args.serviceKey, args.entity);
  const kept = preview.suggestions.filter((s) => s.confidence >= args.minConfidence);
  const suggestions = listed(
    kept.map((s) => ({
      entity: s.entityName,
      field: s.fieldName,
      target: `${s.unifiedEntity}.${s.unifiedField}`,
      confidence: Math.round(s.confidence * 1000) / 1000,
      reasons: s.reasons.slice(0, 3).map((r) => clip(r)!),
      dataFieldId: s.dataFieldId,
      unifiedFieldId: s.unifiedFieldId,
    })),
    args.limit,
  );
  const structured = {
    service: preview.serviceKey,
    unifiedSchemaVersion: preview.unifiedVersion,
    fieldsConsidered: preview.fieldsConsidered,
    alreadyMapped: preview.alreadyDecided,
    belowMinConfidence: preview.suggestions.length - kept.length,
    suggestions,
    noMatch: listed(
      preview.noMatchFields.map((m) => clip(m)!),
      10,
      preview.noMatch,
    ),
    entitySuggestions: listed(
      preview.entitySuggestions.map((e) => ({
        entity: e.entityName,
        unifiedEntity: e.unifiedEntity,
        confidence: Math.round(e.confidence * 1000) / 1000,
      })),
      10,
    ),
    stored: false,
  };
  const lines = [
    `${preview.serviceKey}: ${preview.fieldsConsidered} field(s) without a confirmed mapping ` +
      `(${preview.alreadyDecided} already mapped); ${kept.length} suggestion(s), ${preview.noMatch} without a good candidate. Nothing was stored.`,
    ...suggestions.items.map(
      (s) => `- ${s.entity}.${s.field} → ${s.target} (${s.confidence.toFixed(2)}): ${s.reasons.join('; ')}`,
    ),
  ];
  if (suggestions.truncated)
    lines.push(`… ${suggestions.total - suggestions.items.length} more suggestions not listed`);
  if (ctx.run.session.writesEnabled) {
    lines.push('To accept one, call confirm_mapping with its dataFieldId and unifiedFieldId.');
  }
  return toolResult(structured, lines);
}

function registerConfirmMapping(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'confirm_mapping',
    {
      title: 'Confirm a mapping (write)',
      description:
        'Confirms a field mapping onto the unified schema: a stored suggestion by its mappingId, or a pair from ' +
        'suggest_mappings by dataFieldId and unifiedFieldId. Needs a token whose role may manage the unified schema ' +
        '(ARCHITECT or ADMIN). Recorded in the audit trail.',
      inputSchema: {
        mappingId: z.uuid().optional().describe('A stored field mapping (SUGGESTED or REJECTED) to confirm'),
        dataFieldId: z.uuid().optional().describe('The service field, with unifiedFieldId'),
        unifiedFieldId: z.uuid().optional().describe('The unified field, with dataFieldId'),
        isSystemOfRecord: z.boolean().optional().describe('This service is the master of this data'),
        reason: z.string().trim().min(1).max(500).optional().describe('Why, for the audit trail'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      ctx.run.run('confirm_mapping', Permission.MANAGE_UNIFIED, args.mappingId ?? args.dataFieldId ?? null, () =>
        confirmMapping(ctx, args),
      ),
  );
}

async function confirmMapping(
  ctx: ToolContext,
  args: {
    mappingId?: string;
    dataFieldId?: string;
    unifiedFieldId?: string;
    isSystemOfRecord?: boolean;
    reason?: string;
  },
) {
  const byPair = args.dataFieldId !== undefined || args.unifiedFieldId !== undefined;
  if (args.mappingId !== undefined ? byPair : !(args.dataFieldId && args.unifiedFieldId)) {
    throw DomainError.badInput([
      { path: 'mappingId', message: 'give either mappingId, or dataFieldId and unifiedFieldId together' },
    ]);
  }
  const decision = { isSystemOfRecord: args.isSystemOfRecord, reason: args.reason };
  const caller = ctx.run.session.caller;
  const row: FieldMappingRow = args.mappingId
    ? await ctx.estate.mappings.confirm(args.mappingId, decision, caller)
    : await ctx.estate.mappings.set(args.dataFieldId!, args.unifiedFieldId!, decision, caller);
  const structured = {
    mappingId: row.id,
    status: row.status,
    source: `${row.serviceKey}/${row.entityName}.${row.fieldName}`,
    target: `${row.unifiedEntityName}.${row.unifiedFieldName}`,
    isSystemOfRecord: row.isSystemOfRecord,
    transformation: row.transformation?.kind ?? null,
    decidedBy: row.decidedBy,
    unifiedSchemaVersion: row.unifiedVersion,
  };
  return toolResult(structured, [
    `${structured.source} → ${structured.target} is ${row.status}` +
      `${row.isSystemOfRecord ? ' (system of record)' : ''}, by ${row.decidedBy ?? '?'}` +
      `${structured.transformation ? `; transformation ${structured.transformation}` : ''}.`,
  ]);
}

function unknownName(what: string, name: string, candidates: string[]): DomainError {
  const hint = candidates.length ? `; did you mean ${candidates.join(', ')}?` : '; search_estate finds names';
  return new DomainError(ErrorCode.NOT_FOUND, `There is no ${what} "${name}" in the unified schema${hint}`, {
    key: name,
  });
}

function closeEntities(entities: readonly StoredUnifiedEntity[], name: string): string[] {
  const wanted = name.trim().toLowerCase();
  return entities
    .filter(
      (e) =>
        e.name.toLowerCase().includes(wanted) ||
        wanted.includes(e.name.toLowerCase()) ||
        e.synonyms.some((s) => s.toLowerCase() === wanted),
    )
    .map((e) => e.name)
    .slice(0, 10);
}
