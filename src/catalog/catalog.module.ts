import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { InventoryModule } from '../inventory/inventory.module';
import { SchemasModule } from '../schemas/schemas.module';
import { CatalogController } from './catalog.controller';
import { CatalogExporter } from './catalog-exporter';
import { CatalogImporter } from './catalog-importer';
import { CatalogRepository } from './catalog.repository';
import { CatalogResolver } from './catalog.resolver';

/** Every resolver of the feature; also used to print the schema without a database. */
export const CATALOG_RESOLVERS = [CatalogResolver];

/** Catalog files in and out: estate.yaml and Backstage's catalog-info.yaml. */
@Module({
  imports: [AuditModule, InventoryModule, SchemasModule],
  controllers: [CatalogController],
  providers: [CatalogImporter, CatalogExporter, CatalogRepository, ...CATALOG_RESOLVERS],
})
export class CatalogModule {}
