import { Command, CommandRunner, Option } from 'nest-commander';
import { UsageError } from './usage-error';

interface McpCommandOptions {
  allowWrites?: boolean;
}

@Command({
  name: 'mcp',
  description:
    'Serve Estate to an MCP client (a desktop assistant) over stdio: tools, resources and prompts on the ' +
    "CLI's database; read-only unless --allow-writes and ESTATE_MCP_WRITES=true",
})
export class McpCommand extends CommandRunner {
  async run(args: string[], options: McpCommandOptions): Promise<void> {
    if (args.length) throw new UsageError(`mcp takes no arguments (got "${args.join(' ')}")`);
    // Loaded when the command runs, as all the work is: `--help` and usage errors need none of it.
    const [{ withDatabase }, { serveMcpOverStdio }] = await Promise.all([
      import('./with-database'),
      import('../mcp/stdio'),
    ]);
    await withDatabase((dataSource, config) =>
      serveMcpOverStdio(dataSource, config, { allowWrites: options.allowWrites ?? false }),
    );
  }

  @Option({
    flags: '--allow-writes',
    description: 'offer the write tools (confirm_mapping) too; needs ESTATE_MCP_WRITES=true as well',
  })
  parseAllowWrites(): boolean {
    return true;
  }
}
