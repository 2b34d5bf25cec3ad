import { LIMITS } from '../limits.js';
import { textKey } from './lines.js';

/** How a line relates to the headline: the same text, or a label followed by it. */
export type HeadlineEcho = { kind: 'repeat' } | { kind: 'kicker'; kicker: string } | undefined;

/**
 * Scraped pages repeat the headline (title bar, breadcrumb, share card) and print the section
 * label right before it ("Special Pakistan, Russia look at…"). A line equal to the headline is
 * a repeat; one to four words before the headline are a kicker.
 */
export function headlineEcho(text: string, headline: string): HeadlineEcho {
  // A repeat, or a few words and then the headline, is about as long as a headline. Keying a
  // long paragraph (five times a line) cost time super-linear in its length (V8's garbage
  // collection after a global replace with that many matches), so long lines are no echoes.
  if (text.length > LIMITS.headlineChars * 4) return undefined;
  const key = textKey(headline);
  if (key === '') return undefined;
  if (textKey(text) === key) return { kind: 'repeat' };
  const words = text.split(' ');
  for (let n = 1; n <= 4 && n < words.length; n++) {
    if (textKey(words.slice(n).join(' ')) === key) {
      const kicker = words
        .slice(0, n)
        .join(' ')
        .replace(/[\s:|•·–—-]+$/u, '');
      return textKey(kicker) === '' ? { kind: 'repeat' } : { kind: 'kicker', kicker };
    }
  }
  return undefined;
}
