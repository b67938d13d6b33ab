import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Cursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import { keysetSql, toPage } from '../database/keyset';
import { selectColumns } from '../database/select-columns';
import { SqlParams } from '../database/sql-params';
import { AuditEventEntity } from './audit-event.entity';
import { isUuid } from '../common/validators';

export interface AuditListFilter {
  targetType?: string;
  targetKey?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  importId?: string;
  since?: Date;
  until?: Date;
}

/** Read-only: the audit trail is written by AuditLog and never changed. */
@Injectable()
export class AuditEventRepository {
  private readonly columns: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.columns = selectColumns(dataSource.getMetadata(AuditEventEntity), 'a');
  }

  /** Newest first. */
  async page(filter: AuditListFilter, first: number, order: string, after?: Cursor): Promise<Page<AuditEventEntity>> {
    const params = new SqlParams();
    const rows = await this.dataSource.query<(AuditEventEntity & { sortValue: string })[]>(
      keysetSql({
        select: this.columns,
        from: 'audit_event a',
        where: this.conditions(filter, params),
        sort: { expr: 'a.occurred_at', type: 'timestamptz', direction: 'DESC' },
        id: 'a.id',
        first,
        after,
        params,
      }),
      params.values,
    );
    return toPage(rows, first, order, after !== undefined, ({ sortValue: _s, ...row }) => row);
  }

  async count(filter: AuditListFilter): Promise<number> {
    const params = new SqlParams();
    const where = this.conditions(filter, params);
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM audit_event a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params.values,
    );
    return row.count;
  }

  private conditions(filter: AuditListFilter, params: SqlParams): string[] {
    const where: string[] = [];
    if (filter.targetType) where.push(`a.target_type = ${params.add(filter.targetType)}`);
    if (filter.targetKey) where.push(`lower(a.target_key) = lower(${params.add(filter.targetKey)})`);
    if (filter.action) where.push(`a.action = ${params.add(filter.action)}`);
    if (filter.outcome) where.push(`a.outcome = ${params.add(filter.outcome)}`);
    if (filter.importId) where.push(`a.import_id = ${params.add(filter.importId)}::uuid`);
    if (filter.since) where.push(`a.occurred_at >= ${params.add(filter.since)}`);
    if (filter.until) where.push(`a.occurred_at < ${params.add(filter.until)}`);
    if (filter.actor) {
      const actor = params.add(filter.actor);
      where.push(
        isUuid(filter.actor)
          ? `(a.actor_token_id = ${actor}::uuid OR lower(a.actor_name) = lower(${actor}))`
          : `lower(a.actor_name) = lower(${actor})`,
      );
    }
    return where;
  }
}
