import { readdirSync } from 'node:fs';
import { type Article, plainText, textDirection, ValidationError } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import { importHtml } from './import-html.js';
import { figures, fixture, imageSources, paragraphs } from './test-support/fixtures.js';

interface Case {
  file: string;
  url?: string;
  headline: string;
  authors: string[];
  publishedAt?: string;
  updatedAt?: string;
  language: string;
  first: string;
  last: string;
  /** Page furniture a reader would not call part of the article. */
  absent: string[];
}

const cases: Case[] = [
  {
    file: 'jsonld-only.html',
    headline: 'Harbour towns brace for record spring tides',
    authors: ['Morwenna Tregear', 'Daniel Achterberg'],
    publishedAt: '2024-03-09T06:30:00+00:00',
    updatedAt: '2024-03-09T11:05:00+00:00',
    language: 'en-US',
    first: 'Harbour towns along the Tamar estuary spent Saturday morning',
    last: 'High water is expected at 7.42am on Sunday',
    absent: ['All rights reserved', 'Sport', 'dataLayer'],
  },
  {
    file: 'opengraph-only.html',
    headline: 'Night trains return to the Alps after a decade',
    authors: ['Lena Hofbauer'],
    publishedAt: '2024-02-14T08:00:00+01:00',
    updatedAt: '2024-02-15T09:30:00+01:00',
    language: 'en-GB',
    first: 'For the first time in ten years, passengers will be able to fall asleep in Brussels',
    last: "Tickets go on sale on the operator's website on Monday",
    absent: ['Contact · Terms', 'Key points'],
  },
  {
    file: 'byline-in-text.html',
    headline: 'Copper thieves cut power to 4,000 homes',
    authors: ['Priya Raman', 'Tom Okafor'],
    publishedAt: '2024-03-04',
    language: 'en',
    first: 'BIRMINGHAM (Reuters) - Thieves who stripped copper cable',
    last: 'Power was restored to the last homes at 6.40pm.',
    absent: ['By Priya Raman', 'Copyright Midland Evening Post', 'Weather'],
  },
  {
    file: 'rtl-urdu.html',
    headline: 'کراچی میں بارش سے نظام زندگی درہم برہم',
    authors: ['عائشہ صدیقی'],
    publishedAt: '2024-07-28T18:20:00+05:00',
    language: 'ur',
    first: 'کراچی میں اتوار کی صبح سے جاری موسلا دھار بارش',
    last: 'شہری انتظامیہ نے لوگوں سے اپیل کی ہے',
    absent: ['جملہ حقوق محفوظ ہیں', 'کھیل'],
  },
  {
    file: 'cjk-japanese.html',
    headline: '桜の開花、東京で平年より早く',
    authors: ['山田 花子'],
    publishedAt: '2024-03-21T14:00:00+09:00',
    language: 'ja',
    first: '気象庁は21日、東京都心で桜（ソメイヨシノ）が開花したと発表しました。',
    last: '気象庁によりますと、今後1週間は気温が平年並みか高い日が多く',
    absent: ['Copyright サンプル新聞社', 'トップ', '2024年3月21日 14時00分'],
  },
  {
    file: 'photo-gallery.html',
    headline: 'In pictures: the Ghan crosses the Red Centre',
    authors: ['Bree Lindqvist'],
    publishedAt: '2024-05-18T07:00:00+09:30',
    language: 'en-AU',
    first: 'The Ghan has carried passengers between Adelaide and Darwin',
    last: 'The train runs weekly in each direction from March to November.',
    absent: ['Outback Daily Pty Ltd', 'Photograph:'],
  },
  {
    file: 'lazy-images.html',
    url: 'https://www.farmlife.example/stories/rewilding',
    headline: 'The rewilding of an English dairy farm',
    authors: ['Oliver Pennington'],
    publishedAt: '2024-06-02T05:00:00Z',
    language: 'en',
    first: 'Ten years ago the Marsh family milked 300 cows',
    last: 'Not every neighbour is convinced.',
    absent: ['placeholder', 'facebook.com/tr', 'scorecardresearch', 'pixel.gif', 'data:image/gif'],
  },
  {
    file: 'live-blog.html',
    headline: 'Budget day 2024 live: chancellor cuts national insurance – as it happened',
    authors: ['Hamish Caldwell', 'Siobhan Keane'],
    publishedAt: '2024-03-06T08:00:00+00:00',
    updatedAt: '2024-03-06T17:48:00+00:00',
    language: 'en-GB',
    // Each update opens with its time: the newest first, as the page shows them.
    first: '17.48 GMT',
    last: 'We will bring you every announcement as it happens',
    absent: ['Key events', 'Share on X', 'Share on Facebook', '© Westminster Wire'],
  },
  {
    file: 'paywall-teaser.html',
    headline: "Inside the race to build America's first offshore wind port",
    authors: ['Marcus Whitfield'],
    publishedAt: '2024-04-11T09:00:00-04:00',
    language: 'en-US',
    first: 'On a reclaimed stretch of the Delaware River',
    last: 'Engineers on the site say the delays began with the soil.',
    absent: ['Subscribe', 'free articles', 'Log in', 'By Marcus Whitfield'],
  },
  {
    file: 'cookie-share.html',
    headline: 'Bahnstreik legt Fernverkehr lahm',
    authors: ['Katrin Oberländer'],
    publishedAt: '2024-01-10T06:12:00+01:00',
    language: 'de',
    first: 'Der Streik der Lokführergewerkschaft GDL hat am Mittwoch',
    last: 'Der Streik soll nach Angaben der Gewerkschaft bis Freitagabend dauern.',
    absent: [
      'Accept cookies',
      'Alle akzeptieren',
      'Cookies',
      'Share on',
      'teilen',
      'Newsletter',
      'WhatsApp',
      'Impressum',
    ],
  },
  {
    file: 'comments.html',
    headline: 'Village shop saved by 600 shareholders',
    authors: ['Gwen Ashworth'],
    publishedAt: '2023-11-20T10:15:00+00:00',
    language: 'en',
    first: 'The only shop in Upper Wharfedale will stay open',
    last: 'The society will take over on January 2',
    absent: [
      'News from the Yorkshire Dales',
      '14 comments',
      'DalesWalker',
      'bail out a private business',
      'scones',
      'Leave a reply',
      'Related stories',
      'Pub saved',
    ],
  },
  {
    file: 'hostile-markup.html',
    url: 'https://northernledger.example/education/phones-bill',
    headline: 'Province tables bill to ban phones in classrooms',
    authors: ['Amélie Tremblay'],
    publishedAt: '2024-09-03T13:45:00-04:00',
    // The page gives a modified time without a zone: only its date is certain.
    updatedAt: '2024-09-03',
    language: 'en-CA',
    first: 'The provincial government tabled legislation on Tuesday',
    last: 'The bill is expected to pass before the winter break',
    absent: [
      'SCRIPT TEXT',
      'SCRIPT IN BODY',
      'IFRAME TEXT',
      'STYLE TEXT',
      'OBJECT TEXT',
      'SVG TEXT',
      'support the ban',
      'Vote',
      'javascript:',
      'alert',
      'onclick',
      'doubleclick',
      'google-analytics',
      'youtube',
      'ftp:',
      'Education reporter',
    ],
  },
  {
    file: 'split-body-inline-ads.html',
    headline: 'Drought pushes Panama Canal to cut daily crossings',
    authors: ['Lucía Fernández', 'Mark Odum'],
    publishedAt: '2023-11-01T14:30:00-05:00',
    language: 'en-US',
    first: 'PANAMA CITY (AP) — The Panama Canal will cut the number of ships',
    last: 'The canal handled about 14,000 transits in its last fiscal year',
    absent: [
      'Advertisement',
      'Story continues below',
      'Related article',
      'Suez Canal traffic rises',
      'morning briefing',
      'Sign up',
      'Topics:',
      'youtube',
      'widgets.js',
      '© Global Trade Today',
      'Updated 3:12 PM',
    ],
  },
];

