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
  /** Accepted as an admin token (automation, CI). Unset: the first start creates and prints one. */
  adminToken: string | undefined;
  /** Let requests without a token read (never write). */
  anonymousRead: boolean;
  /** GraphQL introspection; off by default when NODE_ENV=production. */
  introspection: boolean;
  /** Run queries seen before as compiled JavaScript (graphql-jit) rather than graphql-js' interpreter. */
  compiledQueries: boolean;
  /** Count each request's SQL statements for its log line; off by default when NODE_ENV=production. */
  sqlStatementCounts: boolean;
  /** Requests per minute per token (per address for requests without one). */
  rateLimitPerMinute: number;
  /** PostgreSQL statement_timeout: a stuck query fails after this long. */
  statementTimeoutMs: number;
  /** How long a request waits for a free database connection before failing. */
  poolTimeoutMs: number;
  /** How long start-up waits for the database to accept connections (retrying) before giving up. */
  databaseWaitMs: number;
  /** Set: rate-limit counters live in this Redis, shared by all instances. Unset: in memory. */
  redisUrl: string | undefined;
  /** Load the demo estate at start-up when the database holds no services yet. */
  demo: boolean;
  /** Offer the MCP write tools (e.g. confirm_mapping); each call still needs the caller's permission. */
  mcpWrites: boolean;
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

  const migrateOnStart = parseBoolean('ESTATE_MIGRATE_ON_START', value('ESTATE_MIGRATE_ON_START'), true, problems);
  const anonymousRead = parseBoolean('ESTATE_ANONYMOUS_READ', value('ESTATE_ANONYMOUS_READ'), false, problems);
  const demo = parseBoolean('ESTATE_DEMO', value('ESTATE_DEMO'), false, problems);
  const mcpWrites = parseBoolean('ESTATE_MCP_WRITES', value('ESTATE_MCP_WRITES'), false, problems);

  const production = value('NODE_ENV') === 'production';
  const introspection = parseBoolean('ESTATE_INTROSPECTION', value('ESTATE_INTROSPECTION'), !production, problems);
  const compiledQueries = parseBoolean('ESTATE_COMPILED_QUERIES', value('ESTATE_COMPILED_QUERIES'), true, problems);
  // Counting follows each request through every promise it makes (AsyncLocalStorage): ~15% more CPU on large reads.
  const sqlStatementCounts = parseBoolean('ESTATE_SQL_COUNTS', value('ESTATE_SQL_COUNTS'), !production, problems);
  const rateLimitPerMinute = parseInteger(
    'ESTATE_RATE_LIMIT_PER_MINUTE',
    value('ESTATE_RATE_LIMIT_PER_MINUTE'),
    1200,
    1,
    problems,
  );
  const statementTimeoutMs = parseInteger(
    'ESTATE_STATEMENT_TIMEOUT_MS',
    value('ESTATE_STATEMENT_TIMEOUT_MS'),
    15000,
    1,
    problems,
  );
  // 4 s of waiting leaves room for the request's own work: one that finds no free connection fails within 5 s.
  const poolTimeoutMs = parseInteger('ESTATE_POOL_TIMEOUT_MS', value('ESTATE_POOL_TIMEOUT_MS'), 4000, 1, problems);
  const databaseWaitMs = parseInteger('ESTATE_DATABASE_WAIT_MS', value('ESTATE_DATABASE_WAIT_MS'), 60000, 0, problems);

  const redisUrl = value('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  }

  const adminToken = value('ESTATE_ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 24) {
    problems.push('ESTATE_ADMIN_TOKEN must be at least 24 characters (use a random secret)');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    databaseUrl,
    dataDir: path.resolve(cwd, value('ESTATE_DATA_DIR') ?? '.estate'),
    logLevel: logLevel as LogLevel,
    migrateOnStart,
    adminToken,
    anonymousRead,
    introspection,
    compiledQueries,
    sqlStatementCounts,
    rateLimitPerMinute,
    statementTimeoutMs,
    poolTimeoutMs,
    databaseWaitMs,
    redisUrl,
    demo,
    mcpWrites,
  };
}

function parseInteger(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  problems: string[],
): number {
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!/^\d+$/.test(raw) || parsed < min || !Number.isSafeInteger(parsed)) {
    problems.push(`${name} must be an integer of at least ${min} (got "${raw}")`);
    return fallback;
  }
  return parsed;
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined) return fallback;
  const normalised = raw.toLowerCase();
  if (['true', '1'].includes(normalised)) return true;
  if (['false', '0'].includes(normalised)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
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
