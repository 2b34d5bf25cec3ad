import { describe, expect, it } from 'vitest';
import { findDate, monthNumber, normalizeDate, parseDateLine } from './dates-in-text.js';

describe('parseDateLine', () => {
  it.each([
    ['Updated 02 May 2018', { updatedAt: '2018-05-02' }],
    [
      'Published 3 March 2019 14:05 | Updated 4 March 2019',
      { publishedAt: '2019-03-03', updatedAt: '2019-03-04' },
    ],
    ['Updated: May 2, 2018 10:30 GMT', { updatedAt: '2018-05-02T10:30:00Z' }],
    ['2018-05-02', { publishedAt: '2018-05-02' }],
    ['Sunday, March 3, 2019', { publishedAt: '2019-03-03' }],
    ['Опубликовано 3 марта 2019 14:05 +03:00', { publishedAt: '2019-03-03T14:05:00+03:00' }],
    ['Оновлено 5 вересня 2021 р.', { updatedAt: '2021-09-05' }],
    ['Publié le 5 septembre 2021', { publishedAt: '2021-09-05' }],
    ['Publicado el 5 de septiembre de 2021', { publishedAt: '2021-09-05' }],
    ['Veröffentlicht am 5. September 2021', { publishedAt: '2021-09-05' }],
    ['Pubblicato il 5 settembre 2021', { publishedAt: '2021-09-05' }],
    ['Atualizado em 5 de setembro de 2021', { updatedAt: '2021-09-05' }],
    ['Δημοσιεύθηκε 5 Σεπτεμβρίου 2021', { publishedAt: '2021-09-05' }],
    ['פורסם 5 בספטמבר 2021', { publishedAt: '2021-09-05' }],
    ['تاريخ النشر ٥ سبتمبر ٢٠٢١', { publishedAt: '2021-09-05' }],
    ['شائع 5 ستمبر، 2021', { publishedAt: '2021-09-05' }],
    ['प्रकाशित 5 सितंबर 2021', { publishedAt: '2021-09-05' }],
    ['发布时间：2019年3月3日 14:05', { publishedAt: '2019-03-03' }],
    ['2024년 3월 21일', { publishedAt: '2024-03-21' }],
  ])('%j', (line, dates) => {
    expect(parseDateLine(line)).toEqual(dates);
  });

  it('gives a zone-less time the caller’s offset, and never guesses one', () => {
    expect(parseDateLine('Published 3 March 2019 14:05', '+05:00')).toEqual({
      publishedAt: '2019-03-03T14:05:00+05:00',
    });
    expect(parseDateLine('Published 3 March 2019 14:05')).toEqual({ publishedAt: '2019-03-03' });
  });

  it.each([
    'The deal was signed on 3 March 2019 in Moscow.',
    'Updated 3 hours ago',
    'Published by the ministry',
    '31 February 2019',
  ])('%j is no date line', (line) => {
    expect(parseDateLine(line)).toBeUndefined();
  });
});

describe('findDate in running text', () => {
  it.each([
    ['The deal was signed on 3 March 2019 in Moscow.', '2019-03-03'],
    ['Talks resumed on May 2, 2018, officials said.', '2018-05-02'],
    ['Переговоры прошли 3 марта 2019 года в Москве.', '2019-03-03'],
    ['El acuerdo se firmó el 5 de marzo de 2024.', '2024-03-05'],
  ])('%j', (text, iso) => {
    expect(findDate(text)?.iso).toBe(iso);
  });

  it('returns where the date stands in the text', () => {
    const text = 'Signed on 3 March 2019 in Moscow.';
    const found = findDate(text);
    expect(text.slice(found?.index, found?.end)).toBe('3 March 2019');
  });
});

describe('monthNumber', () => {
  it.each([
    ['March', 3],
    ['sept', 9],
    ['марта', 3],
    ['березня', 3],
    ['Σεπτεμβρίου', 9],
    ['septembre', 9],
    ['settembre', 9],
    ['września', 9],
    ['سبتمبر', 9],
    ['ستمبر', 9],
    ['सितंबर', 9],
    ['בספטמבר', 9],
  ])('%s is month %d', (name, month) => {
    expect(monthNumber(name)).toBe(month);
  });

  it.each(['people', 'Monday', ''])('%j is no month', (name) => {
    expect(monthNumber(name)).toBeUndefined();
  });
});

describe('normalizeDate (a date value)', () => {
  it.each([
    ['2024-03-09T06:30:00+00:00', '2024-03-09T06:30:00+00:00'],
    ['2024-03-09T06:30:00+0000', '2024-03-09T06:30:00+00:00'],
    ['2024-03-09T06:30+01', '2024-03-09T06:30:00+01:00'],
    ['2024-03-09T06:30:00.123456Z', '2024-03-09T06:30:00.123Z'],
    ['2024-03-09 06:30:00-05:00', '2024-03-09T06:30:00-05:00'],
    // A time without a zone names no instant: the date alone is kept.
    ['2024-03-09T06:30:00', '2024-03-09'],
    ['2024-03-09', '2024-03-09'],
    ['Sat, 09 Mar 2024 06:30:00 GMT', '2024-03-09T06:30:00Z'],
    ['March 4, 2024', '2024-03-04'],
    ['4 March 2024', '2024-03-04'],
    ['2024年3月21日 14時00分', '2024-03-21'],
    ['3 марта 2019', '2019-03-03'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it.each(['', 'yesterday', '2024-02-30', '2024-13-01', '17.48 GMT', 'Updated 3 hours ago'])(
    '%j is not a date',
    (input) => {
      expect(normalizeDate(input)).toBeUndefined();
    },
  );
});
