import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import type { DataSource } from 'typeorm';
import type { TokenWithTeam } from '../auth/api-token.repository';
import { Role } from '../auth/roles';
import type { TokenRegistry } from '../auth/token-registry';
import { enumMember } from '../common/enums';
import type { EstateConfig } from '../config/config';
import { CLI_CALLER } from './cli-caller';
import { subcommandRequired, UsageError } from './usage-error';

/** Loaded when a command runs, as all the work is: `--help` and usage errors need none of it. */
async function registry(dataSource: DataSource, config: EstateConfig): Promise<TokenRegistry> {
  const [{ ApiTokenRepository }, { AuditLog }, { TokenRegistry }, { EstateConfigService }, { TeamRepository }] =
    await Promise.all([
      import('../auth/api-token.repository'),
      import('../audit/audit-log'),
      import('../auth/token-registry'),
      import('../config/estate-config.service'),
      import('../inventory/team.repository'),
    ]);
  return new TokenRegistry(
    dataSource,
    new ApiTokenRepository(dataSource),
    new TeamRepository(dataSource),
    EstateConfigService.of(config),
    new AuditLog(dataSource),
  );
}

/** What `token list --json` and `token create --json` print of a token: never its secret or hash. */
function tokenJson(t: TokenWithTeam) {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    team: t.teamKey,
    prefix: t.tokenPrefix,
    state: stateOf(t),
    createdAt: isoOrNull(t.createdAt),
    expiresAt: isoOrNull(t.expiresAt),
    revokedAt: isoOrNull(t.revokedAt),
    lastUsedAt: isoOrNull(t.lastUsedAt),
  };
}

function stateOf(t: TokenWithTeam): 'revoked' | 'expired' | 'active' {
  return t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt < new Date() ? 'expired' : 'active';
}

function isoOrNull(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}

interface CreateOptions {
  role: Role;
  team?: string;
  name?: string;
  expires?: Date;
  json?: boolean;
}

@SubCommand({ name: 'create', description: 'Create a token and print its secret (shown once)' })
export class TokenCreateCommand extends CommandRunner {
  async run(_args: string[], options: CreateOptions): Promise<void> {
    if (!options.role) throw new UsageError('--role is required (ADMIN, ARCHITECT, EDITOR or VIEWER)');
    const { withDatabase } = await import('./with-database');
    await withDatabase(async (dataSource, config) => {
      const { token, secret } = await (
        await registry(dataSource, config)
      ).create(
        {
          name: options.name ?? `${options.role.toLowerCase()} token${options.team ? ` of ${options.team}` : ''}`,
          role: options.role,
          team: options.team,
          expiresAt: options.expires,
        },
        CLI_CALLER,
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...tokenJson(token), secret }, null, 2)}\n`);
        return;
      }
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

  @Option({ flags: '--json', description: 'print the token with its secret as JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({ name: 'list', description: 'List tokens (never their secrets)' })
export class TokenListCommand extends CommandRunner {
  async run(_args: string[], options: { all?: boolean; json?: boolean }): Promise<void> {
    const { withDatabase } = await import('./with-database');
    const tokens = await withDatabase(async (dataSource, config) =>
      (await registry(dataSource, config)).list(options.all ?? false),
    );
    if (options.json) {
      process.stdout.write(`${JSON.stringify(tokens.map(tokenJson), null, 2)}\n`);
      return;
    }
    for (const t of tokens) {
      console.log(
        [
          t.id,
          t.tokenPrefix + '…',
          t.role,
          t.teamKey ?? '-',
          stateOf(t),
          isoOrNull(t.lastUsedAt) ?? 'never',
          t.name,
        ].join('\t'),
      );
    }
  }

  @Option({ flags: '--all', description: 'include revoked tokens' })
  parseAll(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print the tokens as JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'revoke',
  arguments: '<id>',
  argsDescription: { id: 'the token (estate token list shows them)' },
  description: 'Revoke a token at once',
})
export class TokenRevokeCommand extends CommandRunner {
  async run([id]: string[]): Promise<void> {
    const { withDatabase } = await import('./with-database');
    await withDatabase(async (dataSource, config) => {
      const token = await (await registry(dataSource, config)).revoke(id, CLI_CALLER);
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
  run(args: string[]): Promise<void> {
    subcommandRequired(this.command, args);
  }
}
