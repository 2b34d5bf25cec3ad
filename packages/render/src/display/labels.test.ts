import { describe, expect, it } from 'vitest';
import { LABEL_LANGUAGES, around, labelsFor } from './labels.js';

const words = (s: string) => s.replace(/\s+/gu, ' ');

describe('labels in the article language', () => {
  it('covers the languages the project renders', () => {
    for (const l of [
      'en',
      'fr',
      'es',
      'de',
      'it',
      'pt',
      'ru',
      'uk',
      'ar',
      'ur',
      'fa',
      'he',
      'hi',
      'zh',
      'ja',
      'ko',
    ])
      expect(LABEL_LANGUAGES).toContain(l);
  });

  it.each(LABEL_LANGUAGES.filter((l) => l !== 'en'))('%s has its own words, not English', (l) => {
    const labels = labelsFor(l);
    const english = labelsFor('en');
    expect(labels.published('X')).not.toBe(english.published('X'));
    expect(labels.byline(['X'])).not.toBe(english.byline(['X']));
    expect(labels.contents).not.toBe(english.contents);
    expect(labels.page(1, 2)).not.toBe(english.page(1, 2));
    expect(labels.readingTime(5)).not.toBe(english.readingTime(5));
    expect(labels.continuedOn(7)).not.toBe(english.continuedOn(7));
  });

  it.each([
    ['en', 'Continued on page 7'],
    ['de', 'Fortsetzung auf Seite 7'],
    ['fa', 'ادامه در صفحهٔ ۷'],
    ['ja', '7 ページへ続く'],
    ['xx', 'Continued on page 7'],
  ])('%s: the jump line of a column names the page in its own digits', (l, line) => {
    expect(labelsFor(l).continuedOn(7)).toBe(line);
  });

  it.each([
    ['en', 'Published 3 May', 'By Ann, Bo, and Cy', '5 min read', 'Page 3 of 12'],
    ['fr', 'Publié le 3 May', 'Par Ann, Bo et Cy', '5 min de lecture', 'Page 3 sur 12'],
    ['ar', 'نُشر في 3 May', 'بقلم Ann وBo وCy', 'مدة القراءة: 5 د', 'صفحة 3 من 12'],
    ['ru', 'Опубликовано 3 May', 'Текст: Ann, Bo и Cy', 'Время чтения: 5 мин', 'Страница 3 из 12'],
    ['zh', '发布于 3 May', '作者：Ann、Bo和Cy', '阅读时间：5分钟', '第 3 页，共 12 页'],
    ['fa', 'منتشرشده در 3 May', 'نویسنده: Ann، Bo، و Cy', 'زمان مطالعه: ۵ دقیقه', 'صفحهٔ ۳ از ۱۲'],
    ['en-GB', 'Published 3 May', 'By Ann, Bo and Cy', '5 mins read', 'Page 3 of 12'],
    ['xx', 'Published 3 May', 'By Ann, Bo, and Cy', '5 min read', 'Page 3 of 12'],
  ])('%s', (l, published, byline, reading, page) => {
    const labels = labelsFor(l);
    expect(labels.published('3 May')).toBe(published);
    expect(words(labels.byline(['Ann', 'Bo', 'Cy'])).replace(/\u200f/g, '')).toBe(byline);
    expect(words(labels.readingTime(5))).toBe(reading);
    expect(labels.page(3, 12)).toBe(page);
  });

  it.each([
    ['en', 1, '1 article'],
    ['en', 2, '2 articles'],
    ['ru', 1, '1 статья'],
    ['ru', 3, '3 статьи'],
    ['ru', 5, '5 статей'],
    ['ru', 21, '21 статья'],
    ['ar', 2, 'مقالتان'],
    ['ar', 3, '3 مقالات'],
    ['ar', 11, '11 مقالة'],
    ['he', 2, 'שני מאמרים'],
    ['zh', 1, '1 篇文章'],
    ['de', 1200, '1.200 Artikel'],
  ])('%s: %i articles', (l, n, text) => {
    expect(labelsFor(l).articles(n)).toBe(text);
  });

  it.each([
    ['en', 'Published ', ''],
    ['fr', 'Publié le ', ''],
    ['ja', '公開：', ''],
  ])('%s: splits a label around its value', (l, before, after) => {
    expect(around(labelsFor(l).published)).toEqual({ before, after });
  });

  it('gives the byline as pieces markup can wrap, authors in order', () => {
    const authors = [{ n: 'Ann' }, { n: 'Bo' }];
    expect(labelsFor('en').bylinePieces(authors, (a) => a.n)).toEqual([
      { text: 'By ' },
      { item: authors[0] },
      { text: ' and ' },
      { item: authors[1] },
    ]);
    const hindi = labelsFor('hi').bylinePieces(authors, (a) => a.n);
    expect(hindi[0]).toEqual({ text: 'लेखक: ' });
  });
});
