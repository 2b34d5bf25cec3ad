import { readFileSync } from 'node:fs';
import { importHtml } from '@broadsheet/import-html';
import { type Article, importPlainText } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';

// One story per script, each as scraped plain text (`xx.txt`) and as a web page (`xx.html`)
// that carries its byline, date line and dateline only as visible text. The pages declare no
// language, so the HTML importer must detect it as the plain-text one does.
const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/importers-agree/${name}`, import.meta.url), 'utf8');

const cases = [
  [
    'en',
    ['Jane Doe', 'John Roe'],
    { place: 'ROTTERDAM', agency: 'Reuters' },
    '2024-03-03T14:05:00Z',
  ],
  ['fr', ['Amélie Tremblay'], { place: 'PARIS', agency: 'AFP' }, '2023-09-05'],
  ['es', ['Lucía Fernández'], { place: 'MADRID', agency: 'EFE' }, '2023-10-12'],
  ['de', ['Katrin Oberländer'], { place: 'Berlin', agency: 'dpa' }, '2024-03-05'],
  ['ru', ['Иван Петров'], { place: 'МОСКВА', agency: 'ТАСС' }, '2019-03-03T14:05:00+03:00'],
  ['uk', ['Олена Коваленко'], { place: 'КИЇВ', agency: 'Укрінформ' }, '2023-09-05'],
  ['el', ['Γιώργου Παπαδόπουλου'], { place: 'ΑΘΗΝΑ', agency: 'ΑΠΕ-ΜΠΕ' }, '2023-09-05'],
  ['ar', ['أحمد علي'], { place: 'القاهرة', agency: 'رويترز' }, '2023-09-05'],
  ['he', ['דני כהן'], { place: 'ירושלים' }, '2023-09-05'],
  ['hi', ['राम शर्मा'], { place: 'नई दिल्ली', agency: 'भाषा' }, '2023-09-05'],
  ['zh', ['王明'], { place: '北京', agency: '新华社' }, '2024-03-05'],
  ['ja', ['山田花子'], { place: '東京', agency: '共同' }, '2024-03-21'],
  ['ko', ['홍길동'], { place: '서울', agency: '연합뉴스' }, '2024-03-21'],
] as const;

/** What a reader sees of the story's origin: who, where and when, and in which language. */
const origin = (a: Article) => ({
  authors: a.authors.map(({ name, role, affiliation }) => ({ name, role, affiliation })),
  dateline: a.dateline,
  publishedAt: a.publishedAt,
  language: a.language,
});

describe('the plain-text and HTML importers read the same story the same way', () => {
  it.each(cases)(
    '%s: same byline, dateline, date and language',
    (language, authors, dateline, date) => {
      const fromText = importPlainText(fixture(`${language}.txt`));
      const fromPage = importHtml(fixture(`${language}.html`));
      expect(origin(fromPage)).toEqual(origin(fromText));
      expect(fromText.authors.map((a) => a.name)).toEqual(authors);
      expect(fromText.dateline).toEqual(dateline);
      expect(fromText.publishedAt).toBe(date);
      expect(fromText.language).toBe(language);
    },
  );

  it('keeps the headline and the story text alike (the page keeps its dateline in the text)', () => {
    for (const [language] of cases) {
      const fromText = importPlainText(fixture(`${language}.txt`));
      const fromPage = importHtml(fixture(`${language}.html`));
      expect(fromPage.headline, language).toBe(fromText.headline);
      const pageText = fromPage.body.map((b) => (b.type === 'paragraph' ? b.text : ''));
      const plainText = fromText.body.map((b) => (b.type === 'paragraph' ? b.text : ''));
      expect(pageText.slice(1), language).toEqual(plainText.slice(1));
      expect(pageText[0]?.endsWith(plainText[0] ?? '\u0000'), language).toBe(true);
    }
  });
});
