/**
 * The words Broadsheet adds around an article's own text, in the article's language. Whatever
 * CLDR has comes from it through Intl: numbers (NumberFormat), "5 min" (NumberFormat with unit
 * 'minute'), author lists ("A, B and C": ListFormat) and plural categories (PluralRules). The
 * phrases CLDR has no entry for (Published, By, Page X of Y, ...) are the small table below.
 * A language not in the table reads English; Intl parts still follow the language.
 */
import { intlLocale } from './dates.js';

type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** One language's phrases. `{date}`, `{names}`, `{time}`, `{page}`, `{total}`, `{n}` are filled in. */
interface Phrases {
  published: string;
  updated: string;
  byline: string;
  readingTime: string;
  page: string;
  articles: Plural;
  highlights: string;
  contents: string;
  continued: string;
  /** A jump line at the foot of a newspaper column: "Continued on page {page}". */
  continuedOn: string;
  photo: string;
  source: string;
  tags: string;
  cover: string;
  landmarks: string;
}

const en: Phrases = {
  published: 'Published {date}',
  updated: 'Updated {date}',
  byline: 'By {names}',
  readingTime: '{time} read',
  page: 'Page {page} of {total}',
  articles: { one: '{n} article', other: '{n} articles' },
  highlights: 'Highlights',
  contents: 'Contents',
  continued: 'Continued',
  continuedOn: 'Continued on page {page}',
  photo: 'Photo',
  source: 'Source',
  tags: 'Tags',
  cover: 'Cover',
  landmarks: 'Landmarks',
};

