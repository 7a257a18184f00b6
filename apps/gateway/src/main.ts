import 'reflect-metadata';
import { startupConfig } from '@fleet/app-config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { bootstrap, exitOnSignals } from './bootstrap';
import { CONFIG_SCHEMA, loadConfig } from './config';
import { createLogger } from './logging/create-logger';

const argv = process.argv.slice(2);
const config = startupConfig(CONFIG_SCHEMA, argv, () => loadConfig(argv, process.env));
const logger = createLogger(config.logLevel);
let app: NestExpressApplication | undefined;
exitOnSignals(() => app, logger);
bootstrap(config, logger).then(
  (started) => {
    app = started;
  },
  (err: unknown) => {
    logger.fatal({ err }, 'start-up failed');
    process.exit(1);
  },
);
