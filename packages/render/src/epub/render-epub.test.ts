import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Article, Edition } from '@broadsheet/model';
import {
  aceCheck,
  epubcheckJava,
  epubcheckTs,
  formatEpubCheckProblems,
  openEpub,
} from '@broadsheet/testing';
import { renderEpub } from './index.js';
import {
  PNG_1X1,
  chineseArticle,
  everyBlockArticle,
  fiftyArticleEdition,
  hostileArticle,
  mixedEdition,
  russianArticle,
  seedArticle,
  urduArticle,
} from './test-support/fixtures.js';

let imageBaseDir: string;
beforeAll(async () => {
  imageBaseDir = await mkdtemp(join(tmpdir(), 'broadsheet-epub-'));
  await mkdir(join(imageBaseDir, 'pictures'));
  await writeFile(join(imageBaseDir, 'pictures', 'local.png'), Buffer.from(PNG_1X1, 'base64'));
});
afterAll(async () => {
  await rm(imageBaseDir, { recursive: true, force: true });
});

const documents: [string, () => Promise<Article | Edition> | Article | Edition][] = [
  ['the seed article', seedArticle],
  ['an article using every block and inline type', everyBlockArticle],
  ['a Russian article', russianArticle],
  ['an Urdu article', urduArticle],
  ['a Chinese article', chineseArticle],
  ['a hostile article', hostileArticle],
  ['a 50-article edition', fiftyArticleEdition],
  ['an edition of every language', () => mixedEdition()],
  ['an Urdu edition', () => mixedEdition('ur')],
];

describe('renderEpub output passes epubcheck-ts', () => {
  it.each(documents)('%s: 0 errors, 0 warnings', async (_name, make) => {
    const epub = await renderEpub(await make(), { imageBaseDir });
    const report = await epubcheckTs(epub);
    expect(formatEpubCheckProblems(report)).toBe('');
  });
});

// The reference validator, once: about 5 s of JVM start. The end-to-end suite runs it on more.
describe('renderEpub output passes the Java EPUBCheck', () => {
  it(
    'an edition of every language, every block, images and hostile text: 0 errors, 0 warnings',
    { timeout: 120_000 },
    async () => {
      const epub = await renderEpub(mixedEdition(), { imageBaseDir });
      const report = await epubcheckJava(epub);
      expect(report.validator).toBe('epubcheck-java');
      expect(formatEpubCheckProblems(report)).toBe('');
    },
  );
});

// Ace by DAISY drives Debian's Chromium: 10-30 s, so one document that holds every case.
describe('renderEpub output passes Ace by DAISY', () => {
  it(
    'an edition of every language, every block, images and hostile text: no violations',
    { timeout: 300_000 },
    async () => {
      const report = await aceCheck(await renderEpub(mixedEdition(), { imageBaseDir }));
      expect(report.violations).toEqual([]);
      expect(report.outcome).toBe('pass');
    },
  );
});

const opf = (epub: Buffer) => openEpub(epub).text('OEBPS/content.opf');

describe('package metadata', () => {
  it('derives identifier, dates, creators, language, description and subjects from the article', async () => {
    const text = opf(await renderEpub(everyBlockArticle()));
    expect(text).toMatch(
      /<dc:identifier id="pub-id">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/,
    );
    expect(text).toContain('<dc:date>2026-11-28T23:30:00-05:00</dc:date>');
    expect(text).toContain('<meta property="dcterms:modified">2026-11-29T03:15:00Z</meta>');
    expect(text).toContain('<dc:creator id="creator-1">Amina Khan</dc:creator>');
    expect(text).toContain('<dc:publisher>Broadsheet Daily</dc:publisher>');
    expect(text).toContain('<dc:language>en</dc:language>');
    expect(text).toContain('xml:lang="en"');
    expect(text).toContain(
      '<dc:description>A standfirst that sums the story up in one sentence.</dc:description>',
    );
    expect(text).toContain('<dc:subject>diplomacy</dc:subject>');
    expect(text).toContain(
      '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>',
    );
    expect(text).toContain('<meta property="schema:accessibilityFeature">alternativeText</meta>');
    expect(text).not.toContain('<guide>');
  });

  it('keeps the same identifier for the same article and a different one for another', async () => {
    const id = (t: string) => /<dc:identifier[^>]*>([^<]+)</.exec(t)?.[1];
    const a = id(opf(await renderEpub(everyBlockArticle())));
    expect(a).toBe(id(opf(await renderEpub(everyBlockArticle()))));
    expect(a).not.toBe(id(opf(await renderEpub(russianArticle()))));
  });

  it('falls back to the publisher as creator and to updatedAt as date, and writes the language of the article', async () => {
    const text = opf(await renderEpub(await seedArticle()));
    expect(text).toMatch(/<dc:creator id="creator-1">[^<]+<\/dc:creator>/);
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { publishedAt, ...onlyUpdated } = everyBlockArticle();
    expect(opf(await renderEpub(onlyUpdated))).toContain(
      '<dc:date>2026-11-29T08:15:00+05:00</dc:date>',
    );
    const ru = opf(await renderEpub(russianArticle()));
    expect(ru).toContain('<dc:language>ru</dc:language>');
    expect(ru).toContain('xml:lang="ru"');
  });
});

