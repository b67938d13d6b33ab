import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '../common/errors';
import { EstateConfigService } from '../config/estate-config.service';
import { PERMISSION_KEY, PUBLIC_KEY, actorOf, requestOf, setActor } from './access.decorators';
import { Permission, hasPermission } from './roles';
import { TokenRegistry } from './token-registry';

const WHAT: Record<Permission, string> = {
  [Permission.READ]: 'read the catalog',
  [Permission.WRITE_INVENTORY]: 'change services, integrations or their data',
  [Permission.ADMINISTER]: 'administer teams and tokens',
  [Permission.MANAGE_UNIFIED]: 'manage the unified schema and the mappings onto it',
  [Permission.MANAGE_SCORING]: 'change scoring profiles',
  [Permission.MANAGE_PLANS]: 'make migration plans',
};

/**
 * Global guard, deny by default: an operation runs only if it is @Public or
 * names the permission it @Requires, and the caller's role grants it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenRegistry,
    private readonly config: EstateConfigService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = requestOf(context);
    let actor = actorOf(req);
    if (!actor) {
      actor = await this.tokens.authenticate(req.headers.authorization);
      setActor(req, actor);
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'No access rule is declared for this operation');
    }
    if (actor.role === null) {
      if (permission === Permission.READ && this.config.values.anonymousRead) return true;
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Not authenticated: send "Authorization: Bearer <token>"');
    }
    if (!hasPermission(actor, permission)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `Role ${actor.role} may not ${WHAT[permission]}`, {
        role: actor.role,
        needs: permission,
      });
    }
    return true;
  }
}
