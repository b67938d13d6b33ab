import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ScoringLoaderFactory } from './scoring.loaders';
import { ScoringRepository } from './scoring.repository';
import { ScoringResolver, ServiceScoresResolver } from './scoring.resolver';
import { ScoringService } from './scoring.service';

/** Every resolver of the feature; also used to print the schema without a database. */
export const SCORING_RESOLVERS = [ServiceScoresResolver, ScoringResolver];

@Module({
  imports: [AuditModule],
  providers: [ScoringRepository, ScoringService, ScoringLoaderFactory, ...SCORING_RESOLVERS],
  exports: [ScoringService, ScoringLoaderFactory],
})
export class ScoringModule {}
