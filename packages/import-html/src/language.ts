/** A BCP 47 tag from what pages write (`en_GB`, `en-gb, fr`, `EN`); undefined when unusable. */
export function normalizeLanguage(raw: string | null | undefined): string | undefined {
  const first = raw?.split(/[,;]/)[0]?.trim().replace(/_/g, '-');
  if (!first || /^(x-default|und|mul|zxx)$/i.test(first)) return undefined;
  try {
    return Intl.getCanonicalLocales(first)[0];
  } catch {
    return undefined;
  }
}
