import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
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
  const security = helmet({
    contentSecurityPolicy: {
      directives: {
        // Swagger UI (served from node_modules at /docs) injects inline styles.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        // The server speaks plain HTTP; upgrading subresources would break /docs on any
        // host other than localhost.
        'upgrade-insecure-requests': null,
      },
    },
    // Downloads and JSON are fetched by other origins (readers, OPDS clients).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  // Reads are open to every origin; writes are not offered to browsers on other origins.
  const corsHeaders = cors({
    origin: '*',
    methods: ['GET', 'HEAD'],
    exposedHeaders: [
      'ETag',
      'Last-Modified',
      'Link',
      'Location',
      'Content-Disposition',
      'Content-Range',
      'Accept-Ranges',
      'X-Request-Id',
      'Retry-After',
    ],
  });
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
