import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Article, ArticleInput, Edition } from '@broadsheet/model';
import { parseArticle, parseEdition } from '@broadsheet/model';
import { GIF_BYTES } from '@broadsheet/testing';

export const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
export const GIF_1X1 = GIF_BYTES.toString('base64');

/**
 * The bundled seed article: @broadsheet/content's defaultArticle() once that package is built,
 * otherwise the same text split the simple way (headline line, then paragraphs).
 */
export async function seedArticle(): Promise<Article> {
  try {
    const content = (await import('@broadsheet/content')) as { defaultArticle?: () => Article };
    if (typeof content.defaultArticle === 'function') return content.defaultArticle();
  } catch {
    // not built yet: fall through to the plain split
  }
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@broadsheet/content/package.json'));
  const text = await readFile(join(dir, 'data', 'default-article.txt'), 'utf8');
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return parseArticle({
    headline: lines[0],
    language: 'en',
    publishedAt: '2018-05-02',
    publisher: { name: 'Arab News' },
    body: lines.slice(1).map((l) => ({ type: 'paragraph', text: l })),
  });
}

export function everyBlockInput(): ArticleInput {
  return {
    id: 'every-block',
    headline: 'Every block & every inline: a test of the renderer',
    kicker: 'Analysis',
    standfirst: 'A standfirst that sums the story up in one sentence.',
    highlights: ['First key fact.', 'Second key fact, with “quotes”.'],
    authors: [
      {
        name: 'Amina Khan',
        role: 'reporter',
        affiliation: 'Broadsheet',
        url: 'https://example.com/amina',
      },
      { name: 'Li Wei', role: 'photographer' },
    ],
    dateline: { place: 'ISLAMABAD', agency: 'Reuters' },
    publishedAt: '2026-11-28T23:30:00-05:00',
    updatedAt: '2026-11-29T08:15:00+05:00',
    language: 'en',
    section: 'World',
    tags: ['diplomacy', 'trade'],
    publisher: { name: 'Broadsheet Daily', url: 'https://example.com' },
    source: { url: 'https://example.com/story', name: 'Example News' },
    image: {
      src: `data:image/png;base64,${PNG_1X1}`,
      alt: 'A single pixel',
      caption: 'The lead picture.',
      credit: 'Photo: Test',
    },
    body: [
      {
        type: 'paragraph',
        content: [
          { text: 'Plain, ' },
          { text: 'emphasised', emphasis: true },
          { text: ', ' },
          { text: 'strong', strong: true },
          { text: ' and ' },
          { text: 'linked', href: 'https://example.com/a?b=1&c=2' },
          { text: ' text.' },
        ],
      },
      { type: 'heading', level: 2, text: 'A section heading' },
      { type: 'paragraph', text: 'Under the section.' },
      { type: 'heading', level: 4, text: 'A heading that skips a level' },
      {
        type: 'quote',
        text: 'A quotation worth keeping.',
        attribution: 'A. Speaker',
        cite: 'https://example.com/speech',
      },
      { type: 'quote', text: 'A quotation without attribution.' },
      {
        type: 'list',
        ordered: false,
        items: ['one', { content: [{ text: 'two', strong: true }] }],
      },
      { type: 'list', ordered: true, items: ['first', 'second'] },
      {
        type: 'figure',
        image: {
          src: `data:image/gif;base64,${GIF_1X1}`,
          alt: 'A GIF pixel',
          caption: 'An embedded GIF.',
        },
      },
      {
        type: 'figure',
        image: {
          src: 'pictures/local.png',
          alt: 'A local file',
          caption: 'Read from imageBaseDir.',
        },
      },
      {
        type: 'figure',
        image: {
          src: 'https://example.com/remote.jpg',
          alt: 'Remote',
          caption: 'A remote picture, never fetched.',
          credit: 'Agency',
        },
      },
      {
        type: 'figure',
        image: {
          src: `data:image/png;base64,${Buffer.from('not a png at all').toString('base64')}`,
          alt: 'Broken',
          caption: 'A broken picture.',
        },
      },
      {
        type: 'figure',
        image: { src: 'pictures/missing.png', alt: 'Missing', caption: 'A missing file.' },
      },
      { type: 'figure', image: { caption: 'A caption whose picture the source did not carry.' } },
      { type: 'paragraph', text: 'The end.' },
    ],
  };
}

export const everyBlockArticle = (): Article => parseArticle(everyBlockInput());

export const russianArticle = (): Article =>
  parseArticle({
    headline: 'Россия и Пакистан обсуждают стратегическое партнёрство',
    language: 'ru',
    publishedAt: '2026-11-28',
    authors: [{ name: 'Иван Петров' }],
    tags: ['политика'],
    body: [
      {
        type: 'paragraph',
        text: 'Москва и Исламабад договорились расширить сотрудничество в торговле и энергетике.',
      },
      { type: 'heading', text: 'Переговоры' },
      { type: 'paragraph', text: 'Стороны подписали меморандум о взаимопонимании.' },
    ],
  });

