import { Command, CommandRunner } from 'nest-commander';

@Command({
  name: 'serve',
  description: 'Serve GraphQL (and start the embedded PostgreSQL when DATABASE_URL is unset)',
})
export class ServeCommand extends CommandRunner {
  async run(): Promise<void> {
    // Loaded when the command runs: the other commands and --help need none of the server.
    const { serveUntilSignalled } = await import('../server');
    await serveUntilSignalled();
  }
}
