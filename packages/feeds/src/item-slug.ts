import { sha256Hex, slugify } from '@broadsheet/model';
import type { FeedItem } from './feed-item.js';

/** Room left for the title in a slug (the model allows 100 characters). */
const TITLE_CHARS = 60;

/**
 * A stable slug for a feed item: its title slugified, then 8 hex digits of the feed URL and
 * item key, so the same item always gets the same slug and two feeds' items with one title
 * (or one GUID) never collide.
 */
export function itemSlug(item: FeedItem, feedUrl: string): string {
  const hash = sha256Hex(`${feedUrl}\n${item.key}`).slice(0, 8);
  // A title without letters or digits would slugify to slugify's own hash: use ours alone.
  const hasWords = item.title !== undefined && /[\p{L}\p{N}]/u.test(item.title);
  const cut = hasWords
    ? slugify(item.title ?? '')
        .slice(0, TITLE_CHARS)
        .replace(/-+$/, '')
    : '';
  return cut === '' ? `item-${hash}` : `${cut}-${hash}`;
}
