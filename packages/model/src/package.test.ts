import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let project = '';

// Packs the package as it would be published and installs the tarball into a project outside
// the workspace, so only what the tarball and its declared dependencies provide is available.
beforeAll(async () => {
  if (!existsSync(join(packageDir, 'dist', 'index.js')))
    throw new Error('dist/ is missing: run `npm run build` in packages/model first');
  project = await mkdtemp(join(tmpdir(), 'broadsheet-model-pack-'));
  const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', project], {
    cwd: packageDir,
  });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  // --prefer-offline: dependencies come from the npm cache the workspace install filled.
  await run(
    npm,
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      join(project, filename),
    ],
    { cwd: project },
  );
}, 240_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe('the packed package, installed elsewhere', () => {
  it('ships dist, the JSON Schemas and the README, and no tests', () => {
    const installed = join(project, 'node_modules', '@broadsheet', 'model');
    for (const file of [
      'dist/index.js',
      'dist/index.d.ts',
      'schemas/article.schema.json',
      'schemas/edition.schema.json',
      'README.md',
    ]) {
      expect(existsSync(join(installed, file)), file).toBe(true);
    }
    expect(existsSync(join(installed, 'dist', 'parse.test.js'))).toBe(false);
    expect(existsSync(join(installed, 'src'))).toBe(false);
  });

  it('imports from plain Node ESM', async () => {
    await writeFile(
      join(project, 'check.mjs'),
      `import { parseArticle, importPlainText, toNinjs } from '@broadsheet/model';
import schema from '@broadsheet/model/schemas/article.json' with { type: 'json' };
const a = parseArticle({ headline: ' Hello ', language: 'en', body: [{ type: 'paragraph', text: 'World' }] });
const b = importPlainText('Headline\\n\\nBody text.');
console.log(JSON.stringify({ headline: a.headline, slug: a.slug, body: b.body.length, uri: toNinjs(a).uri.startsWith('urn:'), schema: schema.$schema }));
`,
    );
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({
      headline: 'Hello',
      slug: 'hello',
      body: 1,
      uri: true,
      schema: 'https://json-schema.org/draft/2020-12/schema',
    });
  }, 60_000);

  it('type-checks from TypeScript (types resolve and are not any)', async () => {
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2023',
          lib: ['ES2023', 'DOM'],
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['check.ts'],
      }),
    );
    await writeFile(
      join(project, 'check.ts'),
      `import { parseArticle, ValidationError, type Article, type Block } from '@broadsheet/model';
const article: Article = parseArticle({ headline: 'H', language: 'en', body: [{ type: 'paragraph', text: 'x' }] });
const headline: string = article.headline;
const first: Block | undefined = article.body[0];
if (first?.type === 'paragraph') console.log(first.content.map((run) => run.text).join(''));
// @ts-expect-error: a typo must be a type error, which it is only if the types resolved.
console.log(article.headlin, headline, ValidationError.name);
`,
    );
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).then(
      () => ({ code: 0, out: '' }),
      (error: { code?: number; stdout?: string }) => ({
        code: error.code ?? 1,
        out: error.stdout ?? '',
      }),
    );
    expect(result.out).toBe('');
    expect(result.code).toBe(0);
    expect(
      await readFile(
        join(project, 'node_modules', '@broadsheet', 'model', 'dist', 'index.d.ts'),
        'utf8',
      ),
    ).toContain('parseArticle');
  }, 120_000);
});
