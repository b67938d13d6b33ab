import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../database/transactions';
import { AuditLog, type AuditEntry, type Caller } from '../audit/audit-log';
import { serviceWriteRefusal } from '../auth/ownership';
import { DomainError, ErrorCode, type InputProblem } from '../common/errors';
import { ServiceRepository } from '../inventory/service.repository';
import {
  changeSummary,
  countFields,
  normaliseEntity,
  planSchema,
  schemaProblems,
  type SchemaChangeSet,
} from './change-set';
import { importSchema, type SchemaImportOptions } from './importers/import-schema';
import { describeLocation, SchemaImportError, type ImportMessage, type SchemaFormat } from './importers/import.types';
import { ChangeLevel, SchemaMode, type EntitySpec } from './schema.types';
import { SchemaRepository } from './schema.repository';

export interface SchemaImportOutcome {
  format: SchemaFormat;
  source: string;
  entityCount: number;
  fieldCount: number;
  warnings: ImportMessage[];
  changes: SchemaChangeSet;
}

/** Above this many fields, a schema write may take up to LARGE_SCHEMA_TIMEOUT_MS per statement instead of the usual limit. */
export const LARGE_SCHEMA_FIELDS = 5_000;
const LARGE_SCHEMA_TIMEOUT_MS = 120_000;

/** The data a service holds: its entities and fields, changed as a whole under a change set. */
@Injectable()
export class SchemaRegistry {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schemas: SchemaRepository,
    private readonly services: ServiceRepository,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Applies `entities` to the service's schema (REPLACE or MERGE) and returns
   * what changed. A dry run computes the change set and writes nothing. The
   * change is recorded in the audit trail as one event. `manager`: inside the caller's transaction.
   */
  async put(
    serviceKey: string,
    entities: EntitySpec[],
    mode: SchemaMode,
    dryRun: boolean,
    caller: Caller,
    importedFrom?: string,
    manager?: EntityManager,
  ): Promise<SchemaChangeSet> {
    const problems = schemaProblems(entities);
    if (problems.length) throw DomainError.badInput(problems);
    const incoming = entities.map(normaliseEntity);
    const fieldCount = countFields(incoming);
    return inTransaction(this.dataSource, manager, async (manager) => {
      // A vendor-sized schema is one legitimate long write (tens of thousands of rows and their search indexes).
      if (fieldCount > LARGE_SCHEMA_FIELDS)
        await manager.query(`SET LOCAL statement_timeout = ${LARGE_SCHEMA_TIMEOUT_MS}`);
      const [service] = await this.services.lockExisting(manager, [serviceKey]);
      if (!service || service.deleted) throw DomainError.notFound('Service', serviceKey);
      const owner = { id: service.ownerTeamId, key: service.ownerTeamKey };
      const refusal = serviceWriteRefusal(caller.actor, owner, owner);
      if (refusal) throw new DomainError(ErrorCode.FORBIDDEN, `Refused: ${refusal}`);
      const { id: serviceId } = (await this.services.findByKey(service.key, { manager }))!;
      const { result, changes } = planSchema(await this.schemas.load(manager, serviceId), incoming, mode);
      if (dryRun || changes.level === ChangeLevel.NONE) return changes;
      // Fields of removed entities go with them (ON DELETE CASCADE); only fields removed from kept entities need the delete.
      const removed = new Set(changes.entitiesRemoved.map((name) => name.toLowerCase()));
      const removesFields = changes.fieldsRemoved.some((f) => !removed.has(f.entity.toLowerCase()));
      await this.schemas.apply(manager, serviceId, result, removesFields);
      await this.audit.recordChanges(manager, caller, [schemaEvent(service.key, mode, changes, importedFrom)]);
      return changes;
    });
  }

