import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Caller } from '../audit/audit-log';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Permission } from '../auth/roles';
import { CatalogImporter } from './catalog-importer';
import { CatalogImportModel, ImportCatalogArgs } from './catalog.model';

@Resolver()
export class CatalogResolver {
  constructor(private readonly importer: CatalogImporter) {}

  @Mutation(() => CatalogImportModel, {
    description:
      'Imports estate.yaml and Backstage catalog files: teams, services, integrations and data, all in one transaction or nothing, with every problem at its file and line.',
  })
  @Requires(Permission.WRITE_INVENTORY)
  importCatalog(@Args() args: ImportCatalogArgs, @CurrentCaller() caller: Caller): Promise<CatalogImportModel> {
    return this.importer.importFiles(args.files, args.dryRun, caller);
  }
}
