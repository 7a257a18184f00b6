import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { bootstrap, exitOnSignals } from './bootstrap';
import { loadConfig } from './config';
import { createLogger } from './logging/create-logger';

const result = loadConfig(process.argv.slice(2), process.env);
if (!result.ok) {
  for (const error of result.errors) process.stderr.write(`gateway: ${error}\n`);
  process.exit(2);
}
const logger = createLogger(result.config.logLevel);
let app: NestExpressApplication | undefined;
exitOnSignals(() => app, logger);
bootstrap(result.config, logger).then(
  (started) => {
    app = started;
  },
  (err: unknown) => {
    logger.fatal({ err }, 'start-up failed');
    process.exit(1);
  },
);
