import express, { type Express } from 'express';
import { createArticlesRouter } from './articles/router.js';
import type { AppDeps } from './deps.js';
import { createDocsRouter } from './docs/router.js';
import { createDownloadsRouter } from './downloads/router.js';
import { createEditionsRouter } from './editions/router.js';
import { createFeedsRouter } from './feeds/router.js';
import { createOpdsRouter } from './opds/router.js';
import { createReaderRouter } from './reader/router.js';
import { createHealthRouter } from './health/router.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { createOpenApiRouter } from './openapi/router.js';
import { writeRateLimit } from './http/write-limit.js';
import { requestLog } from './http/request-log.js';
import { fixedHeaders, recordHeaders } from './http/fixed-headers.js';
import { corsReadHeaders, securityHeaders } from './http/header-middleware.js';
import { compress } from './http/compress.js';
import { mountRouter } from './http/mount.js';

/**
 * Builds the Express app over injected dependencies. Feature routers are mounted in order:
 * downloads come before articles and editions because `/v1/articles/x.epub` would otherwise
 * match `/v1/articles/:slug`. Every router is `createXRouter(deps)` with full paths inside.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // ETags are computed by the routes from content hashes, not by Express from the bytes.
  app.set('etag', false);
  app.set('trust proxy', false);
  app.set('query parser', 'simple');

  app.use(requestLog(deps.logger));
  const security = securityHeaders();
  const corsHeaders = corsReadHeaders();
  // Helmet's and CORS's headers are the same for every request (but preflights): computed once.
  app.use(fixedHeaders(recordHeaders(security), recordHeaders(corsHeaders), corsHeaders));
  app.use(compress(app));
  app.use(writeRateLimit(deps.writesPerMinute));

  for (const router of [
    createHealthRouter(deps),
    createOpenApiRouter(deps),
    createDocsRouter(deps),
    createDownloadsRouter(deps),
    createArticlesRouter(deps),
    createEditionsRouter(deps),
    createReaderRouter(deps),
    createOpdsRouter(deps),
    createFeedsRouter(deps),
  ]) {
    app.use(mountRouter(router));
  }

  app.use(notFoundHandler());
  app.use(errorHandler());
  return app;
}
