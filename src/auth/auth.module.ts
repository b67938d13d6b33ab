import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { InventoryModule } from '../inventory/inventory.module';
import { AccessGuard } from './access.guard';
import { AdminBootstrap } from './admin-bootstrap';
import { ApiTokenRepository } from './api-token.repository';
import { TokenRegistry } from './token-registry';
import { TokenResolver } from './token.resolver';

export const AUTH_RESOLVERS = [TokenResolver];

@Module({
  imports: [InventoryModule, AuditModule],
  providers: [
    ApiTokenRepository,
    TokenRegistry,
    AdminBootstrap,
    ...AUTH_RESOLVERS,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [TokenRegistry],
})
export class AuthModule {}
