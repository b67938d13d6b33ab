import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { InventoryModule } from '../inventory/inventory.module';
import { ThrottlerModule } from '@nestjs/throttler';
import { EstateConfigService } from '../config/estate-config.service';
import { AccessGuard } from './access.guard';
import { ADDRESS_LIMIT_FACTOR, RateLimitGuard, addressTracker, tokenTracker } from './rate-limit.guard';
import { RedisThrottlerStorage } from './redis-throttler-storage';
import { AdminBootstrap } from './admin-bootstrap';
import { ApiTokenRepository } from './api-token.repository';
import { TokenRegistry } from './token-registry';
import { TokenResolver } from './token.resolver';

export const AUTH_RESOLVERS = [TokenResolver];

@Module({
  imports: [
    InventoryModule,
    AuditModule,
    ThrottlerModule.forRootAsync({
      inject: [EstateConfigService],
      useFactory: (config: EstateConfigService) => ({
        throttlers: [
          { name: 'per-token', ttl: 60_000, limit: config.values.rateLimitPerMinute, getTracker: tokenTracker },
          {
            name: 'per-address',
            ttl: 60_000,
            limit: config.values.rateLimitPerMinute * ADDRESS_LIMIT_FACTOR,
            getTracker: addressTracker,
          },
        ],
        storage: config.values.redisUrl ? RedisThrottlerStorage.connect(config.values.redisUrl) : undefined,
      }),
    }),
  ],
  providers: [
    ApiTokenRepository,
    TokenRegistry,
    AdminBootstrap,
    ...AUTH_RESOLVERS,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [TokenRegistry],
})
export class AuthModule {}
