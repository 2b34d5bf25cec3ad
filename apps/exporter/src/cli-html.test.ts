import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import {
  homePage,
  newsPage,
  openEpub,
  pngBytes,
  redirect,
  serve,
  stall,
  startLocalWebServer,
  type LocalWebServer,
} from '@broadsheet/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, workDir } from './test-support/harness.js';

// Every address in these tests is 127.0.0.1: a real server on a free port.
const PNG = pngBytes(8, 6);
const HTML = 'text/html; charset=utf-8';
let site: LocalWebServer;
let work: Awaited<ReturnType<typeof workDir>>;

beforeAll(async () => {
  site = await startLocalWebServer({
    '/news/tides': serve(
      HTML,
      newsPage({ headline: 'Harbour wall raised before record tides', imageSrc: '/img/wall.png' }),
    ),
    '/news/moved': redirect('/news/tides', 301),
    '/news/loop': redirect('/news/loop'),
    '/news/to-file': redirect('file:///etc/passwd'),
    '/news/broken-image': serve(
      HTML,
      newsPage({ headline: 'Lifeboat crew honoured', imageSrc: '/img/missing.png' }),
    ),
    '/news/svg-image': serve(
      HTML,
      newsPage({ headline: 'Ferry timetable changes', imageSrc: '/img/logo.svg' }),
    ),
    '/': serve(HTML, homePage()),
    '/api/story': serve('application/json', '{"headline":"not a page"}'),
    '/error': serve(HTML, '<h1>Oops</h1>', 500),
    '/slow': stall(),
    '/huge': serve(HTML, `<!DOCTYPE html><p>${'x'.repeat(6 * 1024 * 1024)}</p>`),
    '/img/wall.png': serve('image/png', PNG),
    '/img/logo.svg': serve('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'),
  });
});
afterAll(async () => {
  await site.close();
});
beforeEach(async () => {
  work = await workDir();
});
afterEach(async () => {
  await work.remove();
});

const url = (p: string) => `${site.origin}${p}`;
const lines = (text: string) => text.split('\n').filter((l) => l !== '');

/** Image files in the EPUB and the media types its package document declares for them. */
function epubImages(epub: Uint8Array): {
  files: string[];
  mediaTypes: string[];
  bytes: (name: string) => Uint8Array;
} {
  const book = openEpub(epub);
  const opfName = book.names.find((n) => n.endsWith('.opf')) ?? '';
  const opf = book.text(opfName);
  const mediaTypes = [...opf.matchAll(/media-type="(image\/[^"]+)"/g)].map((m) => m[1] ?? '');
  return {
    files: book.names.filter((n) => /\.(png|jpe?g|gif|webp|avif)$/i.test(n)),
    mediaTypes,
    bytes: (name) => book.bytes(name),
  };
}

