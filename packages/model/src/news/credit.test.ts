import { describe, expect, it } from 'vitest';
import { isAgency } from './agencies.js';
import { creditLine, creditOf, splitCaptionCredit } from './credit.js';

describe('picture credits', () => {
  it.each([
    ['Photo: AFP', 'AFP'],
    ['(Photo: Reuters)', 'Reuters'],
    ['Photo courtesy: Pakistan Foreign Office', 'Pakistan Foreign Office'],
    ['Photograph: Jane Doe', 'Jane Doe'],
    ['Image credit: AFP', 'AFP'],
    ['Photo by Jane Doe', 'Jane Doe'],
    ['Фото: ТАСС', 'ТАСС'],
    ['Φωτογραφία: ΑΠΕ', 'ΑΠΕ'],
    ['צילום: דני כהן', 'דני כהן'],
    ['صورة: رويترز', 'رويترز'],
    ['تصویر: اے ایف پی', 'اے ایف پی'],
    ['फोटो: पीटीआई', 'पीटीआई'],
    ['图片：新华社', '新华社'],
    ['写真：共同', '共同'],
    ['사진: 연합뉴스', '연합뉴스'],
  ])('the line %j credits %j', (line, credit) => {
    expect(creditLine(line)).toBe(credit);
  });

  it.each(['Photos of the protest spread online', 'Credit Suisse said on Monday', 'Reuters'])(
    '%j is no credit line',
    (line) => {
      expect(creditLine(line)).toBeUndefined();
    },
  );

  it.each([
    ['The minister at the airport. (Reuters)', true, 'The minister at the airport.', 'Reuters'],
    ['Rescue boats on Monday. (Photo: AFP)', false, 'Rescue boats on Monday.', 'AFP'],
    ['Rescue boats on Monday. Photo: AFP', false, 'Rescue boats on Monday.', 'AFP'],
    [
      'Longhorn cattle graze. Photo: Oliver Pennington',
      false,
      'Longhorn cattle graze.',
      'Oliver Pennington',
    ],
    [
      'Longhorn cattle graze. Photo by Oliver Pennington',
      false,
      'Longhorn cattle graze.',
      'Oliver Pennington',
    ],
    ['The Ghan at dawn (Photograph: Bree Lindqvist)', false, 'The Ghan at dawn', 'Bree Lindqvist'],
    ['Flood wall. Image credit: AFP', false, 'Flood wall.', 'AFP'],
    ['Lavrov in Moscow. (AP Photo/Jane Doe)', false, 'Lavrov in Moscow.', 'AP Photo/Jane Doe'],
    ['Вокзал в Москве. (ТАСС)', true, 'Вокзал в Москве.', 'ТАСС'],
  ])('splits %j', (text, bare, caption, credit) => {
    expect(splitCaptionCredit(text, bare)).toEqual({ caption, credit });
  });

  it('takes a bare agency as a credit only when asked to', () => {
    expect(splitCaptionCredit('The minister at the airport. (Reuters)', false)).toBeUndefined();
    expect(creditOf('Reuters/Jane Doe', false)).toBe('Reuters/Jane Doe');
  });

  it.each([
    ['Reuters', true],
    [' reuters ', true],
    ['The Associated Press', true],
    ['ΑΠΕ-ΜΠΕ', true],
    ['연합뉴스', true],
    ['Jane Doe', false],
  ])('isAgency(%j) is %s', (name, agency) => {
    expect(isAgency(name)).toBe(agency);
  });
});
