import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { GatewayConfig } from './config';
import { PinoNestLogger } from './logging/pino-nest-logger';
import { serveUi } from './ui/serve-ui';

/** Hard limit for a clean stop (docs/conventions.md, "Shutdown"). */
const SHUTDOWN_DEADLINE_MS = 900;

/** Creates the app, starts listening, logs `ready`, and stops cleanly on SIGTERM / SIGINT. */
export async function bootstrap(config: GatewayConfig, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
  });
  app.useWebSocketAdapter(new IoAdapter(app));
  app.disable('x-powered-by');
  serveUi(app, config.uiDir, logger);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  // The ready line is how launchers know we serve (docs/conventions.md): print it at any log level.
  logger.child({}, { level: 'info' }).info({ host: config.host, port, flushHz: config.flushHz }, 'ready');
  return app;
}

/** Installs signal handlers that close Socket.IO, HTTP and NATS, then exit 0 within 1 s. */
export function exitOnSignals(getApp: () => NestExpressApplication | undefined, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.warn('shutdown deadline reached; exiting');
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS);
    const app = getApp();
    const closing = app === undefined ? Promise.resolve() : app.close();
    closing
      .catch((err: unknown) => logger.error({ err }, 'error during shutdown'))
      .finally(() => {
        clearTimeout(deadline);
        logger.info('stopped');
        process.exit(0);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
