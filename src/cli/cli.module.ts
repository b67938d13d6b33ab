import { Module } from '@nestjs/common';
import { MigrateCommand } from './migrate.command';
import { ServeCommand } from './serve.command';
import { TokenCommand, TokenCreateCommand, TokenListCommand, TokenRevokeCommand } from './token.command';

/** Commands only; each command opens what it needs (database, app) itself. */
@Module({
  providers: [MigrateCommand, ServeCommand, TokenCommand, TokenCreateCommand, TokenListCommand, TokenRevokeCommand],
})
export class CliModule {}
