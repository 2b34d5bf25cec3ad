import type { Article, Edition } from '@broadsheet/model';
import { uuidFromName } from '@broadsheet/model';
import { editionArticles } from '../shared/edition.js';
import { articleImageSources, articleXhtml, safeHref } from './article-xhtml.js';
import type { CoverSpec } from './cover.js';
import { articleCoverSpec, editionCoverSpec } from './cover-spec.js';
import { coverPicture } from './cover-picture.js';
import { FALLBACK_MODIFIED, latest, utcTimestamp, w3cDate } from '../display/dates.js';
import { directionOf } from '../display/direction.js';
import { articleDisplay, editionDisplay } from '../display/display-model.js';
import { escapeMarkup } from '../display/escape.js';
import type { ImageStore } from './images.js';
import type { BookMetadata } from './metadata.js';

/** One XHTML content document, in spine order. */
export interface ChapterPlan {
  id: string;
  filename: string;
  /** Plain text; escaped when written. */
  title: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  bodyType: 'frontmatter' | 'bodymatter';
  /** The body's XHTML, already escaped. */
  content: string;
}

export interface NavPoint {
  id: string;
  href: string;
  label: string;
  children: NavPoint[];
}

export interface Landmark {
  type: 'cover' | 'titlepage' | 'toc' | 'bodymatter';
  href: string;
  label: string;
}

/** Everything the EPUB writer needs, decided up front from the model. */
export interface BookPlan {
  metadata: BookMetadata;
  language: string;
  dir: 'ltr' | 'rtl';
  chapters: ChapterPlan[];
  nav: NavPoint[];
  landmarks: Landmark[];
  /** What to draw on the cover, with its alt text; absent: no cover. */
  cover?: { spec: CoverSpec; alt: string };
}

export const COVER_FILE = 'cover.png';
/** The cover's file name: the generated one is a PNG; a given one keeps its own format. */
const coverFile = (extension = 'png') => `cover.${extension}`;

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

function articleDescription(article: Article): string {
  if (article.standfirst) return article.standfirst;
  const first = article.body.find((b) => b.type === 'paragraph');
  return first ? clip(first.text, 500) : article.headline;
}

/** Loads every picture the articles refer to, in reading order, so image ids follow the text. */
export async function collectImages(
  articles: readonly Article[],
  images: ImageStore,
): Promise<void> {
  for (const article of articles) {
    for (const src of articleImageSources(article)) await images.add(src);
  }
}

function imageFacts(
  articles: readonly Article[],
  images: ImageStore,
): { hasImages: boolean; allAlt: boolean } {
  let hasImages = false;
  let allAlt = true;
  for (const article of articles) {
    const figures = [
      article.image,
      ...article.body.map((b) => (b.type === 'figure' ? b.image : undefined)),
    ];
    for (const image of figures) {
      if (image && images.get(image.src)) {
        hasImages = true;
        if (image.alt.trim() === '') allAlt = false;
      }
    }
  }
  return { hasImages, allAlt };
}

function coverChapter(
  alt: string,
  lang: string,
  dir: 'ltr' | 'rtl',
  title: string,
  file: string,
): ChapterPlan {
  return {
    id: 'cover',
    filename: 'cover.xhtml',
    title,
    lang,
    dir,
    bodyType: 'frontmatter',
    content: `<div class="cover-page"><img src="${file}" alt="${escapeMarkup(alt)}" role="doc-cover" epub:type="cover"/></div>`,
  };
}

export interface PlanOptions {
  /** Draw a cover for a single article too (editions always get one). */
  articleCover: boolean;
  /** Extension of the cover picture (`png` unless a given cover is JPEG or GIF). */
  coverExtension?: string;
}

/** A single article: one chapter (after an optional cover), the nav listing it. */
export function planArticle(article: Article, images: ImageStore, options: PlanOptions): BookPlan {
  const lang = article.language;
  const { dir, labels: l } = articleDisplay(article);
  const facts = imageFacts([article], images);
  const publisher = article.publisher?.name ?? article.source?.name;
  const creators =
    article.authors.length > 0 ? article.authors.map((a) => a.name) : publisher ? [publisher] : [];
  // An article may carry only its update date (scraped pages often do): use it then.
  const firstDate = article.publishedAt ?? article.updatedAt;
  const cover = options.articleCover
    ? articleCoverSpec(article, coverPicture(article, images))
    : undefined;

  const metadata: BookMetadata = {
    identifier: `urn:uuid:${uuidFromName(`broadsheet:article:${article.id}`)}`,
    title: article.headline,
    languages: [lang],
    creators,
    description: articleDescription(article),
    subjects: article.tags,
    modified:
      utcTimestamp(article.updatedAt) ?? utcTimestamp(article.publishedAt) ?? FALLBACK_MODIFIED,
    hasImages: facts.hasImages || cover !== undefined,
    allImagesHaveAlt: facts.allAlt,
    hasCover: cover !== undefined,
  };
  if (publisher) metadata.publisher = publisher;
  const date = w3cDate(firstDate);
  if (date) metadata.date = date;
  const source = safeHref(article.source?.url);
  if (source) metadata.source = source;

  const chapters: ChapterPlan[] = [];
  const landmarks: Landmark[] = [];
  if (cover) {
    chapters.push(coverChapter(cover.alt, lang, dir, l.cover, coverFile(options.coverExtension)));
    landmarks.push({ type: 'cover', href: 'cover.xhtml', label: l.cover });
  }
  chapters.push({
    id: 'article',
    filename: 'article.xhtml',
    title: article.headline,
    lang,
    dir,
    bodyType: 'bodymatter',
    content: articleXhtml(article, images),
  });
  landmarks.push({ type: 'bodymatter', href: 'article.xhtml', label: article.headline });
  const plan: BookPlan = {
    metadata,
    language: lang,
    dir,
    chapters,
    nav: [{ id: 'nav-article', href: 'article.xhtml', label: article.headline, children: [] }],
    landmarks,
  };
  if (cover) plan.cover = cover;
  return plan;
}

