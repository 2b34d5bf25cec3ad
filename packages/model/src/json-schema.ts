import * as z from 'zod';
import { Article, Edition } from './schema.js';

// The wire format is what callers send, so the schemas describe input (defaults optional).
const options = { io: 'input', target: 'draft-2020-12' } as const;

type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * A frozen object built on first use. Generating both schemas costs 30-100 ms, paid by every
 * process that imports the package (the command line, each API worker) though few read them;
 * the proxy fills its own target on the first operation of any kind and then forwards to it,
 * so it reads, enumerates, serialises and reports frozen exactly like the plain object.
 */
function lazyFrozen(build: () => Record<string, unknown>): JsonSchema {
  const target: Record<string, unknown> = {};
  let built = false;
  const ready = (): Record<string, unknown> => {
    if (!built) {
      built = true;
      Object.assign(target, build());
      Object.freeze(target);
    }
    return target;
  };
  return new Proxy(target, {
    get: (_t, key): unknown => Reflect.get(ready(), key),
    has: (_t, key) => Reflect.has(ready(), key),
    ownKeys: () => Reflect.ownKeys(ready()),
    getOwnPropertyDescriptor: (_t, key) => Reflect.getOwnPropertyDescriptor(ready(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(ready()),
    isExtensible: () => Reflect.isExtensible(ready()),
    preventExtensions: () => Reflect.preventExtensions(ready()),
    set: (_t, key, value) => Reflect.set(ready(), key, value),
    defineProperty: (_t, key, descriptor) => Reflect.defineProperty(ready(), key, descriptor),
    deleteProperty: (_t, key) => Reflect.deleteProperty(ready(), key),
    setPrototypeOf: (_t, proto) => Reflect.setPrototypeOf(ready(), proto),
  });
}

/** JSON Schema (2020-12) of an Article as accepted by parseArticle; shipped as schemas/article.schema.json. */
export const articleJsonSchema: JsonSchema = lazyFrozen(() => ({
  ...z.toJSONSchema(Article, options),
  title: 'Broadsheet article',
  description:
    'A news article as accepted by @broadsheet/model parseArticle. Only headline, language and body are required; id and slug are derived when absent. Rich text is an array of runs ({text, emphasis?, strong?, href?}), never HTML.',
}));

/** JSON Schema (2020-12) of an Edition as accepted by parseEdition; shipped as schemas/edition.schema.json. */
export const editionJsonSchema: JsonSchema = lazyFrozen(() => ({
  ...z.toJSONSchema(Edition, options),
  title: 'Broadsheet edition',
  description:
    'A multi-article edition as accepted by @broadsheet/model parseEdition: a title, a date, a language and ordered sections of articles.',
}));
