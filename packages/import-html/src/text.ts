/** Folds white space (including no-break spaces) and trims: how a reader sees the text. */
export function cleanText(value: string | null | undefined): string {
  return (value ?? '').replace(/[\s\u00A0\u200B\u2028\u2029\u3000\uFEFF]+/g, ' ').trim();
}

/** Text compared for sameness: case, punctuation and spacing ignored. */
export function sameText(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const ka = key(a);
  return ka !== '' && ka === key(b);
}

/** Cuts text to `max` characters at a word boundary where possible, marking the cut with "…". */
export function clamp(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
