import * as z from 'zod';
import { sha256Hex } from './hash.js';
import { LIMITS } from './limits.js';
import { normalizeRunText, normalizeText, normalizeUrl } from './normalize-text.js';
import { SLUG_PATTERN, slugify } from './slugify.js';

// ---------------------------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------------------------

/** Normalised text (see normalizeText) of at most `max` characters, empty allowed. */
const text = (max: number) =>
  z
    .string()
    .overwrite(normalizeText)
    .max(max, { error: `must be at most ${max} characters` });

/**
 * Optional labels that normalise to "" are dropped: an empty kicker or caption means "none",
 * and renderers then never draw an empty label.
 */
function dropEmpty<T extends object>(...keys: (keyof T)[]): (value: T) => T {
  return (value) => {
    const out = { ...value };
    for (const key of keys) if (out[key] === '') delete out[key];
    return out;
  };
}

/** Normalised text that must not be empty once normalised. */
const requiredText = (max: number) => text(max).min(1, { error: 'must not be empty' });

/**
 * Whether `value` (normalised by normalizeUrl, so no control or space precedes the scheme) is
 * an absolute URL with one of `schemes`. The scheme is read from the text, where the URL parser
 * would read it, and URL.canParse checks the rest. `new URL` would also build the serialised
 * copy: for a long URL full of characters to percent-encode that copy cost 40 times the parse,
 * and its allocations grew faster than the input on a loaded machine.
 */
function isAbsoluteUrl(value: string, schemes: readonly string[]): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  return scheme !== undefined && schemes.includes(scheme) && URL.canParse(value);
}

/** A hyperlink target: absolute http(s) or mailto only (no javascript:, data:, relative). */
export const Href = z
  .string()
  .overwrite(normalizeUrl)
  .max(LIMITS.urlChars)
  .refine((v) => isAbsoluteUrl(v, ['http', 'https', 'mailto']), {
    error: 'must be an absolute http(s) or mailto link',
  });

/** An absolute http(s) URL (sources, publisher sites). */
export const WebUrl = z
  .string()
  .overwrite(normalizeUrl)
  .max(LIMITS.urlChars)
  .refine((v) => isAbsoluteUrl(v, ['http', 'https']), {
    error: 'must be an absolute http(s) URL',
  });

/**
 * Where an image comes from: an http(s) URL (kept as a reference, never fetched while
 * rendering), a `data:image/...;base64,` URI (embedded), or a relative file path that the
 * command line resolves against its input file.
 */
export const ImageSource = z
  .string()
  .overwrite(normalizeUrl)
  .min(1, { error: 'must not be empty' })
  .max(LIMITS.urlChars)
  .refine(
    (v) => {
      if (/^data:/i.test(v))
        return /^data:image\/[a-z0-9.+-]+(;[a-z0-9=.+-]+)*;base64,[a-z0-9+/=\s]*$/i.test(v);
      if (/^[a-z][a-z0-9+.-]*:/i.test(v)) return /^https?:\/\//i.test(v);
      // A relative path: no parent-directory escapes, no NUL.
      return !v.split(/[\\/]/).includes('..') && !v.includes('\0') && !v.startsWith('/');
    },
    { error: 'must be an http(s) URL, a data:image/…;base64 URI or a relative file path' },
  );

/** ISO 8601 calendar date (YYYY-MM-DD) or date-time with a UTC offset. */
export const IsoDateTime = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: 'must be an ISO 8601 date (YYYY-MM-DD) or date-time with a time zone offset',
});

/** ISO 8601 calendar date, YYYY-MM-DD. */
export const IsoDate = z.iso.date({ error: 'must be a date in the form YYYY-MM-DD' });

function canonicalLanguage(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}

/** A BCP 47 language tag, stored in canonical case (`en-GB`, `zh-Hant-TW`). */
export const LanguageTag = z
  .string()
  .trim()
  .refine(
    (v) => {
      try {
        return Intl.getCanonicalLocales(v).length === 1;
      } catch {
        return false;
      }
    },
    { error: 'must be a BCP 47 language tag such as "en", "en-GB" or "zh-Hans"' },
  )
  .overwrite(canonicalLanguage);

