import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits.js';
import { ValidationError } from '../validation-error.js';
import { importPlainText } from './index.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
// The project keeps the seed once, in the content package; the importer is proven on it here.
const seed = readFileSync(
  new URL('../../../content/data/default-article.txt', import.meta.url),
  'utf8',
);

const kinds = (a: ReturnType<typeof importPlainText>) => a.body.map((b) => b.type);
const texts = (a: ReturnType<typeof importPlainText>) =>
  a.body.map((b) =>
    b.type === 'list'
      ? b.items.map((i) => i.text).join(' | ')
      : b.type === 'figure'
        ? b.image.caption
        : b.text,
  );

describe('importPlainText on the seed (golden)', () => {
  const article = importPlainText(seed, { source: { name: 'Arab News' }, language: 'en' });

  it('reads the headline, kicker, lead figure, date, highlights and dateline', () => {
    expect(article.headline).toBe(
      'Pakistan, Russia look at ‘multidimensional strategic partnership’ in region',
    );
    expect(article.kicker).toBe('Special');
    expect(article.image).toEqual({
      alt: '',
      caption: 'Foreign Office spokesperson Dr. Faisal during a press briefing.',
      credit: 'Pakistan Foreign Office',
    });
    expect(article.updatedAt).toBe('2018-05-02');
    expect(article.publishedAt).toBeUndefined();
    expect(article.highlights).toEqual([
      'The swiftly evolving geopolitical situation in the region has led Pakistan and Russia to a historic high point in their bilateral relations.',
      'Relations between the two countries are today characterized by mutual trust, commonality of interests and convergence of views on important regional and global issues.',
    ]);
    expect(article.dateline).toEqual({ place: 'ISLAMABAD' });
    expect(article.language).toBe('en');
    expect(article.publisher).toEqual({ name: 'Arab News' });
    expect(article.source).toEqual({ name: 'Arab News' });
    expect(article.slug).toBe(
      'pakistan-russia-look-at-multidimensional-strategic-partnership-in-region',
    );
  });

  it('has exactly the 15 body paragraphs in order, the dateline taken off the first', () => {
    expect(kinds(article)).toEqual(Array(15).fill('paragraph'));
    const paragraphs = texts(article);
    expect(paragraphs[0]).toMatch(
      /^Pakistan-Russia relations are fast evolving into a “mature relationship”/u,
    );
    expect(paragraphs[1]).toMatch(/^“Pakistan and Russia are building new partnership/u);
    expect(paragraphs[14]).toMatch(/^“Russia has sold some helicopters.*said Shoaib\.$/u);
    // Same order as the source lines 14-28.
    const sourceLines = seed
      .split('\n')
      .slice(13, 28)
      .map((l) => l.trim().replace(/\u00a0/gu, ''));
    expect(paragraphs.slice(1)).toEqual(sourceLines.slice(1));
  });

  it('keeps no page furniture and no repeated headline anywhere', () => {
    const all = JSON.stringify(article);
    expect(all).not.toMatch(/"Follow"|Follow\b/u);
    expect(all.split(article.headline).length - 1).toBe(1);
    expect(texts(article).join('\n')).not.toContain('ISLAMABAD:');
  });

  it('is deterministic: same text, same id', () => {
    expect(importPlainText(seed, { source: { name: 'Arab News' }, language: 'en' }).id).toBe(
      article.id,
    );
  });
});

