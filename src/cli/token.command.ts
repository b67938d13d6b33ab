import { enumMember } from '../common/enums';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import type { DataSource } from 'typeorm';
import { ApiTokenRepository } from '../auth/api-token.repository';
import { AuditLog } from '../audit/audit-log';
import { CLI_CALLER } from './cli-caller';
import { Role } from '../auth/roles';
import { TokenRegistry } from '../auth/token-registry';
import type { EstateConfig } from '../config/config';
import { EstateConfigService } from '../config/estate-config.service';
import { TeamRepository } from '../inventory/team.repository';
import { withDatabase } from './with-database';
import { UsageError } from './usage-error';

function registry(dataSource: DataSource, config: EstateConfig): TokenRegistry {
  return new TokenRegistry(
    dataSource,
    new ApiTokenRepository(dataSource),
    new TeamRepository(dataSource),
    EstateConfigService.of(config),
    new AuditLog(dataSource),
  );
}

interface CreateOptions {
  role: Role;
  team?: string;
  name?: string;
  expires?: Date;
}

@SubCommand({ name: 'create', description: 'Create a token and print its secret (shown once)' })
export class TokenCreateCommand extends CommandRunner {
  async run(_args: string[], options: CreateOptions): Promise<void> {
    if (!options.role) throw new UsageError('--role is required (ADMIN, ARCHITECT, EDITOR or VIEWER)');
    await withDatabase(async (dataSource, config) => {
      const { token, secret } = await registry(dataSource, config).create(
        {
          name: options.name ?? `${options.role.toLowerCase()} token${options.team ? ` of ${options.team}` : ''}`,
          role: options.role,
          team: options.team,
          expiresAt: options.expires,
        },
        CLI_CALLER,
      );
      console.error(`created token ${token.id} (${token.role}${token.teamKey ? `, team ${token.teamKey}` : ''})`);
      console.error('secret, shown this once:');
      console.log(secret);
    });
  }

  @Option({ flags: '--role <role>', description: 'ADMIN, ARCHITECT, EDITOR or VIEWER' })
  parseRole(value: string): Role {
    const role = enumMember(Role, value.toUpperCase());
    if (!role) throw new UsageError(`--role must be one of ${Object.values(Role).join(', ')} (got "${value}")`);
    return role;
  }

  @Option({ flags: '--team <key>', description: 'team an EDITOR token acts for' })
  parseTeam(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'what the token is for' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--expires <date>', description: 'expiry, e.g. 2027-06-30 or an ISO timestamp' })
  parseExpires(value: string): Date {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new UsageError(`--expires must be a date (got "${value}")`);
    return date;
  }
}

@SubCommand({ name: 'list', description: 'List tokens (never their secrets)' })
export class TokenListCommand extends CommandRunner {
  async run(_args: string[], options: { all?: boolean }): Promise<void> {
    await withDatabase(async (dataSource, config) => {
      const tokens = await registry(dataSource, config).list(options.all ?? false);
      for (const t of tokens) {
        const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt < new Date() ? 'expired' : 'active';
        console.log(
          [
            t.id,
            t.tokenPrefix + '…',
            t.role,
            t.teamKey ?? '-',
            state,
            t.lastUsedAt?.toISOString() ?? 'never',
            t.name,
          ].join('\t'),
        );
      }
    });
  }

  @Option({ flags: '--all', description: 'include revoked tokens' })
  parseAll(): boolean {
    return true;
  }
}

@SubCommand({ name: 'revoke', arguments: '<id>', description: 'Revoke a token at once' })
export class TokenRevokeCommand extends CommandRunner {
  async run([id]: string[]): Promise<void> {
    await withDatabase(async (dataSource, config) => {
      const token = await registry(dataSource, config).revoke(id, CLI_CALLER);
      console.log(`revoked ${token.id} at ${token.revokedAt?.toISOString()}`);
    });
  }
}

@Command({
  name: 'token',
  description: 'Manage API tokens',
  subCommands: [TokenCreateCommand, TokenListCommand, TokenRevokeCommand],
})
export class TokenCommand extends CommandRunner {
  run(): Promise<void> {
    this.command.help();
  }
}
