import { describe, expect, it } from 'vitest';
import { splitDateline } from './dateline.js';

describe('splitDateline', () => {
  it.each([
    // Latin
    [
      'ISLAMABAD: The government said on Monday',
      'ISLAMABAD',
      undefined,
      'The government said on Monday',
    ],
    [
      'BIRMINGHAM (Reuters) - Thieves who stripped copper cable',
      'BIRMINGHAM',
      'Reuters',
      'Thieves who stripped copper cable',
    ],
    ['NEW YORK, March 4 (AP) — Stocks fell', 'NEW YORK', 'AP', 'Stocks fell'],
    [
      'LONDON — The Bank of England held rates',
      'LONDON',
      undefined,
      'The Bank of England held rates',
    ],
    ['WASHINGTON, D.C. — Lawmakers met', 'WASHINGTON, D.C.', undefined, 'Lawmakers met'],
    ['Berlin (dpa) – Die Zahl der Besucher stieg', 'Berlin', 'dpa', 'Die Zahl der Besucher stieg'],
    [
      'NEW DELHI, March 5 (PTI) The Prime Minister said',
      'NEW DELHI',
      'PTI',
      'The Prime Minister said',
    ],
    // Cyrillic
    [
      'МОСКВА, 3 марта. /ТАСС/. Правительство утвердило план',
      'МОСКВА',
      'ТАСС',
      'Правительство утвердило план',
    ],
    ['КИЇВ (Укрінформ) – Уряд ухвалив', 'КИЇВ', 'Укрінформ', 'Уряд ухвалив'],
    // Greek
    ['ΑΘΗΝΑ (ΑΠΕ-ΜΠΕ) - Η κυβέρνηση ανακοίνωσε', 'ΑΘΗΝΑ', 'ΑΠΕ-ΜΠΕ', 'Η κυβέρνηση ανακοίνωσε'],
    // Arabic script
    ['اسلام آباد: پاکستان اور روس کے تعلقات', 'اسلام آباد', undefined, 'پاکستان اور روس کے تعلقات'],
    ['القاهرة (رويترز) - قالت الحكومة', 'القاهرة', 'رويترز', 'قالت الحكومة'],
    // Hebrew
    ['ירושלים – הממשלה אישרה את התוכנית', 'ירושלים', undefined, 'הממשלה אישרה את התוכנית'],
    // Devanagari
    ['नई दिल्ली, 5 मार्च (भाषा) प्रधानमंत्री ने कहा', 'नई दिल्ली', 'भाषा', 'प्रधानमंत्री ने कहा'],
    // CJK
    ['新华社北京3月5日电（记者王明）国务院今天发布', '北京', '新华社', '国务院今天发布'],
    ['【ワシントン共同】米政府は5日、発表した。', 'ワシントン', '共同', '米政府は5日、発表した。'],
    ['(서울=연합뉴스) 정부는 5일 발표했다.', '서울', '연합뉴스', '정부는 5일 발표했다.'],
  ])('%j', (text, place, agency, rest) => {
    expect(splitDateline(text)).toEqual(agency ? { place, agency, rest } : { place, rest });
  });

  it.each([
    'The council said - on Monday - that',
    'I - for one - disagree',
    'Harbour towns along the Tamar estuary',
    'U.S. officials said on Monday',
    'NASA (the agency) said it would launch',
    'کراچی میں اتوار کی صبح',
    '北京举行国际科技博览会',
  ])('%j has none', (text) => {
    expect(splitDateline(text)).toBeUndefined();
  });
});
