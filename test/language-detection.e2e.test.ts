import { readdirSync, readFileSync } from 'node:fs';
import { importHtml } from '@broadsheet/import-html';
import { detectLanguage, normalizeLanguage, plainText } from '@broadsheet/model';
import { franc } from 'franc-min';
import { describe, expect, it } from 'vitest';

/**
 * Measures the model's language detector (script, then function words for Latin script)
 * against franc-min, a trigram detector, on the text of every fixture both importers have,
 * and prints the table. The model keeps its own detector while it is right at least as often.
 */
const dir = (path: string) => new URL(path, import.meta.url);
const read = (url: URL) => readFileSync(url, 'utf8');

// The plain-text importer's fixtures say their language in their text only.
const PLAIN_TEXT: Record<string, string> = {
  'ap-style.txt': 'en',
  'byline-published.txt': 'en',
  'chinese.txt': 'zh',
  'crlf-ap.txt': 'en',
  'german-dpa.txt': 'de',
  'kicker-standfirst.txt': 'en',
  'photo-afp-rich.txt': 'en',
  'plain-wrapped.txt': 'en',
  'reuters-dateline.txt': 'en',
  'russian.txt': 'ru',
  'urdu.txt': 'ur',
};

interface Sample {
  name: string;
  expected: string;
  text: string;
}

function samples(): Sample[] {
  const out: Sample[] = [];
  const plain = dir('../packages/model/src/import-plain-text/fixtures/');
  for (const file of readdirSync(plain)) {
    const expected = PLAIN_TEXT[file];
    if (expected === undefined) throw new Error(`no expected language for ${file}: add it above`);
    out.push({ name: `plain-text/${file}`, expected, text: read(new URL(file, plain)) });
  }
  // The web pages declare their language; the detector sees the story text the importer found.
  const pages = dir('../packages/import-html/src/fixtures/');
  for (const file of readdirSync(pages).filter((f) => f !== 'not-article.html')) {
    const article = importHtml(read(new URL(file, pages)));
    const expected = article.language.split('-')[0] ?? '';
    out.push({ name: `import-html/${file}`, expected, text: plainText(article) });
  }
  const shared = dir('./fixtures/importers-agree/');
  for (const file of readdirSync(shared).filter((f) => f.endsWith('.txt')))
    out.push({
      name: `importers-agree/${file}`,
      expected: file.replace('.txt', ''),
      text: read(new URL(file, shared)),
    });
  return out;
}

/** franc answers in ISO 639-3 ("eng", "arb", "cmn"); CLDR's aliases give the BCP 47 tag. */
const francTag = (text: string) => normalizeLanguage(franc(text)) ?? 'und';

describe('language detection on the importers’ fixtures', () => {
  it('the model’s detector is right at least as often as franc-min', () => {
    const rows = samples().map((s) => ({
      fixture: s.name,
      expected: s.expected,
      model: detectLanguage(s.text),
      franc: francTag(s.text),
    }));
    const right = (key: 'model' | 'franc') => rows.filter((r) => r[key] === r.expected).length;
    console.table(rows);
    console.log(
      `language detection: model (script + function words) ${right('model')}/${rows.length}, franc-min 6.2.0 ${right('franc')}/${rows.length}`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(37);
    expect(right('model')).toBeGreaterThanOrEqual(right('franc'));
  });
});
