import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { InventoryModule } from '../inventory/inventory.module';
import { SchemaRegistry } from './schema-registry';
import { SchemaLoaderFactory } from './schema.loaders';
import { SchemaRepository } from './schema.repository';
import { DataEntityResolver, DataFieldResolver, ServiceEntitiesResolver } from './schema.resolver';

export const DATA_RESOLVERS = [DataEntityResolver, DataFieldResolver, ServiceEntitiesResolver];

@Module({
  imports: [InventoryModule, AuditModule],
  providers: [SchemaRepository, SchemaRegistry, SchemaLoaderFactory, ...DATA_RESOLVERS],
  exports: [SchemaLoaderFactory, SchemaRegistry, SchemaRepository],
})
export class SchemasModule {}
