import {
  parseArticle,
  parseEdition,
  ValidationError,
  type Article,
  type Edition,
} from '@broadsheet/model';

/** What one input holds once validated: loose articles (one file each) or a whole edition. */
export type InputDocument =
  | { readonly kind: 'articles'; readonly articles: readonly Article[] }
  | { readonly kind: 'edition'; readonly edition: Edition };

function prefixed(error: unknown, prefix: string): ValidationError['issues'] {
  if (!(error instanceof ValidationError)) throw error;
  return error.issues.map((i) => ({
    path: i.path ? `${prefix}.${i.path}` : prefix,
    message: i.message,
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Tells an Article, an array of Articles and an Edition apart by shape (an edition has
 * `sections`; an article has `body`) and validates with the model. Every problem of every
 * array element is collected, so one run shows the user all there is to fix.
 */
export function documentFromJson(value: unknown): InputDocument {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      throw new ValidationError([
        { path: '', message: 'is an empty array; expected at least one article' },
      ]);
    }
    const articles: Article[] = [];
    const issues: ValidationError['issues'] = [];
    value.forEach((item: unknown, index) => {
      try {
        articles.push(parseArticle(item));
      } catch (error) {
        issues.push(...prefixed(error, String(index)));
      }
    });
    if (issues.length > 0) throw new ValidationError(issues);
    return { kind: 'articles', articles };
  }
  if (!isRecord(value)) {
    throw new ValidationError([
      {
        path: '',
        message: 'must be a JSON object (an article or an edition) or an array of articles',
      },
    ]);
  }
  if ('sections' in value) return { kind: 'edition', edition: parseEdition(value) };
  return { kind: 'articles', articles: [parseArticle(value)] };
}

/**
 * Standard input is JSON when it parses as a JSON object or array, or plainly tries to be
 * one (starts with `{`, or `[` followed by JSON), so that broken JSON gets a syntax error
 * with a line number instead of becoming an article headed "{". Anything else is plain text.
 */
export function looksLikeJson(text: string): boolean {
  return /^\s*(?:\{|\[\s*(?:[{["\]\d-]|true|false|null|$))/.test(text);
}
