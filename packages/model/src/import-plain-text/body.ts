import type { z } from 'zod';
import type { Block } from '../schema.js';
import { bulletItem, numberedItem } from './bullets.js';
import { isChrome } from './chrome.js';
import { creditLine, splitCaptionCredit } from '../news/credit.js';
import { headlineEcho } from './kicker.js';
import { endsSentence, joinWrapped, type SourceLine } from './lines.js';

type BlockInput = z.input<typeof Block>;

/** A body block and the input line it starts on (for error messages). */
export interface BodyBlock {
  block: BlockInput;
  line: number;
}

const HEADING_MARK = /^(#{1,4})\s+(.+)$/u;
const QUOTE_MARK = /^>\s?(.*)$/u;
const ATTRIBUTION = /^[—―–]\s*(\S.{0,100})$/u;

/** Columns a line takes in a fixed-width layout: East Asian wide characters count twice. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF01-\uFF60]/u.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}

/**
 * Text laid out at a fixed width ("hard-wrapped") keeps paragraphs apart with blank lines and
 * breaks lines mid-sentence inside them; scraped text puts one paragraph on each line, each
 * ending a sentence. Hard-wrapped when prose lines followed by another prose line in the same
 * group are at most a wrap width long and mostly stop mid-sentence.
 */
export function isHardWrapped(lines: readonly SourceLine[]): boolean {
  let inner = 0;
  let midSentence = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1]!;
    if (next.blankBefore || !isPlainProse(line) || !isPlainProse(next)) continue;
    const width = displayWidth(line.text);
    if (width > 110) return false;
    inner += 1;
    // A wrapped line runs close to the wrap width; a short unpunctuated line is a label or byline.
    if (!endsSentence(line.text) && width >= 40) midSentence += 1;
  }
  return inner > 0 && midSentence * 2 >= inner;
}

function isPlainProse(line: SourceLine): boolean {
  const t = line.text;
  return (
    !HEADING_MARK.test(t) &&
    !QUOTE_MARK.test(t) &&
    bulletItem(t) === undefined &&
    numberedItem(t) === undefined
  );
}

function looksLikeHeading(
  text: string,
  prev: BodyBlock | undefined,
  next: SourceLine | undefined,
): boolean {
  return (
    prev !== undefined &&
    next !== undefined &&
    text.length <= 80 &&
    text.split(' ').length <= 12 &&
    !endsSentence(text) &&
    !/[,–—-]$/u.test(text) &&
    /^[\p{Lu}\p{Lo}\p{N}]/u.test(text)
  );
}

/** Turns the lines after the header into paragraphs, headings, quotes, lists and figures. */
export function buildBody(input: readonly SourceLine[], headline: string): BodyBlock[] {
  const lines = input.filter(
    (l) => !isChrome(l.text) && headlineEcho(l.text, headline)?.kind !== 'repeat',
  );
  const wrapped = isHardWrapped(lines);
  const out: BodyBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const t = line.text;

    const heading = HEADING_MARK.exec(t);
    if (heading?.[1] && heading[2]) {
      const level = Math.min(4, Math.max(2, heading[1].length)) as 2 | 3 | 4;
      out.push({ block: { type: 'heading', level, text: heading[2] }, line: line.line });
      i += 1;
      continue;
    }

    if (QUOTE_MARK.test(t)) {
      const parts: string[] = [];
      while (i < lines.length && QUOTE_MARK.test(lines[i]!.text)) {
        const q = QUOTE_MARK.exec(lines[i]!.text)?.[1]?.trim();
        if (q) parts.push(q);
        i += 1;
      }
      const attribution = ATTRIBUTION.exec(lines[i]?.text ?? '')?.[1];
      if (attribution !== undefined) i += 1;
      if (parts.length > 0) {
        out.push({
          block: {
            type: 'quote',
            text: joinWrapped(parts),
            ...(attribution ? { attribution } : {}),
          },
          line: line.line,
        });
      }
      continue;
    }

    if (bulletItem(t) !== undefined) {
      const items: string[] = [];
      for (let item = bulletItem(t); item !== undefined; item = bulletItem(lines[i]?.text ?? '')) {
        items.push(item);
        i += 1;
      }
      out.push({ block: { type: 'list', ordered: false, items }, line: line.line });
      continue;
    }

    const first = numberedItem(t);
    if (first?.n === 1 && numberedItem(lines[i + 1]?.text ?? '')?.n === 2) {
      const items: string[] = [];
      for (
        let item: ReturnType<typeof numberedItem> = first;
        item !== undefined;
        item = numberedItem(lines[i]?.text ?? '')
      ) {
        items.push(item.text);
        i += 1;
      }
      out.push({ block: { type: 'list', ordered: true, items }, line: line.line });
      continue;
    }

    const captioned = splitCaptionCredit(t, false);
    if (captioned && captioned.caption.length <= 400) {
      out.push({
        block: { type: 'figure', image: { caption: captioned.caption, credit: captioned.credit } },
        line: line.line,
      });
      i += 1;
      continue;
    }

    const credit = creditLine(t);
    if (credit !== undefined) {
      // A credit on its own line belongs to the short line before it, which was a caption.
      const prev = out.at(-1);
      if (
        prev?.block.type === 'paragraph' &&
        prev.block.text !== undefined &&
        prev.block.text.length <= 400
      ) {
        prev.block = { type: 'figure', image: { caption: prev.block.text, credit } };
        i += 1;
        continue;
      }
    }

    // A paragraph: in hard-wrapped text the rest of its blank-line group, otherwise the line
    // plus any continuation lines (a line that stops mid-sentence followed by a lower-case one).
    const parts = [t];
    i += 1;
    while (i < lines.length) {
      const next = lines[i]!;
      if (next.blankBefore || !isPlainProse(next)) break;
      const prevPart = parts.at(-1)!;
      const continues = wrapped || (!endsSentence(prevPart) && /^\p{Ll}/u.test(next.text));
      if (!continues) break;
      parts.push(next.text);
      i += 1;
    }
    const paragraph = joinWrapped(parts);
    const nextLine = lines[i];
    const ownGroup = !wrapped || (line.blankBefore && (nextLine?.blankBefore ?? true));
    if (parts.length === 1 && ownGroup && looksLikeHeading(paragraph, out.at(-1), nextLine)) {
      out.push({ block: { type: 'heading', level: 2, text: paragraph }, line: line.line });
    } else {
      out.push({ block: { type: 'paragraph', text: paragraph }, line: line.line });
    }
  }
  return out;
}
