import { describe, expect, it } from 'vitest';
import { stylesheetProblem } from './stylesheet-check.js';

describe('stylesheetProblem: a --css stylesheet keeps the e-book self-contained', () => {
  it.each([
    ['plain rules', 'body { font-family: serif; }\nh1 { color: #333; }'],
    ['an empty file', ''],
    ['a string that mentions url(', 'q::before { content: "url(" }'],
    ['a comment that mentions one', '/* background: url(x.png) */ p { margin: 0 }'],
    ['media queries', '@media (max-width: 30em) { body { margin: 0 } }'],
    ['a font by name only', '@font-face { font-family: X; src: local("Georgia"); }'],
  ])('accepts %s', (_, css) => {
    expect(stylesheetProblem(css)).toBeUndefined();
  });

  it.each([
    [
      '@import',
      '@import url("https://example.org/x.css");',
      1,
      '@import loads another file: an e-book carries no other files',
    ],
    [
      '@import of a string',
      'p{}\n@import "local.css";',
      2,
      '@import loads another file: an e-book carries no other files',
    ],
    [
      'a remote background',
      'p { color: red }\nbody { background: url(https://e.example/b.png) }',
      2,
      'background loads a file (url() and the like): an e-book carries no other files',
    ],
    [
      'a relative font file',
      '@font-face {\n  font-family: X;\n  src: url(fonts/x.woff);\n}',
      3,
      'src loads a file (url() and the like): an e-book carries no other files',
    ],
    [
      'upper case',
      'body { BACKGROUND: URL(b.png) }',
      1,
      'BACKGROUND loads a file (url() and the like): an e-book carries no other files',
    ],
    [
      'image-set()',
      'p { background-image: image-set("a.png" 1x) }',
      1,
      'background-image loads a file (url() and the like): an e-book carries no other files',
    ],
    ['an unclosed block', 'p { color: red', 1, 'not valid CSS: Unclosed block'],
  ])('refuses %s, naming the line', (_, css, line, message) => {
    expect(stylesheetProblem(css)).toEqual({ line, message });
  });
});
