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
    // Sent only over HTTPS (app.ts adds it for secure requests): the server speaks plain HTTP.
    strictTransportSecurity: false,
  });
}

/** Strict-Transport-Security, which app.ts sends only on secure requests (HTTPS or a trusted proxy's). */
export function httpsOnlyHeaders(): RequestHandler {
  return helmet.strictTransportSecurity();
}
