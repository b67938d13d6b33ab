import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { TokenRegistry } from './token-registry';

/** On the very first start (no tokens, no ESTATE_ADMIN_TOKEN), prints a new admin token once. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  constructor(private readonly tokens: TokenRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    const secret = await this.tokens.bootstrapAdminToken();
    if (!secret) return;
    // Printed, not logged: log pipelines keep what they receive; this is meant for the operator's eyes.
    process.stdout.write(
      `\nEstate created the first admin token. It is shown this once; keep it safe:\n\n  ${secret}\n\n` +
        'Use it as "Authorization: Bearer <token>", and create more with createApiToken or `estate token create`.\n\n',
    );
  }
}
