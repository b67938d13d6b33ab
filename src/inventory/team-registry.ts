import { inTransaction } from '../database/transactions';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog, type Caller } from '../audit/audit-log';
import { decodeCursor } from '../common/cursor';
import { diff } from '../common/diff';
import { DomainError, ErrorCode } from '../common/errors';
import type { Page } from '../common/graphql/pagination';
import { WriteOutcome } from './inventory.enums';
import type { TeamEntity } from './team.entity';
import type { TeamInput } from './team.input';
import { TeamRepository } from './team.repository';

export const TEAM_ORDER = 'KEY_ASC';

@Injectable()
export class TeamRegistry {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly teams: TeamRepository,
    private readonly audit: AuditLog,
  ) {}

  async get(key: string): Promise<TeamEntity | null> {
    const team = await this.teams.findByKey(key);
    return team && !team.deletedAt ? team : null;
  }

  list(first: number, search?: string, after?: string): Promise<Page<TeamEntity>> {
    const cursor = after ? decodeCursor(after, TEAM_ORDER, 'text') : undefined;
    return this.teams.page(first, TEAM_ORDER, search, cursor);
  }

  count(search?: string): Promise<number> {
    return this.teams.count(search);
  }

  /** `manager`: write inside the caller's transaction instead of one of its own. */
  async upsert(
    input: TeamInput,
    caller: Caller,
    manager?: EntityManager,
  ): Promise<{ team: TeamEntity; outcome: WriteOutcome }> {
    const name = input.name.trim();
    if (!name) throw DomainError.badInput([{ path: 'input.name', message: 'name must not be blank' }]);
    const record = {
      key: input.key.trim(),
      name,
      description: input.description?.trim() || null,
      contactEmail: input.contactEmail?.trim() || null,
    };
    return inTransaction(this.dataSource, manager, async (manager) => {
      const before = await this.teams.findByKey(record.key, manager);
      const written = await this.teams.upsert(manager, record);
      if (written) {
        const { created, ...team } = written;
        await this.audit.recordChanges(manager, caller, [
          {
            action: created ? 'team.create' : 'team.update',
            targetType: 'team',
            targetKey: team.key,
            changes: diff(before && describeTeam(before), describeTeam(team)),
          },
        ]);
        return { team, outcome: created ? WriteOutcome.CREATED : WriteOutcome.UPDATED };
      }
      const existing = await this.teams.findByKey(record.key, manager);
      if (!existing) throw new Error('team is neither written nor found after its upsert');
      if (existing.deletedAt) {
        throw new DomainError(ErrorCode.CONFLICT, `Team "${existing.key}" is deleted`, { key: existing.key });
      }
      return { team: existing, outcome: WriteOutcome.UNCHANGED };
    });
  }
}

function describeTeam(team: TeamEntity): { name: string; description: string | null; contactEmail: string | null } {
  return { name: team.name, description: team.description, contactEmail: team.contactEmail };
}
