import type { DataSource } from 'typeorm';
import { loadConfig, type EstateConfig } from '../config/config';
import { createDataSource } from '../database/data-source';
import { openDatabaseServer } from '../database/database-server';
import { migrateUp } from '../database/migrate';

/**
 * Runs CLI work on Estate's database (DATABASE_URL, or the embedded one, started
 * and stopped around the work), migrated first unless `migrate` is false.
 */
export async function withDatabase<T>(
  work: (dataSource: DataSource, config: EstateConfig) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig(process.env);
  const server = await openDatabaseServer(config, { info: (m) => console.error(m), error: (m) => console.error(m) });
  const dataSource = createDataSource(server.url);
  try {
    await dataSource.initialize();
    if (options.migrate !== false) await migrateUp(dataSource);
    return await work(dataSource, config);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await server.stop();
  }
}
