import { inTransaction } from '../database/transactions';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog, type Caller } from '../audit/audit-log';
import { decodeCursor } from '../common/cursor';
import { sameValue } from '../common/diff';
import { DomainError, ErrorCode } from '../common/errors';
import type { Page } from '../common/graphql/pagination';
import { changeSummary, countFields, type SchemaChangeSet } from '../schemas/change-set';
import { looksLikeJson } from '../schemas/importers/document';
import { SchemaImportError, type ImportMessage } from '../schemas/importers/import.types';
import { contentRefusal } from '../schemas/schema-registry';
import { ChangeLevel, SchemaMode } from '../schemas/schema.types';
import { normaliseUnifiedEntity, planUnifiedSchema, unifiedSchemaProblems } from './unified-change-set';
import { formatUnifiedSchema, parseUnifiedSchema, type UnifiedDocumentFormat } from './unified-document';
import type { UnifiedEntityEntity } from './unified-entity.entity';
import type { UnifiedSchemaVersionEntity } from './unified-schema-version.entity';
import { UnifiedSchemaRepository, type UnifiedEntityFilter } from './unified-schema.repository';
import type {
  NormalisedUnifiedEntity,
  StoredUnifiedEntity,
  StoredUnifiedSchema,
  UnifiedEntitySpec,
} from './unified.types';

export const UNIFIED_ENTITY_ORDER = 'NAME_ASC';
export const UNIFIED_VERSION_ORDER = 'VERSION_DESC';

export interface UnifiedImportOutcome {
  entityCount: number;
  fieldCount: number;
  warnings: ImportMessage[];
  changes: SchemaChangeSet;
}

/** What leaves the draft. `fieldIds` lists every field that goes, those of removed entities included. */
export interface DraftRemoval {
  entityIds: string[];
  fieldIds: string[];
}

/**
 * The unified schema: its draft (the live entities and fields, changed as a
 * whole under a change set, like a service's data) and its published versions.
 * Every write takes the draft's lock, so writes and publishing take turns.
 */