export const Slug = z
  .string()
  .trim()
  .max(100, { error: 'must be at most 100 characters' })
  .regex(SLUG_PATTERN, {
    error: 'must be lower-case letters, marks and digits separated by single hyphens',
  });

// ---------------------------------------------------------------------------------------------
// Inline text
// ---------------------------------------------------------------------------------------------

/**
 * One run of inline text with the same formatting. Rich text is an ordered array of runs, so
 * renderers never parse HTML: `[{text: "Read "}, {text: "the report", href: "https://…", emphasis: true}]`.
 */
export const Run = z.object({
  text: z.string().overwrite(normalizeRunText).max(LIMITS.blockChars),
  emphasis: z.boolean().optional(),
  strong: z.boolean().optional(),
  href: Href.optional(),
});
export type Run = z.infer<typeof Run>;

const sameMarks = (a: Run, b: Run) =>
  a.emphasis === b.emphasis && a.strong === b.strong && a.href === b.href;

/**
 * Joins runs the way a browser would show them: white space folded across run boundaries,
 * trimmed at both ends, empty runs dropped, neighbours with the same formatting merged.
 */
export function normalizeRuns(runs: readonly Run[]): Run[] {
  // Texts are gathered in pieces and joined once: appending to a run and then asking whether it
  // ends in a space made V8 flatten the growing string on every run (quadratic in the runs).
  const out: { run: Run; pieces: string[] }[] = [];
  let endsInSpace = true;
  for (const run of runs) {
    let t = run.text;
    if (endsInSpace) t = t.replace(/^ +/, '');
    if (t === '') continue;
    endsInSpace = t.endsWith(' ');
    const clean: Run = { text: '' };
    if (run.emphasis) clean.emphasis = true;
    if (run.strong) clean.strong = true;
    if (run.href !== undefined) clean.href = run.href;
    const prev = out.at(-1);
    if (prev !== undefined && sameMarks(prev.run, clean)) prev.pieces.push(t);
    else out.push({ run: clean, pieces: [t] });
  }
  const merged = out.map(({ run, pieces }) => {
    run.text = pieces.join('');
    return run;
  });
  const last = merged.at(-1);
  if (last) {
    last.text = last.text.replace(/ +$/, '');
    if (last.text === '') merged.pop();
  }
  return merged;
}

/**
 * Text that may carry inline formatting. Input gives `text` (plain), `content` (runs), or
 * both; the parsed value always has both: `content` is authoritative and `text` is its plain
 * concatenation, for search, word counts and plain renderers.
 */
const richTextFields = {
  text: z
    .string()
    .max(LIMITS.blockChars, { error: `must be at most ${LIMITS.blockChars} characters` })
    .optional(),
  content: z.array(Run).max(LIMITS.runs).optional(),
};

function toRich<T extends { text?: string | undefined; content?: Run[] | undefined }>(
  value: T,
  ctx: z.RefinementCtx,
): Omit<T, 'text' | 'content'> & { text: string; content: Run[] } {
  const { text: plain, content, ...rest } = value;
  const runs = normalizeRuns(content ?? [{ text: normalizeRunText(plain ?? '') }]);
  const joined = runs.map((r) => r.text).join('');
  if (joined === '') {
    ctx.addIssue({ code: 'custom', message: 'must not be empty', path: ['text'] });
  }
  return { ...rest, text: joined, content: runs };
}

export const RichText = z.object(richTextFields).transform(toRich);
export type RichText = z.infer<typeof RichText>;

// ---------------------------------------------------------------------------------------------
// Figures and blocks
// ---------------------------------------------------------------------------------------------

/**
 * A picture with its caption and credit. `src` is absent when the source named a picture but
 * did not carry it (a scraped page keeps the caption and credit, not the image): renderers
 * then show the caption and credit alone. An image needs at least a `src` or a `caption`.
 */
export const Image = z
  .object({
    src: ImageSource.optional(),
    alt: text(LIMITS.summaryChars).default(''),
    caption: text(LIMITS.summaryChars).optional(),
    credit: text(LIMITS.labelChars).optional(),
    width: z.int().positive().max(100_000).optional(),
    height: z.int().positive().max(100_000).optional(),
  })
  .refine((i) => i.src !== undefined || (i.caption !== undefined && i.caption !== ''), {
    error: 'an image needs a src or a caption',
    path: ['src'],
  })
  .transform(dropEmpty('caption', 'credit'));
