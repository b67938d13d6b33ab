import * as path from 'node:path';

/** Validated configuration. Only this folder reads `process.env`. */
export interface EstateConfig {
  port: number;
  /** Set: Estate uses this PostgreSQL. Unset: Estate starts an embedded one under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: LogLevel;
  /** Run pending migrations when the app starts (default true). */
  migrateOnStart: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses and validates the environment; reports every problem at once. */
export function loadConfig(env: Env, cwd = process.cwd()): EstateConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  };

  const port = parsePort(value('PORT'), problems);

  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/[^\s]+$/.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// connection URL');
  }

  const logLevel = (value('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }

  const migrateRaw = (value('ESTATE_MIGRATE_ON_START') ?? 'true').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(migrateRaw)) {
    problems.push('ESTATE_MIGRATE_ON_START must be true or false');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    databaseUrl,
    dataDir: path.resolve(cwd, value('ESTATE_DATA_DIR') ?? '.estate'),
    logLevel: logLevel as LogLevel,
    migrateOnStart: migrateRaw === 'true' || migrateRaw === '1',
  };
}

function parsePort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return 3000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 0 || port > 65535) {
    problems.push(`PORT must be an integer between 0 and 65535 (got "${raw}")`);
    return 0;
  }
  return port;
}
