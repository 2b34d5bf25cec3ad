import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet with the app's directives. Its headers do not depend on the request, so the app
 * records them once (fixed-headers.ts) rather than running it per request.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
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
}

/** CORS: reads are open to every origin; writes are not offered to browsers on other origins. */
export function corsReadHeaders(): RequestHandler {
  return cors({
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
}
