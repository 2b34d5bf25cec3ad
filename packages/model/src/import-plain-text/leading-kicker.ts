import { parseDateLine } from '../news/index.js';
import { bulletItem } from './bullets.js';
import { endsSentence, type SourceLine } from './lines.js';

/** A short label in capitals ("ANALYSIS", "EXCLUSIVE"), not a sentence and not a date. */
function isCapsLabel(text: string): boolean {
  return (
    text.length <= 30 &&
    text.split(' ').length <= 3 &&
    /\p{Lu}/u.test(text) &&
    !/\p{Ll}/u.test(text) &&
    !endsSentence(text) &&
    parseDateLine(text) === undefined
  );
}

/**
 * Whether `top` is the kicker of the headline on `next`. Pages print the label directly above
 * the headline, so the two are scraped onto adjacent lines. A caps line followed by a blank
 * line is a block of its own: an all-caps headline ("STORM HITS COAST", "NASA") over its first
 * paragraph, and taking it as the kicker would make that paragraph the headline.
 */
export function isLeadingKicker(top: SourceLine, next: SourceLine | undefined): boolean {
  return (
    next !== undefined &&
    !next.blankBefore &&
    isCapsLabel(top.text) &&
    next.text.length > top.text.length &&
    bulletItem(next.text) === undefined
  );
}
