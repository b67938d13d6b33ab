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
}