describe('determinism', () => {
  it('gives the same bytes for the same edition, whatever the time zone', async () => {
    const before = process.env['TZ'];
    try {
      process.env['TZ'] = 'Pacific/Kiritimati';
      const a = await renderEpub(mixedEdition(), { imageBaseDir });
      process.env['TZ'] = 'America/Los_Angeles';
      const b = await renderEpub(mixedEdition(), { imageBaseDir });
      expect(Buffer.compare(a, b)).toBe(0);
      expect(opf(a)).toContain('<dc:date>2026-11-28</dc:date>');
    } finally {
      if (before === undefined) delete process.env['TZ'];
      else process.env['TZ'] = before;
    }
  });

  it('stores mimetype first and uncompressed', async () => {
    const epub = await renderEpub(russianArticle());
    expect(epub.readUInt32LE(0)).toBe(0x04034b50);
    expect(epub.readUInt16LE(8)).toBe(0);
    expect(epub.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(epub.subarray(38, 58).toString('latin1')).toBe('application/epub+zip');
  });
});

describe('images', () => {
  it('embeds data: URIs and local files by their real type and keeps captions of the rest, with no network', async () => {
    const connect = vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(() => {
      throw new Error('network access during render');
    });
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(() => {
      throw new Error('fetch during render');
    });
    try {
      const epub = openEpub(await renderEpub(everyBlockArticle(), { imageBaseDir }));
      expect(connect).not.toHaveBeenCalled();
      expect(fetchSpy).not.toHaveBeenCalled();
      const images = epub.names.filter((n) => n.startsWith('OEBPS/images/') && !n.endsWith('/'));
      expect(images).toEqual(['OEBPS/images/img-001.png', 'OEBPS/images/img-002.gif']);
      for (const name of epub.names.filter((n) => !n.endsWith('/')))
        expect(epub.bytes(name).length, name).toBeGreaterThan(0);
      const manifest = epub.text('OEBPS/content.opf');
      expect(manifest).toContain('href="images/img-001.png" media-type="image/png"');
      expect(manifest).toContain('href="images/img-002.gif" media-type="image/gif"');
      const chapter = epub.text('OEBPS/article.xhtml');
      // The local file is the same picture as the lead data: URI, so it is stored once.
      expect(chapter.match(/<img src="images\/img-001.png"/g)).toHaveLength(2);
      for (const caption of [
        'A remote picture, never fetched.',
        'A broken picture.',
        'A missing file.',
        'A caption whose picture the source did not carry.',
      ]) {
        expect(chapter).toContain(`<figure class="figure no-image"><figcaption>${caption}`);
      }
      expect(chapter).not.toContain('example.com/remote.jpg');
    } finally {
      connect.mockRestore();
      fetchSpy.mockRestore();
    }
  });

  it('reads no relative path without imageBaseDir and nothing outside it', async () => {
    const article = everyBlockArticle();
    const epub = openEpub(await renderEpub(article));
    expect(epub.text('OEBPS/article.xhtml')).toContain(
      '<figure class="figure no-image"><figcaption>Read from imageBaseDir.',
    );
  });
});

describe('semantic, accessible XHTML', () => {
  it('marks up an article with article, header, one h1, figures, blockquote attribution and time', async () => {
    const chapter = openEpub(await renderEpub(everyBlockArticle(), { imageBaseDir })).text(
      'OEBPS/article.xhtml',
    );
    expect(chapter.match(/<h1[ >]/g)).toHaveLength(1);
    expect(chapter).toContain('<article class="article" lang="en" xml:lang="en" dir="ltr">');
    expect(chapter).toContain('<header>');
    expect(chapter).toContain('<p class="kicker">Analysis</p>');
    expect(chapter).toContain(
      '<ul class="highlights" aria-label="Highlights"><li>First key fact.</li>',
    );
    expect(chapter).toContain('<p class="dateline">ISLAMABAD (Reuters)</p>');
    expect(chapter).toContain(
      '<p class="byline">By <span class="author"><a href="https://example.com/amina">Amina Khan</a></span> <span class="role">(reporter, Broadsheet)</span> and <span class="author">Li Wei</span> <span class="role">(photographer)</span></p>',
    );
    // In the publisher's own offset, never converted (the 28th, not the 29th in UTC).
    expect(chapter.replace(/\u202f/g, ' ')).toContain(
      'Published <time datetime="2026-11-28T23:30:00-05:00">November 28, 2026 at 11:30 PM GMT-5</time>',
    );
    expect(chapter).toContain('<figcaption class="attribution">— A. Speaker</figcaption>');
    expect(chapter).toContain('<blockquote cite="https://example.com/speech">');
    expect(chapter).toContain('<a href="https://example.com/a?b=1&amp;c=2">linked</a>');
    expect(chapter).toContain('<em>emphasised</em>');
    expect(chapter).toContain('<strong>strong</strong>');
    // A level-4 heading right after an h2 becomes h3: the outline never skips a level.
    expect(chapter).toContain('<h3>A heading that skips a level</h3>');
    expect(chapter).toContain('<ol><li>first</li><li>second</li></ol>');
  });

  it('sets dir="rtl" on Urdu content and page-progression-direction on an Urdu edition', async () => {
    const article = openEpub(await renderEpub(urduArticle()));
    expect(article.text('OEBPS/article.xhtml')).toMatch(
      /<html [^>]*xml:lang="ur" lang="ur" dir="rtl"/,
    );
    const edition = openEpub(await renderEpub(mixedEdition('ur')));
    expect(edition.text('OEBPS/content.opf')).toContain(
      '<spine toc="ncx" page-progression-direction="rtl">',
    );
    // The English article inside the Urdu edition stays left to right.
    expect(edition.text('OEBPS/article-001.xhtml')).toMatch(/<html [^>]*lang="en" dir="ltr"/);
  });

  it('escapes hostile text: no script element, no event attribute, no forbidden characters', async () => {
    const epub = openEpub(await renderEpub(hostileArticle()));
    const xml = epub.names
      .filter((n) => /\.(xhtml|opf|ncx)$/.test(n))
      .map((n) => epub.text(n))
      .join('\n');
    expect(xml).not.toMatch(/<script/i);
    expect(xml).not.toMatch(/<[^>]+\sonerror=/i);
    expect(xml).not.toMatch(/<[^>]+\sonmouseover=/i);
    expect(xml).not.toMatch(
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
    );
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).toContain(']]&gt;');
    expect(xml).toContain('😀');
    expect(epub.text('OEBPS/content.opf')).not.toContain('scripted');
  });
});