const PHRASES: Record<string, Phrases> = {
  en,
  fr: {
    published: 'Publié le {date}',
    updated: 'Mis à jour le {date}',
    byline: 'Par {names}',
    readingTime: '{time} de lecture',
    page: 'Page {page} sur {total}',
    articles: { one: '{n} article', other: '{n} articles' },
    highlights: 'À retenir',
    contents: 'Sommaire',
    continued: 'Suite',
    continuedOn: 'Suite page {page}',
    photo: 'Photo',
    source: 'Source',
    tags: 'Mots-clés',
    cover: 'Couverture',
    landmarks: 'Repères',
  },
  es: {
    published: 'Publicado el {date}',
    updated: 'Actualizado el {date}',
    byline: 'Por {names}',
    readingTime: '{time} de lectura',
    page: 'Página {page} de {total}',
    articles: { one: '{n} artículo', other: '{n} artículos' },
    highlights: 'Claves',
    contents: 'Índice',
    continued: 'Continúa',
    continuedOn: 'Continúa en la página {page}',
    photo: 'Foto',
    source: 'Fuente',
    tags: 'Etiquetas',
    cover: 'Portada',
    landmarks: 'Puntos de referencia',
  },
  de: {
    published: 'Veröffentlicht am {date}',
    updated: 'Aktualisiert am {date}',
    byline: 'Von {names}',
    readingTime: 'Lesezeit: {time}',
    page: 'Seite {page} von {total}',
    articles: { one: '{n} Artikel', other: '{n} Artikel' },
    highlights: 'Das Wichtigste',
    contents: 'Inhalt',
    continued: 'Fortsetzung',
    continuedOn: 'Fortsetzung auf Seite {page}',
    photo: 'Foto',
    source: 'Quelle',
    tags: 'Schlagwörter',
    cover: 'Titelbild',
    landmarks: 'Orientierungspunkte',
  },
  it: {
    published: 'Pubblicato il {date}',
    updated: 'Aggiornato il {date}',
    byline: 'Di {names}',
    readingTime: '{time} di lettura',
    page: 'Pagina {page} di {total}',
    articles: { one: '{n} articolo', other: '{n} articoli' },
    highlights: 'In breve',
    contents: 'Indice',
    continued: 'Continua',
    continuedOn: 'Continua a pagina {page}',
    photo: 'Foto',
    source: 'Fonte',
    tags: 'Tag',
    cover: 'Copertina',
    landmarks: 'Punti di riferimento',
  },
  pt: {
    published: 'Publicado em {date}',
    updated: 'Atualizado em {date}',
    byline: 'Por {names}',
    readingTime: '{time} de leitura',
    page: 'Página {page} de {total}',
    articles: { one: '{n} artigo', other: '{n} artigos' },
    highlights: 'Destaques',
    contents: 'Índice',
    continued: 'Continua',
    continuedOn: 'Continua na página {page}',
    photo: 'Foto',
    source: 'Fonte',
    tags: 'Tags',
    cover: 'Capa',
    landmarks: 'Pontos de referência',
  },
  ru: {
    published: 'Опубликовано {date}',
    updated: 'Обновлено {date}',
    byline: 'Текст: {names}',
    readingTime: 'Время чтения: {time}',
    page: 'Страница {page} из {total}',
    articles: { one: '{n} статья', few: '{n} статьи', many: '{n} статей', other: '{n} статьи' },
    highlights: 'Главное',
    contents: 'Содержание',
    continued: 'Продолжение',
    continuedOn: 'Продолжение на странице {page}',
    photo: 'Фото',
    source: 'Источник',
    tags: 'Теги',
    cover: 'Обложка',
    landmarks: 'Ориентиры',
  },
  uk: {
    published: 'Опубліковано {date}',
    updated: 'Оновлено {date}',
    byline: 'Текст: {names}',
    readingTime: 'Час читання: {time}',
    page: 'Сторінка {page} з {total}',
    articles: { one: '{n} стаття', few: '{n} статті', many: '{n} статей', other: '{n} статті' },
    highlights: 'Головне',
    contents: 'Зміст',
    continued: 'Продовження',
    continuedOn: 'Продовження на сторінці {page}',
    photo: 'Фото',
    source: 'Джерело',
    tags: 'Теги',
    cover: 'Обкладинка',
    landmarks: 'Орієнтири',
  },
  ar: {
    published: 'نُشر في {date}',
    updated: 'حُدّث في {date}',
    byline: 'بقلم {names}',
    readingTime: 'مدة القراءة: {time}',
    page: 'صفحة {page} من {total}',
    articles: {
      zero: '{n} مقالة',
      one: 'مقالة واحدة',
      two: 'مقالتان',
      few: '{n} مقالات',
      many: '{n} مقالة',
      other: '{n} مقالة',
    },
    highlights: 'أبرز النقاط',
    contents: 'المحتويات',
    continued: 'تابع',
    continuedOn: 'تابع في الصفحة {page}',
    photo: 'صورة',
    source: 'المصدر',
    tags: 'الوسوم',
    cover: 'الغلاف',
    landmarks: 'معالم',
  },
  ur: {
    published: 'شائع شدہ {date}',
    updated: 'تازہ کاری {date}',
    byline: 'از {names}',
    readingTime: 'پڑھنے کا وقت: {time}',
    page: 'صفحہ {page} از {total}',
    articles: { one: '{n} مضمون', other: '{n} مضامین' },
    highlights: 'اہم نکات',
    contents: 'فہرست',
    continued: 'جاری ہے',
    continuedOn: 'بقیہ صفحہ {page} پر',
    photo: 'تصویر',
    source: 'ماخذ',
    tags: 'ٹیگز',
    cover: 'سرورق',
    landmarks: 'نشانات',
  },
  fa: {
    published: 'منتشرشده در {date}',
    updated: 'به‌روزرسانی: {date}',
    byline: 'نویسنده: {names}',
    readingTime: 'زمان مطالعه: {time}',
    page: 'صفحهٔ {page} از {total}',
    articles: { other: '{n} مقاله' },
    highlights: 'نکات مهم',
    contents: 'فهرست',
    continued: 'ادامه',
    continuedOn: 'ادامه در صفحهٔ {page}',
    photo: 'عکس',
    source: 'منبع',
    tags: 'برچسب‌ها',
    cover: 'جلد',
    landmarks: 'نشانه‌ها',
  },
  he: {
    published: 'פורסם: {date}',
    updated: 'עודכן: {date}',
    byline: 'מאת {names}',
    readingTime: 'זמן קריאה: {time}',
    page: 'עמוד {page} מתוך {total}',
    articles: { one: 'מאמר אחד', two: 'שני מאמרים', other: '{n} מאמרים' },
    highlights: 'עיקרי הדברים',
    contents: 'תוכן העניינים',
    continued: 'המשך',
    continuedOn: 'המשך בעמוד {page}',
    photo: 'צילום',
    source: 'מקור',
    tags: 'תגיות',
    cover: 'כריכה',
    landmarks: 'ציוני דרך',
  },
  hi: {
    published: 'प्रकाशित: {date}',
    updated: 'अपडेट: {date}',
    byline: 'लेखक: {names}',
    readingTime: 'पढ़ने का समय: {time}',
    page: 'पृष्ठ {page} / {total}',
    articles: { one: '{n} लेख', other: '{n} लेख' },
    highlights: 'मुख्य बातें',
    contents: 'विषय-सूची',
    continued: 'जारी',
    continuedOn: 'पृष्ठ {page} पर जारी',
    photo: 'फ़ोटो',
    source: 'स्रोत',
    tags: 'टैग',
    cover: 'आवरण',
    landmarks: 'लैंडमार्क',
  },
  zh: {
    published: '发布于 {date}',
    updated: '更新于 {date}',
    byline: '作者：{names}',
    readingTime: '阅读时间：{time}',
    page: '第 {page} 页，共 {total} 页',
    articles: { other: '{n} 篇文章' },
    highlights: '要点',
    contents: '目录',
    continued: '续',
    continuedOn: '转第 {page} 页',
    photo: '图片',
    source: '来源',
    tags: '标签',
    cover: '封面',
    landmarks: '导航',
  },
  ja: {
    published: '公開：{date}',
    updated: '更新：{date}',
    byline: '文：{names}',
    readingTime: '読了時間：{time}',
    page: '{page} / {total} ページ',
    articles: { other: '{n} 件の記事' },
    highlights: '要点',
    contents: '目次',
    continued: '続き',
    continuedOn: '{page} ページへ続く',
    photo: '写真',
    source: '出典',
    tags: 'タグ',
    cover: '表紙',
    landmarks: 'ランドマーク',
  },
  ko: {
    published: '게시: {date}',
    updated: '업데이트: {date}',
    byline: '글: {names}',
    readingTime: '읽는 시간: {time}',
    page: '{page} / {total} 페이지',
    articles: { other: '기사 {n}개' },
    highlights: '핵심',
    contents: '목차',
    continued: '계속',
    continuedOn: '{page}면에 계속',
    photo: '사진',
    source: '출처',
    tags: '태그',
    cover: '표지',
    landmarks: '랜드마크',
  },
};

