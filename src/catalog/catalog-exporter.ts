import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors';
import { CatalogRepository } from './catalog.repository';
import { renderEstateYaml, type ExportOptions } from './export-catalog';

/** The estate written back as estate.yaml. */
@Injectable()
export class CatalogExporter {
  constructor(private readonly catalog: CatalogRepository) {}

  /** NOT_FOUND when a team asked for is not a live team: an empty file would look like an empty team. */
  async estateYaml(options: ExportOptions = {}): Promise<string> {
    const snapshot = await this.catalog.snapshot();
    const known = new Set(snapshot.teams.map((t) => t.key.toLowerCase()));
    const unknown = options.teams?.find((t) => !known.has(t.toLowerCase()));
    if (unknown !== undefined) throw DomainError.notFound('Team', unknown);
    return renderEstateYaml(snapshot, options);
  }
}
