import express, { type Express } from 'express';
import { createArticlesRouter } from './articles/router.js';
import type { AppDeps, RouterDeps } from './deps.js';
import { createDeliveriesRouter } from './delivery/router.js';
import { createDocsRouter } from './docs/router.js';
import { createDownloadsRouter } from './downloads/router.js';
import { createEditionsRouter } from './editions/router.js';
import { createFacetsRouter } from './facets/router.js';
import { createFeedsRouter } from './feeds/router.js';
import { createMediaRouter } from './media/router.js';
import { createOpdsRouter } from './opds/router.js';
import { createReaderRouter } from './reader/router.js';
import { createHealthRouter } from './health/router.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { createOpenApiRouter } from './openapi/router.js';
import { createPublicationsRouter } from './publications/router.js';
import { corsPreflight, readCors } from './http/cors.js';
import { anyOf, tokenAuthenticator } from './http/auth.js';
import { keyAuthenticator } from './keys/authenticator.js';
import { createKeysRouter } from './keys/router.js';
import { writeAccess } from './http/write-access.js';
import { requestLog } from './http/request-log.js';
import { fixedHeaders, recordHeaders } from './http/fixed-headers.js';
import { httpsOnlyHeaders, securityHeaders } from './http/header-middleware.js';
import { compress } from './http/compress.js';
import { mountRouter } from './http/mount.js';
import { createFeedService, feedServiceDeps } from './subscriptions/feed-service.js';
import { createSubscriptionsRouter } from './subscriptions/router.js';

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
  // Only the proxies BROADSHEET_TRUST_PROXY names may set the client's address and scheme.
  app.set('trust proxy', deps.trustProxy ?? false);
  app.set('query parser', 'simple');

  app.use(requestLog(deps.logger));
  const security = securityHeaders();
  // Helmet's and CORS's headers are the same for every request (but preflights): computed once.
  // Reads are open to every origin; writes are not offered to browsers on other origins.
  app.use(
    fixedHeaders({
      always: recordHeaders(security),
      secure: recordHeaders(httpsOnlyHeaders()),
      simple: recordHeaders(readCors),
      preflight: corsPreflight,
    }),
  );
  app.use(compress(app));

  const requireScope = writeAccess({
    // The environment's token first (no database read), then the stored API keys.
    authenticate: anyOf(
      tokenAuthenticator(deps.apiToken),
      keyAuthenticator(deps.store.keys, {
        onTouchError: (err) => deps.logger.warn({ err }, 'could not record an API key use'),
      }),
    ),
    writesPerMinute: deps.writesPerMinute,
    authFailuresPerMinute: deps.authFailuresPerMinute,
    stores: deps.rateLimitStores,
  });
  const routerDeps: RouterDeps = {
    ...deps,
    requireScope,
    requireScopeToRead: requireScope.read,
    requireWriter: requireScope('admin'),
  };

  for (const router of [
    createHealthRouter(routerDeps),
    createOpenApiRouter(routerDeps),
    createDocsRouter(routerDeps),
    createDownloadsRouter(routerDeps),
    createArticlesRouter(routerDeps),
    createFacetsRouter(routerDeps),
    createEditionsRouter(routerDeps),
    createDeliveriesRouter(routerDeps),
    createKeysRouter(routerDeps),
    createMediaRouter(routerDeps),
    createReaderRouter(routerDeps),
    createOpdsRouter(routerDeps),
    createFeedsRouter(routerDeps),
    createPublicationsRouter(routerDeps),
    createSubscriptionsRouter({
      ...routerDeps,
      feedService: deps.feedService ?? createFeedService(feedServiceDeps(deps)),
    }),
  ]) {
    app.use(mountRouter(router));
  }

  app.use(notFoundHandler());
  app.use(errorHandler());
  return app;
}
