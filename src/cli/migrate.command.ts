import { Command, CommandRunner, Option } from 'nest-commander';
import { loadConfig } from '../config/config';
import { createDataSource } from '../database/data-source';
import { openDatabaseServer } from '../database/database-server';
import { migrateDownOnce, migrateUp } from '../database/migrate';

interface MigrateOptions {
  revert?: boolean;
  status?: boolean;
}

@Command({
  name: 'migrate',
  description: 'Apply pending database migrations (on DATABASE_URL, or the embedded PostgreSQL)',
})
export class MigrateCommand extends CommandRunner {
  async run(_args: string[], options: MigrateOptions): Promise<void> {
    const config = loadConfig(process.env);
    const server = await openDatabaseServer(config, { info: (m) => console.error(m), error: (m) => console.error(m) });
    const dataSource = createDataSource(server.url);
    try {
      await dataSource.initialize();
      if (options.status) {
        const applied = new Set(
          ((await dataSource.query(`SELECT name FROM estate_migrations`).catch(() => [])) as { name: string }[]).map(
            (m) => m.name,
          ),
        );
        for (const migration of dataSource.migrations) {
          console.log(`${applied.has(migration.name!) ? 'applied' : 'pending'}  ${migration.name}`);
        }
      } else if (options.revert) {
        await migrateDownOnce(dataSource);
        console.log('reverted the last migration');
      } else {
        const applied = await migrateUp(dataSource);
        console.log(applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'database is up to date');
      }
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await server.stop();
    }
  }

  @Option({ flags: '--revert', description: 'revert the most recently applied migration' })
  parseRevert(): boolean {
    return true;
  }

  @Option({ flags: '--status', description: 'list migrations as applied or pending' })
  parseStatus(): boolean {
    return true;
  }
}