describe('importPlainText on texts of other shapes', () => {
  it.each([
    {
      file: 'plain-wrapped.txt',
      expected: {
        headline: 'Council approves new cycle lanes for the city centre',
        language: 'en',
        kinds: ['paragraph', 'paragraph', 'paragraph'],
        first:
          'The city council on Tuesday approved a plan to build twelve kilometres of protected cycle lanes in the centre, after a debate that ran late into the evening.',
      },
    },
    {
      file: 'byline-published.txt',
      expected: {
        headline: 'Central bank holds rates steady as inflation cools',
        authors: [
          { name: 'Jane Doe', role: 'author' },
          { name: 'John Roe', role: 'author' },
        ],
        // A time without a zone is dropped, never guessed.
        publishedAt: '2019-03-03',
        kinds: ['paragraph', 'paragraph', 'paragraph'],
      },
    },
    {
      file: 'reuters-dateline.txt',
      expected: {
        dateline: { place: 'MOSCOW', agency: 'Reuters' },
        image: {
          alt: '',
          caption: 'Russian Foreign Minister Sergei Lavrov at a news conference in Moscow.',
          credit: 'Reuters',
        },
        authors: [{ name: 'Anna Smirnova', role: 'author', affiliation: 'Reuters' }],
        updatedAt: '2018-05-02T10:30:00Z',
        first:
          'Russia and Japan will keep talking about a formal peace treaty, Foreign Minister Sergei Lavrov said on Wednesday.',
        kinds: ['paragraph', 'paragraph', 'paragraph', 'paragraph'],
      },
    },
    {
      file: 'photo-afp-rich.txt',
      expected: {
        headline: 'Floods displace thousands in river delta',
        image: {
          alt: '',
          caption: 'Rescue boats in the flooded village of Kot Adu on Monday.',
          credit: 'AFP',
        },
        publishedAt: '2019-08-05',
        highlights: [
          'More than 20,000 people have left their homes.',
          'Aid agencies warn of disease in the camps.',
        ],
        kinds: ['paragraph', 'heading', 'paragraph', 'list', 'quote', 'paragraph'],
      },
    },
    {
      file: 'russian.txt',
      expected: {
        language: 'ru',
        dateline: { place: 'МОСКВА', agency: 'ТАСС' },
        authors: [{ name: 'Иван Петров', role: 'author' }],
        publishedAt: '2019-03-03T14:05:00+03:00',
        first:
          'Правительство России утвердило план развития железных дорог до 2030 года, сообщили в пресс-службе кабмина.',
        kinds: ['paragraph', 'paragraph', 'figure', 'paragraph'],
        slug: 'правительство-утвердило-план-развития-железных-дорог',
      },
    },
    {
      file: 'urdu.txt',
      expected: {
        language: 'ur',
        headline: 'پاکستان اور روس کے تعلقات میں نئی پیش رفت',
        dateline: { place: 'اسلام آباد' },
        image: { alt: '', caption: 'وزیر خارجہ پریس کانفرنس کے دوران۔', credit: 'اے ایف پی' },
        highlights: ['دونوں ممالک نے تجارت بڑھانے پر اتفاق کیا ہے۔', 'اگلا اجلاس ماسکو میں ہوگا۔'],
        kinds: ['paragraph', 'paragraph'],
      },
    },
    {
      file: 'chinese.txt',
      expected: {
        language: 'zh',
        headline: '北京举行国际科技博览会',
        authors: [{ name: '王明', role: 'author' }],
        publishedAt: '2019-03-03',
        // Hard-wrapped Chinese lines join without a space.
        first: '第十届国际科技博览会3日在北京开幕，来自四十多个国家的一千多家企业参展。',
        kinds: ['paragraph', 'paragraph', 'paragraph'],
      },
    },
    {
      file: 'kicker-standfirst.txt',
      expected: {
        kicker: 'ANALYSIS',
        headline: 'Why the port deal matters for the region',
        standfirst: 'A new container terminal could shift trade routes across the Arabian Sea.',
        authors: [{ name: 'Sara Ali', role: 'correspondent' }],
        publishedAt: '2019-03-03T08:00:00+05:00',
        dateline: { place: 'KARACHI' },
        kinds: ['paragraph', 'heading', 'paragraph', 'paragraph'],
      },
    },
    {
      file: 'crlf-ap.txt',
      expected: {
        headline: 'Storm closes schools across the north',
        updatedAt: '2020-01-12',
        highlights: ['Schools shut in three provinces.', 'Trains cancelled.'],
        dateline: { place: 'LONDON', agency: 'AP' },
        first: 'A winter storm closed schools across the north on Sunday.',
        kinds: ['paragraph', 'paragraph'],
      },
    },
    {
      file: 'ap-style.txt',
      expected: {
        headline: 'Scientists find water ice on distant moon',
        authors: [{ name: 'ALICE SMITH', role: 'author', affiliation: 'Associated Press' }],
        publishedAt: '2021-03-05',
        image: {
          alt: '',
          caption: 'FILE - The moon as seen from orbit, Jan. 4, 2020.',
          credit: 'AP Photo/John Roe, File',
        },
        dateline: { place: 'WASHINGTON', agency: 'AP' },
        first: 'Scientists said Friday they had found water ice on a distant moon.',
        // The copyright line and the menu are page furniture.
        kinds: ['paragraph', 'paragraph'],
      },
    },
    {
      file: 'german-dpa.txt',
      expected: {
        language: 'de',
        authors: [{ name: 'Hans Müller', role: 'author' }],
        dateline: { place: 'Berlin', agency: 'dpa' },
        first:
          'Die Zahl der Besucher stieg im Jahr 2019 auf einen Rekord, wie die Stadt am Dienstag mitteilte.',
        kinds: ['paragraph', 'paragraph'],
      },
    },
  ])('$file', ({ file, expected }) => {
    const article = importPlainText(fixture(file));
    const { kinds: expectedKinds, first, ...fields } = expected;
    expect(article).toMatchObject(fields);
    expect(kinds(article)).toEqual(expectedKinds);
    if (first !== undefined) expect(texts(article)[0]).toBe(first);
    const json = JSON.stringify(article);
    for (const chrome of [
      '"Share',
      'Advertisement',
      'Поделиться',
      'شیئر کریں',
      '广告',
      '"Follow',
      'Menu',
      'rights reserved',
    ])
      expect(json).not.toContain(chrome);
  });

  it('reads list items, quote attribution and figures in the body', () => {
    const rich = importPlainText(fixture('photo-afp-rich.txt'));
    expect(rich.body[3]).toMatchObject({
      type: 'list',
      ordered: true,
      items: [{ text: 'Kot Adu' }, { text: 'Muzaffargarh' }, { text: 'Layyah' }],
    });
    expect(rich.body[4]).toMatchObject({
      type: 'quote',
      text: 'We have never seen the water rise this fast.',
      attribution: 'Ahmed Khan, a farmer',
    });
    const ru = importPlainText(fixture('russian.txt'));
    expect(ru.body[2]).toEqual({
      type: 'figure',
      image: { alt: '', caption: 'Вокзал в Москве.', credit: 'ТАСС' },
    });
  });

  it.each([
    ['Published 3 March 2019 14:05', '+05:00', { publishedAt: '2019-03-03T14:05:00+05:00' }],
    ['Published 3 March 2019 14:05', undefined, { publishedAt: '2019-03-03' }],
    ['Posted on Sunday, March 3, 2019 2:05 pm', 'Z', { publishedAt: '2019-03-03T14:05:00Z' }],
    [
      'Published 3 March 2019 | Updated 4 March 2019 09:00 GMT',
      undefined,
      { publishedAt: '2019-03-03', updatedAt: '2019-03-04T09:00:00Z' },
    ],
    [
      'Last updated: 2019-03-04T09:00:00+01:00',
      undefined,
      { updatedAt: '2019-03-04T09:00:00+01:00' },
    ],
  ])('reads the date line %j (utcOffset %s)', (line, utcOffset, dates) => {
    const article = importPlainText(
      `Headline here\n${line}\n\nA paragraph of the story.`,
      utcOffset ? { utcOffset } : {},
    );
    expect({ publishedAt: article.publishedAt, updatedAt: article.updatedAt }).toEqual({
      publishedAt: undefined,
      updatedAt: undefined,
      ...dates,
    });
  });

  it.each([
    ['• bullet', '• One\n• Two'],
    ['▪ bullet', '▪ One\n▪ Two'],
    ['* bullet', '* One\n* Two'],
    ['– en dash', '– One\n– Two'],
    ['◦ circle', '◦ One\n◦ Two'],
  ])('takes %s lines before the story as highlights', (_name, bullets) => {
    const article = importPlainText(`Headline here\n${bullets}\n\nThe story starts here.`);
    expect(article.highlights).toEqual(['One', 'Two']);
    expect(kinds(article)).toEqual(['paragraph']);
  });

  it.each([
    ['(Photo: AFP)', 'AFP'],
    ['(Reuters)', 'Reuters'],
    ['(Photo courtesy: Ministry of Health)', 'Ministry of Health'],
    ['(AP Photo/Evan Vucci)', 'AP Photo/Evan Vucci'],
    ['Photo: Getty Images', 'Getty Images'],
    ['(Image by Jane Doe)', 'Jane Doe'],
  ])('reads the caption credit form %s', (credit, expected) => {
    const article = importPlainText(
      `Headline here\nThe minister at the airport. ${credit}\n\nThe story starts here.`,
    );
    expect(article.image).toEqual({
      alt: '',
      caption: 'The minister at the airport.',
      credit: expected,
    });
  });

  it('takes a caption followed by a credit line, and applies the lead image src option', () => {
    const article = importPlainText(
      'Headline here\nThe minister at the airport.\nPhoto: AFP\n\nThe story starts here.',
      {
        image: { src: 'https://example.com/a.jpg', alt: 'A minister' },
        source: { url: 'https://example.com/story', name: 'Example News' },
        section: 'World',
        tags: ['Politics'],
      },
    );
    expect(article.image).toEqual({
      src: 'https://example.com/a.jpg',
      alt: 'A minister',
      caption: 'The minister at the airport.',
      credit: 'AFP',
    });
    expect(article).toMatchObject({
      section: 'World',
      tags: ['Politics'],
      publisher: { name: 'Example News' },
    });
  });

  it('keeps Russian dialogue lines opened by an em dash as paragraphs', () => {
    const article = importPlainText(
      'Заголовок новости\n\nВ Москве прошла встреча.\n— Мы довольны итогами, — сказал министр.\n— Работа продолжится, — добавил он.',
    );
    expect(kinds(article)).toEqual(['paragraph', 'paragraph', 'paragraph']);
    expect(texts(article)[1]).toBe('— Мы довольны итогами, — сказал министр.');
  });

  it.each([
    ['By Reuters', [{ name: 'Reuters', role: 'author' }]],
    ['By JANE DOE', [{ name: 'JANE DOE', role: 'author' }]],
    ['By Jane Doe, Moscow correspondent', [{ name: 'Jane Doe', role: 'correspondent' }]],
    ['By Jane Doe in Moscow', [{ name: 'Jane Doe', role: 'author' }]],
    [
      'Written by Jean-Luc de la Tour & Ana María',
      [
        { name: 'Jean-Luc de la Tour', role: 'author' },
        { name: 'Ana María', role: 'author' },
      ],
    ],
  ])('reads the byline %j', (line, authors) => {
    expect(importPlainText(`Headline here\n${line}\n\nThe story.`).authors).toEqual(authors);
  });

  it('does not mistake prose for metadata', () => {
    const article = importPlainText(
      'Headline here\n\nBy the end of the day, the talks had stalled.\nU.S. officials said more talks would follow.\nPhotos of the protest spread online. Credit Suisse shares fell.\nThe meeting was on 3 March 2019 in Geneva.',
    );
    expect(article.authors).toEqual([]);
    expect(article.publishedAt).toBeUndefined();
    expect(article.dateline).toBeUndefined();
    expect(kinds(article)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph']);
  });
});

describe('importPlainText rejects text it cannot use', () => {
  it.each([
    ['empty text', '', /line 1: the text is empty/u],
    ['white space only', ' \n\t\n  ', /line 1: the text is empty/u],
    ['chrome only', 'Follow\nShare\n', /the text is empty/u],
    ['a headline only', 'Just a headline\n', /line 1: no body: only a headline was found/u],
    [
      'metadata only',
      'Headline\nUpdated 02 May 2018\n• A highlight\n',
      /line 3: no body: after the headline on line 1/u,
    ],
    [
      'a first line too long for a headline',
      'x'.repeat(400) + '\nBody.',
      /line 1: the first line is 400 characters/u,
    ],
    ['a bad utcOffset option', 'Headline\nBody.', /utcOffset: must be/u],
    ['a bad language option', 'Headline\nBody.', /language: must be a BCP 47 language tag/u],
  ])('%s', (_name, text, message) => {
    const options = _name.includes('utcOffset')
      ? { utcOffset: '5 hours' }
      : _name.includes('language')
        ? { language: 'not a tag!' }
        : {};
    expect(() => importPlainText(text, options)).toThrow(ValidationError);
    expect(() => importPlainText(text, options)).toThrow(message);
  });

  it('names the line of a paragraph that is too long', () => {
    const text = `Headline\n\nFine paragraph.\n\n${'word '.repeat(5000)}`;
    try {
      importPlainText(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([
        { path: 'line 5', message: 'body.1.text: must be at most 20000 characters' },
      ]);
    }
  });

  it.each([
    ['LF', 'Headline\nOne.\n\nTwo.\nThree.', 5, 'accepts'],
    ['LF', 'Headline\nOne.\n\nTwo.\nThree.', 4, 'refuses'],
    ['CR LF (one break, not two)', 'Headline\r\nOne.\r\nTwo.', 3, 'accepts'],
    ['CR', 'Headline\rOne.\rTwo.', 2, 'refuses'],
    ['trailing line feed (an empty last line)', 'Headline\nOne.\n', 2, 'refuses'],
    ['U+2028, U+2029, NEL, FF, VT', 'H\u2028a\u2029b\u0085c\fd\ve', 6, 'accepts'],
    ['U+2028, U+2029, NEL, FF, VT', 'H\u2028a\u2029b\u0085c\fd\ve', 5, 'refuses'],
  ])('line budget, %s, maxLines %i: %s', (_name, text, maxLines, outcome) => {
    if (outcome === 'accepts') {
      expect(importPlainText(text, { maxLines }).headline).toMatch(/^H/u);
      return;
    }
    try {
      importPlainText(text, { maxLines });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).limit).toBe('textLines');
      expect((error as ValidationError).issues).toEqual([
        {
          path: `line ${maxLines + 1}`,
          message: `the text has more than ${maxLines} lines; a plain-text article may have at most ${maxLines} (limit textLines)`,
        },
      ]);
    }
  });

  it('refuses text over LIMITS.textLines by default, before reading it', () => {
    // 20,001 lines: the last one is empty.
    const text = `Headline\n${'a\n'.repeat(LIMITS.textLines - 1)}`;
    expect(() => importPlainText(text)).toThrow(/line 20001: the text has more than 20000 lines/u);
    // With one line more allowed the text is read (and its one long paragraph refused).
    expect(() => importPlainText(text, { maxLines: LIMITS.textLines + 1 })).toThrow(
      /body\.0\.text: must be at most 20000 characters/u,
    );
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxLines %s', (maxLines) => {
    expect(() => importPlainText('Headline\nBody.', { maxLines })).toThrow(/maxLines: must be/u);
  });

  it('never throws anything but ValidationError, whatever the text', () => {
    const line = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 120 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom(
        '',
        'Follow',
        '• item',
        '1. one',
        '> quoted',
        '— Someone',
        '# Heading',
        'By Jane Doe',
        'Updated 02 May 2018',
        'MOSCOW (Reuters) - text',
        'Caption. (Photo: AFP)',
        'Photo: AFP',
        'ANALYSIS',
        'Special Headline',
        '2019-13-45',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 30 }),
        fc.constantFrom('\n', '\r\n', '\n\n'),
        (lines, sep) => {
          try {
            const article = importPlainText(lines.join(sep));
            expect(article.body.length).toBeGreaterThan(0);
          } catch (error) {
            if (!(error instanceof ValidationError)) throw error;
            expect(error.issues.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
