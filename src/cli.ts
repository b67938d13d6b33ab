import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli/cli.module';

function fail(error: unknown): never {
  // Commander signals --help, --version and usage errors as errors carrying their own exit code.
  const commander = error as { code?: string; exitCode?: number };
  if (typeof commander.code === 'string' && commander.code.startsWith('commander.')) {
    process.exit(commander.exitCode ?? 1);
  }
  if (error instanceof Error) {
    console.error(`estate: ${error.message}`);
    if (process.env.LOG_LEVEL === 'debug') console.error(error.stack);
  } else {
    console.error('estate:', error);
  }
  process.exit(1);
}

CommandFactory.run(CliModule, { logger: ['error'], errorHandler: fail, serviceErrorHandler: fail }).catch(fail);
