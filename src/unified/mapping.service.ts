import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog, type Caller } from '../audit/audit-log';
import { DomainError } from '../common/errors';
import { isUuid } from '../common/validators';
import { ServiceRepository } from '../inventory/service.repository';
import {
  MappingRepository,
  type EntityMappingRow,
  type FieldMappingRow,
  type NewEntitySuggestion,
  type NewFieldSuggestion,
  type SourceFieldRow,
} from './mapping.repository';
import { MappingStatus } from './mapping.types';
import { sharedLexicon } from './matching/lexicon-instance';
import type { SourceEntity } from './matching/match.types';
import { SchemaMatcher } from './matching/matcher';
import {
  defaultTransformation,
  transformationProblems,
  type Transformation,
  type TransformationEnds,
} from './transformation';
import { UnifiedSchemaRepository } from './unified-schema.repository';
import type { StoredUnifiedEntity } from './unified.types';

/** Confirmed mappings the matcher learns from (the most recent first). */
const HISTORY_LIMIT = 50_000;
/** Below this an entity suggestion is not stored. */
const ENTITY_SUGGESTION_FLOOR = 0.3;
const MAX_LISTED_MISSES = 100;

export interface SuggestOutcome {
  serviceKey: string;
  unifiedVersion: number | null;
  fieldsConsidered: number;
  suggested: number;
  /** Fields that already have a confirmed mapping: left as they are. */
  alreadyDecided: number;
  noMatch: number;
  /** `Entity.field: why`, for the first fields without a good candidate. */
  noMatchFields: string[];
  entitySuggestions: EntityMappingRow[];
}

/** A field's best candidate, by ids (what is stored) and by names (what is shown). */
export interface RankedFieldSuggestion extends NewFieldSuggestion {
  entityName: string;
  fieldName: string;
  unifiedEntity: string;
  unifiedField: string;
}

export interface RankedEntitySuggestion extends NewEntitySuggestion {
  entityName: string;
  unifiedEntity: string;
}

/** What `preview` returns: suggestions as they would be stored, none stored. */
export interface SuggestionPreview {
  serviceKey: string;
  unifiedVersion: number | null;
  fieldsConsidered: number;
  alreadyDecided: number;
  noMatch: number;
  noMatchFields: string[];
  /** Most confident first. */
  suggestions: RankedFieldSuggestion[];
  entitySuggestions: RankedEntitySuggestion[];
}

interface Ranking {
  version: number | null;
  fields: SourceFieldRow[];
  /** Fields without a confirmed mapping. */
  open: SourceFieldRow[];
  suggestions: RankedFieldSuggestion[];
  misses: string[];
  entitySuggestions: RankedEntitySuggestion[];
  /** Entities without a confirmed entity mapping: their open entity suggestions are replaced. */
  unmappedEntityIds: string[];
}

export interface DecisionInput {
  transformation?: Transformation | null;
  isSystemOfRecord?: boolean | null;
  reason?: string | null;
}

export interface BulkOutcome {
  confirmed: number;
  skipped: { mappingId: string; source: string; target: string; reason: string }[];
}

/**
 * Mappings from services' data onto the unified schema: suggestions from the matcher and the
 * architects' decisions. A decision is never overwritten by a suggestion, a rejected pair is
 * never suggested again, and confirmed mappings teach the matcher.
 */
