import { Module } from '@nestjs/common';
import { MigrateCommand } from './migrate.command';
import { SchemaCommand, SchemaImportCommand } from './schema.command';
import { ServeCommand } from './serve.command';
import { TokenCommand, TokenCreateCommand, TokenListCommand, TokenRevokeCommand } from './token.command';

/** Commands only; each command opens what it needs (database, app) itself. */
@Module({
  providers: [
    MigrateCommand,
    SchemaCommand,
    SchemaImportCommand,
    ServeCommand,
    TokenCommand,
    TokenCreateCommand,
    TokenListCommand,
    TokenRevokeCommand,
  ],
})
export class CliModule {}
