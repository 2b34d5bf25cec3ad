import type { z } from 'zod';
import { sha256Hex } from '../hash.js';
import { htmlToBlocks } from '../html/html-blocks.js';
import { parseArticle } from '../parse.js';
import type { Article, ArticleInput, Block, Image } from '../schema.js';
import { slugify, SLUG_PATTERN } from '../slugify.js';
import { ValidationError } from '../validation-error.js';
import { NinjsInput, type NinjsAssociation } from './ninjs-schema.js';
import { ARTICLE_URN, NINJS_ROLES } from './roles.js';

type RoleValue = { role?: string | undefined; contenttype?: string | undefined; value: string };
type BlockInput = z.input<typeof Block>;
type ImageInput = z.input<typeof Image>;

export interface FromNinjsOptions {
  /** Language when the document has none (ninjs makes it optional, articles need one). */
  language?: string;
}

const withRole = (items: RoleValue[] | undefined, role: string) =>
  (items ?? []).filter((i) => i.role === role);
const isHtml = (i: RoleValue) => /html/iu.test(i.contenttype ?? '');

function paragraphs(text: string): BlockInput[] {
  return text
    .split(/\n\s*\n/u)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => ({ type: 'paragraph', text: t }));
}

function bodyBlocks(doc: NinjsInput): BlockInput[] {
  const bodies = doc.bodies ?? [];
  const main = bodies.filter((b) => b.role === undefined || b.role === NINJS_ROLES.body);
  const candidates = main.length > 0 ? main : bodies;
  const html = candidates.find(isHtml)?.value ?? doc.body_html;
  if (html !== undefined) return htmlToBlocks(html);
  const text = candidates.find((b) => !isHtml(b))?.value ?? doc.body_text;
  return text === undefined ? [] : paragraphs(text);
}

function authors(by: string | undefined): { name: string }[] {
  if (by === undefined) return [];
  return by
    .replace(/^\s*by\s+/iu, '')
    .split(/\s*(?:,|;|&|\band\b)\s*/u)
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => ({ name }));
}

function leadImage(doc: NinjsInput): ImageInput | undefined {
  const all: z.infer<typeof NinjsAssociation>[] = Array.isArray(doc.associations)
    ? doc.associations
    : Object.entries(doc.associations ?? {}).map(([name, a]) => ({ name, ...a }));
  const pictures = all.filter(
    (a) => a.type === undefined || a.type === 'picture' || a.type === 'graphic',
  );
  const a = pictures.find((p) => p.name === 'featureimage') ?? pictures[0];
  if (!a) return undefined;
  const renditions = a.renditions ?? [];
  const rendition =
    renditions.find((r) => r.name === 'original') ??
    [...renditions].sort((x, y) => (y.width ?? 0) - (x.width ?? 0))[0];
  const caption =
    withRole(a.descriptions, NINJS_ROLES.caption)[0]?.value ??
    a.descriptions?.find((d) => d.role === undefined)?.value ??
    a.headlines?.[0]?.value;
  const alt = withRole(a.descriptions, NINJS_ROLES.alt)[0]?.value;
  const image: ImageInput = {};
  if (rendition?.href !== undefined) image.src = rendition.href;
  if (alt !== undefined) image.alt = alt;
  if (caption !== undefined) image.caption = caption;
  if (a.by !== undefined) image.credit = a.by;
  if (rendition?.width !== undefined) image.width = rendition.width;
  if (rendition?.height !== undefined) image.height = rendition.height;
  return image.src === undefined && image.caption === undefined ? undefined : image;
}

// Article fields named by where they came from in the ninjs document, for error messages.
const NINJS_FIELD: Record<string, string> = {
  id: 'uri',
  slug: 'slugline',
  headline: 'headlines',
  kicker: 'headlines',
  standfirst: 'descriptions',
  highlights: 'descriptions',
  body: 'bodies',
  authors: 'by',
  dateline: 'located',
  publishedAt: 'firstcreated',
  updatedAt: 'versioncreated',
  section: 'subjects',
  tags: 'subjects',
  publisher: 'copyrightholder',
  source: 'infosources',
  image: 'associations',
  language: 'language',
};

