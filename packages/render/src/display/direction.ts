import { textDirection } from '@broadsheet/model';

const cache = new Map<string, 'ltr' | 'rtl'>();

/** The model's textDirection, memoised: it maximises the locale with ICU on every call. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  let d = cache.get(language);
  if (!d) {
    d = textDirection(language);
    cache.set(language, d);
  }
  return d;
}
