/**
 * Characters that would start Markdown syntax inside running text, and `&` where it would start
 * a character reference (`&amp;`, `&copy;`, `&#169;` are text here, not the characters they name).
 */
const SPECIAL = /[\\`*_[\]<>#|~]|&(?=#?[A-Za-z0-9]+;)/g;
export const escapeText = (text: string) => text.replace(SPECIAL, '\\$&');

/**
 * What would make a line a block of its own rather than text: a thematic break or setext
 * underline (`---`, `===`), a bullet (`- `, `+ `) or an ordered item (`1.`, `2)`, even with
 * nothing after it). `#`, `>`, fences (`` ` ``, `~`), HTML (`<`) and `*`/`_` breaks are escaped
 * wherever they are by escapeText.
 */
const BLOCK_START = /^([ \t]*)(?:([-=])(?=[-=\s]*$)|([-+])(?=\s|$)|(\d{1,9})([.)])(?=\s|$))/gm;

/** Escapes what would read as block syntax at the start of each line. */
export const escapeLineStart = (text: string) =>
  text.replace(
    BLOCK_START,
    (_m, sp: string, rule?: string, bullet?: string, digits?: string, delim?: string) =>
      digits !== undefined ? `${sp}${digits}\\${delim}` : `${sp}\\${rule ?? bullet}`,
  );

/** Text that stands on a line of its own (a highlight, the byline line). */
export const escapeLine = (text: string) => escapeLineStart(escapeText(text));

/**
 * A link destination in pointy brackets, which allow any character but `<`, `>` and line
 * breaks. Backslash escapes and character references are read there too, so `\` and
 * entity-like `&` are escaped to keep the address as it is.
 */
export const url = (href: string) =>
  `<${href
    .replace(/[<>\s]/g, (c) => encodeURIComponent(c))
    .replace(/\\|&(?=#?[A-Za-z0-9]+;)/g, '\\$&')}>`;
