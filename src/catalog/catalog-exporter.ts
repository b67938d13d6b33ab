import { Injectable } from '@nestjs/common';
import { CatalogRepository } from './catalog.repository';
import { renderEstateYaml, type ExportOptions } from './export-catalog';

/** The estate written back as estate.yaml. */
@Injectable()
export class CatalogExporter {
  constructor(private readonly catalog: CatalogRepository) {}

  async estateYaml(options: ExportOptions = {}): Promise<string> {
    return renderEstateYaml(await this.catalog.snapshot(), options);
  }
}