/**
 * Reads a ninjs news item (2.x, or 1.x's flat fields) into an Article: the document is
 * checked with a schema, then the article goes through parseArticle, so anything wrong
 * comes back as a ValidationError naming the ninjs property.
 */
export function fromNinjs(input: unknown, options: FromNinjsOptions = {}): Article {
  const parsed = NinjsInput.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, 'ninjs document');
  const doc = parsed.data;

  const headline =
    withRole(doc.headlines, NINJS_ROLES.headline)[0]?.value ??
    doc.headlines?.find((h) => h.role === undefined)?.value ??
    doc.headline;
  const kicker = withRole(doc.headlines, NINJS_ROLES.kicker)[0]?.value;
  const standfirst =
    withRole(doc.descriptions, NINJS_ROLES.standfirst)[0]?.value ??
    doc.descriptions?.find((d) => d.role === undefined)?.value ??
    doc.description_text;
  const highlights = withRole(doc.descriptions, NINJS_ROLES.highlight).map((d) => d.value);
  const subjects = doc.subjects ?? [];
  const section = subjects.find((s) => s.rel === NINJS_ROLES.section)?.name;
  const tags = subjects
    .filter((s) => s.rel !== NINJS_ROLES.section)
    .map((s) => s.name ?? s.literal)
    .filter((t): t is string => t !== undefined && t.trim() !== '');
  const sources = doc.infosources ?? [];
  const publisherSource = sources.find((s) => s.role === NINJS_ROLES.publisher);
  const source = sources.find((s) => s.role === NINJS_ROLES.source);
  const agency = sources.find((s) => s.role === NINJS_ROLES.agency)?.name;
  const ownId = doc.uri.startsWith(ARTICLE_URN) ? doc.uri.slice(ARTICLE_URN.length) : undefined;
  const slug =
    doc.slugline === undefined
      ? undefined
      : SLUG_PATTERN.test(doc.slugline)
        ? doc.slugline
        : slugify(doc.slugline);

  const article: ArticleInput = {
    // A foreign item keeps a stable id derived from its URI.
    id: ownId ?? sha256Hex(doc.uri).slice(0, 16),
    headline: headline ?? '',
    language: doc.language ?? options.language ?? '',
    highlights,
    authors: authors(doc.by),
    tags,
    body: bodyBlocks(doc),
  };
  if (slug !== undefined && slug !== '') article.slug = slug;
  if (kicker !== undefined) article.kicker = kicker;
  if (standfirst !== undefined) article.standfirst = standfirst;
  if (section !== undefined) article.section = section;
  if (doc.located !== undefined && doc.located.trim() !== '')
    article.dateline = agency ? { place: doc.located, agency } : { place: doc.located };
  if (doc.firstcreated !== undefined) article.publishedAt = doc.firstcreated;
  if (doc.versioncreated !== undefined && doc.versioncreated !== doc.firstcreated)
    article.updatedAt = doc.versioncreated;
  const publisherName = publisherSource?.name ?? doc.copyrightholder;
  if (publisherName !== undefined) {
    article.publisher = {
      name: publisherName,
      ...(publisherSource?.uri && /^https?:/iu.test(publisherSource.uri)
        ? { url: publisherSource.uri }
        : {}),
    };
  }
  if (source)
    article.source = {
      ...(source.name ? { name: source.name } : {}),
      ...(source.uri ? { url: source.uri } : {}),
    };
  const image = leadImage(doc);
  if (image) article.image = image;

  try {
    return parseArticle(article);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.issues.map((issue) => {
        const [field = '', ...rest] = issue.path.split('.');
        const from = NINJS_FIELD[field];
        return from === undefined
          ? issue
          : {
              path: from,
              message: rest.length
                ? `${field}.${rest.join('.')}: ${issue.message}`
                : `${field}: ${issue.message}`,
            };
      }),
      'ninjs document',
    );
  }
}
