import { z } from 'zod';
import { Article, Edition } from './schema.js';

// The wire format is what callers send, so the schemas describe input (defaults optional).
const options = { io: 'input', target: 'draft-2020-12' } as const;

/** JSON Schema (2020-12) of an Article as accepted by parseArticle; shipped as schemas/article.schema.json. */
export const articleJsonSchema: Readonly<Record<string, unknown>> = Object.freeze({
  ...z.toJSONSchema(Article, options),
  title: 'Broadsheet article',
  description:
    'A news article as accepted by @broadsheet/model parseArticle. Only headline, language and body are required; id and slug are derived when absent. Rich text is an array of runs ({text, emphasis?, strong?, href?}), never HTML.',
});

/** JSON Schema (2020-12) of an Edition as accepted by parseEdition; shipped as schemas/edition.schema.json. */
export const editionJsonSchema: Readonly<Record<string, unknown>> = Object.freeze({
  ...z.toJSONSchema(Edition, options),
  title: 'Broadsheet edition',
  description: 'A multi-article edition as accepted by @broadsheet/model parseEdition: a title, a date, a language and ordered sections of articles.',
});
