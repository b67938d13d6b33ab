import { Module } from '@nestjs/common';
import { SubcommandExitCodes } from './exit';
import { ExportCommand, ImportCommand } from './catalog.command';
import { DemoCommand } from './demo.command';
import { McpCommand } from './mcp.command';
import { MigrateCommand } from './migrate.command';
import { PlanCommand, PlanListCommand } from './plan.command';
import { ReportCommand } from './report.command';
import { SchemaCommand, SchemaImportCommand, SchemaMatchCommand } from './schema.command';
import { ScoreCommand } from './score.command';
import { ServeCommand } from './serve.command';
import { TokenCommand, TokenCreateCommand, TokenListCommand, TokenRevokeCommand } from './token.command';
import { UnifiedCommand, UnifiedExportCommand, UnifiedImportCommand } from './unified.command';

/** Commands only; each command opens what it needs (database, app) itself. */
@Module({
  providers: [
    SubcommandExitCodes,
    DemoCommand,
    ExportCommand,
    ImportCommand,
    McpCommand,
    MigrateCommand,
    PlanCommand,
    PlanListCommand,
    ReportCommand,
    SchemaCommand,
    SchemaImportCommand,
    SchemaMatchCommand,
    ScoreCommand,
    ServeCommand,
    TokenCommand,
    TokenCreateCommand,
    TokenListCommand,
    TokenRevokeCommand,
    UnifiedCommand,
    UnifiedExportCommand,
    UnifiedImportCommand,
  ],
})
export class CliModule {}
