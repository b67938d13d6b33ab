import { Command, CommandRunner, Option } from 'nest-commander';
import type { DataSource } from 'typeorm';
import { UsageError } from './usage-error';

interface MigrateOptions {
  revert?: boolean;
  status?: boolean;
  json?: boolean;
}

@Command({
  name: 'migrate',
  description: 'Apply pending database migrations (on DATABASE_URL, or the embedded PostgreSQL)',
})
export class MigrateCommand extends CommandRunner {
  async run(_args: string[], options: MigrateOptions): Promise<void> {
    if (options.revert && options.status) throw new UsageError('give --revert or --status, not both');
    // Loaded when the command runs, as all the work is: `--help` and usage errors need none of it.
    const [{ migrateDownOnce, migrateUp }, { withDatabase }] = await Promise.all([
      import('../database/migrate'),
      import('./with-database'),
    ]);
    const print = (data: object, text: string) =>
      process.stdout.write(options.json ? `${JSON.stringify(data, null, 2)}\n` : `${text}\n`);
    await withDatabase(
      async (dataSource) => {
        if (options.status) {
          const applied = new Set(await appliedMigrations(dataSource));
          const migrations = dataSource.migrations.map((m) => ({ name: m.name!, applied: applied.has(m.name!) }));
          print({ migrations }, migrations.map((m) => `${m.applied ? 'applied' : 'pending'}  ${m.name}`).join('\n'));
        } else if (options.revert) {
          const [last] = (await appliedMigrations(dataSource)).slice(-1);
          if (last !== undefined) await migrateDownOnce(dataSource);
          print({ reverted: last ?? null }, last === undefined ? 'no migration to revert' : `reverted ${last}`);
        } else {
          const applied = (await migrateUp(dataSource)).map((m) => m.name);
          print(
            { applied },
            applied.length ? applied.map((name) => `applied ${name}`).join('\n') : 'database is up to date',
          );
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

  @Option({ flags: '--json', description: 'print what was applied, reverted or listed as JSON' })
  parseJson(): boolean {
    return true;
  }
}

/** Names of the applied migrations, oldest first; none on a database never migrated. */
async function appliedMigrations(dataSource: DataSource): Promise<string[]> {
  const rows = (await dataSource.query(`SELECT name FROM estate_migrations ORDER BY id`).catch(() => [])) as {
    name: string;
  }[];
  return rows.map((r) => r.name);
}
