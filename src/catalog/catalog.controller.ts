import { Controller, Get, Header, Query } from '@nestjs/common';
import { Requires } from '../auth/access.decorators';
import { Permission } from '../auth/roles';
import { CatalogExporter } from './catalog-exporter';
import ESTATE_CATALOG_SCHEMA from './estate-catalog.schema.json';

/** `GET /catalog/estate.yaml` (the estate as estate.yaml) and the JSON Schema of that format. */
@Controller('catalog')
export class CatalogController {
  constructor(private readonly exporter: CatalogExporter) {}

  @Get('estate.yaml')
  @Requires(Permission.READ)
  @Header('Content-Type', 'application/yaml; charset=utf-8')
  @Header('Content-Disposition', 'inline; filename="estate.yaml"')
  estateYaml(@Query('team') team?: string | string[]): Promise<string> {
    // `?team=a,b`, `?team=a&team=b` or both.
    const teams = (team === undefined ? [] : Array.isArray(team) ? team : [team]).flatMap((t) => t.split(','));
    return this.exporter.estateYaml({ teams: teams.map((t) => t.trim()).filter(Boolean) });
  }

  @Get('estate-catalog.schema.json')
  @Requires(Permission.READ)
  @Header('Content-Type', 'application/schema+json')
  schema(): unknown {
    return ESTATE_CATALOG_SCHEMA;
  }
}