/** The languages with their own phrases (the rest read English). */
export const LABEL_LANGUAGES: readonly string[] = Object.keys(PHRASES);

/** A piece of a filled-in phrase: literal text, or one of the items put into it. */
export type Piece<T> = { text: string } | { item: T };

/** The labels that are single words, taken from the table as they are. */
type Words = Pick<
  Phrases,
  'highlights' | 'contents' | 'continued' | 'photo' | 'source' | 'tags' | 'cover' | 'landmarks'
>;

/** The labels of one language, with CLDR doing numbers, units, lists and plurals. */
export interface Labels extends Words {
  /** The locale Intl uses (an unknown tag resolves to English). */
  locale: string;
  published: (date: string) => string;
  updated: (date: string) => string;
  /** "By A, B and C". */
  byline: (names: readonly string[]) => string;
  /** The byline as pieces, so markup can wrap each author (links, roles) and escape the rest. */
  bylinePieces: <T>(authors: readonly T[], name: (author: T) => string) => Piece<T>[];
  /** "5 min read". */
  readingTime: (minutes: number) => string;
  /** "Page 3 of 12". */
  page: (page: number, total: number) => string;
  /** "12 articles". */
  articles: (count: number) => string;
  /** "Continued on page 7": where an article of the column layout jumps. */
  continuedOn: (page: number) => string;
  /** A number in the language's digits and grouping. */
  number: (n: number) => string;
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

function makeLabels(language: string): Labels {
  const locale = intlLocale(language);
  const phrases = PHRASES[new Intl.Locale(locale).language] ?? en;
  const numbers = new Intl.NumberFormat(locale);
  const minutes = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'short',
  });
  const plurals = new Intl.PluralRules(locale);
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const number = (n: number) => numbers.format(n);
  const bylinePieces = <T>(authors: readonly T[], name: (author: T) => string): Piece<T>[] => {
    const [before = '', after = ''] = phrases.byline.split('{names}');
    const pieces: Piece<T>[] = [];
    if (before) pieces.push({ text: before });
    let next = 0;
    for (const part of list.formatToParts(authors.map(name))) {
      const author = authors[next];
      if (part.type === 'element' && author !== undefined) {
        pieces.push({ item: author });
        next++;
      } else pieces.push({ text: part.value });
    }
    if (after) pieces.push({ text: after });
    return pieces;
  };
  const { highlights, contents, continued, photo, source, tags, cover, landmarks } = phrases;
  return {
    locale,
    ...{ highlights, contents, continued, photo, source, tags, cover, landmarks },
    published: (date) => fill(phrases.published, { date }),
    updated: (date) => fill(phrases.updated, { date }),
    byline: (names) => fill(phrases.byline, { names: list.format(names) }),
    bylinePieces,
    readingTime: (n) => fill(phrases.readingTime, { time: minutes.format(n) }),
    page: (page, total) => fill(phrases.page, { page: number(page), total: number(total) }),
    continuedOn: (page) => fill(phrases.continuedOn, { page: number(page) }),
    articles: (count) =>
      fill(phrases.articles[plurals.select(count)] ?? phrases.articles.other, {
        n: number(count),
      }),
    number,
  };
}

// Building the Intl objects costs far more than using them; an edition asks per article.
const cache = new Map<string, Labels>();

/** The labels for a BCP 47 tag, by its primary language; English when there is no translation. */
export function labelsFor(language: string): Labels {
  let labels = cache.get(language);
  if (!labels) {
    labels = makeLabels(language);
    cache.set(language, labels);
  }
  return labels;
}

/**
 * The text before and after the value in a label ("Publié le {date}" → "Publié le ", ""), so
 * markup can put the value in an element of its own (`<time>`) and escape the rest.
 */
export function around(label: (value: string) => string): { before: string; after: string } {
  const [before = '', after = ''] = label('\u0000').split('\u0000');
  return { before, after };
}
