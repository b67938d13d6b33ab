import { Injectable } from '@nestjs/common';
import { version as ESTATE_VERSION } from '../../package.json';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AuditLog } from '../audit/audit-log';
import { InventoryLoaderFactory } from '../inventory/inventory.loaders';
import { ServiceCatalog } from '../inventory/service-catalog';
import { MigrationPlanner } from '../planning/migration-planner';
import { Reports } from '../planning/reports';
import { SchemaLoaderFactory } from '../schemas/schema.loaders';
import { SchemaRepository } from '../schemas/schema.repository';
import { ScoringService } from '../scoring/scoring.service';
import { CoverageLoaderFactory } from '../unified/coverage.loaders';
import { DataDictionaryService } from '../unified/dictionary/data-dictionary.service';
import { MappingService } from '../unified/mapping.service';
import { UnifiedSchemaService } from '../unified/unified-schema.service';
import { UnifiedLoaderFactory } from '../unified/unified.loaders';
import { registerInventoryTools } from './inventory.tools';
import type { McpSession } from './mcp-session';
import { registerPlanTools } from './plan.tools';
import { registerPrompts } from './prompts';
import { registerResources } from './resources';
import { registerRetirementTools } from './retirement.tools';
import type { EstateServices, ToolContext } from './tool-context';
import { ToolRunner } from './tool-runner';
import { registerUnifiedTools } from './unified.tools';

const INSTRUCTIONS = `Estate is the catalog of an organisation's software estate: its services (SaaS, internal tools,
platforms, data stores) with owners, costs, usage and integrations; the data each service holds; one unified schema
that the data is mapped onto; retirement and AI-readiness scores; and migration plans. Services are named by key
(e.g. "salesforce"), unified fields as Entity.field (e.g. "Contact.email"). Start with search_estate when a name is
loose. Tools read; writes exist only where the server enables them and the caller's role allows them.`;

/**
 * Estate as an MCP server: the tools, resources and prompts, each a thin shell over the services
 * GraphQL uses. A server is made per session (per HTTP request, or once for stdio) for one caller,
 * whose permissions every tool call is checked against.
 */
@Injectable()
export class EstateMcp implements EstateServices {
  constructor(
    readonly catalog: ServiceCatalog,
    readonly inventoryLoaders: InventoryLoaderFactory,
    readonly schemas: SchemaRepository,
    readonly schemaLoaders: SchemaLoaderFactory,
    readonly unified: UnifiedSchemaService,
    readonly unifiedLoaders: UnifiedLoaderFactory,
    readonly coverageLoaders: CoverageLoaderFactory,
    readonly mappings: MappingService,
    readonly scoring: ScoringService,
    readonly planner: MigrationPlanner,
    readonly reports: Reports,
    readonly dictionary: DataDictionaryService,
    readonly audit: AuditLog,
  ) {}

  server(session: McpSession): McpServer {
    const server = new McpServer(
      { name: 'estate', title: 'Estate', version: ESTATE_VERSION },
      { instructions: INSTRUCTIONS.replace(/\n/g, ' ') },
    );
    const ctx: ToolContext = { estate: this, run: new ToolRunner(session, this.audit) };
    registerInventoryTools(server, ctx);
    registerUnifiedTools(server, ctx);
    registerRetirementTools(server, ctx);
    registerPlanTools(server, ctx);
    registerResources(server, ctx);
    registerPrompts(server);
    return server;
  }
}
