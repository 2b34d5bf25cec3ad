export interface SrcsetCandidate {
  url: string;
  /** Width descriptor (`800w`), if given. */
  width?: number;
  /** Pixel density descriptor (`2x`); 1 when neither is given. */
  density: number;
}

/**
 * Parses a `srcset` attribute. URLs may contain commas (CDN resizing paths such as
 * `/w_800,h_600/`), so candidates are split the way the HTML spec does: a URL runs to the
 * next white space, and only a comma after the descriptors ends a candidate.
 */
export function parseSrcset(srcset: string): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = [];
  let i = 0;
  const s = srcset;
  while (i < s.length) {
    while (i < s.length && /[\s,]/.test(s[i] ?? '')) i += 1;
    if (i >= s.length) break;
    let end = i;
    while (end < s.length && !/\s/.test(s[end] ?? '')) end += 1;
    let url = s.slice(i, end);
    i = end;
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      let depth = 0;
      while (i < s.length) {
        const c = s[i] ?? '';
        if (c === '(') depth += 1;
        else if (c === ')') depth -= 1;
        else if (c === ',' && depth <= 0) break;
        descriptor += c;
        i += 1;
      }
      i += 1;
    }
    if (url === '') continue;
    const candidate: SrcsetCandidate = { url, density: 1 };
    for (const d of descriptor.trim().split(/\s+/)) {
      const m = /^(\d+(?:\.\d+)?)([wx])$/i.exec(d);
      if (!m) continue;
      const n = Number(m[1]);
      if (m[2]?.toLowerCase() === 'w') candidate.width = Math.round(n);
      else candidate.density = n;
    }
    out.push(candidate);
  }
  return out;
}

// Big enough for a full-width e-book or A4 page, small enough not to bloat them.
const PREFERRED_MAX_WIDTH = 1600;

/** The candidate to keep: the widest one up to 1600 px, else the narrowest; else the highest density. */
export function bestSrcsetCandidate(
  candidates: readonly SrcsetCandidate[],
): SrcsetCandidate | undefined {
  const withWidth = candidates.filter((c) => c.width !== undefined);
  if (withWidth.length > 0) {
    const byWidth = [...withWidth].sort((a, b) => (a.width ?? 0) - (b.width ?? 0));
    const fitting = byWidth.filter((c) => (c.width ?? 0) <= PREFERRED_MAX_WIDTH);
    return fitting.at(-1) ?? byWidth[0];
  }
  return [...candidates].sort((a, b) => b.density - a.density)[0];
}
