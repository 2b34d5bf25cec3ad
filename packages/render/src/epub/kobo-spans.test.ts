import { describe, expect, it } from 'vitest';
import { koboSpans } from './kobo-spans.js';

describe('koboSpans', () => {
  it.each([
    [
      'numbers sentences per block',
      '<p>One. Two?</p><p>Three</p>',
      '<p><span class="koboSpan" id="kobo.1.1">One. </span><span class="koboSpan" id="kobo.1.2">Two?</span></p><p><span class="koboSpan" id="kobo.2.1">Three</span></p>',
    ],
    [
      'never crosses an inline tag',
      '<p>A <em>b</em> c.</p>',
      '<p><span class="koboSpan" id="kobo.1.1">A </span><em><span class="koboSpan" id="kobo.1.2">b</span></em><span class="koboSpan" id="kobo.1.3"> c.</span></p>',
    ],
    [
      'leaves white space between tags alone',
      '<ul>\n<li>x</li>\n</ul>',
      '<ul>\n<li><span class="koboSpan" id="kobo.1.1">x</span></li>\n</ul>',
    ],
    [
      'keeps entities whole',
      '<p>A &amp; B.</p>',
      '<p><span class="koboSpan" id="kobo.1.1">A &amp; B.</span></p>',
    ],
  ])('%s', (_, input, expected) => {
    expect(koboSpans(input, 'en')).toBe(expected);
  });
});
