import { Command, CommandRunner } from 'nest-commander';
import { serveUntilSignalled } from '../server';

@Command({
  name: 'serve',
  description: 'Serve GraphQL (and start the embedded PostgreSQL when DATABASE_URL is unset)',
})
export class ServeCommand extends CommandRunner {
  async run(): Promise<void> {
    await serveUntilSignalled();
  }
}
