import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSync, type Font } from 'fontkit';
import { BODY_SIZE, bodyMeasure, setParagraph } from './typesetting.js';

describe('typesetting (what the typography bench measures)', () => {
  it.each([
    ['A4', 'single', 463.28],
    ['A4', 'columns', 223.64],
    ['A3', 'columns', 225.96],
  ] as const)('%s %s: body text is %f pt wide', (size, layout, width) => {
    expect(bodyMeasure(size, layout)).toBeCloseTo(width, 2);
  });

  it('sets full lines to the measure with their ratio, and the last line naturally', () => {
    const text =
      'The council met again on Monday to discuss the budget, the harbour and the schools. '.repeat(
        5,
      );
    const width = bodyMeasure('A4', 'columns');
    const lines = setParagraph(text.trim(), 'en', width);
    expect(lines.length).toBeGreaterThan(4);
    for (const l of lines.slice(0, -1)) {
      expect(l.ratio).toBeDefined();
      expect(l.width).toBeCloseTo(width, 1);
    }
    expect(lines.at(-1)!.ratio).toBeUndefined();
    expect(lines.at(-1)!.width).toBeLessThan(width);
  });

  it('sets newspaper columns in the semi-condensed face: more words to a line, so fewer lines', () => {
    const text =
      'Teachers welcomed the plan but warned that it came too late for this year, said the union. '.repeat(
        8,
      );
    const width = bodyMeasure('A4', 'columns');
    const single = setParagraph(text.trim(), 'en', width);
    const columns = setParagraph(text.trim(), 'en', width, { layout: 'columns' });
    // Noto Serif SemiCondensed is 87.5% as wide: about a ninth fewer lines.
    expect(columns.length).toBeLessThan(single.length * 0.95);
    expect(columns.length).toBeGreaterThan(single.length * 0.8);
    for (const l of columns.slice(0, -1)) expect(l.width).toBeCloseTo(width, 1);
  });

  it("sets text in another font file when asked (the bench compares breakers in TeX's face)", () => {
    const text = 'The council met again on Monday to discuss the budget and the harbour.';
    const require = createRequire(import.meta.url);
    const font = join(
      dirname(require.resolve('dejavu-fonts-ttf/package.json')),
      'ttf',
      'DejaVuSans.ttf',
    );
    // One line, set at its natural width: the width of the text in that font at the body size.
    const [line] = setParagraph(text, 'en', 1000, { font });
    const dejavu = openSync(font) as Font;
    const expected = (dejavu.layout(text).advanceWidth * BODY_SIZE) / dejavu.unitsPerEm;
    expect(line!.width).toBeCloseTo(expected, 0);
    expect(Math.abs(line!.width - setParagraph(text, 'en', 1000)[0]!.width)).toBeGreaterThan(10);
  });
});
