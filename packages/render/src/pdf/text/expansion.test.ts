import { describe, expect, it } from 'vitest';
import { EXPANSION, lineExpansion, slackAfterExpansion } from './expansion.js';
import { knuthPlass, type KpItem } from './knuth-plass.js';
import { justifiedBody } from '../test-support/body-paragraph.js';
import type { TextLine } from './paragraph.js';

describe('font expansion takes the slack first, then the spaces', () => {
  it.each([
    // [case, slack, natural, left for the spaces, glyph scale]
    ['a line 1 pt short of 200: the glyphs take it all', 1, 200, 0, 1.005],
    ['6 pt short: the glyphs take 2% (4 pt), the spaces 2 pt', 6, 200, 2, 1.02],
    ['1 pt over: the glyphs narrow by it', -1, 200, 0, 0.995],
    ['6 pt over: the glyphs narrow by 2%, the spaces shrink 2 pt', -6, 200, -2, 0.98],
    ['a share below a step is left to the spaces', 0.05, 200, 0, 1],
    ['a line that fits needs nothing', 0, 200, 0, 1],
  ])('%s', (_case, slack, natural, left, scale) => {
    expect(slackAfterExpansion(slack, natural, EXPANSION)).toBeCloseTo(left, 9);
    expect(lineExpansion(slack, natural)).toBe(scale);
  });

  it('lets line breaking set a line the spaces alone would leave too loose', () => {
    // The first line can hold two words of 95 pt and a space of 4 pt that stretches 1 pt: 6 pt
    // short of 200. The third word (150 pt) cannot join them.
    const items: KpItem[] = [
      { type: 'box', width: 95 },
      { type: 'glue', width: 4, stretch: 1, shrink: 1 },
      { type: 'box', width: 95 },
      { type: 'glue', width: 4, stretch: 1, shrink: 1 },
      { type: 'box', width: 150 },
      { type: 'glue', width: 0, stretch: 1e6, shrink: 0 },
      { type: 'penalty', width: 0, penalty: -10000, flagged: false },
    ];
    // Without expansion the space must stretch 6 times its stretch, over a tolerance of 3.
    expect(knuthPlass(items, 200, { tolerance: 3 })).toBeUndefined();
    // With it the glyphs take 2% of 194 pt (3.88 pt) and the space the other 2.12 pt.
    const breaks = knuthPlass(items, 200, { tolerance: 3, expansion: EXPANSION });
    expect(breaks?.map((b) => b.position)).toEqual([3, 6]);
    expect(breaks?.[0]?.ratio).toBeCloseTo(2.12, 9);
  });
});

const paragraph = (text: string, language: string, direction: 'ltr' | 'rtl' = 'ltr') =>
  justifiedBody(text, language, { direction, width: 220 });

const scales = (lines: TextLine[]) =>
  lines.flatMap((l) => l.runs.map((r) => r.spacing?.expansion ?? 1));

describe('which paragraphs expand', () => {
  const english =
    'The harbour reopened on Tuesday after a week of repairs to the ramp, and the first ferry ' +
    'left on time with a full deck of lorries, cars and foot passengers bound for the islands.';

  it('a left-to-right paragraph: every full line fills the measure, glyphs scaled by at most 2%', () => {
    const lines = paragraph(english, 'en');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines.slice(0, -1)) expect(line.width).toBeCloseTo(220, 6);
    const all = scales(lines);
    expect(all.some((s) => s !== 1)).toBe(true);
    for (const s of all) expect(Math.abs(s - 1)).toBeLessThanOrEqual(EXPANSION + 1e-9);
    // One scale per line: a line's glyphs are widened alike.
    for (const line of lines) expect(new Set(scales([line])).size).toBe(1);
  });

  it.each([
    [
      'Chinese, which justifies between characters',
      '港口在修复坡道一周后于星期二重新开放，第一班渡轮准时出发，甲板上满载卡车、汽车和前往岛屿的步行乘客。'.repeat(
        3,
      ),
      'zh',
      'ltr',
    ],
    [
      'Arabic, right to left',
      'أعيد فتح الميناء يوم الثلاثاء بعد أسبوع من إصلاح المنحدر، وغادرت أول عبارة في موعدها وعلى متنها شاحنات وسيارات وركاب متجهون إلى الجزر. '.repeat(
        2,
      ),
      'ar',
      'rtl',
    ],
  ] as const)('not %s', (_name, text, language, direction) => {
    const lines = paragraph(text, language, direction);
    expect(lines.length).toBeGreaterThan(2);
    expect(scales(lines).every((s) => s === 1)).toBe(true);
  });
});
