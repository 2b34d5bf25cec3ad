import express, { Router } from 'express';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { AppDeps } from '../deps.js';

const require = createRequire(import.meta.url);
/** Swagger UI's prebuilt files, served from node_modules: the docs page needs no CDN. */
const assetsDir = dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * The only files of the package the page loads. The rest of the folder (package.json, source
 * maps, other bundles, the demo index) is not ours to publish and answers 404.
 */
const ASSETS = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js']);

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Broadsheet API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

// A separate file rather than an inline script, so the default CSP (script-src 'self') holds.
const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
`;

export function createDocsRouter(_deps: AppDeps): Router {
  const router = Router();
  router.get('/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('text/javascript').send(INIT);
  });
  const assets = express.static(assetsDir, { index: false, maxAge: '1d', fallthrough: true });
  router.use('/docs/assets', (req, res, next) => {
    if (ASSETS.has(req.path)) assets(req, res, next);
    else next();
  });
  return router;
}
