import type { z } from 'zod';
import { LIMITS } from '../limits.js';
import { parseArticle } from '../parse.js';
import type { Article, ArticleInput, Image, Publisher, Source } from '../schema.js';
import { ValidationError, type ValidationIssue } from '../validation-error.js';
import { bulletItem } from './bullets.js';
import { buildBody, type BodyBlock } from './body.js';
import { isChrome } from './chrome.js';
import {
  creditLine,
  detectLanguage,
  parseByline,
  parseDateLine,
  splitCaptionCredit,
  splitDateline,
  type BylineAuthor,
  type DateInfo,
} from '../news/index.js';
import { headlineEcho } from './kicker.js';
import { isLeadingKicker } from './leading-kicker.js';
import { countLines, splitLines, type SourceLine } from './lines.js';

/** Facts the text cannot tell; everything here is optional. */
export interface ImportOptions {
  /** BCP 47 tag; detected from the script of the text when absent. */
  language?: string;
  /** Where the text came from. `name` also becomes the publisher when none is given. */
  source?: z.input<typeof Source>;
  publisher?: z.input<typeof Publisher>;
  section?: string;
  tags?: string[];
  id?: string;
  slug?: string;
  /** The lead picture's file or URL, when known: plain text only carries its caption and credit. */
  image?: Omit<z.input<typeof Image>, 'caption' | 'credit'> & { src: string };
  /**
   * UTC offset ("+05:00", "Z") for times written without a zone. Without it such a time is
   * dropped and the date kept alone: a time zone is never guessed.
   */
  utcOffset?: string;
  /**
   * Most lines (blank ones included) the text may have; default LIMITS.textLines. Longer text
   * is refused before any of it is read, with a ValidationError whose `limit` is `textLines`.
   */
  maxLines?: number;
}

const PHOTO_CREDIT_END = /(photo|image|picture|фото|تصویر|图片|照片)[^()（）]*[)）]?\s*$/iu;

const fail = (issues: ValidationIssue[]): never => {
  throw new ValidationError(issues, 'plain text');
};
const at = (line: number, message: string): ValidationIssue => ({ path: `line ${line}`, message });

/** Whether a header line is one of the metadata kinds that can follow a standfirst or caption. */
function isMetaLine(
  line: SourceLine | undefined,
  utcOffset: string | undefined,
): 'credit' | 'meta' | undefined {
  if (!line) return undefined;
  if (creditLine(line.text) !== undefined) return 'credit';
  if (parseByline(line.text) || parseDateLine(line.text, utcOffset)) return 'meta';
  return undefined;
}

interface Header {
  kicker?: string;
  standfirst?: string;
  highlights: { text: string; line: number }[];
  authors: BylineAuthor[];
  dates: DateInfo;
  image?: { caption: string; credit?: string; line: number };
  bodyStart: number;
}

function readHeader(
  lines: readonly SourceLine[],
  start: number,
  headline: string,
  utcOffset?: string,
): Header {
  const h: Header = { highlights: [], authors: [], dates: {}, bodyStart: lines.length };
  let pendingCaption: SourceLine | undefined;
  let j = start;
  for (; j < lines.length; j++) {
    const line = lines[j]!;
    const t = line.text;
    if (isChrome(t)) continue;
    const echo = headlineEcho(t, headline);
    if (echo?.kind === 'repeat') continue;
    if (echo?.kind === 'kicker') {
      h.kicker ??= echo.kicker;
      continue;
    }
    const dates = parseDateLine(t, utcOffset);
    if (dates) {
      mergeDates(h.dates, dates);
      continue;
    }
    const byline = parseByline(t);
    if (byline) {
      if (h.authors.length === 0) h.authors = byline;
      continue;
    }
    const credit = creditLine(t);
    if (credit !== undefined) {
      if (pendingCaption && !h.image)
        h.image = { caption: pendingCaption.text, credit, line: pendingCaption.line };
      pendingCaption = undefined;
      continue;
    }
    // A first paragraph may start like a dateline and end in "(Reuters)"; a photo credit,
    // though, marks a caption even when it starts like one ("FILE - … (AP Photo/Jane Doe)").
    const captioned =
      t.length <= 400 && (!splitDateline(t) || PHOTO_CREDIT_END.test(t))
        ? splitCaptionCredit(t, true)
        : undefined;
    if (captioned) {
      if (!h.image) h.image = { ...captioned, line: line.line };
      continue;
    }
    const item = bulletItem(t);
    if (item !== undefined) {
      h.highlights.push({ text: item, line: line.line });
      continue;
    }
    // Prose. It is still header (a standfirst or a caption) only when metadata follows it.
    if (h.highlights.length > 0 || splitDateline(t)) break;
    let k = j + 1;
    while (k < lines.length && isChrome(lines[k]!.text)) k++;
    const following = isMetaLine(lines[k], utcOffset);
    if (following === 'credit') pendingCaption = line;
    else if (following === 'meta' && h.standfirst === undefined && t.length <= LIMITS.summaryChars)
      h.standfirst = t;
    else break;
  }
  h.bodyStart = j;
  return h;
}

/** The first date of each kind wins: later ones are usually related stories' dates. */
function mergeDates(into: DateInfo, from: DateInfo): void {
  if (into.publishedAt === undefined && from.publishedAt !== undefined)
    into.publishedAt = from.publishedAt;
  if (into.updatedAt === undefined && from.updatedAt !== undefined) into.updatedAt = from.updatedAt;
}