export type Image = z.infer<typeof Image>;

export const ParagraphBlock = z
  .object({ type: z.literal('paragraph'), ...richTextFields })
  .transform(toRich);

export const HeadingBlock = z
  .object({
    type: z.literal('heading'),
    /** 2 is a section heading inside an article (the headline is level 1). */
    level: z.union([z.literal(2), z.literal(3), z.literal(4)]).default(2),
    ...richTextFields,
  })
  .transform(toRich);

export const QuoteBlock = z
  .object({
    type: z.literal('quote'),
    ...richTextFields,
    attribution: text(LIMITS.labelChars).optional(),
    cite: WebUrl.optional(),
  })
  .transform(toRich);

export const ListBlock = z.object({
  type: z.literal('list'),
  ordered: z.boolean().default(false),
  items: z
    .array(
      z
        .union([z.string().transform((t) => ({ text: t })), z.object(richTextFields)])
        .pipe(RichText),
    )
    .min(1, { error: 'a list needs at least one item' })
    .max(LIMITS.listItems),
});

export const FigureBlock = z.object({
  type: z.literal('figure'),
  image: Image,
});

export const BLOCK_TYPES = ['paragraph', 'heading', 'quote', 'list', 'figure'] as const;

export const Block = z.discriminatedUnion(
  'type',
  [ParagraphBlock, HeadingBlock, QuoteBlock, ListBlock, FigureBlock],
  {
    error: (issue) => {
      const input: unknown = issue.input;
      const type =
        typeof input === 'object' && input !== null && 'type' in input
          ? JSON.stringify(input.type)
          : 'missing';
      return `unknown block type ${type}; expected one of ${BLOCK_TYPES.join(', ')}`;
    },
  },
);
export type Block = z.infer<typeof Block>;
export type ParagraphBlock = z.infer<typeof ParagraphBlock>;
export type HeadingBlock = z.infer<typeof HeadingBlock>;
export type QuoteBlock = z.infer<typeof QuoteBlock>;
export type ListBlock = z.infer<typeof ListBlock>;
export type FigureBlock = z.infer<typeof FigureBlock>;

// ---------------------------------------------------------------------------------------------
// People and organisations
// ---------------------------------------------------------------------------------------------

export const AUTHOR_ROLES = [
  'author',
  'reporter',
  'correspondent',
  'editor',
  'contributor',
  'analyst',
  'photographer',
  'illustrator',
  'translator',
] as const;

export const Author = z
  .object({
    name: requiredText(LIMITS.labelChars),
    role: z.enum(AUTHOR_ROLES).default('author'),
    url: WebUrl.optional(),
    /** Employer or agency, e.g. "Reuters". */
    affiliation: text(LIMITS.labelChars).optional(),
  })
  .transform(dropEmpty('affiliation'));
export type Author = z.infer<typeof Author>;

export const Publisher = z.object({
  name: requiredText(LIMITS.labelChars),
  url: WebUrl.optional(),
  logo: ImageSource.optional(),
});
export type Publisher = z.infer<typeof Publisher>;

export const Source = z
  .object({
    /** Where the article was published or scraped from. */
    url: WebUrl.optional(),
    name: text(LIMITS.labelChars).optional(),
  })
  .transform(dropEmpty('name'));
export type Source = z.infer<typeof Source>;

/** Where the story was filed from: `ISLAMABAD`, or `MOSCOW` with agency `Reuters`. */
export const Dateline = z
  .object({
    place: requiredText(LIMITS.labelChars),
    agency: text(LIMITS.labelChars).optional(),
  })
  .transform(dropEmpty('agency'));
export type Dateline = z.infer<typeof Dateline>;

// ---------------------------------------------------------------------------------------------
// Article
// ---------------------------------------------------------------------------------------------

export const ArticleId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
    error: 'must be 1-128 characters of letters, digits, ".", "_", ":" or "-"',
  });

