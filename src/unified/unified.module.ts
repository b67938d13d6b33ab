import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UnifiedSchemaRepository } from './unified-schema.repository';
import { UnifiedSchemaService } from './unified-schema.service';
import { UnifiedLoaderFactory } from './unified.loaders';
import { UnifiedEntityResolver, UnifiedFieldResolver, UnifiedSchemaVersionResolver } from './unified.resolver';

/** Every resolver of the feature; also used to print the schema without a database. */
export const UNIFIED_RESOLVERS = [UnifiedEntityResolver, UnifiedFieldResolver, UnifiedSchemaVersionResolver];

@Module({
  imports: [AuditModule],
  providers: [UnifiedSchemaRepository, UnifiedSchemaService, UnifiedLoaderFactory, ...UNIFIED_RESOLVERS],
  exports: [UnifiedSchemaService, UnifiedLoaderFactory],
})
export class UnifiedModule {}
