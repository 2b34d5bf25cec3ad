import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newsPage } from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { looksLikeHtml, readInput, STDIN_LABEL, type InputSources } from './read-input.js';

let dir: string;
const article = {
  headline: 'Pakistan and Russia',
  language: 'en',
  body: [{ type: 'paragraph', text: 'Talks.' }],
};
const plainText =
  'Pakistan, Russia look at partnership\n\nISLAMABAD: Relations are evolving.\n\nBoth sides met.\n';

const files: Record<string, string | Uint8Array> = {
  'article.json': JSON.stringify(article),
  'array.json': JSON.stringify([article, { ...article, headline: 'Second' }]),
  'edition.json': JSON.stringify({
    title: 'Brief',
    date: '2018-05-02',
    language: 'en',
    sections: [{ title: 'World', articles: [article] }],
  }),
  'bom.json': '\uFEFF' + JSON.stringify(article),
  'upper.JSON': JSON.stringify(article),
  'story.txt': plainText,
  'broken.json': '{\n  "headline": "x",\n  "language": "en",\n  "body": [\n}\n',
  'invalid.json': JSON.stringify({
    ...article,
    headline: '',
    body: [{ type: 'paragraph', content: [{ text: 'x', href: 'javascript:alert(1)' }] }],
  }),
  'latin1.txt': new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a]),
  'empty.txt': '',
  'notes.md': '# x',
  noext: '{}',
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'broadsheet-read-'));
  for (const [name, content] of Object.entries(files))
    await writeFile(path.join(dir, name), content);
  await mkdir(path.join(dir, 'folder.json'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sources(stdin = ''): InputSources {
  return {
    cwd: dir,
    readFile: (file) => readFile(file),
    readStdin: () => Promise.resolve(Buffer.from(stdin)),
  };
}

async function failure(spec: string, stdin?: string): Promise<InputError> {
  try {
    await readInput(spec, sources(stdin));
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`${spec} was accepted`);
}

describe('readInput accepts', () => {
  it.each<[string, string[]]>([
    ['article.json', ['Pakistan and Russia']],
    ['array.json', ['Pakistan and Russia', 'Second']],
    ['bom.json', ['Pakistan and Russia']],
    ['upper.JSON', ['Pakistan and Russia']],
    ['story.txt', ['Pakistan, Russia look at partnership']],
  ])('%s', async (spec, headlines) => {
    const input = await readInput(spec, sources());
    expect(input.label).toBe(spec);
    expect(input.baseDir).toBe(dir);
    expect(
      input.document.kind === 'articles' && input.document.articles.map((a) => a.headline),
    ).toEqual(headlines);
  });

  it('an edition file as an edition', async () => {
    const input = await readInput('edition.json', sources());
    expect(input.document.kind === 'edition' && input.document.edition.title).toBe('Brief');
  });

  it.each<[string, string, string]>([
    ['JSON', JSON.stringify(article), 'Pakistan and Russia'],
    ['plain text', plainText, 'Pakistan, Russia look at partnership'],
    [
      'plain text starting with a bracket',
      `[Updated] ${plainText}`,
      '[Updated] Pakistan, Russia look at partnership',
    ],
  ])('standard input as %s', async (_kind, stdin, headline) => {
    const input = await readInput('-', sources(stdin));
    expect(input.label).toBe(STDIN_LABEL);
    expect(input.baseDir).toBe(dir);
    expect(input.document.kind === 'articles' && input.document.articles[0]?.headline).toBe(
      headline,
    );
  });
});

describe('readInput rejects, naming the file, field and reason', () => {
  it.each<[string, string | undefined, { path: string; message: RegExp }]>([
    ['broken.json', undefined, { path: 'line 5, column 1', message: /^invalid JSON: / }],
    ['-', '{"headline": "x",,}', { path: 'line 1, column 18', message: /^invalid JSON: / }],
    ['invalid.json', undefined, { path: 'headline', message: /must not be empty/ }],
    ['latin1.txt', undefined, { path: '', message: /not valid UTF-8/ }],
    [
      'notes.md',
      undefined,
      {
        path: '',
        message: /unsupported input type "\.md"; expected a \.json, \.txt or \.html file, or -/,
      },
    ],
    ['noext', undefined, { path: '', message: /unsupported input type "\(no extension\)"/ }],
    ['missing.json', undefined, { path: '', message: /cannot read: no such file/ }],
    ['folder.json', undefined, { path: '', message: /cannot read: is a directory/ }],
    ['empty.txt', undefined, { path: '', message: /./ }],
  ])('%s', async (spec, stdin, first) => {
    const error = await failure(spec, stdin);
    expect(error.label).toBe(spec === '-' ? STDIN_LABEL : spec);
    expect(error.issues[0]?.path ?? '').toMatch(
      first.path === '' ? /^(|line \d+)$/ : new RegExp(`^${first.path}$`),
    );
    expect(error.issues[0]?.message).toMatch(first.message);
  });

  it('reports every bad field, including links that could run script', async () => {
    const error = await failure('invalid.json');
    expect(error.issues.map((i) => i.path)).toEqual(['headline', 'body.0.content.0.href']);
  });
});

describe('looksLikeHtml: standard input is read as a web page only when it opens as one', () => {
  it.each<[string, string, boolean]>([
    ['a doctype', '<!DOCTYPE html>\n<html><body></body></html>', true],
    ['a lower-case doctype after blank lines', '\n\n  <!doctype html><title>x</title>', true],
    ['an <html> tag with attributes', '<html lang="en"><body></body></html>', true],
    [
      'a BOM, then a comment, then the doctype',
      '\ufeff<!-- saved from url=(0042) -->\n<!DOCTYPE html>',
      true,
    ],
    ['plain text mentioning HTML', 'How to write <html> pages\n\nA paragraph.', false],
    ['a headline in angle brackets', '<Breaking> news from the harbour\n\nText.', false],
    ['an <htmlx> tag', '<htmlx>not html</htmlx>', false],
    ['JSON', '{"headline": "<!DOCTYPE html>"}', false],
    ['empty input', '', false],
  ])('%s → %s', (_name, text, expected) => {
    expect(looksLikeHtml(Buffer.from(text))).toBe(expected);
  });

  it.each(['utf-8', 'utf-16le', 'utf-16be'] as const)(
    'a page in %s with its BOM is a page; plain text in it is not',
    (encoding) => {
      expect(looksLikeHtml(withBom('<!DOCTYPE html>\n<html><body></body></html>', encoding))).toBe(
        true,
      );
      expect(looksLikeHtml(withBom('<!-- saved -->\n<html lang="en">', encoding))).toBe(true);
      expect(looksLikeHtml(withBom('How to write <html> pages', encoding))).toBe(false);
    },
  );
});

/** `text` encoded in `encoding`, after a byte order mark. */
function withBom(text: string, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): Buffer {
  if (encoding === 'utf-8') return Buffer.from(`\ufeff${text}`, 'utf8');
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return encoding === 'utf-16le' ? le : le.swap16();
}

describe('standard input in UTF-16', () => {
  it.each(['utf-8', 'utf-16le', 'utf-16be'] as const)(
    'a web page in %s with its BOM imports as the same file does',
    async (encoding) => {
      const page = newsPage({ headline: 'Ünïcode harbour news' });
      const bytes = withBom(page, encoding);
      await writeFile(path.join(dir, `page-${encoding}.html`), bytes);
      const fromStdin = await readInput('-', {
        ...sources(),
        readStdin: () => Promise.resolve(bytes),
      });
      const fromFile = await readInput(`page-${encoding}.html`, sources());
      expect(fromStdin.document).toEqual(fromFile.document);
      expect(
        fromStdin.document.kind === 'articles' && fromStdin.document.articles[0]?.headline,
      ).toBe('Ünïcode harbour news');
    },
  );
});
