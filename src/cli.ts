import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli/cli.module';
import { ConfigError } from './config/config';

function fail(error: unknown): never {
  // Commander signals --help, --version and usage errors as errors carrying their own exit code.
  const commander = error as { code?: string; exitCode?: number };
  if (typeof commander.code === 'string' && commander.code.startsWith('commander.')) {
    process.exit(commander.exitCode ?? 1);
  }
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

CommandFactory.run(CliModule, { logger: ['error'], errorHandler: fail, serviceErrorHandler: fail }).catch(fail);
