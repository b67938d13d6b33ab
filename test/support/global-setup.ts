import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/config';
import { createDataSource } from '../../src/database/data-source';
import { startEmbeddedPostgres, type DatabaseServer } from '../../src/database/database-server';
import { migrateUp } from '../../src/database/migrate';
import { ADMIN_URL_ENV, TEMPLATE_ENV, adminQuery, withDatabase } from './test-database';

interface TestServerState {
  server: DatabaseServer;
  template: string;
  scratchDir?: string;
}

declare global {
  var __ESTATE_TEST__: TestServerState | undefined;
}

/**
 * DATABASE_URL set: tests use that PostgreSQL server. Unset: an embedded one in a
 * scratch folder. Either way one migrated template database is cloned per test file.
 */
export default async function globalSetup(): Promise<void> {
  const config = loadConfig(process.env);
  let server: DatabaseServer;
  let scratchDir: string | undefined;
  if (config.databaseUrl) {
    server = { url: config.databaseUrl, embedded: false, stop: () => Promise.resolve() };
  } else {
    scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-test-pg-'));
    fs.chmodSync(scratchDir, 0o755);
    server = await startEmbeddedPostgres(path.join(scratchDir, 'pg'), {
      info: () => undefined,
      error: (m) => console.error(m),
    });
  }
  const adminUrl = withDatabase(server.url, 'postgres');
  const template = `estate_test_${process.pid}`;
  await dropLeftovers(adminUrl);
  await adminQuery(adminUrl, `CREATE DATABASE "${template}"`);
  const dataSource = createDataSource(withDatabase(adminUrl, template));
  await dataSource.initialize();
  await migrateUp(dataSource);
  await dataSource.destroy();

  process.env[ADMIN_URL_ENV] = adminUrl;
  process.env[TEMPLATE_ENV] = template;
  globalThis.__ESTATE_TEST__ = { server, template, scratchDir };
}

/** Databases of earlier runs that were killed before their teardown. */
async function dropLeftovers(adminUrl: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'estate\\_test\\_%'`,
    );
    for (const { datname } of rows) {
      const pid = Number(/^estate_test_(\d+)/.exec(datname)?.[1]);
      if (pid && pid !== process.pid && !isAlive(pid)) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
