import { inTransaction } from '../database/transactions';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor } from '../common/cursor';
import { randomUUID } from 'node:crypto';
import { AuditLog, type Caller } from '../audit/audit-log';
import { serviceWriteRefusal } from '../auth/ownership';
import type { Actor } from '../auth/roles';
import { diff } from '../common/diff';
import { DomainError, ErrorCode, type InputProblem } from '../common/errors';
import type { Page } from '../common/graphql/pagination';
import { validateInput } from '../common/validation';
import type { SortDirection } from '../database/keyset';
import type { ImportReport, ImportRowError } from './import.model';
import { ImpactDirection, WriteOutcome } from './inventory.enums';
import { ServiceInput, type ServicePatch } from './service.input';
import { applyPatch, describeService } from './service-patch';
import { SORT_VALUE_TYPES, ServiceOrderField, type ServiceListFilter } from './service-query';
import { crossFieldProblems, sameRecord, toServiceRecord, type ServiceRecord } from './service-record';
import { ServiceRepository, type ImpactRow, type WrittenService } from './service.repository';
import type { SoftwareServiceEntity } from './software-service.entity';
import { TeamRepository } from './team.repository';

export const MAX_IMPORT_ROWS = 5_000;
export const MAX_IMPACT_DEPTH = 20;

export interface ServiceOrder {
  field?: ServiceOrderField;
  direction?: SortDirection;
}

/** Rolls a dry run back after its statements have shown what they would do. */
class DryRunRollback extends Error {}

