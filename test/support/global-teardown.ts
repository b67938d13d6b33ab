import * as fs from 'node:fs';
import { Client } from 'pg';
import { ADMIN_URL_ENV } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__ESTATE_TEST__;
  if (!state) return;
  const client = new Client({ connectionString: process.env[ADMIN_URL_ENV] });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $1 || '\\_%'`,
      [state.template],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await state.server.stop();
  if (state.scratchDir) fs.rmSync(state.scratchDir, { recursive: true, force: true });
}
