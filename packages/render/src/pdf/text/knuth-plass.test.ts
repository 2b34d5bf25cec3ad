import { describe, expect, it } from 'vitest';
import {
  breakPasses,
  INFINITY,
  knuthPlass,
  MAX_DRAWN_RATIO,
  texPasses,
  type KpItem,
} from './knuth-plass.js';

/** Words as boxes of their letter count, spaces of width 1 (stretch 0.5, shrink 1/3), a hyphen point inside any word written with "|" (unless `hyphenate` is false). */
function items(text: string, hyphenate = true): KpItem[] {
  const out: KpItem[] = [];
  text.split(' ').forEach((word, i, words) => {
    word.split('|').forEach((part, j, parts) => {
      out.push({ type: 'box', width: part.length });
      if (hyphenate && j < parts.length - 1)
        out.push({ type: 'penalty', width: 1, penalty: 50, flagged: true });
    });
    if (i < words.length - 1) out.push({ type: 'glue', width: 1, stretch: 0.5, shrink: 1 / 3 });
  });
  out.push({ type: 'glue', width: 0, stretch: 1e6, shrink: 0 });
  out.push({ type: 'penalty', width: 0, penalty: -INFINITY, flagged: false });
  return out;
}

const lines = (text: string, width: number, tolerance = 3) => {
  const list = items(text);
  const breaks = knuthPlass(list, width, { tolerance });
  return { list, breaks };
};