/** The rules of the service inventory: registration, updates, soft deletion, listing, impact. */
@Injectable()
export class ServiceCatalog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly services: ServiceRepository,
    private readonly teams: TeamRepository,
    private readonly audit: AuditLog,
  ) {}

  async get(key: string, includeDeleted = false): Promise<SoftwareServiceEntity | null> {
    return this.services.findByKey(key, { includeDeleted });
  }

  async list(
    filter: ServiceListFilter,
    order: ServiceOrder,
    first: number,
    after?: string,
  ): Promise<Page<SoftwareServiceEntity>> {
    const resolved = this.resolveOrder(filter, order);
    const cursor = after ? decodeCursor(after, resolved.name, SORT_VALUE_TYPES[resolved.field]) : undefined;
    return this.services.page(filter, resolved, first, cursor);
  }

  count(filter: ServiceListFilter): Promise<number> {
    return this.services.count(filter);
  }

  async upsert(
    input: ServiceInput,
    caller: Caller,
  ): Promise<{ service: SoftwareServiceEntity; outcome: WriteOutcome }> {
    const problems = crossFieldProblems(input, 'input');
    if (problems.length) throw DomainError.badInput(problems);
    const record = toServiceRecord(input);
    return this.dataSource.transaction(async (manager) => {
      const refused = await this.rowProblems(manager, [record], caller.actor);
      const forbidden = refused.find((p) => p.forbidden);
      if (forbidden) throw new DomainError(ErrorCode.FORBIDDEN, `Refused: ${forbidden.problem.message}`);
      if (refused.length) {
        throw DomainError.badInput(refused.map((p) => ({ ...p.problem, path: `input.${p.problem.path}` })));
      }
      const written = (await this.writeAudited(manager, [record], caller, null)).get(record.key.toLowerCase());
      const service = await this.services.findByKey(record.key, { manager });
      if (!service) throw new Error(`service ${record.key} is neither written nor live after its upsert`);
      return { service, outcome: outcomeOf(written) };
    });
  }

  /**
   * Validates every row first; writes all rows in one statement and one
   * transaction only if none has a problem. A dry run executes the same
   * statement to learn each row's outcome, then rolls back.
   */
  /** `manager`: write inside the caller's transaction (not with `dryRun`, which rolls its own back). */
  async importMany(rows: unknown[], dryRun: boolean, caller: Caller, manager?: EntityManager): Promise<ImportReport> {
    if (manager && dryRun) throw new Error('importMany: a dry run needs a transaction of its own');
    const report: Omit<ImportReport, 'errors'> & { errors: (ImportRowError & { forbidden?: boolean })[] } = {
      ok: false,
      dryRun,
      total: rows.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [],
      rows: [],
    };
    if (rows.length > MAX_IMPORT_ROWS) {
      throw DomainError.badInput([
        {
          path: 'input',
          message: `at most ${MAX_IMPORT_ROWS} services per import (got ${rows.length}); split the file`,
        },
      ]);
    }
    const records: ServiceRecord[] = [];
    const firstIndexOfKey = new Map<string, number>();
    for (const [index, row] of rows.entries()) {
      const { instance, problems } = await validateInput(ServiceInput, row);
      problems.push(...(problems.length ? [] : crossFieldProblems(instance, '')));
      const key = typeof instance.key === 'string' ? instance.key : null;
      if (key) {
        const seen = firstIndexOfKey.get(key.toLowerCase());
        if (seen === undefined) firstIndexOfKey.set(key.toLowerCase(), index);
        else problems.push({ path: 'key', message: `duplicates the key of row ${seen} (keys are case-insensitive)` });
      }
      report.errors.push(...problems.map((p) => rowError(index, key, p)));
      if (!problems.length) records.push(toServiceRecord(instance));
    }
    if (report.errors.length) return report;

    const importId = randomUUID();
    try {
      await inTransaction(this.dataSource, manager, async (manager) => {
        const refused = await this.rowProblems(manager, records, caller.actor);
        if (refused.length) {
          report.errors = refused.map((p) =>
            rowError(p.index, records[p.index].key, { ...p.problem, forbidden: p.forbidden }),
          );
          return;
        }
        const written = await this.writeAudited(manager, records, caller, importId);
        report.rows = records.map((record, index) => ({
          index,
          key: record.key,
          outcome: outcomeOf(written.get(record.key.toLowerCase())),
        }));
        for (const row of report.rows) {
          if (row.outcome === WriteOutcome.CREATED) report.created++;
          else if (row.outcome === WriteOutcome.UPDATED) report.updated++;
          else report.unchanged++;
        }
        report.ok = true;
        if (dryRun) throw new DryRunRollback();
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
    report.errors.sort((a, b) => a.index - b.index);
    const refusals = report.errors.filter((e) => e.forbidden);
    if (refusals.length) {
      await this.audit.recordDenial(caller, {
        action: 'service.import',
        targetType: 'service',
        targetKey: refusals
          .map((e) => e.key)
          .join(', ')
          .slice(0, 500),
        reason: refusals
          .map((e) => `row ${e.index}: ${e.message}`)
          .join('; ')
          .slice(0, 2000),
        importId,
      });
    }
    return { ...report, errors: report.errors.map(({ forbidden: _f, ...e }) => e) };
  }

  async update(
    key: string,
    expectedVersion: number,
    patch: ServicePatch,
    caller: Caller,
  ): Promise<{ service: SoftwareServiceEntity; outcome: WriteOutcome }> {
    return this.dataSource.transaction(async (manager) => {
      await this.services.lockExisting(manager, [key]);
      const current = await this.services.findByKey(key, { includeDeleted: true, manager });
      if (!current) throw DomainError.notFound('Service', key);
      if (current.deletedAt) {
        throw new DomainError(ErrorCode.CONFLICT, `Service "${current.key}" is deleted; restore it before updating`, {
          key: current.key,
        });
      }
      const owner = (await this.teams.findByIds([current.ownerTeamId]))[0];
      const ownerRef = { id: owner.id, key: owner.key };
      const mayChange = serviceWriteRefusal(caller.actor, ownerRef, ownerRef);
      if (mayChange) throw new DomainError(ErrorCode.FORBIDDEN, `Refused: ${mayChange}`);
      if (current.version !== expectedVersion) throw staleVersion(current);
      const described = describeService(current, owner.key);
      const patched = applyPatch(described, { ...patch, key: current.key });
      // Team keys are case-insensitive: "PLATFORM" names the owner "platform" already has.
      if (patched.ownerTeam.toLowerCase() === described.ownerTeam.toLowerCase())
        patched.ownerTeam = described.ownerTeam;
      const problems = crossFieldProblems(patched, 'patch');
      if (problems.length) throw DomainError.badInput(problems);
      const record = toServiceRecord(patched);
      const before = toServiceRecord(described);
      if (sameRecord(record, before)) return { service: current, outcome: WriteOutcome.UNCHANGED };
      const refused = await this.rowProblems(manager, [record], caller.actor);
      const forbidden = refused.find((p) => p.forbidden);
      if (forbidden) throw new DomainError(ErrorCode.FORBIDDEN, `Refused: ${forbidden.problem.message}`);
      if (refused.length) {
        throw DomainError.badInput(refused.map((p) => ({ ...p.problem, path: `patch.${p.problem.path}` })));
      }
      const updated = await this.services.updateAtVersion(manager, current.key, expectedVersion, record);
      if (!updated) {
        const now = await this.services.findByKey(key, { includeDeleted: true, manager });
        throw staleVersion(now ?? current);
      }
      const after = (await this.services.findStates(manager, [current.key])).get(current.key.toLowerCase());
      await this.audit.recordChanges(manager, caller, [
        {
          action: 'service.update',
          targetType: 'service',
          targetKey: current.key,
          changes: diff(before, after ?? null),
        },
      ]);
      return { service: updated, outcome: WriteOutcome.UPDATED };
    });
  }

  /** Soft-deletes; deleting a deleted service changes nothing and returns it. */
  async remove(key: string, caller: Caller): Promise<SoftwareServiceEntity> {
    return this.setDeleted(key, true, caller);
  }

  /** Restores a soft-deleted service; restoring a live one changes nothing. */
  async restore(key: string, caller: Caller): Promise<SoftwareServiceEntity> {
    return this.setDeleted(key, false, caller);
  }

  async impact(serviceId: string, direction: ImpactDirection, maxDepth: number): Promise<ImpactRow[]> {
    if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_IMPACT_DEPTH) {
      throw DomainError.badInput([{ path: 'maxDepth', message: `must be between 1 and ${MAX_IMPACT_DEPTH}` }]);
    }
    return this.services.impact(serviceId, direction, maxDepth);
  }

  private async setDeleted(key: string, deleted: boolean, caller: Caller): Promise<SoftwareServiceEntity> {
    return this.dataSource.transaction(async (manager) => {
      // Locked first, so that the owner checked is the owner when the change is written.
      const [locked] = await this.services.lockExisting(manager, [key]);
      const current = locked && (await this.services.findByKey(key, { includeDeleted: true, manager }));
      if (!current) throw DomainError.notFound('Service', key);
      const [owner] = await this.teams.findByIds([current.ownerTeamId]);
      const ownerRef = { id: owner.id, key: owner.key };
      const refusal = serviceWriteRefusal(caller.actor, ownerRef, ownerRef);
      if (refusal) throw new DomainError(ErrorCode.FORBIDDEN, `Refused: ${refusal}`);
      if (!deleted && current.deletedAt) {
        if (owner.deletedAt) {
          throw new DomainError(ErrorCode.CONFLICT, `Team "${owner.key}" that owns "${current.key}" is deleted`, {
            key: current.key,
          });
        }
      }
      const changed = await this.services.setDeleted(manager, key, deleted);
      if (!changed) return current;
      await this.audit.recordChanges(manager, caller, [
        {
          action: deleted ? 'service.delete' : 'service.restore',
          targetType: 'service',
          targetKey: changed.key,
          changes: { deleted: { before: !deleted, after: deleted } },
        },
      ]);
      return changed;
    });
  }

  /**
   * Upserts `records` and records one audit event per created or updated row,
   * with the fields it changed, in the same transaction. Unchanged rows are
   * not changes and leave no event.
   */
  private async writeAudited(
    manager: EntityManager,
    records: ServiceRecord[],
    caller: Caller,
    importId: string | null,
  ): Promise<Map<string, WrittenService>> {
    const before = await this.services.findStates(
      manager,
      records.map((r) => r.key),
    );
    const written = await this.services.upsertMany(manager, records);
    // A row the checks saw as new but the upsert found existing was inserted by a concurrent
    // transaction after the checks: its owner was never checked. Refuse; a retry sees it.
    const raced = written.find((w) => !w.created && !before.has(w.key.toLowerCase()));
    if (raced) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        `Service "${raced.key}" was created by someone else meanwhile; retry to see it`,
        { key: raced.key },
      );
    }
    if (written.length) {
      const after = await this.services.findStates(
        manager,
        written.map((w) => w.key),
      );
      await this.audit.recordChanges(
        manager,
        caller,
        written.map((w) => ({
          action: w.created ? 'service.create' : 'service.update',
          targetType: 'service' as const,
          targetKey: w.key,
          changes: diff(before.get(w.key.toLowerCase()) ?? null, after.get(w.key.toLowerCase()) ?? null),
          importId,
        })),
      );
    }
    return new Map(written.map((w) => [w.key.toLowerCase(), w]));
  }

  /**
   * Per record: an owner team that does not exist, a soft-deleted service, and
   * what the actor may not do (forbidden). Locks the existing rows, so that
   * neither their owner nor their deletion can change before the write.
   */
  private async rowProblems(
    manager: EntityManager,
    records: ServiceRecord[],
    actor: Actor,
  ): Promise<{ index: number; problem: InputProblem; forbidden?: boolean }[]> {
    const teamKeys = [...new Set(records.map((r) => r.owner_team.toLowerCase()))];
    const liveTeams = new Map(
      (await this.teams.findLive(manager, teamKeys)).map((team) => [team.key.toLowerCase(), team]),
    );
    const existing = new Map(
      (
        await this.services.lockExisting(
          manager,
          records.map((r) => r.key),
        )
      ).map((row) => [row.key.toLowerCase(), row]),
    );
    const problems: { index: number; problem: InputProblem; forbidden?: boolean }[] = [];
    records.forEach((record, index) => {
      const target = liveTeams.get(record.owner_team.toLowerCase());
      const current = existing.get(record.key.toLowerCase());
      if (!target) {
        problems.push({ index, problem: { path: 'ownerTeam', message: `team "${record.owner_team}" does not exist` } });
      } else {
        const owner = current ? { id: current.ownerTeamId, key: current.ownerTeamKey } : null;
        const refusal = serviceWriteRefusal(actor, target, owner);
        if (refusal) problems.push({ index, problem: { path: 'ownerTeam', message: refusal }, forbidden: true });
      }
      if (current?.deleted) {
        problems.push({
          index,
          problem: { path: 'key', message: `service "${record.key}" is deleted; restore it with restoreService first` },
        });
      }
    });
    return problems;
  }

  private resolveOrder(
    filter: ServiceListFilter,
    order: ServiceOrder,
  ): { field: ServiceOrderField; direction: SortDirection; name: string } {
    const searching = Boolean(filter.search?.trim());
    const field = order.field ?? (searching ? ServiceOrderField.RELEVANCE : ServiceOrderField.NAME);
    if (field === ServiceOrderField.RELEVANCE && !searching) {
      throw DomainError.badInput([{ path: 'orderBy.field', message: 'RELEVANCE needs filter.search' }]);
    }
    const direction = order.direction ?? (field === ServiceOrderField.RELEVANCE ? 'DESC' : 'ASC');
    return { field, direction, name: `${field}_${direction}` };
  }
}

function outcomeOf(written: { created: boolean } | undefined): WriteOutcome {
  if (!written) return WriteOutcome.UNCHANGED;
  return written.created ? WriteOutcome.CREATED : WriteOutcome.UPDATED;
}

function staleVersion(current: SoftwareServiceEntity): DomainError {
  return new DomainError(
    ErrorCode.CONFLICT,
    `Service "${current.key}" is at version ${current.version}; reload it and apply your change again`,
    { key: current.key, currentVersion: current.version },
  );
}

function rowError(
  index: number,
  key: string | null,
  problem: InputProblem & { forbidden?: boolean },
): ImportRowError & { forbidden?: boolean } {
  return { index, key, path: problem.path, message: problem.message, forbidden: problem.forbidden };
}
