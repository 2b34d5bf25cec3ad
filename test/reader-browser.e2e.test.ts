import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  epubcheckJava,
  formatEpubCheckProblems,
  launchChromium,
  type ChromiumSession,
} from '@broadsheet/testing';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import type * as AxeCore from 'axe-core';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from './support/http.js';

/**
 * The reader site in Debian Chromium, as a reader uses it: search, open, read, download. Also
 * hostile content, accessibility (axe-core), layout at 360 px, dark mode, print and right-to-left,
 * with a screenshot of every page type kept in test-results/screenshots/.
 */

const SEED_HEADLINE = 'Pakistan, Russia look at ‘multidimensional strategic partnership’ in region';
const SEED_SLUG = 'pakistan-russia-look-at-multidimensional-strategic-partnership-in-region';
const SEED_HIGHLIGHTS = [
  'The swiftly evolving geopolitical situation in the region has led Pakistan and Russia to a historic high point in their bilateral relations.',
  'Relations between the two countries are today characterized by mutual trust, commonality of interests and convergence of views on important regional and global issues.',
];
const SEED_CAPTION = 'Foreign Office spokesperson Dr. Faisal during a press briefing.';
const SCREENSHOTS = fileURLToPath(new URL('./test-results/screenshots/', import.meta.url));
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Markup and script in every text field: it must all show as text and nothing may run. */
const PAYLOAD = `<script>alert("xss-1")</script><img src=x onerror=alert("xss-2")><svg onload=alert("xss-3")></svg>"'&amp;</title></textarea><!--`;

const HOSTILE = {
  slug: 'hostile-payloads',
  headline: `Hostile ${PAYLOAD}`,
  kicker: `Kicker ${PAYLOAD}`,
  standfirst: `Standfirst ${PAYLOAD}`,
  highlights: [`Highlight ${PAYLOAD}`],
  authors: [{ name: `Author ${PAYLOAD}` }],
  language: 'en',
  publishedAt: '2026-11-27T08:00:00Z',
  section: `Section ${PAYLOAD}`,
  tags: [`Tag ${PAYLOAD}`],
  image: {
    src: 'https://example.invalid/x.jpg" onerror="alert(\'xss-4\')',
    alt: `Alt ${PAYLOAD}`,
    caption: `Caption ${PAYLOAD}`,
  },
  body: [
    {
      type: 'paragraph',
      content: [
        {
          text: `Body ${PAYLOAD}`,
          href: 'https://example.invalid/?q="><script>alert("xss-5")</script>',
        },
      ],
    },
    { type: 'quote', text: `Quote ${PAYLOAD}`, attribution: `Attribution ${PAYLOAD}` },
    { type: 'list', items: [`Item ${PAYLOAD}`] },
  ],
};

const URDU = {
  slug: 'pakistan-russia-urdu',
  headline: 'پاکستان اور روس کے درمیان اسٹریٹجک شراکت داری',
  standfirst: 'دونوں ممالک کے تعلقات تیزی سے ایک پختہ رشتے میں بدل رہے ہیں۔',
  highlights: ['باہمی اعتماد اور مشترکہ مفادات۔'],
  language: 'ur',
  publishedAt: '2026-11-27T09:00:00Z',
  section: 'دنیا',
  body: [
    {
      type: 'paragraph',
      text: 'اسلام آباد: پاکستان اور روس کے تعلقات انسداد دہشت گردی، تجارت اور دفاع میں تعاون کے ساتھ آگے بڑھ رہے ہیں۔',
    },
    {
      type: 'quote',
      text: 'دونوں ممالک مکمل رابطے کے لیے کام کر رہے ہیں۔',
      attribution: 'قمر چیمہ',
    },
  ],
};

