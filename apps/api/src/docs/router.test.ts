import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('API docs', () => {
  it('serves the OpenAPI 3.1 document', async () => {
    const res = await fetch(`${server.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ openapi: '3.1.0', info: { title: 'Broadsheet API' } });
  });

  it('serves a docs page whose scripts all come from this server, allowed by its CSP', async () => {
    const res = await fetch(`${server.url}/docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const src of sources) {
      expect(src.startsWith('/'), src).toBe(true);
      const asset = await fetch(`${server.url}${src}`);
      expect(asset.status, src).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, src).toBeGreaterThan(50);
    }
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it.each([
    ['/docs/assets/package.json'],
    ['/docs/assets/swagger-ui-bundle.js.map'],
    ['/docs/assets/swagger-ui.css.map'],
    ['/docs/assets/index.html'],
    ['/docs/assets/swagger-initializer.js'],
    ['/docs/assets/swagger-ui.js'],
    ['/docs/assets/'],
    ['/docs/assets/%2e%2e/package.json'],
    ['/docs/assets/SWAGGER-UI.CSS'],
  ])('answers 404 for %s, which the page does not load', async (path) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