const articleFile = (index: number) => `article-${String(index + 1).padStart(3, '0')}`;

/**
 * An edition reads like a newspaper: cover, title page, an inline table of contents by
 * section (Kindle's menu uses it), then each article as its own chapter.
 */
export function planEdition(
  edition: Edition,
  images: ImageStore,
  options: Partial<PlanOptions> = {},
): BookPlan {
  const lang = edition.language;
  const display = editionDisplay(edition);
  const { dir, labels: l } = display;
  const entries = editionArticles(edition);
  const articles = entries.map((e) => e.article);
  const facts = imageFacts(articles, images);
  const dateText = display.date.text;
  const publisher = edition.publisher?.name;
  const cover = editionCoverSpec(edition, coverPicture(edition, images));

  const authors = [...new Set(articles.flatMap((a) => a.authors.map((x) => x.name)))].slice(0, 20);
  const languages = [...new Set([lang, ...articles.map((a) => a.language)])];
  const metadata: BookMetadata = {
    identifier: `urn:uuid:${uuidFromName(`broadsheet:edition:${edition.id}`)}`,
    title: edition.title,
    languages,
    creators: publisher ? [publisher] : authors,
    description:
      edition.description ||
      clip(
        `${edition.title}, ${dateText}: ${articles
          .slice(0, 8)
          .map((a) => a.headline)
          .join('; ')}`,
        1000,
      ),
    subjects: [...new Set(edition.sections.map((s) => s.title))],
    date: edition.date,
    modified:
      latest([`${edition.date}`, ...articles.flatMap((a) => [a.updatedAt, a.publishedAt])]) ??
      FALLBACK_MODIFIED,
    hasImages: true,
    allImagesHaveAlt: facts.allAlt,
    hasCover: true,
  };
  if (publisher) metadata.publisher = publisher;

  const titlePage = [
    `<section class="title-page" epub:type="titlepage">`,
    `<h1 class="masthead">${escapeMarkup(edition.title)}</h1>`,
    publisher ? `<p class="publisher">${escapeMarkup(publisher)}</p>` : '',
    `<p class="date"><time datetime="${escapeMarkup(edition.date)}">${escapeMarkup(dateText)}</time></p>`,
    edition.description ? `<p class="description">${escapeMarkup(edition.description)}</p>` : '',
    `<p class="count">${escapeMarkup(display.articleCount)}</p>`,
    `</section>`,
  ].join('');

  const contents: string[] = [
    `<section class="contents" role="doc-toc" aria-labelledby="contents-title">`,
  ];
  contents.push(`<h1 id="contents-title">${escapeMarkup(l.contents)}</h1>`);
  const nav: NavPoint[] = [];
  edition.sections.forEach((section, s) => {
    const anchor = `section-${s + 1}`;
    const items = entries.filter((e) => e.sectionIndex === s);
    contents.push(`<h2 id="${anchor}">${escapeMarkup(section.title)}</h2><ol>`);
    for (const e of items) {
      const kicker = e.article.kicker
        ? `<span class="kicker">${escapeMarkup(e.article.kicker)}</span> `
        : '';
      const articleDir = directionOf(e.article.language);
      const langAttr =
        (e.article.language === lang
          ? ''
          : ` lang="${escapeMarkup(e.article.language)}" xml:lang="${escapeMarkup(e.article.language)}"`) +
        (articleDir === dir ? '' : ` dir="${articleDir}"`);
      contents.push(
        `<li${langAttr}>${kicker}<a href="${articleFile(e.index)}.xhtml">${escapeMarkup(e.article.headline)}</a></li>`,
      );
    }
    contents.push('</ol>');
    // The section entry opens its first article: the nav must follow the reading order, and
    // the contents page comes before every article.
    nav.push({
      id: `nav-${anchor}`,
      href: `${articleFile(items[0]?.index ?? 0)}.xhtml`,
      label: section.title,
      children: items.map((e) => ({
        id: `nav-${articleFile(e.index)}`,
        href: `${articleFile(e.index)}.xhtml`,
        label: e.article.headline,
        children: [],
      })),
    });
  });
  contents.push('</section>');

  const chapters: ChapterPlan[] = [
    coverChapter(cover.alt, lang, dir, l.cover, coverFile(options.coverExtension)),
    {
      id: 'titlepage',
      filename: 'title.xhtml',
      title: edition.title,
      lang,
      dir,
      bodyType: 'frontmatter',
      content: titlePage,
    },
    {
      id: 'contents',
      filename: 'contents.xhtml',
      title: l.contents,
      lang,
      dir,
      bodyType: 'frontmatter',
      content: contents.join(''),
    },
    ...entries.map((e): ChapterPlan => ({
      id: articleFile(e.index),
      filename: `${articleFile(e.index)}.xhtml`,
      title: e.article.headline,
      lang: e.article.language,
      dir: directionOf(e.article.language),
      bodyType: 'bodymatter',
      content: articleXhtml(e.article, images, { sectionTitle: e.sectionTitle }),
    })),
  ];
  return {
    metadata,
    language: lang,
    dir,
    chapters,
    nav,
    landmarks: [
      { type: 'cover', href: 'cover.xhtml', label: l.cover },
      { type: 'titlepage', href: 'title.xhtml', label: edition.title },
      { type: 'toc', href: 'contents.xhtml', label: l.contents },
      {
        type: 'bodymatter',
        href: `${articleFile(0)}.xhtml`,
        label: entries[0]?.article.headline ?? edition.title,
      },
    ],
    cover,
  };
}
