import { Module } from '@nestjs/common';
import './inventory.graphql-enums';
import { AuditModule } from '../audit/audit.module';
import { IntegrationRegistry } from './integration-registry';
import { IntegrationRepository } from './integration.repository';
import { IntegrationResolver } from './integration.resolver';
import { InventoryLoaderFactory } from './inventory.loaders';
import { ServiceCatalog } from './service-catalog';
import { ServiceRepository } from './service.repository';
import { ServiceResolver } from './service.resolver';
import { TeamRegistry } from './team-registry';
import { TeamRepository } from './team.repository';
import { TeamResolver } from './team.resolver';

/** Every resolver of the feature; also used to print the schema without a database. */
export const INVENTORY_RESOLVERS = [TeamResolver, ServiceResolver, IntegrationResolver];

@Module({
  imports: [AuditModule],
  providers: [
    TeamRepository,
    ServiceRepository,
    IntegrationRepository,
    TeamRegistry,
    ServiceCatalog,
    IntegrationRegistry,
    InventoryLoaderFactory,
    ...INVENTORY_RESOLVERS,
  ],
  exports: [
    InventoryLoaderFactory,
    ServiceCatalog,
    TeamRegistry,
    IntegrationRegistry,
    TeamRepository,
    ServiceRepository,
  ],
})
export class InventoryModule {}