  /**
   * Replaces the schemas of many services inside the caller's transaction: every service found and
   * owner-checked first (problems by index; `forbidden` when the actor may not), the current schemas
   * read in one statement, and only the changed ones written, with one audit event each.
   */
  async replaceMany(
    items: { serviceKey: string; entities: EntitySpec[]; importedFrom: string }[],
    caller: Caller,
    manager: EntityManager,
  ): Promise<{ changes: SchemaChangeSet[]; problems: (InputProblem & { index: number; forbidden?: boolean })[] }> {
    const problems: (InputProblem & { index: number; forbidden?: boolean })[] = [];
    items.forEach((item, index) => problems.push(...schemaProblems(item.entities).map((p) => ({ ...p, index }))));
    const locked = new Map(
      (await this.services.lockExisting(manager, [...new Set(items.map((i) => i.serviceKey))])).map((s) => [
        s.key.toLowerCase(),
        s,
      ]),
    );
    items.forEach((item, index) => {
      const service = locked.get(item.serviceKey.toLowerCase());
      if (!service || service.deleted) {
        problems.push({ index, path: 'serviceKey', message: `service "${item.serviceKey}" does not exist` });
        return;
      }
      const owner = { id: service.ownerTeamId, key: service.ownerTeamKey };
      const refusal = serviceWriteRefusal(caller.actor, owner, owner);
      if (refusal) problems.push({ index, path: 'serviceKey', message: `Refused: ${refusal}`, forbidden: true });
    });
    if (problems.length) return { changes: [], problems };
    if (countFields(items.flatMap((i) => i.entities)) > LARGE_SCHEMA_FIELDS)
      await manager.query(`SET LOCAL statement_timeout = ${LARGE_SCHEMA_TIMEOUT_MS}`);
    const ids = items.map((item) => locked.get(item.serviceKey.toLowerCase())!.id);
    const current = await this.schemas.loadMany(manager, ids);
    const changes: SchemaChangeSet[] = [];
    const events: AuditEntry[] = [];
    for (const [index, item] of items.entries()) {
      const planned = planSchema(current.get(ids[index]) ?? [], item.entities.map(normaliseEntity), SchemaMode.REPLACE);
      changes.push(planned.changes);
      if (planned.changes.level === ChangeLevel.NONE) continue;
      const removed = new Set(planned.changes.entitiesRemoved.map((name) => name.toLowerCase()));
      const removesFields = planned.changes.fieldsRemoved.some((f) => !removed.has(f.entity.toLowerCase()));
      await this.schemas.apply(manager, ids[index], planned.result, removesFields);
      events.push(
        schemaEvent(
          locked.get(item.serviceKey.toLowerCase())!.key,
          SchemaMode.REPLACE,
          planned.changes,
          item.importedFrom,
        ),
      );
    }
    await this.audit.recordChanges(manager, caller, events);
    return { changes, problems: [] };
  }

  /**
   * Reads a description of the service's data (OpenAPI, JSON Schema, SQL DDL,
   * CSV, Estate JSON; the format detected when not given) and applies it as
   * `put` does. A file that cannot be read is refused as BAD_USER_INPUT with
   * the location of every problem (`path` is `content`), and nothing is written.
   */
  async importFile(
    serviceKey: string,
    content: string,
    format: SchemaFormat | undefined,
    options: SchemaImportOptions & { mode: SchemaMode; dryRun: boolean },
    caller: Caller,
  ): Promise<SchemaImportOutcome> {
    let imported: ReturnType<typeof importSchema>;
    try {
      imported = importSchema(content, format, options);
    } catch (error) {
      if (!(error instanceof SchemaImportError)) throw error;
      throw contentRefusal(error);
    }
    const changes = await this.put(
      serviceKey,
      imported.entities,
      options.mode,
      options.dryRun,
      caller,
      imported.source,
    );
    return {
      format: imported.format,
      source: imported.source,
      entityCount: imported.entities.length,
      fieldCount: countFields(imported.entities),
      warnings: imported.warnings,
      changes,
    };
  }
}

/** The audit event of a schema change: what came, went and changed, and where it was imported from. */
function schemaEvent(
  serviceKey: string,
  mode: SchemaMode,
  changes: SchemaChangeSet,
  importedFrom?: string,
): AuditEntry {
  return {
    action: 'service.schema',
    targetType: 'service',
    targetKey: serviceKey,
    changes: {
      schema: { before: null, after: { ...(importedFrom ? { importedFrom } : {}), mode, ...changeSummary(changes) } },
    },
  };
}

/** A file that cannot be imported, as BAD_USER_INPUT: every problem at `content`, with its place in the file. */
export function contentRefusal(error: SchemaImportError): DomainError {
  return DomainError.badInput(
    error.problems.map((problem) => ({ ...problem, path: 'content', message: describeLocation(problem) })),
  );
}
