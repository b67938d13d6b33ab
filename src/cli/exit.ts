import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Command } from 'commander';
import { InjectCommander } from 'nest-commander';
import { UsageError } from './usage-error';

/** Exit codes: 0 done, 1 the work failed, 2 the command line was wrong. */
const FAILED = 1;
const USAGE = 2;

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

/** Ends the process for an error: its message on stderr, and the exit code its kind calls for. */
export function exitOnError(error: unknown): never {
  const commander = error as { code?: string; exitCode?: number };
  if (typeof commander.code === 'string' && commander.code.startsWith('commander.')) {
    // Commander has printed its message already.
    process.exit(COMMANDER_USAGE.has(commander.code) ? USAGE : (commander.exitCode ?? FAILED));
  }
  if (error instanceof Error) {
    console.error(`estate: ${error.message}`);
    if (error instanceof UsageError) {
      console.error('(see estate --help, or estate <command> --help)');
      process.exit(USAGE);
    }
    if (process.env.LOG_LEVEL === 'debug') console.error(error.stack);
  } else {
    console.error('estate:', error);
  }
  process.exit(FAILED);
}

/**
 * nest-commander hands its error handler to the root command only, after the subcommands exist,
 * so Commander would end a subcommand's usage errors itself with exit code 1: hand it to every one.
 */
@Injectable()
export class SubcommandExitCodes implements OnApplicationBootstrap {
  constructor(@InjectCommander() private readonly commander: Command) {}

  onApplicationBootstrap(): void {
    const everyCommand = (command: Command): void => {
      command.exitOverride(exitOnError);
      command.commands.forEach(everyCommand);
    };
    everyCommand(this.commander);
  }
}
