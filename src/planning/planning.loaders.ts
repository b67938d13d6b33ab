import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { MigrationPlanner } from './migration-planner';
import type { MigrationPlanResult } from './plan.types';

/** Per request: the computed result of plans read as summaries (list pages), in one statement. */
export class PlanningLoaders {
  readonly result: DataLoader<string, MigrationPlanResult>;

  constructor(planner: MigrationPlanner) {
    this.result = new DataLoader(async (ids) => {
      const results = await planner.results(ids);
      return ids.map((id) => results.get(id) ?? new Error(`migration plan ${id} not found`));
    });
  }
}

@Injectable()
export class PlanningLoaderFactory {
  constructor(private readonly planner: MigrationPlanner) {}

  create(): PlanningLoaders {
    return new PlanningLoaders(this.planner);
  }
}