const ArticleFields = z.object({
  id: ArticleId.optional(),
  slug: Slug.optional(),
  headline: requiredText(LIMITS.headlineChars),
  /** The small label above the headline ("Special", "Analysis"). */
  kicker: text(LIMITS.labelChars).optional(),
  /** The summary paragraph under the headline (dek, standfirst). */
  standfirst: text(LIMITS.summaryChars).optional(),
  /** Bullet-point key facts shown apart from the body. */
  highlights: z.array(requiredText(LIMITS.summaryChars)).max(LIMITS.highlights).default([]),
  authors: z.array(Author).max(LIMITS.authors).default([]),
  dateline: Dateline.optional(),
  publishedAt: IsoDateTime.optional(),
  updatedAt: IsoDateTime.optional(),
  language: LanguageTag,
  section: text(LIMITS.labelChars).optional(),
  tags: z.array(requiredText(LIMITS.labelChars)).max(LIMITS.tags).default([]),
  publisher: Publisher.optional(),
  source: Source.optional(),
  /** The lead figure shown with the headline. */
  image: Image.optional(),
  body: z
    .array(Block)
    .min(1, { error: 'must have at least one block' })
    .max(LIMITS.blocks, { error: `must have at most ${LIMITS.blocks} blocks` }),
});

function blockChars(block: Block): number {
  switch (block.type) {
    case 'list':
      return block.items.reduce((n, item) => n + item.text.length, 0);
    case 'figure':
      return (block.image.caption?.length ?? 0) + block.image.alt.length;
    default:
      return block.text.length;
  }
}

/**
 * A news article. Input needs only `headline`, `language` and `body`; `slug` is derived from
 * the headline and `id` from the source URL, language, headline and publication date, so the
 * same article always gets the same id.
 */
export const Article = ArticleFields.superRefine(
  (a, ctx) => {
    const chars =
      a.headline.length +
      (a.standfirst?.length ?? 0) +
      a.highlights.reduce((n, h) => n + h.length, 0) +
      a.body.reduce((n, b) => n + blockChars(b), 0);
    if (chars > LIMITS.articleChars) {
      ctx.addIssue({
        code: 'custom',
        message: `article text is ${chars} characters; at most ${LIMITS.articleChars} are allowed`,
        path: ['body'],
      });
    }
    // Only on well-formed input: a block that failed to parse is not there to count.
  },
  { when: (payload) => payload.issues.length === 0 },
).transform((a) => ({
  ...dropEmpty<typeof a>('kicker', 'standfirst', 'section')(a),
  id:
    a.id ??
    sha256Hex([a.source?.url ?? '', a.language, a.headline, a.publishedAt ?? ''].join('\n')).slice(
      0,
      16,
    ),
  slug: a.slug ?? slugify(a.headline),
}));
export type Article = z.infer<typeof Article>;
/** What callers may pass in: the wire format before defaults are derived. */
export type ArticleInput = z.input<typeof Article>;

// ---------------------------------------------------------------------------------------------
// Edition
// ---------------------------------------------------------------------------------------------

export const EditionSection = z.object({
  title: requiredText(LIMITS.labelChars),
  articles: z.array(Article).min(1, { error: 'a section needs at least one article' }),
});
export type EditionSection = z.infer<typeof EditionSection>;

/** A multi-article issue: a title, a date, and ordered sections of articles. */
export const Edition = z
  .object({
    id: ArticleId.optional(),
    title: requiredText(LIMITS.headlineChars),
    date: IsoDate,
    language: LanguageTag,
    publisher: Publisher.optional(),
    description: text(LIMITS.summaryChars).optional(),
    sections: z
      .array(EditionSection)
      .min(1, { error: 'must have at least one section' })
      .max(LIMITS.editionSections),
  })
  .superRefine(
    (e, ctx) => {
      const count = e.sections.reduce((n, s) => n + s.articles.length, 0);
      if (count > LIMITS.editionArticles) {
        ctx.addIssue({
          code: 'custom',
          message: `edition has ${count} articles; at most ${LIMITS.editionArticles} are allowed`,
          path: ['sections'],
        });
      }
    },
    { when: (payload) => payload.issues.length === 0 },
  )
  .transform((e) => ({
    ...dropEmpty<typeof e>('description')(e),
    id: e.id ?? `${e.date}-${slugify(e.title)}`,
  }));
export type Edition = z.infer<typeof Edition>;
export type EditionInput = z.input<typeof Edition>;
