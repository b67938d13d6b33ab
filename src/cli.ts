import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli/cli.module';
import { exitOnError } from './cli/exit';

CommandFactory.run(CliModule, { logger: ['error'], errorHandler: exitOnError, serviceErrorHandler: exitOnError }).catch(
  exitOnError,
);