describe('knuthPlass', () => {
  it.each([
    ['aaaa bbbb cccc dddd eeee ffff gggg', 9],
    ['the quick brown fox jumps over the lazy dog and runs away', 15],
    ['aaa bb cccc ddd ee ffff ggg hh iiii jjj kk llll', 30],
  ])('sets every line but the last within the tolerance: %s at %i', (text, width) => {
    const { breaks } = lines(text, width, 2);
    expect(breaks).toBeDefined();
    const full = breaks!.slice(0, -1);
    expect(full.length).toBeGreaterThan(0);
    for (const b of full) expect(Math.abs(b.ratio)).toBeLessThanOrEqual(2);
    // The last line is set naturally (infinite stretch: ratio ~0).
    expect(Math.abs(breaks!.at(-1)!.ratio)).toBeLessThan(1e-3);
  });

  it('prefers total fit to first fit: no line is left very loose when a tighter set exists', () => {
    // Greedy would put "aaa bbb" on line one and leave "ccccccc" alone and loose.
    const { breaks } = lines('aaa bb cc ddd eeee', 9, 10);
    const worst = Math.max(...breaks!.slice(0, -1).map((b) => Math.abs(b.ratio)));
    expect(worst).toBeLessThan(1);
  });

  it('never hyphenates more than two lines in a row, where unbounded breaking would', () => {
    const text =
      'xxx xxx xxxx|xxx|xxxx|xx xxx xx xxx xx xxx|xxxx|xx|xxx xxxx xxxx|xxxx|xx|xx xxx xxx|xxx xx xxxx|xx|xx|xx';
    const run = (breaks: { flagged: boolean }[] | undefined) => {
      let r = 0;
      let most = 0;
      for (const b of breaks ?? []) {
        r = b.flagged ? r + 1 : 0;
        most = Math.max(most, r);
      }
      return most;
    };
    const unbounded = knuthPlass(items(text), 21, { tolerance: 1.5, maxHyphenRun: 99 });
    const bounded = knuthPlass(items(text), 21, { tolerance: 1.5 });
    expect(run(unbounded)).toBe(3);
    expect(bounded).toBeDefined();
    expect(run(bounded)).toBeLessThanOrEqual(2);
  });

  it('can hyphenate (so the rules above are tested on hyphenated paragraphs)', () => {
    const { breaks } = lines('aaaa bbbb cccc|cccc dd ee ff gg hh', 15, 100);
    expect(breaks!.some((b) => b.flagged)).toBe(true);
  });

  it('never hyphenates the last full line of a paragraph', () => {
    // Without the rule the best break leaves "cc|" at the end of the second-to-last line.
    const { breaks } = lines('aaaaaaa bbbbbbb ccccc|cccc', 15, 100);
    expect(breaks).toBeDefined();
    expect(breaks!.at(-2)?.flagged ?? false).toBe(false);
  });

  it("counts a hyphen break's post-break width in the line it starts (the word's rest shaped alone)", () => {
    // "aaaaa-" fills the first line; "bb cc" is 1 short of the measure, over one space.
    const list = items('aaaaa|bb cc dd');
    const widened = list.map((it) =>
      it.type === 'penalty' && it.flagged ? { ...it, after: 0.5 } : it,
    );
    const plain = knuthPlass(list, 6, { tolerance: 10 })!;
    const after = knuthPlass(widened, 6, { tolerance: 10 })!;
    expect(plain.map((b) => b.flagged)).toEqual([true, false, false]);
    expect(plain[1]!.ratio).toBeCloseTo(2, 6);
    // The rest drawn half a unit wider leaves the second line half as much to stretch.
    expect(after[1]!.ratio).toBeCloseTo(1, 6);
  });

  it('gives up (undefined) when a word is wider than the measure', () => {
    expect(lines('aa bbbbbbbbbbbbbbbbbbbb cc', 10).breaks).toBeUndefined();
  });

  it('honours forced breaks inside the paragraph', () => {
    const list: KpItem[] = [...items('aaa bbb'), ...items('ccc ddd')];
    const breaks = knuthPlass(list, 20, { tolerance: 3 });
    expect(breaks?.length).toBe(2);
  });

  describe("TeX's passes", () => {
    const passes = texPasses();
    const set = (text: string, width: number) => breakPasses((h) => items(text, h), width, passes);
    const hyphens = (b: { flagged: boolean }[] | undefined) => b?.filter((x) => x.flagged).length;

    it('first tries without hyphens, at the pretolerance: a tight line rather than a hyphen', () => {
      const text = 'aa aa aa aa|bbb aa aa aa aa';
      // Offered hyphens at the tolerance, total fit would take one ...
      expect(hyphens(knuthPlass(items(text), 13, { tolerance: 1.26 }))).toBe(1);
      // ... but the paragraph sets without any within a ratio of 1, so TeX stops there.
      const result = set(text, 13);
      expect(result?.pass).toBe(0);
      expect(hyphens(result?.breaks)).toBe(0);
      for (const b of result!.breaks) expect(Math.abs(b.ratio)).toBeLessThanOrEqual(1);
    });

    it('hyphenates in the second pass when the first cannot set the paragraph', () => {
      const result = set('aaaa bbb cc|ccc dd ee|eee fff gg|gg hh ii', 12);
      const plain = items('aaaa bbb cc|ccc dd ee|eee fff gg|gg hh ii', false);
      expect(knuthPlass(plain, 12, passes[0]!)).toBeUndefined();
      expect(result?.pass).toBe(1);
      expect(hyphens(result?.breaks)).toBeGreaterThan(0);
      for (const b of result!.breaks) expect(Math.abs(b.ratio)).toBeLessThanOrEqual(1.26);
    });

    it("takes a hyphen on the last full line, at TeX's \\finalhyphendemerits, rather than a very loose line", () => {
      const text = 'aa bb cc dd ee ff|fffff';
      // Without that hyphen, the only setting within the tolerance has a line at a ratio of 1.25.
      const without = knuthPlass(items(text), 16.5, { tolerance: 1.26 });
      expect(without?.[0]?.ratio).toBeCloseTo(1.25, 2);
      const result = set(text, 16.5);
      expect(result?.pass).toBe(1);
      expect(result!.breaks.at(-2)?.flagged).toBe(true);
      for (const b of result!.breaks) expect(Math.abs(b.ratio)).toBeLessThanOrEqual(1);
    });

    it("as a last resort (TeX's final pass), lets lines stretch as far as spaces are drawn", () => {
      const text = 'aaaaaa bbbbbb cccccc dddddd eeeeee ffffff';
      expect(knuthPlass(items(text), 16, passes[1]!)).toBeUndefined();
      const result = set(text, 16);
      expect(result?.pass).toBe(2);
      const full = result!.breaks.slice(0, -1);
      for (const b of full) expect(b.ratio).toBeGreaterThan(1.26);
      for (const b of full) expect(b.ratio).toBeLessThanOrEqual(MAX_DRAWN_RATIO);
    });

    it('in the final pass, loosens only the lines that must be loose', () => {
      // "xx aaaaaaaaa" can only be set at a ratio of 4; the lines around it fit exactly.
      const text = 'aa bb cc dd ee xx aaaaaaaaa yy bb cc dd ee ff';
      const result = set(text, 14);
      expect(result?.pass).toBe(2);
      const ratios = result!.breaks.map((b) => b.ratio);
      [0, 4, 0, 0].forEach((r, i) => expect(ratios[i]).toBeCloseTo(r, 3));
    });

    it('asks for hyphenation points only when a pass needs them', () => {
      const asked: boolean[] = [];
      breakPasses(
        (h) => {
          asked.push(h);
          return items('aa aa aa aa|bbb aa aa aa aa', h);
        },
        13,
        passes,
      );
      expect(asked).toEqual([false]);
    });
  });
});
