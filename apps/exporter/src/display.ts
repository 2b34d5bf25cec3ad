import type { InputError } from './errors.js';

/** Most issues printed for one file; a hostile input can fail thousands of fields. */
export const MAX_ISSUES_SHOWN = 20;

/**
 * Makes a string safe to print on a terminal: file names and field values come from the
 * user, and control or bidi-override characters in them could rewrite what is shown.
 */
export function displaySafe(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** `FILE: field: reason` lines, one per issue, as the command prints them on stderr. */
export function formatInputError(error: InputError, max = MAX_ISSUES_SHOWN): string[] {
  const label = displaySafe(error.label);
  const lines = error.issues
    .slice(0, max)
    .map((i) =>
      displaySafe(i.path ? `${label}: ${i.path}: ${i.message}` : `${label}: ${i.message}`),
    );
  if (error.issues.length > max)
    lines.push(`${label}: (and ${error.issues.length - max} more problems)`);
  return lines;
}
