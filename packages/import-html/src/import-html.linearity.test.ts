import { ValidationError } from '@broadsheet/model';
import { expectLinear } from '@broadsheet/testing/linearity';
import { describe, it } from 'vitest';
import { importHtml } from './import-html.js';

// The web-page importer (jsdom, Readability, the mapping to blocks and the model's
// normalisation) on hostile shapes, each doubled twice: its CPU time may grow at most ×2.5 per
// doubling (geometric mean of the two steps; see @broadsheet/testing/linearity). Sizes stay
// inside the server's default budgets (20,000 elements, 256 levels deep, 256 attributes to an
// element), which is all an import ever sees; each smallest size is large enough that the
// page's work, not jsdom's fixed cost of a window, is what is measured.

const SENTENCE = 'Words of a story, long enough to be read as article text by anyone who reads.';

const page = (body: string) =>
  `<!DOCTYPE html><html><head><title>A hostile page</title></head><body><article><h1>A hostile page</h1>${body}</article></body></html>`;

/** Readability refusing a page (no article) is an outcome too: the work was done. */
function imported(html: string): void {
  try {
    importHtml(html, { url: 'https://example.com/news/a' });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
  }
}

const nested = (depth: number, inner: string) =>
  `${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}`;

type Shape = [name: string, make: (n: number) => string, n: number];

const SHAPES: Shape[] = [
  // Width: n paragraphs side by side.
  ['width: paragraphs side by side', (n) => page(`<p>${SENTENCE}</p>`.repeat(n)), 250],
  // Deep nesting: n blocks, each 64 `<div>`s deep. Depth itself is capped (256 levels,
  // BROADSHEET_HTML_MAX_DEPTH): Readability walks a node's ancestors, so its work per element
  // grows with the depth, and the cap is what bounds it.
  [
    'deep nesting: blocks nested 64 deep',
    (n) => page(nested(64, `<p>${SENTENCE}</p>`).repeat(n)),
    // From 8: Readability gives up on 4 such blocks early (24 ms, then 311 ms for 8), which
    // would measure two different paths rather than growth.
    8,
  ],
  // Inline markup: n emphasised runs and links inside eight paragraphs.
  [
    'inline markup: runs and links',
    (n) =>
      page(`<p>${`<em>${SENTENCE}</em> <a href="/x">a link</a> `.repeat(n / 8)}</p>`.repeat(8)),
    256,
  ],
  // Attributes: n attributes, 200 to an element (under the 256 of
  // BROADSHEET_HTML_MAX_ATTRIBUTES: per element, the parser's time grows with their square).
  [
    'attributes: 200 to an element',
    (n) =>
      page(
        `<p ${Array.from({ length: 200 }, (_, i) => `data-a${i}="v${i} &amp; ${i}"`).join(' ')}>${SENTENCE}</p>`.repeat(
          n / 200,
        ),
      ),
    8_000,
  ],
  // Entities: n character references (named, decimal, hexadecimal, astral) in four paragraphs.
  [
    'entity count',
    (n) => page(`<p>${'A &amp; B &#233; &#x1F600; &eacute; '.repeat(n / 16)}</p>`.repeat(4)),
    32_000,
  ],
];

// Each shape imports its page at three sizes, several times: about 12 s for the deepest alone on
// a quiet machine, five times that beside CI's other suites. The ratio is the test, not the time.
const LINEARITY_TIMEOUT_MS = 300_000;

describe('importHtml works in time linear in the page', () => {
  it.each(SHAPES)(
    '%s',
    (_name, make, n) => {
      expectLinear(make, imported, n);
    },
    LINEARITY_TIMEOUT_MS,
  );
});
