import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/roles';
import type { Changes } from '../common/diff';

/** Who asks, within which request: what every write needs to be checked and recorded. */
export interface Caller {
  actor: Actor;
  requestId: string | null;
}

export interface AuditEntry {
  action: string;
  targetType:
    | 'service'
    | 'team'
    | 'integration'
    | 'token'
    | 'operation'
    | 'unified_schema'
    | 'mapping'
    | 'scoring_profile'
    | 'migration_plan';
  targetKey: string;
  changes?: Changes | null;
  reason?: string | null;
  importId?: string | null;
}

/** Writes the audit trail: changes inside the caller's transaction, refusals on their own. */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records committed changes: call inside the transaction that makes them, so both commit or neither. */
  async recordChanges(manager: EntityManager, caller: Caller, entries: AuditEntry[]): Promise<void> {
    await this.insert(manager, caller, entries, 'SUCCESS');
  }

  /** Records a refused write. Runs on its own, since the refused work was rolled back. */
  async recordDenial(caller: Caller, entry: AuditEntry): Promise<void> {
    await this.insert(this.dataSource.manager, caller, [entry], 'DENIED');
  }

  private async insert(
    manager: EntityManager,
    caller: Caller,
    entries: AuditEntry[],
    outcome: 'SUCCESS' | 'DENIED',
  ): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({
      action: e.action,
      target_type: e.targetType,
      target_key: e.targetKey,
      changes: e.changes ?? null,
      reason: e.reason ?? null,
      import_id: e.importId ?? null,
    }));
    await manager.query(
      `INSERT INTO audit_event (actor_token_id, actor_name, request_id, outcome, action, target_type, target_key, changes, reason, import_id)
       SELECT $1::uuid, $2, $3, $4, r.action, r.target_type, r.target_key, r.changes, r.reason, r.import_id
       FROM jsonb_to_recordset($5::jsonb) AS r(action text, target_type text, target_key text, changes jsonb, reason text, import_id uuid)`,
      [caller.actor.tokenId, caller.actor.name, caller.requestId, outcome, JSON.stringify(rows)],
    );
  }
}
