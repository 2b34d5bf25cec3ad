import { describe, expect, it } from 'vitest';
import {
  canHyphenate,
  HYPHENATION_MODULES,
  hyphenationPoints,
  LEFT_MIN,
  RIGHT_MIN,
  unhyphenatable,
} from './hyphenate.js';
import { MAX_DRAWN_RATIO } from './knuth-plass.js';
import { justifiedBody } from '../test-support/body-paragraph.js';

const lines = (text: string, language: string, width: number) =>
  justifiedBody(text, language, { width, expand: false });

describe('hyphenation points (TeX rules)', () => {
  it('loads the patterns of every language it lists (a listed one that fails to load throws)', () => {
    expect(HYPHENATION_MODULES.size).toBeGreaterThan(70);
    for (const language of HYPHENATION_MODULES) expect(canHyphenate(language), language).toBe(true);
  });

  it.each([
    ['en', 'characteristically'],
    ['de', 'Telekommunikationsregulierung'],
    ['fr', 'intergouvernementales'],
    ['ru', 'межправительственных'],
    ['es', 'intergubernamentales'],
  ])('%s %s: at least 2 letters before and 3 after every break', (language, word) => {
    const points = hyphenationPoints(word, language);
    // The patterns do split these words, so the bounds below are exercised.
    expect(points.length).toBeGreaterThan(1);
    for (const p of points) {
      expect(p).toBeGreaterThanOrEqual(LEFT_MIN);
      expect(word.length - p).toBeGreaterThanOrEqual(RIGHT_MIN);
    }
  });

  it.each([
    ['https://example.com/international/telecommunications'],
    ['correspondence.department@internationalnewspaper.example'],
    ['www.internationalnewspaper.example'],
    ['/usr/share/internationalisation'],
    ['telecommunications2026'],
  ])('never splits %s', (token) => {
    const text = `See ${token} today.`;
    expect(unhyphenatable(text)).toEqual([[4, 4 + token.length]]);
  });

  it('a justified paragraph full of long URLs and e-mail addresses keeps them whole', () => {
    const url = 'https://internationalnewspaper.example/telecommunications/infrastructure';
    const mail = 'correspondence@internationalnewspaper.example';
    const text = Array.from({ length: 6 }, () => `Write to ${mail} or read ${url} now.`).join(' ');
    const set = lines(text, 'en', 220);
    expect(set.length).toBeGreaterThan(6);
    for (const l of set) {
      // A hyphenated line would end inside one of them; none does.
      expect(l.hyphenated ?? false).toBe(false);
    }
    const joined = set.map((l) => l.text).join('');
    expect(joined.split(url).length - 1).toBe(6);
    expect(joined.split(mail).length - 1).toBe(6);
  });

  it('Japanese lines never start with a closing mark nor end with an opening one (kinsoku)', () => {
    const text = '「東京」は、日本の首都である。人口は約千四百万人で、世界有数の大都市だ。'.repeat(
      6,
    );
    const set = lines(text, 'ja', 150);
    expect(set.length).toBeGreaterThan(4);
    for (const l of set) {
      expect(l.text.trim()).not.toMatch(/^[。、」）！？]/u);
      expect(l.text.trim()).not.toMatch(/[「（]$/u);
    }
    // Full lines are justified to the measure by gaps between characters.
    for (const l of set.slice(0, -1)) expect(l.width).toBeCloseTo(150, 0);
  });

  it('real paragraphs at every page and column measure: at most 2 hyphenated lines in a row, rarely one on the last full line', () => {
    const sentences = [
      'The council met again on Monday to discuss the budget, the harbour and the schools.',
      'Residents asked for longer opening hours at the library.',
      'A spokesman said the decision would be taken before the end of the month.',
      'Traffic on the coast road was heavier than usual after the bridge closed.',
      'Teachers welcomed the plan but warned that it came too late for this year.',
      'The international commission responsible for environmental sustainability announced its deliberations.',
    ];
    // Single column on A4 and Letter; a column of A4/Letter (2) and A3/Tabloid (3).
    const measures = [463.28, 480, 223.64, 232, 225.96, 209.3];
    let runsOfTwo = 0;
    let hyphenated = 0;
    let paragraphs = 0;
    let finalHyphens = 0;
    for (let k = 0; k < 60; k++) {
      const text = Array.from({ length: 8 }, (_, i) => sentences[(i * (k + 3) + k) % 6]).join(' ');
      for (const width of measures) {
        const set = lines(text, 'en', width);
        paragraphs++;
        let run = 0;
        set.forEach((l, i) => {
          run = l.hyphenated ? run + 1 : 0;
          expect(run, `paragraph ${k} at ${width} pt, line ${i}`).toBeLessThanOrEqual(2);
          if (run === 2) runsOfTwo++;
          if (l.hyphenated) hyphenated++;
          // Every full line set by total fit (never the greedy fallback), within the passes'
          // bounds: spaces shrink at most by all their shrink and stretch at most as far as
          // they are drawn.
          if (i < set.length - 1) {
            expect(l.ratio, `paragraph ${k} at ${width} pt, line ${i}: ${l.text}`).toBeDefined();
            expect(l.ratio).toBeGreaterThanOrEqual(-1);
            expect(l.ratio).toBeLessThanOrEqual(MAX_DRAWN_RATIO);
          }
        });
        if (set.at(-2)?.hyphenated === true) finalHyphens++;
      }
    }
    // The rules were put to the test: hyphens in most paragraphs, and pairs of hyphenated lines.
    expect(hyphenated).toBeGreaterThan(paragraphs / 2);
    expect(runsOfTwo).toBeGreaterThan(10);
    // A hyphen on the last full line only where no setting within TeX's tolerance avoids it
    // (then it costs \finalhyphendemerits, as in TeX): none of these 360 paragraphs today.
    expect(finalHyphens).toBeLessThanOrEqual(paragraphs * 0.05);
  });
});

describe('justification beyond hyphenated Latin text', () => {
  it('right-to-left paragraphs justify by word spacing, right-aligned, never hyphenated', () => {
    const text =
      'قال المتحدث إن العلاقات بين البلدين تطورت كثيرا خلال السنوات الماضية، وإن الحكومتين تعملان معا في مجالات التجارة والطاقة والتعليم والثقافة والنقل. '.repeat(
        3,
      );
    const width = 220;
    const set = justifiedBody(text.trim(), 'ar', { direction: 'rtl', width, expand: false });
    expect(set.length).toBeGreaterThan(4);
    for (const l of set.slice(0, -1)) {
      expect(l.hyphenated ?? false).toBe(false);
      expect(l.ratio).toBeDefined();
      // Full measure: from the left edge to the right one.
      expect(l.width).toBeCloseTo(width, 1);
      expect(Math.min(...l.runs.map((r) => r.x))).toBeCloseTo(0, 1);
    }
    // The last line keeps its natural width, against the right edge.
    const last = set.at(-1)!;
    expect(last.width).toBeLessThan(width - 5);
    const right = Math.max(...last.runs.map((r) => r.x + r.width));
    expect(right).toBeCloseTo(width, 1);
  });
});