let server: ServerProcess;
let chrome: ChromiumSession;
let editionId: string;

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  server = await startServerProcess();
  for (const article of [HOSTILE, URDU]) {
    const res = await postJson(server, '/v1/articles', article);
    expect(res.status, await res.clone().text()).toBe(201);
  }
  const edition = await postJson(server, '/v1/editions', {
    title: 'Morning Briefing',
    date: '2026-11-28',
    slugs: [SEED_SLUG, URDU.slug],
    description: 'South Asia and Russia, in two articles.',
  });
  expect(edition.status, await edition.clone().text()).toBe(201);
  editionId = ((await edition.json()) as { id: string }).id;
  // Render every download once, as earlier readers would have: a page shows a file's size once
  // it exists and never waits long for a first render (apps/api reader/downloads.ts), and this
  // shared 2-core machine can be slower than that wait.
  for (const path of [
    `/v1/articles/${SEED_SLUG}`,
    `/v1/articles/${URDU.slug}`,
    `/v1/editions/${editionId}`,
  ]) {
    for (const format of ['epub', 'pdf'])
      expect((await fetch(`${server.url}${path}.${format}`)).status, `${path}.${format}`).toBe(200);
  }
  chrome = await launchChromium();
}, 120_000);

afterAll(async () => {
  await chrome?.close();
  await server?.cleanup();
});

interface Watched {
  page: Page;
  dialogs: string[];
  /** Console errors and uncaught exceptions, e.g. CSP violations by our own markup. */
  errors: string[];
}

async function open(path: string): Promise<Watched> {
  const page = await chrome.context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // The hostile article's picture points at a host that does not exist: that failure is expected.
    if (m.type() === 'error' && !m.text().includes('net::ERR_NAME_NOT_RESOLVED'))
      errors.push(m.text());
  });
  const res = await page.goto(server.url + path);
  expect(res?.status(), path).toBeLessThan(500);
  return { page, dialogs, errors };
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

async function axe(page: Page): Promise<AxeResults> {
  // addScriptTag would be refused by the pages' CSP (script-src 'none'); DevTools evaluation is not.
  await page.evaluate(await readFile(AXE_SOURCE, 'utf8'));
  return page.evaluate(() => (window as unknown as { axe: typeof AxeCore }).axe.run(document));
}

