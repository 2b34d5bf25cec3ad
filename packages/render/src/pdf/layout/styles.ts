import type { FontVariant } from '../fonts/font-stack.js';
import type { TextStyle } from '../text/paragraph.js';

const v = (family: 'serif' | 'sans', bold = false, italic = false): FontVariant => ({
  family,
  bold,
  italic,
});

export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const ACCENT = '#a4262c';
export const LINK = '#1a4f8b';
export const TINT = '#f1eee6';
export const RULE = '#c9c3b6';

export const style = (font: FontVariant, size: number, color = INK): TextStyle => ({
  font,
  size,
  color,
});

export const STYLES = {
  kicker: style(v('sans', true), 9, ACCENT),
  headline: style(v('sans', true), 22),
  standfirst: style(v('serif', false, true), 12.5, '#333333'),
  highlight: style(v('sans'), 9.5),
  byline: style(v('sans', true), 9, '#333333'),
  meta: style(v('sans'), 8.5, MUTED),
  body: style(v('serif'), 10.5),
  h2: style(v('sans', true), 14),
  h3: style(v('sans', true), 12),
  h4: style(v('sans', true), 10.5),
  quote: style(v('serif', false, true), 11.5, '#2b2b2b'),
  attribution: style(v('sans'), 9, MUTED),
  caption: style(v('sans'), 8.5, '#444444'),
  credit: style(v('sans'), 7.5, '#777777'),
  header: style(v('sans'), 8, '#777777'),
  coverTitle: style(v('sans', true), 34),
  coverMeta: style(v('sans'), 12, '#444444'),
  tocTitle: style(v('sans', true), 20),
  tocSection: style(v('sans', true), 11, ACCENT),
  tocEntry: style(v('serif'), 10.5),
  tocMeta: style(v('sans'), 8, MUTED),
} as const;

export type Styles = { readonly [K in keyof typeof STYLES]: TextStyle };

/** Every size times `factor` (--font-size): headings keep their proportion to the body. */
export function scaledStyles(factor: number): Styles {
  const out = {} as Record<keyof typeof STYLES, TextStyle>;
  for (const [name, s] of Object.entries(STYLES) as [keyof typeof STYLES, TextStyle][]) {
    out[name] = { ...s, size: Math.round(s.size * factor * 100) / 100 };
  }
  return out;
}

export const LEADING = { tight: 1.2, text: 1.5, ui: 1.35 } as const;
