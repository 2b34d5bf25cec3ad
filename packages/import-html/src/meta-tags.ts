/** The page's `<meta>` tags by lower-cased property, name, itemprop or http-equiv. */
export class MetaTags {
  private readonly values = new Map<string, string[]>();

  constructor(doc: Document) {
    for (const meta of Array.from(doc.querySelectorAll('meta[content]'))) {
      const content = meta.getAttribute('content')?.trim();
      if (!content) continue;
      // `property` may hold several space-separated names (RDFa): index each.
      const keys = [
        meta.getAttribute('property'),
        meta.getAttribute('name'),
        meta.getAttribute('itemprop'),
        meta.getAttribute('http-equiv'),
      ]
        .flatMap((k) => (k ? k.toLowerCase().split(/\s+/) : []))
        .filter((k) => k !== '');
      for (const key of new Set(keys)) {
        const list = this.values.get(key) ?? [];
        list.push(content);
        this.values.set(key, list);
      }
    }
  }

  /** The first non-empty value of the first key that has one. */
  first(...keys: string[]): string | undefined {
    for (const key of keys) {
      const v = this.values.get(key.toLowerCase())?.[0];
      if (v) return v;
    }
    return undefined;
  }

  /** Every value of every key, in order. */
  all(...keys: string[]): string[] {
    return keys.flatMap((k) => this.values.get(k.toLowerCase()) ?? []);
  }
}
