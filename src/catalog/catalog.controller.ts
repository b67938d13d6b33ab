import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
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
  async estateYaml(
    @Query('team') team: string | string[] | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    // `?team=a,b`, `?team=a&team=b` or both.
    const teams = (team === undefined ? [] : Array.isArray(team) ? team : [team]).flatMap((t) => t.split(','));
    const yaml = await this.exporter.estateYaml({ teams: teams.map((t) => t.trim()).filter(Boolean) });
    // Set once the export is made: a refusal is answered as JSON, not labelled YAML.
    res.setHeader('Content-Type', 'application/yaml; charset=utf-8');
    res.setHeader('Content-Disposition', 'inline; filename="estate.yaml"');
    return yaml;
  }

  @Get('estate-catalog.schema.json')
  @Requires(Permission.READ)
  @Header('Content-Type', 'application/schema+json')
  schema(): unknown {
    return ESTATE_CATALOG_SCHEMA;
  }
}
