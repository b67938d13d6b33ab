import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, type Caller } from '../audit/audit-log';
import { serviceWriteRefusal } from '../auth/ownership';
import { DomainError, ErrorCode } from '../common/errors';
import { ServiceRepository } from '../inventory/service.repository';
import { normaliseEntity, planSchema, schemaProblems, type SchemaChangeSet } from './change-set';
import { ChangeLevel, type EntitySpec, type SchemaMode } from './schema.types';
import { SchemaRepository } from './schema.repository';

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
   * change is recorded in the audit trail as one event.
   */
  async put(
    serviceKey: string,
    entities: EntitySpec[],
    mode: SchemaMode,
    dryRun: boolean,
    caller: Caller,
  ): Promise<SchemaChangeSet> {
    const problems = schemaProblems(entities);
    if (problems.length) throw DomainError.badInput(problems);
    const incoming = entities.map(normaliseEntity);
    return this.dataSource.transaction(async (manager) => {
      const [service] = await this.services.lockExisting(manager, [serviceKey]);
      if (!service || service.deleted) throw DomainError.notFound('Service', serviceKey);
      const owner = { id: service.ownerTeamId, key: service.ownerTeamKey };
      const refusal = serviceWriteRefusal(caller.actor, owner, owner);
      if (refusal) throw new DomainError(ErrorCode.FORBIDDEN, `Refused: ${refusal}`);
      const { id: serviceId } = (await this.services.findByKey(service.key, { manager }))!;
      const { result, changes } = planSchema(await this.schemas.load(manager, serviceId), incoming, mode);
      if (dryRun || changes.level === ChangeLevel.NONE) return changes;
      await this.schemas.apply(manager, serviceId, result);
      await this.audit.recordChanges(manager, caller, [
        {
          action: 'service.schema',
          targetType: 'service',
          targetKey: service.key,
          changes: {
            schema: {
              before: null,
              after: {
                mode,
                level: changes.level,
                entitiesAdded: changes.entitiesAdded,
                entitiesRemoved: changes.entitiesRemoved,
                fieldsAdded: changes.fieldsAdded.length,
                fieldsRemoved: changes.fieldsRemoved,
                fieldsChanged: changes.fieldsChanged.map((c) => ({ entity: c.entity, field: c.field, level: c.level })),
              },
            },
          },
        },
      ]);
      return changes;
    });
  }
}
