import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../database/transactions';
import { decodeCursor } from '../common/cursor';
import { integrationWriteRefusal } from '../auth/ownership';
import { AuditLog, type Caller } from '../audit/audit-log';
import { diff } from '../common/diff';
import { DomainError, ErrorCode, type InputProblem } from '../common/errors';
import type { Page } from '../common/graphql/pagination';
import { WriteOutcome } from './inventory.enums';
import type { IntegrationEntity } from './integration.entity';
import type { IntegrationInput } from './integration.input';
import {
  edgeIdKey,
  IntegrationRepository,
  type IntegrationListFilter,
  type IntegrationRecord,
} from './integration.repository';
import { ServiceRepository } from './service.repository';

export const INTEGRATION_ORDER = 'CREATED_AT_ASC';

@Injectable()
export class IntegrationRegistry {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly integrations: IntegrationRepository,
    private readonly services: ServiceRepository,
    private readonly audit: AuditLog,
  ) {}

  list(filter: IntegrationListFilter, first: number, after?: string): Promise<Page<IntegrationEntity>> {
    const cursor = after ? decodeCursor(after, INTEGRATION_ORDER, 'timestamptz') : undefined;
    return this.integrations.page(filter, first, INTEGRATION_ORDER, cursor);
  }

  count(filter: IntegrationListFilter): Promise<number> {
    return this.integrations.count(filter);
  }

  /** `manager`: write inside the caller's transaction instead of one of its own. */
  async upsert(
    input: IntegrationInput,
    caller: Caller,
    manager?: EntityManager,
  ): Promise<{ integration: IntegrationEntity; outcome: WriteOutcome }> {
    const record = toRecord(input);
    if (record.source.toLowerCase() === record.target.toLowerCase()) {
      throw DomainError.badInput([{ path: 'input.target', message: 'an integration connects two different services' }]);
    }
    return inTransaction(this.dataSource, manager, async (manager) => {
      // Both services stay live until this transaction ends (a concurrent delete waits).
      const live = new Map(
        (await this.services.lockLiveForShare(manager, [record.source, record.target])).map((s) => [
          s.key.toLowerCase(),
          { id: s.ownerTeamId, key: s.ownerTeamKey },
        ]),
      );
      const problems: InputProblem[] = (['source', 'target'] as const)
        .filter((end) => !live.has(record[end].toLowerCase()))
        .map((end) => ({ path: `input.${end}`, message: `service "${record[end]}" does not exist` }));
      if (problems.length) throw DomainError.badInput(problems);
      const refusal = integrationWriteRefusal(
        caller.actor,
        live.get(record.source.toLowerCase())!,
        live.get(record.target.toLowerCase())!,
      );
      if (refusal) throw new DomainError(ErrorCode.FORBIDDEN, `Refused: ${refusal}`);
      const before = await this.integrations.findEdge(manager, record);
      const written = await this.integrations.upsert(manager, record);
      if (written) {
        const { created, ...integration } = written;
        await this.audit.recordChanges(manager, caller, [
          {
            action: created ? 'integration.create' : 'integration.update',
            targetType: 'integration',
            targetKey: edgeKey(record),
            changes: diff(before && describeEdge(before), describeEdge(integration)),
          },
        ]);
        return { integration, outcome: created ? WriteOutcome.CREATED : WriteOutcome.UPDATED };
      }
      const existing = await this.integrations.findEdge(manager, record);
      if (!existing) throw new Error('integration is neither written nor live after its upsert');
      return { integration: existing, outcome: WriteOutcome.UNCHANGED };
    });
  }

  /**
   * Upserts many integrations inside the caller's transaction: every end checked and owner-checked
   * first (problems by index; `forbidden` when the actor may not), then one statement and one audit
   * insert for all. Nothing is written when any has a problem. The same edge twice is one edge,
   * unless the two disagree.
   */
  async upsertMany(
    inputs: IntegrationInput[],
    caller: Caller,
    manager: EntityManager,
  ): Promise<{ outcomes: WriteOutcome[]; problems: (InputProblem & { index: number; forbidden?: boolean })[] }> {
    const records = inputs.map(toRecord);
    const live = new Map(
      (await this.services.lockLiveForShare(manager, [...new Set(records.flatMap((r) => [r.source, r.target]))])).map(
        (s) => [s.key.toLowerCase(), s],
      ),
    );
    const problems: (InputProblem & { index: number; forbidden?: boolean })[] = [];
    const first = new Map<string, number>();
    records.forEach((record, index) => {
      if (record.source.toLowerCase() === record.target.toLowerCase()) {
        return problems.push({ index, path: 'target', message: 'an integration connects two different services' });
      }
      const missing = (['source', 'target'] as const).filter((end) => !live.has(record[end].toLowerCase()));
      for (const end of missing)
        problems.push({ index, path: end, message: `service "${record[end]}" does not exist` });
      if (missing.length) return;
      const [source, target] = [live.get(record.source.toLowerCase())!, live.get(record.target.toLowerCase())!];
      const refusal = integrationWriteRefusal(
        caller.actor,
        { id: source.ownerTeamId, key: source.ownerTeamKey },
        { id: target.ownerTeamId, key: target.ownerTeamKey },
      );
      if (refusal) return problems.push({ index, path: 'source', message: `Refused: ${refusal}`, forbidden: true });
      const edge = edgeKey(record).toLowerCase();
      const earlier = first.get(edge);
      if (earlier === undefined) first.set(edge, index);
      else if (records[earlier].frequency !== record.frequency || records[earlier].description !== record.description) {
        problems.push({ index, path: 'description', message: `${edgeKey(record)} is declared twice, differently` });
      }
    });
    if (problems.length) return { outcomes: [], problems };

    const ids = new Map([...live].map(([key, s]) => [key, s.id]));
    const unique = [...first.values()].map((i) => records[i]);
    const before = await this.integrations.findEdges(manager, unique, ids);
    const written = await this.integrations.upsertMany(manager, unique, ids);
    const byEdge = new Map(written.map((w) => [edgeIdKey(w.sourceServiceId, w.targetServiceId, w.mechanism), w]));
    const idKey = (r: IntegrationRecord) =>
      edgeIdKey(ids.get(r.source.toLowerCase())!, ids.get(r.target.toLowerCase())!, r.mechanism);
    await this.audit.recordChanges(
      manager,
      caller,
      unique
        .filter((r) => byEdge.has(idKey(r)))
        .map((r) => {
          const { created, ...integration } = byEdge.get(idKey(r))!;
          const earlier = before.get(idKey(r));
          return {
            action: created ? 'integration.create' : 'integration.update',
            targetType: 'integration' as const,
            targetKey: edgeKey(r),
            changes: diff(earlier ? describeEdge(earlier) : null, describeEdge(integration)),
          };
        }),
    );
    const outcomes = records.map((r) => {
      const row = byEdge.get(idKey(r));
      return !row ? WriteOutcome.UNCHANGED : row.created ? WriteOutcome.CREATED : WriteOutcome.UPDATED;
    });
    return { outcomes, problems: [] };
  }

  async remove(id: string, caller: Caller): Promise<IntegrationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const ends = await this.integrations.lockOwners(manager, id);
      if (ends) {
        const refusal = integrationWriteRefusal(caller.actor, ends.source, ends.target);
        if (refusal) throw new DomainError(ErrorCode.FORBIDDEN, `Refused: ${refusal}`);
      }
      const deleted = await this.integrations.softDelete(manager, id);
      if (!deleted || !ends) throw DomainError.notFound('Integration', id);
      await this.audit.recordChanges(manager, caller, [
        {
          action: 'integration.delete',
          targetType: 'integration',
          targetKey: edgeKey({
            source: ends.source.serviceKey,
            target: ends.target.serviceKey,
            mechanism: deleted.mechanism,
          }),
          changes: { deleted: { before: false, after: true } },
        },
      ]);
      return deleted;
    });
  }
}

function toRecord(input: IntegrationInput): IntegrationRecord {
  return {
    source: input.source.trim(),
    target: input.target.trim(),
    mechanism: input.mechanism,
    frequency: input.frequency ?? null,
    description: input.description?.trim() || null,
  };
}

/** How the audit trail names an integration: `source→target (MECHANISM)`. */
function edgeKey(edge: { source: string; target: string; mechanism: string }): string {
  return `${edge.source}→${edge.target} (${edge.mechanism})`;
}

function describeEdge(integration: IntegrationEntity): { frequency: string | null; description: string | null } {
  return { frequency: integration.frequency, description: integration.description };
}