describe('editions', () => {
  it('has a PNG cover, a title page, an inline contents page, nav and NCX with sections', async () => {
    const epub = openEpub(await renderEpub(fiftyArticleEdition()));
    const manifest = epub.text('OEBPS/content.opf');
    expect(manifest).toContain(
      '<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>',
    );
    const cover = epub.bytes('OEBPS/cover.png');
    expect(Buffer.from(cover.subarray(1, 4)).toString('latin1')).toBe('PNG');
    expect(Buffer.from(cover).readUInt32BE(16)).toBe(600);
    expect(Buffer.from(cover).readUInt32BE(20)).toBe(900);
    const spine = /<spine[^>]*>([\s\S]*)<\/spine>/.exec(manifest)?.[1] ?? '';
    expect(spine.match(/idref="([^"]+)"/g)?.slice(0, 4)).toEqual([
      'idref="cover"',
      'idref="titlepage"',
      'idref="contents"',
      'idref="article-001"',
    ]);
    expect(spine.match(/itemref/g)).toHaveLength(53);
    const contents = epub.text('OEBPS/contents.xhtml');
    expect(contents).toContain('<h2 id="section-2">Business</h2>');
    expect(contents.match(/<li[ >]/g)).toHaveLength(50);
    const nav = epub.text('OEBPS/toc.xhtml');
    expect(nav).toContain('<li><a href="article-001.xhtml">World</a>');
    expect(nav).toContain('<nav epub:type="landmarks"');
    expect(nav).toContain('epub:type="bodymatter" href="article-001.xhtml"');
    expect(epub.text('OEBPS/toc.ncx').match(/<navPoint /g)).toHaveLength(55);
    expect(epub.text('OEBPS/title.xhtml')).toContain(
      '<h1 class="masthead">The Morning Edition</h1>',
    );
    const story = epub.text('OEBPS/article-011.xhtml');
    expect(story).toContain('<p class="section">Business</p>');
    expect(story).toContain(
      '<h1 class="headline">Story 11: ministers meet on trade and energy</h1>',
    );
  });

  it('draws the same cover for the same edition and a different one for another', async () => {
    const cover = async (e: Edition) => openEpub(await renderEpub(e)).bytes('OEBPS/cover.png');
    const a = await cover(fiftyArticleEdition());
    expect(Buffer.compare(a, await cover(fiftyArticleEdition()))).toBe(0);
    expect(Buffer.compare(a, await cover(mixedEdition()))).not.toBe(0);
  });

  it('gives a single article a cover only when asked', async () => {
    expect(openEpub(await renderEpub(russianArticle())).names).not.toContain('OEBPS/cover.png');
    const withCover = await renderEpub(russianArticle(), { articleCover: true });
    expect(openEpub(withCover).names).toContain('OEBPS/cover.png');
    expect(formatEpubCheckProblems(await epubcheckTs(withCover))).toBe('');
  });
});
