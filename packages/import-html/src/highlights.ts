import { cleanText } from './text.js';

// "Key points", "Story highlights", "At a glance", "TL;DR" boxes above or beside the story.
const HIGHLIGHTS =
  /(?:^|[-_\s])(?:key-?points|highlights|story-highlights|tldr|at-a-glance|summary-list|bullet-summary)(?:[-_\s]|$)/i;

/**
 * Takes the page's bullet summary out of the document and returns its items (the model's
 * `highlights`), so the list is shown once, apart from the body. Empty when there is none.
 */
export function takeHighlights(doc: Document): string[] {
  for (const box of Array.from(doc.body?.querySelectorAll('[class], [id]') ?? [])) {
    if (!HIGHLIGHTS.test(`${box.id} ${box.getAttribute('class') ?? ''}`)) continue;
    const list = box.matches('ul, ol') ? box : box.querySelector('ul, ol');
    if (!list) continue;
    const items = Array.from(list.querySelectorAll(':scope > li'))
      .map((li) => cleanText(li.textContent))
      .filter((t) => t !== '' && t.length <= 2_000);
    if (items.length === 0 || items.length > 20) continue;
    box.remove();
    return items;
  }
  return [];
}
