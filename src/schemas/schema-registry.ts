import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../database/transactions';
import { AuditLog, type Caller } from '../audit/audit-log';
import { serviceWriteRefusal } from '../auth/ownership';
import { DomainError, ErrorCode } from '../common/errors';
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
import { ChangeLevel, type EntitySpec, type SchemaMode } from './schema.types';
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
      await this.audit.recordChanges(manager, caller, [
        {
          action: 'service.schema',
          targetType: 'service',
          targetKey: service.key,
          changes: {
            schema: {
              before: null,
              after: { ...(importedFrom ? { importedFrom } : {}), mode, ...changeSummary(changes) },
            },
          },
        },
      ]);
      return changes;
    });
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

/** A file that cannot be imported, as BAD_USER_INPUT: every problem at `content`, with its place in the file. */
export function contentRefusal(error: SchemaImportError): DomainError {
  return DomainError.badInput(
    error.problems.map((problem) => ({ ...problem, path: 'content', message: describeLocation(problem) })),
  );
}