function dropNullish<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Turns scraped plain text into an Article by general rules (see README): the first line is
 * the headline; until the first paragraph of prose come the kicker, standfirst, byline,
 * dates, lead-figure caption and credit, and bullet highlights; repeats of the headline and
 * page furniture ("Follow", "Share") are dropped; a dateline ("ISLAMABAD:", "MOSCOW
 * (Reuters) -") is taken off the first paragraph. Throws ValidationError naming the line.
 */
export function importPlainText(text: string, options: ImportOptions = {}): Article {
  if (typeof text !== 'string') fail([{ path: 'text', message: 'must be a string' }]);
  if (
    options.utcOffset !== undefined &&
    !/^(Z|[+-](0\d|1[0-4]):[0-5]\d)$/u.test(options.utcOffset)
  ) {
    fail([{ path: 'utcOffset', message: 'must be "Z" or an offset such as "+05:00"' }]);
  }
  const maxLines = options.maxLines ?? LIMITS.textLines;
  if (!Number.isInteger(maxLines) || maxLines < 1)
    fail([{ path: 'maxLines', message: 'must be a whole number of at least 1' }]);
  if (countLines(text, maxLines) > maxLines) {
    throw new ValidationError(
      [
        at(
          maxLines + 1,
          `the text has more than ${maxLines} lines; a plain-text article may have at most ${maxLines} (limit textLines)`,
        ),
      ],
      'plain text',
      'textLines',
    );
  }
  const lines = splitLines(text);
  let first = 0;
  while (first < lines.length && isChrome(lines[first]!.text)) first++;
  // A short line in capitals directly above the headline is its kicker ("ANALYSIS").
  let leadingKicker: string | undefined;
  const top = lines[first];
  if (top && isLeadingKicker(top, lines[first + 1])) {
    leadingKicker = top.text;
    first += 1;
  }
  const headlineLine = lines[first];
  if (!headlineLine)
    return fail([at(1, 'the text is empty: expected a headline line followed by paragraphs')]);

  const headline = headlineLine.text;
  if (headline.length > LIMITS.headlineChars) {
    fail([
      at(
        headlineLine.line,
        `the first line is ${headline.length} characters; a headline has at most ${LIMITS.headlineChars}: put the headline on a line of its own`,
      ),
    ]);
  }

  const header = readHeader(lines, first + 1, headline, options.utcOffset);
  if (leadingKicker !== undefined) header.kicker = leadingKicker;
  // Date and byline lines may also come after the story; they are metadata wherever they are.
  const bodyLines: SourceLine[] = [];
  for (const line of lines.slice(header.bodyStart)) {
    const dates = parseDateLine(line.text, options.utcOffset);
    const byline = dates ? undefined : parseByline(line.text);
    if (dates) {
      mergeDates(header.dates, dates);
    } else if (byline) {
      if (header.authors.length === 0) header.authors = byline;
    } else bodyLines.push(line);
  }
  const body: BodyBlock[] = buildBody(bodyLines, headline);

  let dateline: { place: string; agency?: string } | undefined;
  // The first paragraph, past any figure before it.
  const lead = body.find((b) => b.block.type !== 'figure')?.block;
  if (lead?.type === 'paragraph' && lead.text !== undefined) {
    const split = splitDateline(lead.text);
    if (split) {
      dateline = split.agency
        ? { place: split.place, agency: split.agency }
        : { place: split.place };
      lead.text = split.rest;
    }
  }

  if (body.length === 0) {
    const last = lines.at(-1)!.line;
    fail([
      at(
        last,
        last === headlineLine.line
          ? `no body: only a headline was found (line ${headlineLine.line}); paragraphs go on the lines after it`
          : `no body: after the headline on line ${headlineLine.line}, lines up to ${last} hold only metadata (kicker, dates, byline, caption, highlights)`,
      ),
    ]);
  }

  const language = options.language ?? detectLanguage(text);
  const image = header.image
    ? dropNullish({ ...options.image, caption: header.image.caption, credit: header.image.credit })
    : options.image;
  const publisher =
    options.publisher ?? (options.source?.name ? { name: options.source.name } : undefined);
  const input: ArticleInput = dropNullish({
    id: options.id,
    slug: options.slug,
    headline,
    kicker: header.kicker,
    standfirst: header.standfirst,
    highlights: header.highlights.map((h) => h.text),
    authors: header.authors.map((a) => dropNullish({ ...a })),
    dateline,
    publishedAt: header.dates.publishedAt,
    updatedAt: header.dates.updatedAt,
    language,
    section: options.section,
    tags: options.tags,
    publisher,
    source: options.source,
    image,
    body: body.map((b) => b.block),
  });

  try {
    return parseArticle(input);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // Point at the input line a field came from, so the message is useful to whoever edits the text.
    const lineOf = (path: string): number | undefined => {
      const [field, index] = path.split('.');
      if (field === 'headline' || field === 'slug' || field === 'id') return headlineLine.line;
      if (field === 'body' && index !== undefined) return body[Number(index)]?.line;
      if (field === 'highlights' && index !== undefined)
        return header.highlights[Number(index)]?.line;
      if (field === 'image') return header.image?.line;
      return undefined;
    };
    return fail(
      error.issues.map((issue) => {
        const line = lineOf(issue.path);
        return line === undefined ? issue : at(line, `${issue.path}: ${issue.message}`);
      }),
    );
  }
}
