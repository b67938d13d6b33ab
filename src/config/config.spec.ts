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
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        DATABASE_URL: 'postgres://u@db:5432/estate',
        ESTATE_DATA_DIR: '/var/lib/estate',
        LOG_LEVEL: 'DEBUG',
        ESTATE_MIGRATE_ON_START: 'false',
      },
      '/tmp',
    );
    expect(config).toEqual({
      port: 8080,
      databaseUrl: 'postgres://u@db:5432/estate',
      dataDir: '/var/lib/estate',
      logLevel: 'debug',
      migrateOnStart: false,
    });
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ', PORT: '' }).databaseUrl).toBeUndefined();
  });

  it('reports every invalid variable by name', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^PORT /);
    expect(problems[1]).toMatch(/^DATABASE_URL /);
    expect(problems[2]).toMatch(/^LOG_LEVEL /);
  });
});
