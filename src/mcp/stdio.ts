import { Module, type DynamicModule, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { DataSource } from 'typeorm';
import { Role } from '../auth/roles';
import type { EstateConfig } from '../config/config';
import { EstateConfigService } from '../config/estate-config.service';
import { EstateMcp } from './estate-mcp';
import { McpToolsModule } from './mcp.module';
import type { McpSession } from './mcp-session';

/** The CLI's database and configuration, given to the modules that the app wires through TypeORM and env validation. */
@Module({})
class StdioHostModule {
  static on(dataSource: DataSource, config: EstateConfig): DynamicModule {
    return {
      module: StdioHostModule,
      global: true,
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: EstateConfigService, useValue: EstateConfigService.of(config) },
      ],
      exports: [DataSource, EstateConfigService],
    };
  }
}

@Module({})
class StdioMcpModule {
  static on(dataSource: DataSource, config: EstateConfig): DynamicModule {
    return { module: StdioMcpModule, imports: [StdioHostModule.on(dataSource, config), McpToolsModule] };
  }
}

/** Standard output carries the protocol: every log line goes to standard error. */
const STDERR_LOGGER: LoggerService = {
  log: (message: unknown) => writeLog('info', message),
  error: (message: unknown) => writeLog('error', message),
  warn: (message: unknown) => writeLog('warn', message),
};

function writeLog(level: string, message: unknown): void {
  process.stderr.write(`estate mcp ${level}: ${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
}

/**
 * Serves Estate over stdio until the client closes standard input (or a stop signal): the transport a
 * desktop assistant uses when it starts `estate mcp` itself. The caller is the CLI, with the
 * database's authority; it only reads unless writes are allowed twice over: --allow-writes on the
 * command line and ESTATE_MCP_WRITES=true in the environment.
 */
export async function serveMcpOverStdio(
  dataSource: DataSource,
  config: EstateConfig,
  options: { allowWrites: boolean },
): Promise<void> {
  const writesEnabled = options.allowWrites && config.mcpWrites;
  if (options.allowWrites && !config.mcpWrites) {
    writeLog('warn', '--allow-writes has no effect unless ESTATE_MCP_WRITES=true; serving read-only');
  }
  const app = await NestFactory.createApplicationContext(StdioMcpModule.on(dataSource, config), {
    logger: STDERR_LOGGER,
    abortOnError: false,
  });
  try {
    const session: McpSession = {
      caller: {
        actor: {
          tokenId: null,
          name: 'estate mcp (stdio)',
          role: writesEnabled ? Role.ADMIN : Role.VIEWER,
          teamId: null,
          teamKey: null,
        },
        requestId: null,
      },
      anonymousRead: false,
      writesEnabled,
    };
    const server = app.get(EstateMcp).server(session);
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = resolve;
      process.stdin.once('end', resolve);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, resolve);
    });
    await server.connect(transport);
    writeLog('info', `serving Estate over stdio (${writesEnabled ? 'writes allowed' : 'read-only'})`);
    await closed;
    await server.close();
  } finally {
    await app.close();
  }
}
