import * as path from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    expect(loadConfig({}, '/srv/estate')).toEqual({
      port: 3000,
      databaseUrl: undefined,
      dataDir: path.resolve('/srv/estate', '.estate'),
      logLevel: 'info',
      migrateOnStart: true,
      adminToken: undefined,
      anonymousRead: false,
      introspection: true,
      compiledQueries: true,
      sqlStatementCounts: true,
      rateLimitPerMinute: 1200,
      statementTimeoutMs: 15000,
      poolTimeoutMs: 4000,
      databaseWaitMs: 60000,
      redisUrl: undefined,
      demo: false,
      mcpWrites: false,
    });
  });

  it('turns introspection off in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ESTATE_INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('counts SQL statements per request unless in production, where it is asked for', () => {
    expect(loadConfig({}).sqlStatementCounts).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).sqlStatementCounts).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ESTATE_SQL_COUNTS: 'true' }).sqlStatementCounts).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        DATABASE_URL: 'postgres://u@db:5432/estate',
        ESTATE_DATA_DIR: '/var/lib/estate',
        LOG_LEVEL: 'DEBUG',
        ESTATE_MIGRATE_ON_START: 'false',
        ESTATE_ADMIN_TOKEN: 'a-long-random-admin-secret-0123',
        ESTATE_ANONYMOUS_READ: '1',
        ESTATE_RATE_LIMIT_PER_MINUTE: '60',
        ESTATE_STATEMENT_TIMEOUT_MS: '2000',
        ESTATE_POOL_TIMEOUT_MS: '1000',
        ESTATE_DATABASE_WAIT_MS: '0',
        REDIS_URL: 'redis://cache:6379/2',
        ESTATE_DEMO: 'true',
        ESTATE_MCP_WRITES: 'true',
        ESTATE_COMPILED_QUERIES: 'false',
        ESTATE_SQL_COUNTS: 'false',
      },
      '/tmp',
    );
    expect(config).toEqual({
      port: 8080,
      databaseUrl: 'postgres://u@db:5432/estate',
      dataDir: '/var/lib/estate',
      logLevel: 'debug',
      migrateOnStart: false,
      adminToken: 'a-long-random-admin-secret-0123',
      anonymousRead: true,
      introspection: true,
      compiledQueries: false,
      sqlStatementCounts: false,
      rateLimitPerMinute: 60,
      statementTimeoutMs: 2000,
      poolTimeoutMs: 1000,
      databaseWaitMs: 0,
      redisUrl: 'redis://cache:6379/2',
      demo: true,
      mcpWrites: true,
    });
  });

  it('keeps the MCP write tools off unless asked for, and names a bad value', () => {
    expect(loadConfig({ ESTATE_MCP_WRITES: 'false' }).mcpWrites).toBe(false);
    expect(() => loadConfig({ ESTATE_MCP_WRITES: 'yes please' })).toThrow(/ESTATE_MCP_WRITES must be true or false/);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ', PORT: '' }).databaseUrl).toBeUndefined();
  });

  it('reports every invalid variable by name', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', ESTATE_ADMIN_TOKEN: 'short' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^PORT /);
    expect(problems[1]).toMatch(/^DATABASE_URL /);
    expect(problems[2]).toMatch(/^LOG_LEVEL /);
    expect(problems[3]).toMatch(/^ESTATE_ADMIN_TOKEN /);
  });
});
