import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  epubcheckJava,
  epubcheckTs,
  formatEpubCheckProblems,
  homePage,
  newsPage,
  openEpub,
  pdfImageSizes,
  pdfinfo,
  pdftotext,
  pngBytes,
  qpdfCheck,
  serve,
  stall,
  startLocalWebServer,
  type LocalWebServer,
} from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExporter, tempWorkDir } from './support/exporter-process.js';

/**
 * `broadsheet-export --url` and `.html` inputs as a user runs them: the built bin in its own
 * process, fetching from a real HTTP server. The server listens on 127.0.0.1 only and no
 * test names any other address.
 */

const HEADLINE = 'Harbour wall raised before record tides';
const SLUG = 'harbour-wall-raised-before-record-tides';
const PNG = pngBytes(24, 16, [30, 90, 160]);
const HTML = 'text/html; charset=utf-8';

let site: LocalWebServer;
let work: Awaited<ReturnType<typeof tempWorkDir>>;
beforeAll(async () => {
  work = await tempWorkDir('export-html');
  site = await startLocalWebServer({
    '/news/tides': serve(HTML, newsPage({ headline: HEADLINE, imageSrc: '/img/wall.png' })),
    '/': serve(HTML, homePage()),
    '/feed.json': serve('application/json', '{"items":[]}'),
    '/slow': stall(),
    '/img/wall.png': serve('image/png', PNG),
  });
});
afterAll(async () => {
  await site.close();
  await work.remove();
});

const url = (p: string) => `${site.origin}${p}`;
const lines = (text: string) => text.split('\n').filter((l) => l !== '');

/** Every page here is served from 127.0.0.1, which the exporter refuses to fetch unless told. */
const LOCAL = ['--allow-private-hosts'];

async function exportOk(args: string[]): Promise<string[]> {
  const result = await runExporter([...args, ...LOCAL], { cwd: work.dir });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return lines(result.stdout);
}

async function expectValidEpub(file: string): Promise<Uint8Array> {
  const bytes = await readFile(path.join(work.dir, file));
  for (const report of [await epubcheckTs(bytes), await epubcheckJava(bytes)]) {
    expect(report.problems, `${report.validator}:\n${formatEpubCheckProblems(report)}`).toEqual([]);
  }
  return bytes;
}

function epubParts(epub: Uint8Array) {
  const book = openEpub(epub);
  const opf = book.text(book.names.find((n) => n.endsWith('.opf')) ?? '');
  const text = book.names
    .filter((n) => n.endsWith('.xhtml'))
    .map((n) => book.text(n))
    .join('\n');
  const images = book.names.filter((n) => /\.(png|jpe?g|gif|webp|avif)$/i.test(n));
  return { book, opf, text, images };
}

