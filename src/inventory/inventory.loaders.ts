import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { decodeCursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import type { IntegrationEntity } from './integration.entity';
import { IntegrationRepository } from './integration.repository';
import { ServiceRepository } from './service.repository';
import type { SoftwareServiceEntity } from './software-service.entity';
import type { TeamEntity } from './team.entity';
import { TeamRepository } from './team.repository';

export const TEAM_SERVICES_ORDER = 'NAME_ASC';

/** Batches the relation lookups of one GraphQL request: each relation costs one statement per request. */
export class InventoryLoaders {
  readonly teamById: DataLoader<string, TeamEntity | null>;
  readonly serviceById: DataLoader<string, SoftwareServiceEntity | null>;
  /** Integrations whose data arrives in the service. */
  readonly upstream: DataLoader<string, IntegrationEntity[]>;
  /** Integrations whose data leaves the service. */
  readonly downstream: DataLoader<string, IntegrationEntity[]>;
  readonly dependents: DataLoader<string, number>;
  readonly teamServiceCount: DataLoader<string, number>;
  private readonly teamServicePages = new Map<string, DataLoader<string, Page<SoftwareServiceEntity>>>();

  constructor(
    private readonly teams: TeamRepository,
    private readonly services: ServiceRepository,
    integrations: IntegrationRepository,
  ) {
    this.teamById = new DataLoader(async (ids) => byId(ids, await teams.findByIds(ids)));
    this.serviceById = new DataLoader(async (ids) => byId(ids, await services.findByIds(ids)));
    this.upstream = new DataLoader(async (ids) =>
      groupBy(ids, await integrations.findByServices(ids, 'target'), (i) => i.targetServiceId),
    );
    this.downstream = new DataLoader(async (ids) =>
      groupBy(ids, await integrations.findByServices(ids, 'source'), (i) => i.sourceServiceId),
    );
    this.dependents = new DataLoader(async (ids) => {
      const counts = await integrations.countDependents(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    });
    this.teamServiceCount = new DataLoader(async (ids) => {
      const counts = await services.countByTeams(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    });
  }

  /** Services of teams, one page each, batched per distinct (first, after). */
  teamServices(first: number, after?: string): DataLoader<string, Page<SoftwareServiceEntity>> {
    const cacheKey = `${first}:${after ?? ''}`;
    let loader = this.teamServicePages.get(cacheKey);
    if (!loader) {
      const cursor = after ? decodeCursor(after, TEAM_SERVICES_ORDER, 'text') : undefined;
      loader = new DataLoader(async (teamIds) => {
        const pages = await this.services.pageByTeams(teamIds, first, TEAM_SERVICES_ORDER, cursor);
        return teamIds.map((id) => pages.get(id)!);
      });
      this.teamServicePages.set(cacheKey, loader);
    }
    return loader;
  }
}

@Injectable()
export class InventoryLoaderFactory {
  constructor(
    private readonly teams: TeamRepository,
    private readonly services: ServiceRepository,
    private readonly integrations: IntegrationRepository,
  ) {}

  create(): InventoryLoaders {
    return new InventoryLoaders(this.teams, this.services, this.integrations);
  }
}

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id) ?? null);
}

function groupBy<T>(ids: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(keyOf(row)) ?? [];
    list.push(row);
    groups.set(keyOf(row), list);
  }
  return ids.map((id) => groups.get(id) ?? []);
}
