import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, chromiumPath } from '@broadsheet/testing';
import { serveEpubReader, type ReaderServer } from './support/epubjs-reader.js';
import { runExporter, tempWorkDir } from './support/exporter-process.js';

/**
 * The seed EPUB from `broadsheet-export` opened in a real reading system: epub.js in headless
 * Debian Chromium. A book that EPUBCheck accepts can still show nothing in a reader; this
 * proves the headline of the first chapter is on screen, and keeps a screenshot to look at.
 */

const SEED_HEADLINE = 'Pakistan, Russia look at ‘multidimensional strategic partnership’ in region';
const RESULTS = fileURLToPath(new URL('./test-results/', import.meta.url));

let work: Awaited<ReturnType<typeof tempWorkDir>>;
let server: ReaderServer;
let browser: Browser;

beforeAll(async () => {
  work = await tempWorkDir('epubjs');
  const result = await runExporter(['--out', '.'], { cwd: work.dir });
  expect(result.code, result.stderr).toBe(0);
  const file = result.stdout.trim().split('\n')[0] ?? '';
  server = await serveEpubReader(await readFile(path.join(work.dir, file)));
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_FLAGS],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await work?.remove();
});

describe('the seed EPUB in epub.js', () => {
  it('opens, lists the article in its table of contents and shows the headline of the first chapter', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 1000 } });
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.origin) || url.startsWith('blob:') || url.startsWith('data:'))
        return route.continue();
      outside.push(url);
      return route.abort();
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${server.origin}/`);
    const reader = await page.evaluate(
      () => (window as unknown as { reader: Promise<Record<string, unknown>> }).reader,
    );
    expect(reader.error).toBeUndefined();
    expect(reader.title).toBe(SEED_HEADLINE);
    expect(reader.language).toBe('en');
    expect(reader.toc).toContain(SEED_HEADLINE);
    expect(reader.shown).toEqual(expect.any(String));

    const headline = page.frameLocator('#viewer iframe').locator('h1');
    await headline.waitFor({ state: 'visible', timeout: 10_000 });
    expect((await headline.innerText()).replace(/\s+/g, ' ').trim()).toBe(SEED_HEADLINE);
    const box = await headline.boundingBox();
    expect(box).not.toBeNull();
    // On screen, in the top part of the page, and at a size a reader can read.
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThan(1000);
    expect(box!.height).toBeGreaterThan(20);
    const paragraphs = page.frameLocator('#viewer iframe').locator('p');
    expect(await paragraphs.count()).toBeGreaterThan(5);

    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'epubjs-seed.png') });
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  }, 120_000);
});