@Injectable()
export class MappingService {
  private matcher: { signature: string; matcher: SchemaMatcher } | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mappings: MappingRepository,
    private readonly unified: UnifiedSchemaRepository,
    private readonly services: ServiceRepository,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Runs the matcher over a service's fields (or one entity's) and stores the best candidate of
   * each field as SUGGESTED, replacing earlier open suggestions. Fields with a confirmed mapping
   * are left alone. Entities without a confirmed entity mapping also get a suggested unified entity.
   */
  async suggest(serviceKey: string, entityName: string | undefined, caller: Caller): Promise<SuggestOutcome> {
    const service = await this.services.findByKey(serviceKey);
    if (!service) throw DomainError.notFound('Service', serviceKey);
    return this.dataSource.transaction(async (manager) => {
      await this.unified.lockDraft(manager);
      const ranking = await this.rank(manager, service.id, serviceKey, entityName);
      const { version, fields, open, misses } = ranking;
      const suggested = await this.mappings.replaceFieldSuggestions(
        manager,
        open.map((f) => f.id),
        ranking.suggestions,
        version,
      );
      await this.mappings.replaceEntitySuggestions(
        manager,
        ranking.unmappedEntityIds,
        ranking.entitySuggestions,
        version,
      );
      const outcome: SuggestOutcome = {
        serviceKey: service.key,
        unifiedVersion: version,
        fieldsConsidered: open.length,
        suggested,
        alreadyDecided: fields.length - open.length,
        noMatch: misses.length,
        noMatchFields: misses.slice(0, MAX_LISTED_MISSES),
        entitySuggestions: (await this.mappings.entityMappingsOf(manager, ranking.unmappedEntityIds)).filter(
          (m) => m.status === MappingStatus.SUGGESTED,
        ),
      };
      await this.audit.recordChanges(manager, caller, [
        {
          action: 'mapping.suggest',
          targetType: 'service',
          targetKey: service.key,
          changes: {
            suggestions: {
              before: null,
              after: {
                ...(entityName ? { entity: entityName } : {}),
                unifiedVersion: version,
                fieldsConsidered: outcome.fieldsConsidered,
                suggested,
                noMatch: outcome.noMatch,
              },
            },
          },
        },
      ]);
      return outcome;
    });
  }

  /**
   * What `suggest` would suggest now, without storing anything or recording an event: the best
   * candidate of each field without a confirmed mapping, most confident first. For read-only callers.
   */
  async preview(serviceKey: string, entityName: string | undefined): Promise<SuggestionPreview> {
    const service = await this.services.findByKey(serviceKey);
    if (!service) throw DomainError.notFound('Service', serviceKey);
    const ranking = await this.rank(this.dataSource.manager, service.id, serviceKey, entityName);
    const byConfidence = (a: { confidence: number }, b: { confidence: number }) => b.confidence - a.confidence;
    return {
      serviceKey: service.key,
      unifiedVersion: ranking.version,
      fieldsConsidered: ranking.open.length,
      alreadyDecided: ranking.fields.length - ranking.open.length,
      noMatch: ranking.misses.length,
      noMatchFields: ranking.misses.slice(0, MAX_LISTED_MISSES),
      suggestions: ranking.suggestions.sort(byConfidence),
      entitySuggestions: ranking.entitySuggestions.sort(byConfidence),
    };
  }

  /**
   * The matcher's best candidate for each field of the service (or one entity) that has no confirmed
   * mapping, never a rejected pair; and a unified entity for each entity not mapped yet.
   */
  private async rank(
    manager: EntityManager,
    serviceId: string,
    serviceKey: string,
    entityName: string | undefined,
  ): Promise<Ranking> {
    const draft = await this.unified.load(manager);
    if (!draft.length) {
      throw DomainError.badInput([{ path: 'unifiedSchema', message: 'the unified schema is empty: define it first' }]);
    }
    const fields = await this.mappings.sourceFields(manager, serviceId, entityName);
    if (entityName && !fields.length) {
      throw DomainError.notFound('Entity', `${serviceKey}/${entityName}`);
    }
    const version = await this.unified.latestVersionNumber(manager);
    const existing = await this.mappings.fieldMappingsOf(
      manager,
      fields.map((f) => f.id),
    );
    const decided = new Set(existing.filter((m) => m.status === MappingStatus.CONFIRMED).map((m) => m.dataFieldId));
    const rejected = new Set(
      existing.filter((m) => m.status === MappingStatus.REJECTED).map((m) => `${m.dataFieldId}|${m.unifiedFieldId}`),
    );
    const entityIds = [...new Set(fields.map((f) => f.entityId))];
    const entityMappings = await this.mappings.entityMappingsOf(manager, entityIds);
    const open = fields.filter((f) => !decided.has(f.id));
    const index = indexDraft(draft);
    const source = sourceEntities(open, entityMappings);
    const result = this.matcherFor(draft).match(source.entities, {
      top: 1,
      history: await this.mappings.history(manager, HISTORY_LIMIT),
      isRejected: (entity, field, targetEntity, targetField) => {
        const fieldId = source.fieldId(entity, field);
        const targetId = index.fieldId(targetEntity, targetField);
        return !!fieldId && !!targetId && rejected.has(`${fieldId}|${targetId}`);
      },
    });

    const suggestions: RankedFieldSuggestion[] = [];
    const misses: string[] = [];
    for (const s of result.suggestions) {
      const best = s.candidates[0];
      const dataFieldId = source.fieldId(s.sourceEntity, s.sourceField);
      const unifiedFieldId = best && index.fieldId(best.targetEntity, best.targetField);
      if (!s.matched || !dataFieldId || !unifiedFieldId) {
        misses.push(`${s.sourceEntity}.${s.sourceField}: ${s.note ?? 'no candidate'}`);
        continue;
      }
      suggestions.push({
        dataFieldId,
        unifiedFieldId,
        confidence: best.confidence,
        reasons: best.reasons,
        entityName: s.sourceEntity,
        fieldName: s.sourceField,
        unifiedEntity: best.targetEntity,
        unifiedField: best.targetField,
      });
    }
    const entitySuggestions: RankedEntitySuggestion[] = [];
    const rejectedEntities = new Set(
      entityMappings
        .filter((m) => m.status === MappingStatus.REJECTED)
        .map((m) => `${m.dataEntityId}|${m.unifiedEntityId}`),
    );
    for (const e of result.entities) {
      const dataEntityId = source.entityId(e.sourceEntity);
      const best = e.candidates
        .map((c) => ({ ...c, id: index.entityId(c.targetEntity) }))
        .find((c) => c.id && !rejectedEntities.has(`${dataEntityId}|${c.id}`));
      if (dataEntityId && best?.id && best.confidence >= ENTITY_SUGGESTION_FLOOR) {
        entitySuggestions.push({
          dataEntityId,
          unifiedEntityId: best.id,
          confidence: best.confidence,
          reasons: best.reasons,
          entityName: e.sourceEntity,
          unifiedEntity: best.targetEntity,
        });
      }
    }
    const unmappedEntityIds = source.entities.filter((e) => !e.mappedTo).map((e) => source.entityId(e.name) ?? '');
    return { version, fields, open, suggestions, misses, entitySuggestions, unmappedEntityIds };
  }

  /** Confirms a field mapping, with the given transformation or the natural one (rename, or cast where types differ). */
  async confirm(id: string, input: DecisionInput, caller: Caller): Promise<FieldMappingRow> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lockedFieldMapping(manager, id);
      const transformation = this.checkedTransformation(input.transformation ?? row.transformation, row);
      const version = await this.unified.latestVersionNumber(manager);
      await this.mappings.decideField(manager, id, {
        status: MappingStatus.CONFIRMED,
        decidedBy: caller.actor.name,
        unifiedVersion: version,
        transformation,
        isSystemOfRecord: input.isSystemOfRecord ?? row.isSystemOfRecord,
        reason: input.reason,
      });
      await this.mappings.confirmEntityIfOpen(
        manager,
        row.dataEntityId,
        row.unifiedEntityId,
        caller.actor.name,
        version,
      );
      await this.recordDecision(manager, caller, 'mapping.confirm', row, MappingStatus.CONFIRMED, transformation);
      return (await this.mappings.findFieldMapping(id, manager)) as FieldMappingRow;
    });
  }

  async reject(id: string, reason: string | null | undefined, caller: Caller): Promise<FieldMappingRow> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lockedFieldMapping(manager, id);
      await this.mappings.decideField(manager, id, {
        status: MappingStatus.REJECTED,
        decidedBy: caller.actor.name,
        unifiedVersion: await this.unified.latestVersionNumber(manager),
        transformation: null,
        reason: reason ? `rejected: ${reason}` : null,
      });
      await this.recordDecision(manager, caller, 'mapping.reject', row, MappingStatus.REJECTED, null);
      return (await this.mappings.findFieldMapping(id, manager)) as FieldMappingRow;
    });
  }

  /** Maps a field by hand: the pair becomes CONFIRMED whether it was suggested, rejected or unknown. */
  async set(
    dataFieldId: string,
    unifiedFieldId: string,
    input: DecisionInput,
    caller: Caller,
  ): Promise<FieldMappingRow> {
    const problems = [
      ...(isUuid(dataFieldId) ? [] : [{ path: 'dataFieldId', message: 'must be a data field id (UUID)' }]),
      ...(isUuid(unifiedFieldId) ? [] : [{ path: 'unifiedFieldId', message: 'must be a unified field id (UUID)' }]),
    ];
    if (problems.length) throw DomainError.badInput(problems);
    return this.dataSource.transaction(async (manager) => {
      await this.unified.lockDraft(manager);
      const ends = await this.loadEnds(manager, dataFieldId, unifiedFieldId);
      const transformation = input.transformation ?? defaultTransformation(ends);
      const found = transformationProblems(transformation, ends);
      if (found.length) throw DomainError.badInput(found);
      const version = await this.unified.latestVersionNumber(manager);
      const id = await this.mappings.upsertConfirmedField(manager, dataFieldId, unifiedFieldId, {
        status: MappingStatus.CONFIRMED,
        decidedBy: caller.actor.name,
        unifiedVersion: version,
        transformation,
        isSystemOfRecord: input.isSystemOfRecord ?? false,
        reason: input.reason ?? `set by ${caller.actor.name}`,
      });
      const row = (await this.mappings.findFieldMapping(id, manager)) as FieldMappingRow;
      await this.mappings.confirmEntityIfOpen(
        manager,
        row.dataEntityId,
        row.unifiedEntityId,
        caller.actor.name,
        version,
      );
      await this.recordDecision(manager, caller, 'mapping.set', row, MappingStatus.CONFIRMED, transformation);
      return row;
    });
  }

  /**
   * Confirms the best open suggestion of every field at or above `minConfidence` (of one service,
   * or everywhere). A suggestion whose natural transformation is invalid is skipped and reported.
   */
  async confirmAbove(minConfidence: number, serviceKey: string | undefined, caller: Caller): Promise<BulkOutcome> {
    if (!(minConfidence >= 0 && minConfidence <= 1)) {
      throw DomainError.badInput([{ path: 'minConfidence', message: 'must be between 0 and 1' }]);
    }
    if (serviceKey && !(await this.services.findByKey(serviceKey))) throw DomainError.notFound('Service', serviceKey);
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.mappings.bestOpenSuggestions(manager, minConfidence, serviceKey);
      const confirmed: { id: string; transformation: Transformation }[] = [];
      const skipped: BulkOutcome['skipped'] = [];
      const entityPairs = new Map<string, [string, string]>();
      for (const row of rows) {
        const ends = endsOf(row);
        const transformation = row.transformation ?? defaultTransformation(ends);
        const problems = transformationProblems(transformation, ends);
        if (problems.length) {
          skipped.push({
            mappingId: row.id,
            source: sourcePath(row),
            target: targetPath(row),
            reason: problems.map((p) => p.message).join('; '),
          });
          continue;
        }
        confirmed.push({ id: row.id, transformation });
        entityPairs.set(`${row.dataEntityId}|${row.unifiedEntityId}`, [row.dataEntityId, row.unifiedEntityId]);
      }
      const version = await this.unified.latestVersionNumber(manager);
      await this.mappings.confirmMany(manager, confirmed, caller.actor.name, version);
      for (const [dataEntityId, unifiedEntityId] of entityPairs.values()) {
        await this.mappings.confirmEntityIfOpen(manager, dataEntityId, unifiedEntityId, caller.actor.name, version);
      }
      if (confirmed.length) {
        await this.audit.recordChanges(manager, caller, [
          {
            action: 'mapping.confirm_bulk',
            targetType: 'mapping',
            targetKey: serviceKey ?? '*',
            changes: {
              confirmed: { before: null, after: { minConfidence, count: confirmed.length, skipped: skipped.length } },
            },
          },
        ]);
      }
      return { confirmed: confirmed.length, skipped };
    });
  }

  async decideEntity(
    id: string,
    status: MappingStatus.CONFIRMED | MappingStatus.REJECTED,
    caller: Caller,
  ): Promise<EntityMappingRow> {
    if (!isUuid(id)) throw DomainError.badInput([{ path: 'id', message: 'must be an entity mapping id (UUID)' }]);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.mappings.findEntityMappingForUpdate(manager, id);
      if (!row) throw DomainError.notFound('Entity mapping', id);
      await this.mappings.decideEntity(manager, id, {
        status,
        decidedBy: caller.actor.name,
        unifiedVersion: await this.unified.latestVersionNumber(manager),
      });
      await this.audit.recordChanges(manager, caller, [
        {
          action: status === MappingStatus.CONFIRMED ? 'mapping.entity.confirm' : 'mapping.entity.reject',
          targetType: 'mapping',
          targetKey: `${row.serviceKey}/${row.entityName}`,
          changes: {
            status: { before: row.status, after: status },
            unifiedEntity: { before: null, after: row.unifiedEntityName },
          },
        },
      ]);
      const [updated] = (await this.mappings.entityMappingsOf(manager, [row.dataEntityId])).filter((m) => m.id === id);
      return updated;
    });
  }

  async entityMappingsOfService(serviceKey: string): Promise<EntityMappingRow[]> {
    const service = await this.services.findByKey(serviceKey);
    if (!service) throw DomainError.notFound('Service', serviceKey);
    return this.mappings.listEntityMappings(service.id);
  }

  /** One matcher per unified draft: rebuilt only when the draft changes. */
  private matcherFor(draft: StoredUnifiedEntity[]): SchemaMatcher {
    const schema = {
      entities: draft.map((e) => ({
        name: e.name,
        description: e.description,
        synonyms: e.synonyms,
        fields: e.fields.map((f) => ({
          name: f.name,
          type: f.type,
          description: f.description,
          synonyms: f.synonyms,
        })),
      })),
    };
    const signature = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
    if (this.matcher?.signature !== signature) {
      this.matcher = { signature, matcher: new SchemaMatcher(sharedLexicon(), schema) };
    }
    return this.matcher.matcher;
  }

  private async lockedFieldMapping(manager: EntityManager, id: string): Promise<FieldMappingRow> {
    if (!isUuid(id)) throw DomainError.badInput([{ path: 'id', message: 'must be a field mapping id (UUID)' }]);
    const row = await this.mappings.findFieldMappingForUpdate(manager, id);
    if (!row) throw DomainError.notFound('Field mapping', id);
    return row;
  }

  private checkedTransformation(given: Transformation | null, row: FieldMappingRow): Transformation {
    const ends = endsOf(row);
    const transformation = given ?? defaultTransformation(ends);
    const problems = transformationProblems(transformation, ends);
    if (problems.length) throw DomainError.badInput(problems);
    return transformation;
  }

  private async loadEnds(
    manager: EntityManager,
    dataFieldId: string,
    unifiedFieldId: string,
  ): Promise<TransformationEnds> {
    const [source] = await manager.query<{ name: string; type: string; enumValues: string[] }[]>(
      `SELECT e.name::text || '.' || f.name::text AS name, f.type, f.enum_values AS "enumValues"
       FROM data_field f JOIN data_entity e ON e.id = f.entity_id JOIN service s ON s.id = e.service_id
       WHERE f.id = $1::uuid AND s.deleted_at IS NULL`,
      [dataFieldId],
    );
    if (!source) throw DomainError.notFound('Data field', dataFieldId);
    const [target] = await manager.query<{ name: string; type: string | null; enumValues: string[] }[]>(
      `SELECT ue.name::text || '.' || uf.name::text AS name, uf.type, uf.enum_values AS "enumValues"
       FROM unified_field uf JOIN unified_entity ue ON ue.id = uf.entity_id WHERE uf.id = $1::uuid`,
      [unifiedFieldId],
    );
    if (!target) throw DomainError.notFound('Unified field', unifiedFieldId);
    return {
      source: { id: dataFieldId, name: source.name, type: source.type as never, enumValues: source.enumValues },
      target: { name: target.name, type: target.type as never, enumValues: target.enumValues },
    };
  }

  private async recordDecision(
    manager: EntityManager,
    caller: Caller,
    action: string,
    row: FieldMappingRow,
    status: MappingStatus,
    transformation: Transformation | null,
  ): Promise<void> {
    await this.audit.recordChanges(manager, caller, [
      {
        action,
        targetType: 'mapping',
        targetKey: sourcePath(row),
        changes: {
          status: { before: row.status, after: status },
          target: { before: null, after: targetPath(row) },
          ...(transformation ? { transformation: { before: row.transformation, after: transformation } } : {}),
        },
      },
    ]);
  }
}

