import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { hasBuiltUi } from '../config';

/** Shown instead of the UI when it has not been built. */
export const UI_MISSING_TEXT =
  'Fleet Control gateway is running, but the UI has not been built.\n' +
  'Run `npm run build` (or `npx nx run ui:build`) and reload this page.\n';

/**
 * Serves the built UI from `uiDir`, or a short text page saying how to build it. Same origin as
 * Socket.IO, so the UI needs no CORS and no configured URL.
 */
export function serveUi(app: NestExpressApplication, uiDir: string, logger: Logger): void {
  if (hasBuiltUi(uiDir)) {
    app.useStaticAssets(uiDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForIndex });
    logger.info({ uiDir }, 'serving UI');
    return;
  }
  logger.warn({ uiDir }, 'UI not built: serving a placeholder page (run `npm run build`)');
  const placeholder = (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(UI_MISSING_TEXT);
  };
  app.getHttpAdapter().get('/', placeholder);
  app.getHttpAdapter().get('/index.html', placeholder);
}

/** index.html must be re-fetched so a new build's hashed assets are picked up. */
function noCacheForIndex(res: ServerResponse, filePath: string): void {
  if (filePath.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
}
