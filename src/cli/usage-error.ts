import type { Command } from 'commander';

/**
 * The command line itself is wrong (an option's value, a missing or extra argument): exit code 2,
 * as for Commander's own usage errors. Failures of the work (a file that does not parse, a service
 * that does not exist) stay plain errors: exit code 1.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * What a command that only groups subcommands (`estate token`) does when run: without a
 * subcommand it prints its help on stderr and exits 2, as `estate` alone does; with a word that
 * is none of its subcommands, that is a usage error.
 */
export function subcommandRequired(command: Command, args: string[]): never {
  if (args.length === 0) command.help({ error: true });
  const known = command.commands.map((c) => c.name()).join(', ');
  throw new UsageError(`unknown command '${args[0]}' (${command.name()} has ${known})`);
}

/**
 * `--json` is short for `--format json`: the format to use, given `json` for the JSON one; a
 * usage error when `--format` names another.
 */
export function formatOrJson<F extends string>(
  format: F | undefined,
  json: boolean | undefined,
  jsonFormat: F,
): F | undefined {
  if (!json) return format;
  if (format !== undefined && format !== jsonFormat)
    throw new UsageError(
      `--json is short for --format json: give --json or --format ${format.toLowerCase()}, not both`,
    );
  return jsonFormat;
}
