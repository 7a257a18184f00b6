import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { startupConfig } from '@fleet/app-config';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NatsOptions } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { CONFIG_SCHEMA, loadConfig } from './config';
import { createLogger } from './logger/create-logger';
import { PinoNestLogger } from './logger/pino-nest-logger';
import { PartitionMismatchError } from './partitions/partition-probe';
import { PartitionOwner } from './partitions/partition-owner.service';
import { natsTransportOptions } from './nats/transport-options';

/** Upper bound for a clean stop; the conventions require exit within 1 s. */
const SHUTDOWN_LIMIT_MS = 900;
/** Share of it for handing partitions over, so survivors take them at once instead of after the lease. */
const HANDOVER_LIMIT_MS = 500;

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
      const handover = running.app.get(PartitionOwner).stop();
      await Promise.race([handover, new Promise((resolve) => setTimeout(resolve, HANDOVER_LIMIT_MS))]);
      // Drain the transport so replies in flight are sent; Nest's close then closes it, the HTTP
      // server, and runs the shutdown hooks, which drain the controller's own connection.
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
  const argv = process.argv.slice(2);
  const config = startupConfig(CONFIG_SCHEMA, argv, () => loadConfig(argv, process.env));
  const logger = createLogger(config.logLevel);
  // Registered first so a signal during start-up (e.g. waiting for the broker) still exits 0.
  process.once('SIGTERM', () => void stop(logger, 'SIGTERM'));
  process.once('SIGINT', () => void stop(logger, 'SIGINT'));
  const app = await NestFactory.create(AppModule.forRoot(config, logger), { logger: new PinoNestLogger(logger) });
  const microservice = app.connectMicroservice<NatsOptions>(natsTransportOptions(config), { inheritAppConfig: true });
  await app.init();
  await app.startAllMicroservices();
  const transport = microservice.unwrap<NatsConnection>();
  running = { app, transport };
  const owner = app.get(PartitionOwner);
  const layout = await owner.start().catch((err: unknown) => {
    if (!(err instanceof PartitionMismatchError)) throw err;
    process.stderr.write(`config: ${err.message}\n`);
    process.exit(2);
  });
  await app.listen(config.httpPort);
  if (stopping) return;
  // Make sure the broker has our subscriptions before announcing readiness.
  await transport.flush();
  // The ready line is how launchers know we serve (docs/conventions.md): print it at any log level.
  logger.child({}, { level: 'info' }).info(
    { natsUrl: config.natsUrl, httpPort: listeningPort(app), replicaId: config.replicaId, layout, partitions: owner.owned() },
    'ready',
  );
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`controller failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
