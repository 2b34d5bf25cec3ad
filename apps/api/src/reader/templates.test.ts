import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { VIEWS_DIR } from './templates.js';

function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? templates(join(dir, e.name))
      : e.name.endsWith('.eta')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Raw (unescaped) output is allowed only for these: other templates' escaped output, and pre-serialised JSON-LD. */
const ALLOWED_RAW = [/^include\('[./a-z-]+', /, /^it\.body$/, /^it\.head\.jsonLd$/];

it('finds the templates', () => {
  expect(
    templates(VIEWS_DIR)
      .map((f) => relative(VIEWS_DIR, f))
      .sort(),
  ).toEqual(
    expect.arrayContaining([
      'article.eta',
      'edition.eta',
      'home.eta',
      'layout.eta',
      'search.eta',
      'not-found.eta',
    ]),
  );
});

it.each(templates(VIEWS_DIR).map((f) => [relative(VIEWS_DIR, f), f]))(
  '%s prints nothing unescaped but includes and JSON-LD',
  (_name, file) => {
    const source = readFileSync(file, 'utf8');
    const raw = [...source.matchAll(/<%~\s*([\s\S]*?)\s*%>/g)].map((m) => m[1] ?? '');
    for (const expression of raw)
      expect(
        ALLOWED_RAW.some((re) => re.test(expression)),
        expression,
      ).toBe(true);
  },
);
