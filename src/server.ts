import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import type { Caller } from './audit/audit-log';
import { Role } from './auth/roles';
import { DomainError, ErrorCode } from './common/errors';
import { generateDemoEstate } from './demo/demo-estate';
import { loadDemoEstate } from './demo/demo-loader';
import { loadConfig, type EstateConfig } from './config/config';
import { openDatabaseServer, type DatabaseServer } from './database/database-server';
import { waitForDatabase } from './database/wait-for-database';

/**
 * Room for a 25 MiB schema file (importServiceSchema) once JSON-escaped. Only
 * requests that carry a token may send more than UNAUTHENTICATED_BODY_BYTES,
 * so an anonymous client cannot make the server buffer large bodies.
 */
const MAX_REQUEST_BODY = '64mb';
const UNAUTHENTICATED_BODY_BYTES = 10 * 1024 * 1024;

export interface RunningEstate {
  app: INestApplication;
  database: DatabaseServer;
  url: string;
  stop(): Promise<void>;
}

/** Creates the Nest application on an already running database. Used by `serve` and by tests. */
export async function createApp(databaseUrl: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ databaseUrl }), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  app.use(refuseLargeAnonymousBodies);
  app.useBodyParser('json', { limit: MAX_REQUEST_BODY });
  return app;
}

function refuseLargeAnonymousBodies(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > UNAUTHENTICATED_BODY_BYTES && !req.headers.authorization) {
    res.writeHead(413, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        errors: [
          {
            message: `Requests over ${UNAUTHENTICATED_BODY_BYTES / 1024 / 1024} MiB need an API token (Authorization: Bearer …)`,
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      }),
    );
    return;
  }
  next();
}

/**
 * Starts the database (embedded unless DATABASE_URL is set), waits until it
 * answers (ESTATE_DATABASE_WAIT_MS), then the app. Stopping closes the app first
 * (in-flight requests finish, connections close), then the embedded PostgreSQL,
 * so nothing is lost or orphaned.
 */
export async function startEstate(config: EstateConfig, stopRequested?: AbortSignal): Promise<RunningEstate> {
  const log = pino({ level: config.logLevel, name: 'estate' });
  const database = await openDatabaseServer(config, {
    info: (m) => log.info(m),
    error: (m) => log.error(m),
  });
  let app: NestExpressApplication;
  try {
    await waitForDatabase(database.url, {
      waitMs: config.databaseWaitMs,
      log: { info: (m) => log.info(m), warn: (m) => log.warn(m) },
      signal: stopRequested,
    });
    app = await createApp(database.url);
    await app.listen(config.port, '0.0.0.0');
  } catch (error) {
    await database.stop();
    throw error;
  }
  if (config.demo) await loadDemoIfEmpty(app.get(DataSource), log);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://localhost:${address.port}`;
  log.info(`Estate is serving GraphQL at ${url}/graphql`);
  let stopping: Promise<void> | undefined;
  return {
    app,
    database,
    url,
    stop: () =>
      (stopping ??= (async () => {
        await app.close();
        await database.stop();
        log.info('Estate stopped');
      })()),
  };
}

/** ESTATE_DEMO=1: an empty database gets the demo estate; one that holds services is left alone. */
async function loadDemoIfEmpty(dataSource: DataSource, log: pino.Logger): Promise<void> {
  try {
    const summary = await loadDemoEstate(dataSource, generateDemoEstate(), DEMO_CALLER);
    log.info(`ESTATE_DEMO: loaded the demo estate (${summary.services} services) in ${summary.seconds.toFixed(1)} s`);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== ErrorCode.CONFLICT) throw error;
    log.info(`ESTATE_DEMO: ${error.message}; left as it is`);
  }
}

const DEMO_CALLER: Caller = {
  actor: { tokenId: null, name: 'estate demo', role: Role.ADMIN, teamId: null, teamKey: null },
  requestId: null,
};

/** Signals that end Estate in order (app, then database). */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * `npm start` / `estate serve`: run until a stop signal, then shut down in
 * order. The handlers are in place before the database starts, so a signal
 * during start-up also ends in a clean stop.
 */
export async function serveUntilSignalled(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(env);
  const state: { estate?: RunningEstate; stopRequested?: NodeJS.Signals } = {};
  const stopNow = (signal: NodeJS.Signals, running: RunningEstate) =>
    running
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(`shutdown after ${signal} failed`, error);
        process.exit(1);
      });
  const stopping = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.stopRequested) return;
    state.stopRequested = signal;
    if (state.estate) void stopNow(signal, state.estate);
    else stopping.abort();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    state.estate = await startEstate(config, stopping.signal);
  } catch (error) {
    // Stopped while still waiting for the database: nothing was started, so nothing to stop.
    if (stopping.signal.aborted && (error as Error).name === 'AbortError') process.exit(0);
    throw error;
  }
  if (state.stopRequested) await stopNow(state.stopRequested, state.estate);
}
