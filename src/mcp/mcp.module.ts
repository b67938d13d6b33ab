import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { InventoryModule } from '../inventory/inventory.module';
import { PlanningModule } from '../planning/planning.module';
import { SchemasModule } from '../schemas/schemas.module';
import { ScoringModule } from '../scoring/scoring.module';
import { UnifiedModule } from '../unified/unified.module';
import { EstateMcp } from './estate-mcp';
import { McpController } from './mcp.controller';

/** Estate's MCP tools, resources and prompts, without a transport: what `/mcp` and `estate mcp` (stdio) serve. */
@Module({
  imports: [AuditModule, InventoryModule, SchemasModule, UnifiedModule, ScoringModule, PlanningModule],
  providers: [EstateMcp],
  exports: [EstateMcp],
})
export class McpToolsModule {}

/** The MCP endpoint at `/mcp` (Streamable HTTP), behind the same tokens, roles and rate limits as GraphQL. */
@Module({
  imports: [McpToolsModule],
  controllers: [McpController],
})
export class McpModule {}