export const urduArticle = (): Article =>
  parseArticle({
    headline: 'پاکستان اور روس کے درمیان اسٹریٹجک شراکت داری',
    language: 'ur',
    publishedAt: '2026-11-28',
    authors: [{ name: 'احمد علی' }],
    highlights: ['دونوں ممالک نے تجارت بڑھانے پر اتفاق کیا۔'],
    body: [
      {
        type: 'paragraph',
        text: 'اسلام آباد: پاکستان اور روس کے تعلقات تیزی سے ایک پختہ رشتے میں تبدیل ہو رہے ہیں۔',
      },
      {
        type: 'quote',
        text: 'ہم ایک نئی شراکت داری بنا رہے ہیں۔',
        attribution: 'ترجمان دفتر خارجہ',
      },
    ],
  });

export const chineseArticle = (): Article =>
  parseArticle({
    headline: '巴基斯坦与俄罗斯探讨多维战略伙伴关系',
    language: 'zh-Hans',
    publishedAt: '2026-11-28T09:00:00+08:00',
    authors: [{ name: '王芳' }],
    body: [
      { type: 'paragraph', text: '伊斯兰堡电：巴基斯坦与俄罗斯的关系正迅速发展为“成熟的关系”。' },
      { type: 'list', items: ['反恐合作', '贸易', '国防'] },
    ],
  });

const HOSTILE = `<script>alert(1)</script> <img src=x onerror="alert(2)"> & ]]> \u0001\u0007 \uD800 lone 😀 👩‍👩‍👧 &amp;`;

/** Every field that reaches XHTML or XML carries markup, entities, CDATA ends and emoji. */
export function hostileArticle(): Article {
  const article = parseArticle({
    id: 'hostile',
    headline: `Headline ${HOSTILE}`,
    kicker: `<b>kicker</b> ${HOSTILE}`,
    standfirst: `Standfirst ${HOSTILE}`,
    highlights: [`Highlight ${HOSTILE}`],
    authors: [{ name: `Author ${HOSTILE}`, affiliation: `"quoted" 'single' ${HOSTILE}` }],
    dateline: { place: `Place ${HOSTILE}`, agency: HOSTILE },
    language: 'en',
    section: `Section ${HOSTILE}`,
    tags: [`tag ${HOSTILE}`],
    publisher: { name: `Publisher ${HOSTILE}` },
    source: { name: `Source ${HOSTILE}`, url: 'https://example.com/?q=<script>&x="1"' },
    image: {
      src: 'javascript-alert.png',
      alt: `Alt ${HOSTILE}`,
      caption: `Caption ${HOSTILE}`,
      credit: `Credit ${HOSTILE}`,
    },
    body: [
      {
        type: 'paragraph',
        content: [
          { text: `Run ${HOSTILE}` },
          { text: ' link', href: 'https://example.com/"onmouseover="alert(3)' },
        ],
      },
      { type: 'heading', text: `Heading ${HOSTILE}` },
      { type: 'quote', text: `Quote ${HOSTILE}`, attribution: `Attribution ${HOSTILE}` },
      { type: 'list', items: [`Item ${HOSTILE}`] },
      {
        type: 'figure',
        image: {
          src: 'https://example.com/x.png',
          alt: `Figure alt ${HOSTILE}`,
          caption: `Figure ${HOSTILE}`,
        },
      },
    ],
  });
  // The model strips control characters and lone surrogates when parsing; put them back, so
  // the renderer's own escaping is tested too (callers may hand it objects built in code).
  article.headline += ' \u0000\u0008\u000B\uDC00\uFFFE raw';
  const first = article.body[0];
  if (first?.type === 'paragraph') first.content.push({ text: ' \u0002\uD83D raw run' });
  return article;
}

function numbered(i: number): ArticleInput {
  const base = everyBlockInput();
  return {
    ...base,
    id: `story-${i}`,
    headline: `Story ${i}: ${i % 2 === 0 ? 'markets rally as talks resume' : 'ministers meet on trade and energy'}`,
    body: [
      ...(base.body ?? []),
      ...Array.from({ length: 12 }, (_, p) => ({
        type: 'paragraph' as const,
        text: `Paragraph ${p + 1} of story ${i}. `.repeat(8),
      })),
    ],
  };
}

/** A 50-article edition in five sections, every article using every block type. */
export function fiftyArticleEdition(): Edition {
  return parseEdition({
    title: 'The Morning Edition',
    date: '2026-11-28',
    language: 'en',
    publisher: { name: 'Broadsheet Daily' },
    sections: ['World', 'Business', 'Science', 'Culture', 'Sport'].map((title, s) => ({
      title,
      articles: Array.from({ length: 10 }, (_, a) => numbered(s * 10 + a + 1)),
    })),
  });
}

/** An edition holding the special articles together (multi-language, hostile). */
export function mixedEdition(language = 'en'): Edition {
  return parseEdition({
    title: language === 'ur' ? 'صبح کا اخبار' : 'Mixed Edition',
    date: '2026-11-28',
    language,
    sections: [
      {
        title: 'World',
        articles: [everyBlockInput(), russianArticle(), urduArticle(), chineseArticle()],
      },
      { title: 'Other', articles: [hostileArticle()] },
    ],
  });
}
