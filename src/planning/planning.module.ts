import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ScoringModule } from '../scoring/scoring.module';
import { UnifiedModule } from '../unified/unified.module';
import { MigrationPlanner } from './migration-planner';
import { PlanningLoaderFactory } from './planning.loaders';
import { PlanningRepository } from './planning.repository';
import { EstateReportResolver, MigrationPlanResolver } from './planning.resolver';
import { Reports } from './reports';
import { ReportsController } from './reports.controller';

/** Every resolver of the feature; also used to print the schema without a database. */
export const PLANNING_RESOLVERS = [MigrationPlanResolver, EstateReportResolver];

@Module({
  imports: [AuditModule, ScoringModule, UnifiedModule],
  controllers: [ReportsController],
  providers: [PlanningRepository, MigrationPlanner, Reports, PlanningLoaderFactory, ...PLANNING_RESOLVERS],
  exports: [MigrationPlanner, Reports, PlanningLoaderFactory],
})
export class PlanningModule {}
