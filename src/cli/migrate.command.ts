import { Command, CommandRunner, Option } from 'nest-commander';
import { migrateDownOnce, migrateUp } from '../database/migrate';
import { withDatabase } from './with-database';

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
    await withDatabase(
      async (dataSource) => {
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
      },
      { migrate: false },
    );
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
