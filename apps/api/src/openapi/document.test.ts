import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Article } from '@broadsheet/model';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './document.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const redoclyCli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument();

  it('is clean under redocly lint (recommended rules, offline)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const { stdout } = await run(process.execPath, [redoclyCli, 'lint', '--format=json', file], {
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          NO_COLOR: '1',
        },
      }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
      const report = JSON.parse(stdout) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; message: string }[];
      };
      expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('takes the article schema from the model rather than a copy', () => {
    type ObjectSchema = { properties: Record<string, unknown>; required: string[] };
    const served = (doc.components as { schemas: Record<string, ObjectSchema> }).schemas.Article;
    const fromModel = z.toJSONSchema(Article, {
      io: 'input',
      unrepresentable: 'any',
    }) as unknown as ObjectSchema;
    expect(Object.keys(served?.properties ?? {})).toEqual(Object.keys(fromModel.properties));
    expect(served?.required).toEqual(fromModel.required);
    expect(served?.required).toEqual(expect.arrayContaining(['headline', 'language', 'body']));
  });

  it('describes every route the API serves', () => {
    expect(Object.keys(doc.paths as object).sort()).toEqual(
      [
        '/health',
        '/feed.atom',
        '/feed.rss',
        '/feed.json',
        '/opds',
        '/opds/articles',
        '/opds/editions',
        '/opds/search',
        '/opds/opensearch.xml',
        '/opds/v2',
        '/opds/v2/articles',
        '/opds/v2/editions',
        '/opds/v2/search',
        '/opds/v2/articles/{slug}',
        '/opds/v2/editions/{id}',
        '/v1/articles',
        '/v1/articles/{slug}',
        '/v1/articles/{slug}.epub',
        '/v1/articles/{slug}.pdf',
        '/v1/articles/{slug}/cover.png',
        '/v1/tags',
        '/v1/authors',
        '/v1/sections',
        '/v1/editions',
        '/v1/editions/{id}',
        '/v1/editions/{id}.epub',
        '/v1/editions/{id}.pdf',
        '/v1/editions/{id}/cover.png',
        '/v1/editions/{id}/deliveries',
        '/v1/keys',
        '/v1/keys/{id}',
        '/v1/media',
        '/v1/media/{id}',
        '/v1/publications',
        '/v1/publications/{id}',
        '/v1/publications/{id}/issues',
        '/publications/{id}/feed.atom',
        '/opds/publications/{id}',
        '/opds/v2/publications/{id}',
        '/v1/feeds',
        '/v1/feeds/{id}',
        '/v1/feeds/{id}/refresh',
      ].sort(),
    );
  });

  it('offers HTML as an article body, with the importer options', () => {
    type Operation = {
      requestBody: { content: Record<string, unknown> };
      parameters: { name: string; description: string }[];
    };
    const paths = doc.paths as Record<string, Record<string, Operation>>;
    for (const op of [paths['/v1/articles']?.post, paths['/v1/articles/{slug}']?.put]) {
      expect(Object.keys(op?.requestBody.content ?? {})).toEqual([
        'application/json',
        'application/ninjs+json',
        'text/plain',
        'text/html',
      ]);
    }
    const url = paths['/v1/articles']?.post?.parameters.find((p) => p.name === 'url');
    expect(url?.description).toMatch(/never fetches it.*\(text\/html only\)$/);
  });

  // What the import pool answers (articles/import-pool.ts): a client generated from the document
  // must know these, or a 422 work budget or a 503 full queue looks like an undocumented failure.
  it.each([
    ['/v1/articles', 'post', '413', /BROADSHEET_MAX_TEXT_LINES/],
    ['/v1/articles', 'post', '422', /BROADSHEET_IMPORT_TIMEOUT_MS/],
    ['/v1/articles', 'post', '503', /BROADSHEET_IMPORT_QUEUE/],
    ['/v1/articles/{slug}', 'put', '413', /BROADSHEET_HTML_MAX_ELEMENTS/],
    ['/v1/articles/{slug}', 'put', '422', /BROADSHEET_HTML_MAX_DEPTH/],
    ['/v1/articles/{slug}', 'put', '503', /Retry-After/],
  ])('documents %s %s answering %s for an import over budget', (path, method, status, text) => {
    const paths = doc.paths as Record<
      string,
      Record<string, { responses: Record<string, { description: string; headers?: object }> }>
    >;
    const response = paths[path]?.[method]?.responses[status];
    expect(response?.description).toMatch(text);
    if (status === '503') expect(response?.headers).toHaveProperty('Retry-After');
  });

  it('describes conditional writes, scopes and examples for the new routes', () => {
    type Operation = {
      parameters?: { name: string }[];
      responses: Record<string, unknown>;
      requestBody?: { content: Record<string, { example?: unknown }> };
    };
    const paths = doc.paths as Record<string, Record<string, Operation>>;
    for (const [path, method] of [
      ['/v1/articles/{slug}', 'put'],
      ['/v1/articles/{slug}', 'patch'],
      ['/v1/articles/{slug}', 'delete'],
      ['/v1/editions/{id}', 'put'],
      ['/v1/editions/{id}', 'patch'],
      ['/v1/editions/{id}', 'delete'],
    ] as const) {
      const op = paths[path]?.[method];
      expect(op?.parameters?.map((p) => p.name)).toContain('If-Match');
      expect(Object.keys(op?.responses ?? {})).toEqual(
        expect.arrayContaining(['403', '412', '428']),
      );
    }
    for (const [path, method] of [
      ['/v1/keys', 'post'],
      ['/v1/editions', 'post'],
      ['/v1/editions/{id}', 'put'],
      ['/v1/editions/{id}', 'patch'],
      ['/v1/articles/{slug}', 'patch'],
    ] as const) {
      const content = Object.values(paths[path]?.[method]?.requestBody?.content ?? {});
      expect(content[0]?.example).toBeDefined();
    }
  });
});