/** Source entities for the matcher, with the way back from names to ids. */
function sourceEntities(
  fields: SourceFieldRow[],
  entityMappings: EntityMappingRow[],
): {
  entities: SourceEntity[];
  fieldId: (entity: string, field: string) => string | undefined;
  entityId: (entity: string) => string | undefined;
} {
  const confirmed = new Map(
    entityMappings
      .filter((m) => m.status === MappingStatus.CONFIRMED)
      .map((m) => [m.dataEntityId, m.unifiedEntityName]),
  );
  const entities = new Map<string, SourceEntity & { id: string }>();
  const fieldIds = new Map<string, string>();
  for (const f of fields) {
    let entity = entities.get(f.entityName);
    if (!entity) {
      entity = { id: f.entityId, name: f.entityName, mappedTo: confirmed.get(f.entityId) ?? null, fields: [] };
      entities.set(f.entityName, entity);
    }
    entity.fields.push({ name: f.name, type: f.type, description: f.description, identifier: f.identifier });
    fieldIds.set(`${f.entityName}\u0000${f.name}`, f.id);
  }
  return {
    entities: [...entities.values()],
    fieldId: (entity, field) => fieldIds.get(`${entity}\u0000${field}`),
    entityId: (entity) => entities.get(entity)?.id,
  };
}

function indexDraft(draft: StoredUnifiedEntity[]): {
  fieldId: (entity: string, field: string) => string | undefined;
  entityId: (entity: string) => string | undefined;
} {
  const entities = new Map(draft.map((e) => [e.name, e.id]));
  const fields = new Map(draft.flatMap((e) => e.fields.map((f) => [`${e.name}\u0000${f.name}`, f.id] as const)));
  return {
    fieldId: (entity, field) => fields.get(`${entity}\u0000${field}`),
    entityId: (entity) => entities.get(entity),
  };
}

function endsOf(row: FieldMappingRow): TransformationEnds {
  return {
    source: { id: row.dataFieldId, name: sourcePath(row), type: row.fieldType, enumValues: row.fieldEnumValues },
    target: { name: targetPath(row), type: row.unifiedFieldType, enumValues: row.unifiedFieldEnumValues },
  };
}

function sourcePath(row: FieldMappingRow): string {
  return `${row.serviceKey}/${row.entityName}.${row.fieldName}`;
}

function targetPath(row: FieldMappingRow): string {
  return `${row.unifiedEntityName}.${row.unifiedFieldName}`;
}
