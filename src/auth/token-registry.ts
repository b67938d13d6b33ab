import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, type Caller } from '../audit/audit-log';
import { diff } from '../common/diff';
import { isUuid } from '../common/validators';
import { DomainError, ErrorCode } from '../common/errors';
import { EstateConfigService } from '../config/estate-config.service';
import { TeamRepository } from '../inventory/team.repository';
import { ApiTokenRepository, type TokenWithTeam } from './api-token.repository';
import { ANONYMOUS, Role, type Actor } from './roles';
import { bearerToken, displayPrefix, generateTokenSecret, hashTokenSecret, sameSecret } from './token-secret';

export interface NewToken {
  name: string;
  role: Role;
  team?: string | null;
  expiresAt?: Date | null;
}

const BOOTSTRAP_LOCK_KEY = 7_335_162_202;

/** Issues, lists, revokes and checks API tokens. */
@Injectable()
export class TokenRegistry {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: ApiTokenRepository,
    private readonly teams: TeamRepository,
    private readonly config: EstateConfigService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * The actor behind an Authorization header. No header: anonymous. A header
   * that names no usable token (unknown, expired, revoked): UNAUTHENTICATED,
   * never a silent downgrade to anonymous.
   */
  async authenticate(authorization: string | undefined): Promise<Actor> {
    const bearer = bearerToken(authorization);
    if (bearer.kind === 'absent') return ANONYMOUS;
    if (bearer.kind === 'malformed') throw unauthenticated('the Authorization header must be "Bearer <token>"');
    const secret = bearer.secret;
    const adminToken = this.config.values.adminToken;
    if (adminToken && sameSecret(secret, adminToken)) {
      return { tokenId: null, name: 'ESTATE_ADMIN_TOKEN', role: Role.ADMIN, teamId: null, teamKey: null };
    }
    const token = await this.tokens.findByHash(hashTokenSecret(secret));
    if (!token) throw unauthenticated('unknown token');
    if (token.revokedAt) throw unauthenticated('the token was revoked');
    if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) throw unauthenticated('the token has expired');
    void this.tokens.touch(token.id).catch(() => undefined);
    return {
      tokenId: token.id,
      name: token.name,
      role: token.role as Role,
      teamId: token.teamId,
      teamKey: token.teamKey,
    };
  }

  /** Creates a token; the secret is in the result and nowhere else, ever. */
  async create(input: NewToken, caller: Caller): Promise<{ token: TokenWithTeam; secret: string }> {
    const name = input.name.trim();
    if (!name) throw DomainError.badInput([{ path: 'input.name', message: 'name must not be blank' }]);
    if ((input.role === Role.EDITOR) !== Boolean(input.team)) {
      throw DomainError.badInput([{ path: 'input.team', message: 'editor tokens need a team; other roles take none' }]);
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw DomainError.badInput([{ path: 'input.expiresAt', message: 'must be in the future' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      let teamId: string | null = null;
      let teamKey: string | null = null;
      if (input.team) {
        const team = await this.teams.findByKey(input.team, manager);
        if (!team || team.deletedAt) {
          throw DomainError.badInput([{ path: 'input.team', message: `team "${input.team}" does not exist` }]);
        }
        teamId = team.id;
        teamKey = team.key;
      }
      const secret = generateTokenSecret();
      const token = await this.tokens.insert(manager, {
        name,
        role: input.role,
        teamId,
        tokenHash: hashTokenSecret(secret),
        tokenPrefix: displayPrefix(secret),
        createdBy: caller.actor.tokenId,
        expiresAt: input.expiresAt ?? null,
      });
      await this.audit.recordChanges(manager, caller, [
        {
          action: 'token.create',
          targetType: 'token',
          targetKey: token.id,
          changes: diff(null, { name, role: input.role, team: teamKey, expiresAt: token.expiresAt }),
        },
      ]);
      return { token: { ...token, teamKey }, secret };
    });
  }

  list(includeRevoked = false): Promise<TokenWithTeam[]> {
    return this.tokens.list(includeRevoked);
  }

  /** Revokes a token; revoking a revoked token changes nothing. Returns the token as it now is. */
  async revoke(id: string, caller: Caller): Promise<TokenWithTeam> {
    if (!isUuid(id)) throw DomainError.badInput([{ path: 'id', message: 'must be a token id (UUID)' }]);
    return this.dataSource.transaction(async (manager) => {
      const revoked = await this.tokens.revoke(manager, id);
      if (revoked) {
        await this.audit.recordChanges(manager, caller, [
          {
            action: 'token.revoke',
            targetType: 'token',
            targetKey: id,
            changes: { revoked: { before: false, after: true } },
          },
        ]);
      }
      const token = await this.tokens.findById(manager, id);
      if (!token) throw DomainError.notFound('Token', id);
      return token;
    });
  }

  /**
   * First start without ESTATE_ADMIN_TOKEN and without any token: creates one
   * admin token and returns its secret (to be printed once). Otherwise null.
   * An advisory lock keeps two instances starting together from both doing it.
   */
  async bootstrapAdminToken(): Promise<string | null> {
    if (this.config.values.adminToken) return null;
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_KEY]);
      if ((await this.tokens.count(manager)) > 0) return null;
      const secret = generateTokenSecret();
      await this.tokens.insert(manager, {
        name: 'initial admin',
        role: Role.ADMIN,
        teamId: null,
        tokenHash: hashTokenSecret(secret),
        tokenPrefix: displayPrefix(secret),
        createdBy: null,
        expiresAt: null,
      });
      return secret;
    });
  }
}

function unauthenticated(why: string): DomainError {
  return new DomainError(ErrorCode.UNAUTHENTICATED, `Not authenticated: ${why}`);
}
