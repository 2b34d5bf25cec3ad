// An import worker for the time- and memory-budget tests (fault injection, like
// render/test-support's hanging worker). A page containing "spin forever" never finishes and never yields, so only the
// time budget can stop it; it says so on a BroadcastChannel first, so the test knows the import
// is running. Any other page becomes a small article without loading anything (no jsdom, not
// even the model), so a replacement thread answers at once however busy the machine is.

/** The test listens on this channel name too. */
const SPINNING_CHANNEL = 'broadsheet-spinning-import-worker';

/** Pages this thread has imported: a thread's heap grows over many pages. */
let imported = 0;

/** @param {{ bytes: Uint8Array }} task */
export default function importPage(task) {
  const html = new TextDecoder().decode(task.bytes);
  // A thread that has imported pages before runs out of heap on this one; a fresh thread imports
  // it (the heap cap hit by whatever earlier pages left behind, as seen in the feeds bench).
  if (html.includes('grown heap') && imported > 0) {
    const hoard = [];
    for (;;) hoard.push(new Array(1_000_000).fill(imported));
  }
  imported += 1;
  if (html.includes('spin forever')) {
    const channel = new BroadcastChannel(SPINNING_CHANNEL);
    channel.postMessage('spinning');
    for (;;) {
      // spin
    }
  }
  const headline = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? 'Untitled';
  const slug = headline
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  // The shape parseArticle gives, written out by hand; the id only has to be unique here.
  const id = [...slug]
    .reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)
    .toString(16)
    .padStart(16, '0');
  return {
    ok: true,
    droppedImages: [],
    article: {
      headline,
      highlights: [],
      authors: [],
      language: 'en',
      tags: [],
      body: [
        {
          type: 'paragraph',
          text: 'Imported by the test worker.',
          content: [{ text: 'Imported by the test worker.' }],
        },
      ],
      id,
      slug,
    },
  };
}

/**
 * The plain-text import, by name: text containing "spin forever" never finishes; any other
 * is refused as a 400 would be (the time-budget test only needs the spin).
 * @param {{ text: string }} task
 */
export function importText(task) {
  if (task.text.includes('spin forever')) {
    new BroadcastChannel(SPINNING_CHANNEL).postMessage('spinning');
    for (;;) {
      // spin
    }
  }
  return {
    ok: false,
    detail: 'invalid plain text: the test worker imports no text',
    errors: [],
    overBudget: false,
  };
}