describe('web pages in', { timeout: 60_000 }, () => {
  it.each<[string, () => Promise<string[]>, string]>([
    [
      'a saved .html file',
      async () => {
        await writeFile(
          path.join(work.dir, 'page.html'),
          newsPage({ headline: 'Harbour wall raised before record tides' }),
        );
        return ['page.html'];
      },
      'out/harbour-wall-raised-before-record-tides.epub',
    ],
    [
      'a saved .htm file, upper case',
      async () => {
        await writeFile(
          path.join(work.dir, 'PAGE.HTM'),
          newsPage({ headline: 'Lifeboat crew honoured' }),
        );
        return ['PAGE.HTM'];
      },
      'out/lifeboat-crew-honoured.epub',
    ],
    [
      'a --url page',
      () => Promise.resolve(['--allow-private-hosts', '--url', url('/news/tides')]),
      'out/harbour-wall-raised-before-record-tides.epub',
    ],
    [
      'a --url page that redirects',
      () => Promise.resolve(['--allow-private-hosts', '--url', url('/news/moved')]),
      'out/harbour-wall-raised-before-record-tides.epub',
    ],
  ])('%s becomes an EPUB of the article', async (_name, setup, written) => {
    const args = await setup();
    const result = await runCli([...args, '--out', 'out'], work.dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(lines(result.stdout)).toEqual([written]);
    const book = openEpub(await readFile(path.join(work.dir, written)));
    const text = book.names
      .filter((n) => n.endsWith('.xhtml'))
      .map((n) => book.text(n))
      .join('\n');
    expect(text).toContain('raise the harbour wall by forty centimetres');
    expect(text).toContain('Mara Quinn');
    // The page's navigation, share bar and footer are not the article.
    expect(text).not.toContain('Contact · Terms');
    expect(text).not.toContain('share.example');
  });

  it('reads a page piped to standard input (curl -s URL | broadsheet-export -)', async () => {
    const stdin = newsPage({
      headline: 'Harbour wall raised before record tides',
      canonical: 'https://herald.example/news/tides',
    });
    const result = await runCli(['-', '--out', 'out'], work.dir, { stdin });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(lines(result.stdout)).toEqual(['out/harbour-wall-raised-before-record-tides.epub']);
  });

  it('reads a windows-1252 page by its <meta charset>, as a browser would', async () => {
    const page = newsPage({ headline: 'Harbour \u2019wall\u2019 raised', charset: 'windows-1252' });
    const bytes = Buffer.from(page.replace(/\u2019/g, '\x92'), 'latin1');
    await writeFile(path.join(work.dir, 'old.html'), bytes);
    const result = await runCli(['old.html', '--out', 'out'], work.dir);
    expect(result.code).toBe(0);
    const [written] = lines(result.stdout);
    const book = openEpub(await readFile(path.join(work.dir, written ?? '')));
    const opf = book.text(book.names.find((n) => n.endsWith('.opf')) ?? '');
    expect(opf).toMatch(/Harbour (\u2019|&#x?(8217|2019);)wall(\u2019|&#x?(8217|2019);) raised/i);
  });

  it('without --fetch-images leaves web images as links and fetches nothing but the page', async () => {
    const before = site.requests.length;
    const result = await runCli(
      ['--allow-private-hosts', '--url', url('/news/tides'), '--out', 'out'],
      work.dir,
    );
    expect(result.code).toBe(0);
    expect(site.requests.slice(before)).toEqual(['/news/tides']);
    const [written] = lines(result.stdout);
    expect(epubImages(await readFile(path.join(work.dir, written ?? ''))).files).toEqual([]);
  });

  it('with --fetch-images embeds the served image with its media type', async () => {
    const result = await runCli(
      ['--allow-private-hosts', '--url', url('/news/tides'), '--fetch-images', '--out', 'out'],
      work.dir,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [written] = lines(result.stdout);
    const images = epubImages(await readFile(path.join(work.dir, written ?? '')));
    expect(images.mediaTypes).toContain('image/png');
    expect(images.files).toHaveLength(1);
    // Re-encoded by the media pipeline (metadata gone), the same picture: an 8 × 6 PNG.
    const embedded = await sharp(images.bytes(images.files[0] ?? '')).metadata();
    expect([embedded.format, embedded.width, embedded.height]).toEqual(['png', 8, 6]);
  });

  it('--grayscale re-encodes embedded pictures in grey, at most 1600 px on the long edge', async () => {
    const photo = await sharp({
      create: { width: 2400, height: 1600, channels: 3, background: { r: 200, g: 40, b: 40 } },
    })
      .webp()
      .toBuffer();
    const story = {
      headline: 'Grey quay',
      language: 'en',
      body: [
        { type: 'paragraph', text: 'The quay in grey.' },
        {
          type: 'figure',
          image: { src: `data:image/webp;base64,${photo.toString('base64')}`, alt: 'The quay' },
        },
      ],
    };
    await writeFile(path.join(work.dir, 'grey.json'), JSON.stringify(story));
    const result = await runCli(
      ['grey.json', '--grayscale', '-f', 'epub', '--out', 'out'],
      work.dir,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [written] = lines(result.stdout);
    const images = epubImages(await readFile(path.join(work.dir, written ?? '')));
    expect(images.files).toHaveLength(1);
    const meta = await sharp(images.bytes(images.files[0] ?? '')).metadata();
    expect([meta.width, meta.height, meta.channels]).toEqual([1600, 1067, 1]);
  });

  it('with --fetch-images embeds web images of a JSON article too', async () => {
    const article = {
      headline: 'Quay photographs',
      language: 'en',
      body: [
        { type: 'paragraph', text: 'The quay at dawn.' },
        {
          type: 'figure',
          image: { src: url('/img/wall.png'), alt: 'The wall', caption: 'The wall at dawn.' },
        },
      ],
    };
    await writeFile(path.join(work.dir, 'story.json'), JSON.stringify(article));
    const result = await runCli(
      ['story.json', '--allow-private-hosts', '--fetch-images', '--out', 'out'],
      work.dir,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const images = epubImages(await readFile(path.join(work.dir, 'out/quay-photographs.epub')));
    expect(images.mediaTypes).toContain('image/png');
  });

  it.each<[string, string, RegExp]>([
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', /link-local/],
    ['this machine', '', /loopback/],
  ])(
    'without --allow-private-hosts, --fetch-images refuses a picture at %s before connecting: a warning, the book is written',
    async (_name, src, reason) => {
      const before = site.requests.length;
      const article = {
        headline: 'Metadata',
        language: 'en',
        image: { src: src || url('/img/wall.png'), alt: 'x' },
        body: [{ type: 'paragraph', text: 'x' }],
      };
      await writeFile(path.join(work.dir, 'ssrf.json'), JSON.stringify(article));
      const result = await runCli(['ssrf.json', '--fetch-images', '--out', 'out'], work.dir);
      expect(result.code).toBe(0);
      const [warning, ...more] = lines(result.stderr);
      expect(more).toEqual([]);
      expect(warning).toMatch(/image not embedded, kept as a link/);
      expect(warning).toMatch(reason);
      expect(site.requests.length).toBe(before);
      const [written] = lines(result.stdout);
      expect(epubImages(await readFile(path.join(work.dir, written ?? ''))).files).toEqual([]);
    },
  );

  it.each<[string, string, RegExp]>([
    ['a missing image', '/news/broken-image', /the server answered 404/],
    ['an SVG image', '/news/svg-image', /not a raster image/],
  ])(
    'with --fetch-images, %s is a warning and stays a link; the book is written',
    async (_name, page, reason) => {
      const result = await runCli(
        ['--allow-private-hosts', '--url', url(page), '--fetch-images', '--out', 'out'],
        work.dir,
      );
      expect(result.code).toBe(0);
      const [warning, ...more] = lines(result.stderr);
      expect(more).toEqual([]);
      expect(warning).toMatch(
        /^warning: http:\/\/127\.0\.0\.1:\d+\/news\/[a-z-]+: image not embedded, kept as a link: http:\/\/127\.0\.0\.1:\d+\/img\//,
      );
      expect(warning).toMatch(reason);
      const [written] = lines(result.stdout);
      expect(epubImages(await readFile(path.join(work.dir, written ?? ''))).files).toEqual([]);
    },
  );
});

describe('bad pages exit 2 with "URL: reason" and write nothing', { timeout: 60_000 }, () => {
  it.each<[string, string, string[], RegExp]>([
    ['an HTTP error status', '/nowhere', [], /: the server answered 404 Not Found$/],
    ['a server error', '/error', [], /: the server answered 500 Internal Server Error$/],
    [
      'a response that is not HTML',
      '/api/story',
      [],
      /: is "application\/json", not an HTML page \(text\/html\)$/,
    ],
    ['a page with no article', '/', [], /: no article found: /],
    [
      'a slow page',
      '/slow',
      ['--timeout', '0.5'],
      /: timed out: no complete response within 500 ms$/,
    ],
    ['a page over the size cap', '/huge', [], /: .*larger than the limit of 5242880 bytes/],
    ['a redirect loop', '/news/loop', [], /: more than 5 redirects$/],
    [
      'a redirect to a file: URL',
      '/news/to-file',
      [],
      /: redirect 302 to "file:\/\/\/etc\/passwd", not an http\(s\) URL/,
    ],
  ])('%s', async (_name, page, extra, reason) => {
    const result = await runCli(
      [
        '--allow-private-hosts',
        '--url',
        url(page),
        ...extra,
        '--format',
        'epub,pdf',
        '--out',
        'out',
      ],
      work.dir,
    );
    expect(result.code).toBe(2);
    const [line, ...more] = lines(result.stderr);
    expect(more).toEqual([]);
    expect(line?.startsWith(`${url(page)}: `)).toBe(true);
    expect(line).toMatch(reason);
    expect(result.stdout).toBe('');
    expect(await work.files()).toEqual([]);
  });

  it('a saved page with no article names the file', async () => {
    await writeFile(path.join(work.dir, 'home.html'), homePage());
    const result = await runCli(['home.html', '--out', 'out'], work.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^home\.html: no article found: /m);
    expect(await work.files()).toEqual(['home.html']);
  });

  it('still writes the good inputs of the same run', async () => {
    const result = await runCli(
      [
        '--allow-private-hosts',
        '--url',
        url('/nowhere'),
        '--url',
        url('/news/tides'),
        '--out',
        'out',
      ],
      work.dir,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/nowhere: the server answered 404/);
    expect(lines(result.stdout)).toEqual(['out/harbour-wall-raised-before-record-tides.epub']);
  });
});

describe(
  'bad --url and --timeout arguments exit 2 before anything is fetched',
  { timeout: 30_000 },
  () => {
    it.each<[string[], RegExp]>([
      [['--url', 'file:///etc/passwd'], /only http and https URLs are fetched, not file:/],
      [['--url', 'ftp://127.0.0.1/story'], /only http and https URLs are fetched, not ftp:/],
      [['--url', 'news/story.html'], /"news\/story\.html" is not an absolute URL/],
      [['--url', 'http://'], /"http:\/\/" is not an absolute URL/],
      [
        ['--url', 'http://127.0.0.1:1/', '--timeout', '0'],
        /--timeout <seconds>' argument '0' is invalid/,
      ],
      [['--url', 'http://127.0.0.1:1/', '--timeout', 'soon'], /expected a number of seconds/],
    ])('%j', async (argv, message) => {
      const before = site.requests.length;
      const result = await runCli([...argv, '--out', 'out'], work.dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
      expect(site.requests.length).toBe(before);
      expect(await work.files()).toEqual([]);
    });
  },
);
