import { Module } from '@nestjs/common';
import { MigrateCommand } from './migrate.command';
import { ServeCommand } from './serve.command';

/** Commands only; each command opens what it needs (database, app) itself. */
@Module({ providers: [MigrateCommand, ServeCommand] })
export class CliModule {}
