import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NatsOptions } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { loadConfig } from './config';
import { createLogger } from './logger/create-logger';
import { NatsLink } from './nats/nats-link';
import { watchTransport } from './nats/transport-watch';
import { PinoNestLogger } from './logger/pino-nest-logger';
import { natsTransportOptions } from './nats/transport-options';

/** Upper bound for a clean stop; the conventions require exit within 1 s. */
const SHUTDOWN_LIMIT_MS = 900;

/** Set once the transport listens; before that a signal has nothing to drain. */
let running: { app: INestApplication; transport: NatsConnection } | undefined;
let stopping = false;

async function stop(logger: Logger, signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  setTimeout(() => {
    logger.warn('shutdown took too long; exiting');
    process.exit(0);
  }, SHUTDOWN_LIMIT_MS).unref();
  try {
    if (running) {
      // Drain the transport first so replies in flight are sent; Nest's close then closes it,
      // the HTTP server, and runs the shutdown hooks, which drain the controller's own connection.
      await running.transport.drain().catch(() => undefined);
      await running.app.close();
    }
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}

/** The port the HTTP server actually listens on (differs from the config when it asked for 0). */
function listeningPort(app: INestApplication): number | undefined {
  const server: { address(): AddressInfo | string | null } = app.getHttpServer();
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : undefined;
}

/** A hybrid Nest app: HTTP for /metrics and /healthz, the NATS transport for the public API. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Registered first so a signal during start-up (e.g. waiting for the broker) still exits 0.
  process.once('SIGTERM', () => void stop(logger, 'SIGTERM'));
  process.once('SIGINT', () => void stop(logger, 'SIGINT'));
  const app = await NestFactory.create(AppModule.forRoot(config, logger), { logger: new PinoNestLogger(logger) });
  const microservice = app.connectMicroservice<NatsOptions>(natsTransportOptions(config), { inheritAppConfig: true });
  // Restore state from KV (module init) before the transport delivers the first status message.
  await app.init();
  await app.startAllMicroservices();
  const transport = microservice.unwrap<NatsConnection>();
  running = { app, transport };
  watchTransport(transport, app.get(NatsLink), logger);
  await app.listen(config.httpPort);
  if (stopping) return;
  // Make sure the broker has our subscriptions before announcing readiness.
  await transport.flush();
  // The ready line is how launchers know we serve (docs/conventions.md): print it at any log level.
  logger.child({}, { level: 'info' }).info({ natsUrl: config.natsUrl, httpPort: listeningPort(app) }, 'ready');
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`controller failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
