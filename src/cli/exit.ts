import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Command } from 'commander';
import { InjectCommander } from 'nest-commander';
import { UsageError } from './usage-error';

/** Exit codes: 0 done, 1 the work failed, 2 the command line was wrong. */
const FAILED = 1;
const USAGE = 2;

const PROGRAM = 'estate';

/** Commander's own errors about the command line (its help and version exit with their own code, 0). */
const COMMANDER_USAGE = new Set([
  'commander.unknownOption',
  'commander.unknownCommand',
  'commander.missingArgument',
  'commander.optionMissingArgument',
  'commander.missingMandatoryOptionValue',
  'commander.excessArguments',
  'commander.invalidArgument',
  'commander.conflictingOption',
]);

/**
 * The command line being run, as far as it names a command (`estate plan list`): where a usage
 * error's hint points. One process runs one command line, so one value serves.
 */
let running = PROGRAM;

/** Ends the process for an error: its message on stderr, and the exit code its kind calls for. */
export function exitOnError(error: unknown): never {
  const commander = error as { code?: string; exitCode?: number };
  if (typeof commander.code === 'string' && commander.code.startsWith('commander.')) {
    // Commander has printed its message (or, for a command run without its subcommand, its help) already.
    const usage =
      COMMANDER_USAGE.has(commander.code) || (commander.code === 'commander.help' && commander.exitCode !== 0);
    process.exit(usage ? USAGE : (commander.exitCode ?? FAILED));
  }
  if (error instanceof Error) {
    console.error(`${PROGRAM}: ${error.message}`);
    if (error instanceof UsageError) {
      console.error(seeHelp(running));
      process.exit(USAGE);
    }
    if (process.env.LOG_LEVEL === 'debug') console.error(error.stack);
  } else {
    console.error(`${PROGRAM}:`, error);
  }
  process.exit(FAILED);
}

function seeHelp(commandLine: string): string {
  return `(see ${commandLine} --help)`;
}

/** `estate plan list`: the command's name after its parents'. */
function commandLineOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.parent ? c.name() : PROGRAM);
  return names.join(' ');
}

/**
 * Makes every command behave alike on a wrong command line. nest-commander hands its error handler
 * to the root command only, after the subcommands exist, so Commander would end a subcommand's usage
 * errors itself with exit code 1: every command gets it. Commander's messages begin as Estate's do
 * and end by pointing at the command's own --help, as a UsageError's do; and the program is called
 * `estate` however it was started (bin/estate.js, dist/src/cli.js). A reader that stops reading
 * (`estate score --all | head`) ends the command quietly, not with a stack trace.
 */
@Injectable()
export class SubcommandExitCodes implements OnApplicationBootstrap {
  constructor(@InjectCommander() private readonly commander: Command) {}

  onApplicationBootstrap(): void {
    process.stdout.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' ? process.exit(0) : exitOnError(error),
    );
    this.commander
      .name(PROGRAM)
      .description(
        "Catalog of an organisation's software estate: inventory, unified schema mapping, retirement scoring " +
          'and migration planning',
      );
    const everyCommand = (command: Command): void => {
      command.exitOverride(exitOnError);
      command.showHelpAfterError(seeHelp(commandLineOf(command)));
      command.configureOutput({
        outputError: (message, write) => write(message.replace(/^error: /, `${PROGRAM}: `)),
      });
      // Option values are parsed (and a UsageError thrown) only once the subcommand is chosen.
      if (command.commands.length)
        command.hook('preSubcommand', (_parent, subcommand) => {
          running = commandLineOf(subcommand);
        });
      command.commands.forEach(everyCommand);
    };
    everyCommand(this.commander);
  }
}