describe('broadsheet-export --url', () => {
  it('writes the page article as an EPUB that passes EPUBCheck and a valid PDF', async () => {
    const written = await exportOk([
      '--url',
      url('/news/tides'),
      '--format',
      'epub,pdf',
      '--out',
      'web',
    ]);
    expect(written).toEqual([`web/${SLUG}.epub`, `web/${SLUG}.pdf`]);

    const epub = epubParts(await expectValidEpub(`web/${SLUG}.epub`));
    expect(epub.text).toContain('raise the harbour wall by forty centimetres');
    expect(epub.opf).toContain(HEADLINE);
    // Without --fetch-images the image stays a link: nothing was downloaded, nothing embedded.
    expect(epub.images).toEqual([]);
    expect(site.requests).not.toContain('/img/wall.png');

    const pdf = await readFile(path.join(work.dir, `web/${SLUG}.pdf`));
    const check = await qpdfCheck(pdf);
    expect(check.ok, check.output).toBe(true);
    expect((await pdfinfo(pdf)).Title).toBe(HEADLINE);
    expect(await pdfImageSizes(path.join(work.dir, `web/${SLUG}.pdf`))).toEqual([]);
    const text = (await pdftotext(pdf)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain(HEADLINE);
    expect(text).toContain('raise the harbour wall by forty centimetres');
    expect(text).not.toContain('Contact · Terms');
  }, 180_000);

  it('with --fetch-images embeds the served image, declared as image/png, in EPUB and PDF', async () => {
    const written = await exportOk([
      '--url',
      url('/news/tides'),
      '--fetch-images',
      '--format',
      'epub,pdf',
      '--out',
      'images',
    ]);
    expect(written).toEqual([`images/${SLUG}.epub`, `images/${SLUG}.pdf`]);
    expect(site.requests).toContain('/img/wall.png');

    const epub = epubParts(await expectValidEpub(`images/${SLUG}.epub`));
    expect(epub.images).toHaveLength(1);
    const [image = ''] = epub.images;
    // Re-encoded by the media pipeline (metadata dropped): still a PNG of the served size.
    const embedded = Buffer.from(epub.book.bytes(image));
    expect(embedded.subarray(0, 8)).toEqual(PNG.subarray(0, 8));
    expect(embedded.subarray(16, 24)).toEqual(PNG.subarray(16, 24));
    const href = path.posix.basename(image);
    expect(epub.opf).toMatch(
      new RegExp(
        `<item\\b[^>]*href="[^"]*${href.replace(/\./g, '\\.')}"[^>]*media-type="image/png"|<item\\b[^>]*media-type="image/png"[^>]*href="[^"]*${href.replace(/\./g, '\\.')}"`,
      ),
    );

    const pdf = await readFile(path.join(work.dir, `images/${SLUG}.pdf`));
    const check = await qpdfCheck(pdf);
    expect(check.ok, check.output).toBe(true);
    expect(await pdfImageSizes(path.join(work.dir, `images/${SLUG}.pdf`))).toEqual(['24x16']);
  }, 180_000);

  it.each<[string, string, string[], RegExp]>([
    ['a 404', '/news/missing', [], /: the server answered 404 Not Found$/],
    [
      'a response that is not HTML',
      '/feed.json',
      [],
      /: is "application\/json", not an HTML page \(text\/html\)$/,
    ],
    ['a page with no article', '/', [], /: no article found: /],
    [
      'a page slower than --timeout',
      '/slow',
      ['--timeout', '1'],
      /: timed out: no complete response within 1000 ms$/,
    ],
  ])(
    '%s exits 2 naming the URL and the reason, and writes nothing',
    async (_name, page, extra, reason) => {
      const result = await runExporter(
        ['--url', url(page), ...extra, '--format', 'epub,pdf', '--out', 'bad', ...LOCAL],
        {
          cwd: work.dir,
        },
      );
      expect(result.code).toBe(2);
      const [line, ...more] = lines(result.stderr);
      expect(more).toEqual([]);
      expect(line?.startsWith(`${url(page)}: `), line).toBe(true);
      expect(line).toMatch(reason);
      expect(result.stdout).toBe('');
      expect(await work.files()).not.toContain('bad');
    },
    60_000,
  );
});

describe('broadsheet-export FILE.html', () => {
  it('imports a saved page, resolving its relative image against the canonical URL, and embeds it', async () => {
    const page = newsPage({
      headline: 'Lifeboat crew honoured',
      canonical: url('/news/lifeboat'),
      imageSrc: '/img/wall.png',
    });
    await writeFile(path.join(work.dir, 'saved.html'), page);
    const written = await exportOk(['saved.html', '--fetch-images', '--out', 'saved']);
    expect(written).toEqual(['saved/lifeboat-crew-honoured.epub']);
    const epub = epubParts(await expectValidEpub('saved/lifeboat-crew-honoured.epub'));
    expect(epub.images).toHaveLength(1);
    expect(epub.opf).toContain('media-type="image/png"');
  }, 180_000);
});

describe('start-up cost', () => {
  // jsdom is CommonJS, so once loaded it sits in the CommonJS module cache; a preload reports
  // that at exit. JSON and text runs must not pay for the HTML importer.
  async function loadsJsdom(args: string[]): Promise<boolean> {
    const probe = path.join(work.dir, 'probe.mjs');
    await writeFile(
      probe,
      `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
process.on('exit', () => {
  const loaded = Object.keys(require('node:module')._cache).some((k) => /[\\\\/]jsdom[\\\\/]/.test(k));
  process.stderr.write('probe: jsdom ' + (loaded ? 'loaded' : 'not loaded') + '\\n');
});
`,
    );
    const result = await runExporter([...args, ...LOCAL], {
      cwd: work.dir,
      env: {
        NODE_OPTIONS:
          `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(probe).href}`.trim(),
      },
    });
    expect(result.code).toBe(0);
    const verdict = /^probe: jsdom (loaded|not loaded)$/m.exec(result.stderr)?.[1];
    expect(verdict, result.stderr).toBeDefined();
    return verdict === 'loaded';
  }

  it('loads the HTML importer only when an HTML input or --url asks for it', async () => {
    await writeFile(
      path.join(work.dir, 'plain.json'),
      JSON.stringify({
        headline: 'Plain',
        language: 'en',
        body: [{ type: 'paragraph', text: 'Text.' }],
      }),
    );
    expect(await loadsJsdom(['plain.json', '--out', 'lazy'])).toBe(false);
    expect(await loadsJsdom(['--url', url('/news/tides'), '--out', 'lazy'])).toBe(true);
  }, 120_000);
});