@Injectable()
export class UnifiedSchemaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: UnifiedSchemaRepository,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Applies `entities` to the draft (REPLACE: they are the whole schema; MERGE:
   * added or updated, nothing removed) and returns what changed. A dry run
   * writes nothing. One transaction, one audit event.
   */
  async put(
    entities: UnifiedEntitySpec[],
    mode: SchemaMode,
    dryRun: boolean,
    caller: Caller,
    importedFrom?: string,
    /** Write inside the caller's transaction instead of one of its own. */
    outer?: EntityManager,
  ): Promise<SchemaChangeSet> {
    const problems = unifiedSchemaProblems(entities);
    if (problems.length) throw DomainError.badInput(problems);
    const incoming = entities.map(normaliseUnifiedEntity);
    return inTransaction(this.dataSource, outer, async (manager) => {
      if (!dryRun) await this.repository.lockDraft(manager);
      const current = await this.repository.load(manager);
      const { result, changes } = planUnifiedSchema(current, incoming, mode);
      if (dryRun || changes.level === ChangeLevel.NONE) return changes;
      await this.write(manager, current, result, changes);
      await this.recordDraftChange(manager, caller, 'unified.schema', {
        ...(importedFrom ? { importedFrom } : {}),
        mode,
        ...changeSummary(changes),
      });
      return changes;
    });
  }

  /**
   * Reads a unified schema document (JSON or YAML, see parseUnifiedSchema) and
   * applies it as `put` does. A document that cannot be read is refused as
   * BAD_USER_INPUT with the place of every problem (`path` is `content`).
   */
  async importDocument(
    content: string,
    options: { mode: SchemaMode; dryRun: boolean },
    caller: Caller,
  ): Promise<UnifiedImportOutcome> {
    let parsed: ReturnType<typeof parseUnifiedSchema>;
    try {
      parsed = parseUnifiedSchema(content);
    } catch (error) {
      if (!(error instanceof SchemaImportError)) throw error;
      throw contentRefusal(error);
    }
    const { entities } = parsed.schema;
    const source = looksLikeJson(content) ? 'JSON document' : 'YAML document';
    const changes = await this.put(entities, options.mode, options.dryRun, caller, source);
    return { entityCount: entities.length, fieldCount: countFields(entities), warnings: parsed.warnings, changes };
  }

  /** Removes an entity and its fields from the draft. */
  async deleteEntity(id: string, caller: Caller): Promise<SchemaChangeSet> {
    return this.withoutInDraft(caller, (current) => {
      if (!current.some((e) => e.id === id)) throw DomainError.notFound('Unified entity', id);
      return current.filter((e) => e.id !== id);
    });
  }

  /** Removes a field from its entity in the draft. */
  async deleteField(id: string, caller: Caller): Promise<SchemaChangeSet> {
    return this.withoutInDraft(caller, (current) => {
      if (!current.some((e) => e.fields.some((f) => f.id === id))) throw DomainError.notFound('Unified field', id);
      return current.map((e) => ({ ...e, fields: e.fields.filter((f) => f.id !== id) }));
    });
  }

  /**
   * Freezes the draft as the next version (1, 2, 3, …). Refused when the draft
   * is empty (BAD_USER_INPUT) or is what the latest version already holds (CONFLICT).
   */
  async publish(
    note: string | null | undefined,
    caller: Caller,
    outer?: EntityManager,
  ): Promise<UnifiedSchemaVersionEntity> {
    return inTransaction(this.dataSource, outer, async (manager) => {
      await this.repository.lockDraft(manager);
      const snapshot: StoredUnifiedSchema = { entities: await this.repository.load(manager) };
      if (!snapshot.entities.length) {
        throw DomainError.badInput([{ path: 'draft', message: 'the draft is empty: put or import entities first' }]);
      }
      const latest = await this.repository.latestVersionNumber(manager);
      const previous = latest === null ? null : await this.repository.findVersion(latest, manager);
      if (previous && sameValue(previous.snapshot, snapshot)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `The draft has not changed since version ${previous.version}: nothing to publish`,
          { version: previous.version },
        );
      }
      const published = await this.repository.insertVersion(manager, {
        version: (latest ?? 0) + 1,
        snapshot,
        note: note?.trim() || null,
        publishedBy: caller.actor.name,
        entityCount: snapshot.entities.length,
        fieldCount: countFields(snapshot.entities),
      });
      await this.audit.recordChanges(manager, caller, [
        {
          action: 'unified.publish',
          targetType: 'unified_schema',
          targetKey: `v${published.version}`,
          changes: {
            version: { before: latest, after: published.version },
            note: { before: null, after: published.note },
            entityCount: { before: previous?.entityCount ?? null, after: published.entityCount },
            fieldCount: { before: previous?.fieldCount ?? null, after: published.fieldCount },
          },
        },
      ]);
      return published;
    });
  }

  /** The whole draft, entities by name, fields in order, each with its id: what the matcher ranks against. */
  async draft(): Promise<StoredUnifiedSchema> {
    return { entities: await this.repository.load(this.dataSource.manager) };
  }

  /** The number of the latest published version (what mappings are stamped with), or null before the first. */
  latestPublishedVersion(): Promise<number | null> {
    return this.repository.latestVersionNumber();
  }

  /** The latest published version with its snapshot, or null before the first. */
  latestPublished(): Promise<UnifiedSchemaVersionEntity | null> {
    return this.repository.findLatestVersion();
  }

  /** A published version with its snapshot; NOT_FOUND when there is no such version. */
  async publishedVersion(version: number): Promise<UnifiedSchemaVersionEntity> {
    const found = await this.repository.findVersion(version);
    if (!found) throw DomainError.notFound('Unified schema version', String(version));
    return found;
  }

  /** The draft (no version given) or a published version as a document `parseUnifiedSchema` reads. */
  async document(version: number | undefined, format: UnifiedDocumentFormat): Promise<string> {
    const schema = version === undefined ? await this.draft() : (await this.publishedVersion(version)).snapshot;
    return formatUnifiedSchema(schema, format);
  }

  findEntity(by: { id: string } | { name: string }): Promise<UnifiedEntityEntity | null> {
    return this.repository.findEntity(by);
  }

  listEntities(filter: UnifiedEntityFilter, first: number, after?: string): Promise<Page<UnifiedEntityEntity>> {
    const cursor = after ? decodeCursor(after, UNIFIED_ENTITY_ORDER, 'text') : undefined;
    return this.repository.pageEntities(filter, first, UNIFIED_ENTITY_ORDER, cursor);
  }

  countEntities(filter: UnifiedEntityFilter): Promise<number> {
    return this.repository.countEntities(filter);
  }

  listVersions(first: number, after?: string): Promise<Page<Omit<UnifiedSchemaVersionEntity, 'snapshot'>>> {
    const cursor = after ? decodeCursor(after, UNIFIED_VERSION_ORDER, 'numeric') : undefined;
    return this.repository.pageVersions(first, UNIFIED_VERSION_ORDER, cursor);
  }

  countVersions(): Promise<number> {
    return this.repository.countVersions();
  }

  /** A deletion: the draft made equal to what `without` leaves of it, through the same path as a REPLACE. */
  private withoutInDraft(
    caller: Caller,
    without: (current: StoredUnifiedEntity[]) => StoredUnifiedEntity[],
  ): Promise<SchemaChangeSet> {
    return this.dataSource.transaction(async (manager) => {
      await this.repository.lockDraft(manager);
      const current = await this.repository.load(manager);
      const { result, changes } = planUnifiedSchema(current, without(current), SchemaMode.REPLACE);
      await this.write(manager, current, result, changes);
      await this.recordDraftChange(manager, caller, 'unified.delete', changeSummary(changes));
      return changes;
    });
  }

  /** Makes the draft `result`: what `changes` removes goes, the rest is upserted; changed entities get a new version. */
  private async write(
    manager: EntityManager,
    current: StoredUnifiedEntity[],
    result: NormalisedUnifiedEntity[],
    changes: SchemaChangeSet,
  ): Promise<void> {
    await this.removeFromDraft(manager, removalOf(current, changes));
    const writes = [changes.entitiesAdded, changes.entitiesChanged, changes.fieldsAdded, changes.fieldsChanged];
    if (writes.some((list) => list.length)) await this.repository.upsert(manager, result);
    await this.repository.bumpVersions(manager, changedEntities(changes));
  }

  /**
   * The one place where entities and fields leave the draft (REPLACE, delete).
   * Whatever refers to them (mappings) is to be checked here, before they go.
   */
  private async removeFromDraft(manager: EntityManager, removal: DraftRemoval): Promise<void> {
    const mapped = await this.repository.confirmedMappingCounts(manager, removal.fieldIds);
    if (mapped.length) {
      const listed = mapped
        .slice(0, 10)
        .map((m) => `${m.field} (${m.count})`)
        .join(', ');
      throw new DomainError(
        ErrorCode.CONFLICT,
        `Unified fields with confirmed mappings cannot be removed: ${listed}${mapped.length > 10 ? ', …' : ''}. ` +
          'Reject those mappings or map them elsewhere first.',
        { fields: mapped },
      );
    }
    await this.repository.deleteFields(manager, removal.fieldIds);
    await this.repository.deleteEntities(manager, removal.entityIds);
  }

  private async recordDraftChange(
    manager: EntityManager,
    caller: Caller,
    action: string,
    after: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.recordChanges(manager, caller, [
      { action, targetType: 'unified_schema', targetKey: 'draft', changes: { schema: { before: null, after } } },
    ]);
  }
}

/** The ids of what `changes` removes from `current`. */
function removalOf(current: StoredUnifiedEntity[], changes: SchemaChangeSet): DraftRemoval {
  const key = (...names: string[]) => names.join('\u0000').toLowerCase();
  const entityIds = new Map(current.map((e) => [key(e.name), e.id]));
  const fieldIds = new Map(current.flatMap((e) => e.fields.map((f) => [key(e.name, f.name), f.id] as const)));
  return {
    entityIds: changes.entitiesRemoved.map((name) => entityIds.get(key(name))!),
    fieldIds: changes.fieldsRemoved.map((f) => fieldIds.get(key(f.entity, f.field))!),
  };
}

/** Entities that stay and whose attributes or fields change. */
function changedEntities(changes: SchemaChangeSet): string[] {
  const comingOrGoing = new Set([...changes.entitiesAdded, ...changes.entitiesRemoved].map((n) => n.toLowerCase()));
  const touched = [
    ...changes.entitiesChanged.map((c) => c.entity),
    ...[...changes.fieldsAdded, ...changes.fieldsRemoved, ...changes.fieldsChanged].map((f) => f.entity),
  ];
  return [...new Set(touched.map((n) => n.toLowerCase()))].filter((n) => !comingOrGoing.has(n));
}