const violations = (r: AxeResults) =>
  r.violations
    .map(
      (v) =>
        `${v.id} (${v.impact ?? '?'}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
    )
    .join('\n');

describe('a reader in Chromium', () => {
  it('searches for a word of the seed article, opens it, reads it and downloads a valid EPUB', async () => {
    const { page, errors } = await open('/');
    await screenshot(page, 'home');
    await page.getByLabel('Search articles').fill('counterterrorism');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=counterterrorism$/);
    expect(await page.locator('.snippet mark').first().textContent()).toMatch(
      /^counterterrorism$/i,
    );
    await screenshot(page, 'search');

    await page.getByRole('link', { name: SEED_HEADLINE }).click();
    await page.waitForURL(new RegExp(`/articles/${SEED_SLUG}$`));
    expect(await page.locator('h1').textContent()).toBe(SEED_HEADLINE);
    expect(await page.locator('.highlights li').allTextContents()).toEqual(SEED_HIGHLIGHTS);
    expect(await page.locator('article figure figcaption').first().textContent()).toContain(
      SEED_CAPTION,
    );
    await screenshot(page, 'article');

    const button = page.getByRole('link', { name: /^Download EPUB/ });
    const label = (await button.textContent()) ?? '';
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/\.epub$/);
    const epub = await readFile(await download.path());
    const shown = /\((\d+(?:\.\d)?) KB\)/.exec(label);
    expect(shown, `size on the button: ${label}`).not.toBeNull();
    expect(Math.abs(Number(shown?.[1]) * 1024 - epub.byteLength)).toBeLessThan(1024);
    const report = await epubcheckJava(epub);
    expect(report.fatals + report.errors, formatEpubCheckProblems(report)).toBe(0);
    expect(errors).toEqual([]);
  }, 180_000);

  it('shows hostile script and markup as text, and nothing runs', async () => {
    const { page, dialogs, errors } = await open(`/articles/${HOSTILE.slug}`);
    expect(await page.locator('h1').textContent()).toBe(HOSTILE.headline);
    expect(await page.locator('.kicker').textContent()).toBe(HOSTILE.kicker);
    expect(await page.locator('.standfirst').textContent()).toBe(HOSTILE.standfirst);
    expect(await page.locator('.highlights li').allTextContents()).toEqual(HOSTILE.highlights);
    expect(await page.locator('.article__body p').first().textContent()).toBe(`Body ${PAYLOAD}`);
    expect(await page.title()).toBe(`${HOSTILE.headline} | Broadsheet`);
    // Only the JSON-LD data block is a script element; no element came from the payload.
    expect(
      await page.locator('script').evaluateAll((s) => s.map((e) => e.getAttribute('type'))),
    ).toEqual(['application/ld+json']);
    expect(await page.locator('svg, textarea, article img[src="x"]').count()).toBe(0);
    await page.mouse.move(200, 200);
    await screenshot(page, 'article-hostile');
    // Even a script injected from outside is refused by the page's Content-Security-Policy.
    await page.addScriptTag({ content: 'window.__injected = true;' }).catch(() => undefined);
    expect(
      await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
    ).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);

    // The home page and the search results list it too, also as text.
    for (const path of ['/', `/search?q=${encodeURIComponent('hostile')}`]) {
      const list = await open(path);
      expect(await list.page.getByRole('link', { name: HOSTILE.headline }).count(), path).toBe(1);
      expect(list.dialogs).toEqual([]);
    }
  }, 120_000);

  it('lays out an Urdu article right to left', async () => {
    const { page, errors } = await open(`/articles/${URDU.slug}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('ur');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const h1 = page.locator('h1');
    expect(await h1.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    // Right-to-left text starts at the right edge of its column.
    const box = await h1.evaluate((e) => {
      const range = document.createRange();
      range.selectNodeContents(e);
      const text = range.getClientRects()[0];
      const column = e.getBoundingClientRect();
      return {
        textRight: text?.right ?? 0,
        columnRight: column.right,
        textLeft: text?.left ?? 0,
        columnLeft: column.left,
      };
    });
    expect(Math.abs(box.columnRight - box.textRight)).toBeLessThan(2);
    await screenshot(page, 'article-rtl');
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows an edition as a table of contents with its downloads', async () => {
    const { page, errors } = await open(`/editions/${editionId}`);
    expect(await page.locator('h1').textContent()).toBe('Morning Briefing');
    expect(await page.locator('.toc a').allTextContents()).toEqual([SEED_HEADLINE, URDU.headline]);
    expect(await page.locator('.downloads a').allTextContents()).toEqual([
      expect.stringMatching(/^Download EPUB \(\d+(\.\d)? (KB|MB)\)$/),
      expect.stringMatching(/^Download PDF \(\d+(\.\d)? (KB|MB)\)$/),
    ]);
    await screenshot(page, 'edition');
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('every page type', () => {
  const pages = () =>
    [
      ['home', '/'],
      ['search', '/search?q=pakistan'],
      ['article', `/articles/${SEED_SLUG}`],
      ['article-rtl', `/articles/${URDU.slug}`],
      ['edition', `/editions/${editionId}`],
      ['not-found', '/articles/no-such-article'],
    ] as const;

  it('has no accessibility violations that axe-core can find', async () => {
    const found: string[] = [];
    for (const [name, path] of pages()) {
      const { page } = await open(path);
      const result = await axe(page);
      expect(result.passes.length, name).toBeGreaterThan(10);
      if (result.violations.length > 0) found.push(`${name} ${path}\n${violations(result)}`);
    }
    expect(found.join('\n\n')).toBe('');
  }, 180_000);

  it('fits a 360 px phone without sideways scrolling', async () => {
    for (const [name, path] of pages()) {
      const { page } = await open(path);
      await page.setViewportSize({ width: 360, height: 740 });
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        name,
      ).toBeLessThanOrEqual(360);
      await screenshot(page, `${name}-360px`);
    }
  }, 120_000);

  it('follows the dark colour scheme and hides navigation and buttons in print', async () => {
    const { page } = await open(`/articles/${SEED_SLUG}`);
    const background = () =>
      page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(light).toBe('rgb(253, 252, 248)');
    expect(dark).toBe('rgb(22, 21, 20)');
    await screenshot(page, 'article-dark');
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    expect(await page.locator('.downloads').isVisible()).toBe(false);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(true);
    await writeFile(`${SCREENSHOTS}article-print.pdf`, await page.pdf({ format: 'A4' }));
  }, 60_000);
});
