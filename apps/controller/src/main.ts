import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import type { NatsOptions } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { loadConfig } from './config';
import { createLogger } from './logger/create-logger';
import { PinoNestLogger } from './logger/pino-nest-logger';
import { natsTransportOptions } from './nats/transport-options';

/** Upper bound for a clean stop; the conventions require exit within 1 s. */
const SHUTDOWN_LIMIT_MS = 900;

/** Set once the transport listens; before that a signal has nothing to drain. */
let running: { app: INestMicroservice; transport: NatsConnection } | undefined;
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
      // Drain the transport first so replies in flight are sent; Nest's close then closes it
      // and runs the shutdown hooks, which drain the controller's own connection.
      await running.transport.drain().catch(() => undefined);
      await running.app.close();
    }
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Registered first so a signal during start-up (e.g. waiting for the broker) still exits 0.
  process.once('SIGTERM', () => void stop(logger, 'SIGTERM'));
  process.once('SIGINT', () => void stop(logger, 'SIGINT'));
  const app = await NestFactory.createMicroservice<NatsOptions>(AppModule.forRoot(config, logger), {
    ...natsTransportOptions(config),
    logger: new PinoNestLogger(logger),
  });
  await app.listen();
  const transport = app.unwrap<NatsConnection>();
  running = { app, transport };
  if (stopping) return;
  // Make sure the broker has our subscriptions before announcing readiness.
  await transport.flush();
  logger.info({ natsUrl: config.natsUrl }, 'ready');
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`controller failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
