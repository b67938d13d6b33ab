import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EstateConfig } from './config';

/** Typed access to the configuration validated at boot. */
@Injectable()
export class EstateConfigService {
  readonly values: EstateConfig;

  constructor(config: ConfigService) {
    this.values = config.get<EstateConfig>('estate')!;
  }

  /** For code that runs without the Nest container (CLI commands). */
  static of(values: EstateConfig): EstateConfigService {
    return Object.assign(Object.create(EstateConfigService.prototype) as EstateConfigService, { values });
  }
}