const imported = new Map<string, Article>();
function load(c: Case): Article {
  let article = imported.get(c.file);
  if (!article) {
    article = importHtml(fixture(c.file), c.url ? { url: c.url } : {});
    imported.set(c.file, article);
  }
  return article;
}

describe('importHtml on news page shapes', () => {
  it('has a test case for every fixture page but the non-article', () => {
    const files = readdirSync(new URL('./fixtures/', import.meta.url)).filter((f) =>
      f.endsWith('.html'),
    );
    expect(files.length).toBeGreaterThanOrEqual(14);
    expect(new Set([...cases.map((c) => c.file), 'not-article.html'])).toEqual(new Set(files));
  });

  it.each(cases)('$file: headline, authors, dates and language', (c) => {
    const a = load(c);
    expect(a.headline).toBe(c.headline);
    expect(a.authors.map((x) => x.name)).toEqual(c.authors);
    expect(a.publishedAt).toBe(c.publishedAt);
    expect(a.updatedAt).toBe(c.updatedAt);
    expect(a.language).toBe(c.language);
  });

  it.each(cases)('$file: the body runs from the first to the last paragraph of the story', (c) => {
    const ps = paragraphs(load(c));
    expect(ps[0]).toMatch(new RegExp(`^${c.first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(ps.at(-1)).toMatch(new RegExp(`^${c.last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it.each(cases)('$file: no page furniture, script or tracker reaches the article', (c) => {
    const a = load(c);
    const everything = `${plainText(a)}\n${JSON.stringify(a)}`;
    for (const text of c.absent) expect(everything, text).not.toContain(text);
    // The headline is shown once, above the body, not repeated inside it.
    expect(
      a.body.filter((b) => b.type !== 'figure' && b.type !== 'list' && b.text === a.headline),
    ).toEqual([]);
  });

  it.each(cases)('$file: every image is an absolute http(s) URL and no tracking pixel', (c) => {
    for (const src of imageSources(load(c))) {
      expect(src).toMatch(/^https?:\/\//);
      expect(src).not.toMatch(
        /doubleclick|facebook\.com\/tr|scorecardresearch|google-analytics|pixel|placeholder/,
      );
    }
  });
});

describe('importHtml: what each page shape carries', () => {
  const get = (file: string) => load(cases.find((c) => c.file === file) ?? { ...cases[0]!, file });

  it('reads JSON-LD: section, keywords, canonical URL, publisher, lead image caption and credit', () => {
    const a = get('jsonld-only.html');
    expect(a.standfirst).toBe(
      'Flood barriers go up along the estuary as forecasters warn of the highest tides in forty years.',
    );
    expect(a.section).toBe('Environment');
    expect(a.tags).toEqual(['Flooding', 'Tides', 'Estuary']);
    expect(a.source).toEqual({
      url: 'https://www.coastalcourier.example/news/2024/03/spring-tides',
      name: 'The Coastal Courier',
    });
    expect(a.publisher).toEqual({
      name: 'The Coastal Courier',
      url: 'https://www.coastalcourier.example/',
      logo: 'https://www.coastalcourier.example/logo.png',
    });
    expect(a.image).toMatchObject({
      src: 'https://cdn.coastalcourier.example/img/barrier-1200.jpg',
      alt: 'Steel flood panels on a quay wall',
      caption: 'Workers bolt steel panels onto the flood wall at Polwenna quay.',
      credit: 'Kate Pascoe/Coastal Courier',
    });
    // The lead picture is not repeated as the first body figure.
    expect(figures(a)).toEqual([]);
  });

  it('keeps headings, quotes with their speaker, strong, emphasis and links resolved against the page', () => {
    const a = get('jsonld-only.html');
    expect(a.body).toContainEqual(
      expect.objectContaining({ type: 'heading', level: 2, text: 'Sandbags and sirens' }),
    );
    expect(a.body).toContainEqual(
      expect.objectContaining({
        type: 'quote',
        text: 'The sea does not read the forecast. We prepare for the worst tide and hope for the average one.',
        attribution: 'Jenna Rowe, Polwenna flood warden',
      }),
    );
    const runs = a.body.flatMap((b) => ('content' in b ? b.content : []));
    expect(runs).toContainEqual({ text: '60 centimetres', strong: true });
    expect(runs).toContainEqual({ text: '4pm on Saturday', emphasis: true });
    expect(runs).toContainEqual({
      text: 'map of the areas at risk',
      href: 'https://www.coastalcourier.example/flood-map',
    });
  });

  it('reads OpenGraph and meta tags: kicker, standfirst, section, tags, locale, list', () => {
    const a = get('opengraph-only.html');
    expect(a.kicker).toBe('Travel');
    expect(a.section).toBe('Travel');
    expect(a.standfirst).toMatch(/^A sleeper service between Brussels, Munich and Innsbruck/);
    expect(a.tags).toEqual(['Rail', 'Night trains', 'Austria']);
    // The "Key points" box becomes the highlights, shown once, not a list in the body.
    expect(a.highlights).toEqual([
      'Three nights a week from April 2',
      'Seats from €59, couchettes from €99',
      'First six departures sold out',
    ]);
    expect(a.body.filter((b) => b.type === 'list')).toHaveLength(1);
    expect(a.source).toEqual({
      url: 'https://railgazette.example/travel/night-trains-alps',
      name: 'Railway Gazette Weekly',
    });
    expect(a.image).toEqual({
      src: 'https://railgazette.example/media/sleeper-1600.jpg',
      alt: 'A blue sleeper train in a snowy valley',
    });
    expect(a.body).toContainEqual(
      expect.objectContaining({
        type: 'list',
        ordered: false,
        items: [
          expect.objectContaining({ text: 'Brussels-Midi, dep. 19:05' }),
          expect.anything(),
          expect.anything(),
        ],
      }),
    );
    // The standfirst is shown once, not again as the first paragraph.
    expect(paragraphs(a)).not.toContain(a.standfirst);
  });

  it('takes a byline written in the text as the authors, with their agency', () => {
    const a = get('byline-in-text.html');
    expect(a.authors).toEqual([
      { name: 'Priya Raman', role: 'author', affiliation: 'Reuters' },
      { name: 'Tom Okafor', role: 'author', affiliation: 'Reuters' },
    ]);
    expect(a.source).toEqual({
      url: 'https://midlandpost.example/local/copper-thieves-power-cut',
      name: 'Midland Evening Post',
    });
    expect(a.dateline).toEqual({ place: 'BIRMINGHAM', agency: 'Reuters' });
  });

  it('keeps a right-to-left Urdu page right to left, with its kicker', () => {
    const a = get('rtl-urdu.html');
    expect(textDirection(a.language)).toBe('rtl');
    expect(a.kicker).toBe('پاکستان');
    expect(a.slug).toBe('کراچی-میں-بارش-سے-نظام-زندگی-درہم-برہم');
  });

  it('reads the language of a Japanese page from its content-language meta', () => {
    const a = get('cjk-japanese.html');
    expect(a.tags).toEqual(['桜', '気象', '東京']);
    expect(a.source?.url).toBe('https://www.sample-shimbun.example/articles/20240321/sakura');
  });

  it('keeps every photo of a gallery with its caption and credit', () => {
    const a = get('photo-gallery.html');
    expect(a.kicker).toBe('In pictures');
    const pics = figures(a);
    expect(pics.map((p) => p.src)).toEqual(
      [1, 2, 3, 4].map((n) => `https://images.outbackdaily.example/ghan/0${n}-1600.jpg`),
    );
    expect(pics.every((p) => p.credit === 'Bree Lindqvist')).toBe(true);
    expect(pics[1]?.caption).toBe(
      'Breakfast in the Queen Adelaide restaurant car, which seats 64 guests in two sittings each morning.',
    );
    // The og:image is the gallery's first photo: it is not repeated as a lead figure.
    expect(a.image).toBeUndefined();
  });

  it('resolves lazy-loaded images: data-src, data-srcset, srcset, <picture> and <noscript>', () => {
    const a = get('lazy-images.html');
    expect(a.image).toMatchObject({
      src: 'https://www.farmlife.example/media/farm/hero-1200.jpg',
      caption: 'Longhorn cattle now graze the former silage fields.',
      credit: 'Oliver Pennington',
    });
    expect(figures(a).map((f) => f.src)).toEqual([
      'https://www.farmlife.example/media/farm/pond-960.jpg',
      'https://cdn.farmlife.example/beaver.jpg',
      'https://cdn.farmlife.example/orchid-800.jpg',
      'https://www.farmlife.example/media/farm/meadow.jpg',
    ]);
    expect(figures(a)[1]).toMatchObject({
      credit: 'Farm Life Trust',
      caption: 'A beaver dam on the stream that once drained the lower fields.',
    });
  });

  it('keeps the updates of a live blog with their headings and quotes', () => {
    const a = get('live-blog.html');
    const headings = a.body.flatMap((b) => (b.type === 'heading' ? [b.text] : []));
    expect(headings).toEqual([
      'Markets shrug',
      'NI cut confirmed',
      'Chancellor arrives at the Treasury',
    ]);
    const texts = a.body.map((b) => (b.type === 'figure' ? '' : b.type === 'list' ? '' : b.text));
    expect(texts.indexOf('12.55 GMT') + 1).toBe(texts.indexOf('NI cut confirmed'));
    expect(paragraphs(a)).toContain(
      'Gilt yields barely moved after the statement, and sterling closed a fraction higher against the dollar. Traders said the measures had been so widely trailed that there was little left to price in.',
    );
    expect(a.body).toContainEqual(
      expect.objectContaining({ type: 'quote', attribution: 'The chancellor, in the Commons' }),
    );
  });

  it('joins a body split by inline ads and related links; an embedded post becomes a quote with its author', () => {
    const a = get('split-body-inline-ads.html');
    expect(paragraphs(a)).toHaveLength(6);
    expect(a.dateline).toEqual({ place: 'PANAMA CITY', agency: 'AP' });
    expect(a.image).toEqual({
      src: 'https://gtt.example/i/canal-1400.jpg',
      alt: 'Ships waiting at the Pacific entrance of the canal',
      caption: 'Container ships wait to enter the canal near Panama City on October 30.',
      credit: 'Arnulfo Franco/AP',
    });
    expect(a.body).toContainEqual(
      expect.objectContaining({
        type: 'quote',
        text: 'Transit reservations are now limited to 25 a day. Full notice on our website.',
        attribution: 'Panama Canal (@thepanamacanal) November 1, 2023',
      }),
    );
  });

  it('turns javascript: and ftp: links into plain text and keeps http and mailto links', () => {
    const a = get('hostile-markup.html');
    const runs = a.body.flatMap((b) => ('content' in b ? b.content : []));
    expect(runs.filter((r) => r.href).map((r) => [r.text, r.href])).toEqual([
      ['download the summary', 'https://northernledger.example/docs/bill-21.pdf'],
      ['email our newsroom', 'mailto:tips@northernledger.example'],
      ['September next year', 'https://northernledger.example/education/calendar#sept'],
    ]);
    expect(plainText(a)).toContain(
      'Read the bill, download the summary or email our newsroom; the consultation was on an old file server.',
    );
    expect(a.body).toContainEqual(
      expect.objectContaining({ type: 'heading', level: 3, text: 'What the bill says' }),
    );
    expect(a.body).toContainEqual(expect.objectContaining({ type: 'list', ordered: true }));
    expect(a.tags).toEqual(['Education', 'Phones']);
    expect(imageSources(a)).toEqual([]);
  });

  // The page shows its byline, date and dateline only as text, as many sites outside English do.
  const visibleOnly = (lang: string, lines: string[]) =>
    `<!doctype html><html lang="${lang}"><head><meta property="og:type" content="article"><title>${lines[0]}</title></head><body><article><h1>${lines[0]}</h1>${lines
      .slice(1)
      .map((l) => `<p>${l}</p>`)
      .join('')}</article></body></html>`;
  const STORY = [
    'Правительство утвердило план развития железных дорог',
    'Автор: Иван Петров',
    'Опубликовано 3 марта 2019 14:05 +03:00',
    'МОСКВА, 3 марта. /ТАСС/. Правительство России утвердило план развития железных дорог до 2030 года.',
    'Документ предусматривает строительство новых линий и обновление подвижного состава в регионах.',
  ];
  it.each([
    ['ru', STORY, { place: 'МОСКВА', agency: 'ТАСС' }, '2019-03-03T14:05:00+03:00', 'Иван Петров'],
    [
      'el',
      [
        'Η κυβέρνηση ανακοίνωσε νέο πρόγραμμα για τη στέγαση των νέων',
        'Του Γιώργου Παπαδόπουλου',
        'Δημοσιεύθηκε 5 Σεπτεμβρίου 2023',
        'ΑΘΗΝΑ (ΑΠΕ-ΜΠΕ) - Η κυβέρνηση ανακοίνωσε την Τρίτη νέο πρόγραμμα επιδότησης ενοικίου για νέους.',
        'Το πρόγραμμα θα ξεκινήσει τον Ιανουάριο και αφορά περίπου εκατό χιλιάδες δικαιούχους.',
      ],
      { place: 'ΑΘΗΝΑ', agency: 'ΑΠΕ-ΜΠΕ' },
      '2023-09-05',
      'Γιώργου Παπαδόπουλου',
    ],
    [
      'zh',
      [
        '国务院发布新能源汽车产业发展规划',
        '记者 王明',
        '发布时间：2024年3月5日',
        '新华社北京3月5日电 国务院5日发布新能源汽车产业发展规划，提出到2030年新能源汽车销量占比达到一半以上。',
        '规划要求加快充电基础设施建设，推动电池技术创新，完善回收利用体系。',
      ],
      { place: '北京', agency: '新华社' },
      '2024-03-05',
      '王明',
    ],
  ])(
    'reads a %s dateline, byline and date line written only as text',
    (lang, lines, dateline, date, author) => {
      const a = importHtml(visibleOnly(lang, lines));
      expect(a.dateline).toEqual(dateline);
      expect(a.publishedAt).toBe(date);
      expect(a.authors.map((x) => x.name)).toEqual([author]);
      // The dateline stays in the text, as the page shows it.
      expect(paragraphs(a)[0]).toBe(lines[3]);
    },
  );
});

describe('importHtml rejects what is not an article', () => {
  it.each([
    ['a home page of headline links', fixture('not-article.html')],
    ['an empty document', ''],
    ['white space only', '  \n\t '],
    [
      'a page with one short line',
      '<html><head><title>Hi</title></head><body><p>Nothing to see.</p></body></html>',
    ],
    [
      'a login form',
      '<html lang="en"><head><title>Sign in | Example News</title></head><body><h1>Sign in</h1><form><label>Email <input name="e"></label><label>Password <input type="password" name="p"></label><button>Sign in</button></form><p><a href="/forgot">Forgot your password?</a></p></body></html>',
    ],
  ])('%s: ValidationError "no article found"', (_name, html) => {
    let error: unknown;
    try {
      importHtml(html);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/no article found: \S/);
    expect((error as ValidationError).issues[0]?.message).toMatch(/^no article found: /);
  });

  it.each([
    [{ url: 'ftp://example.com/a' }, 'url'],
    [{ url: 'not a url' }, 'url'],
    [{ language: 'not a language!' }, 'language'],
  ])('bad option %j names the field', (options, path) => {
    expect(() => importHtml(fixture('jsonld-only.html'), options)).toThrow(ValidationError);
    try {
      importHtml(fixture('jsonld-only.html'), options);
    } catch (e) {
      expect((e as ValidationError).issues[0]?.path).toBe(path);
    }
  });

  it('lets the caller override the page language', () => {
    expect(importHtml(fixture('opengraph-only.html'), { language: 'en_US' }).language).toBe(
      'en-US',
    );
  });
});
