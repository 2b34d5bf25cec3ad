import { Parser, type Node } from 'commonmark';

/** One character of parsed text with the marks CommonMark gave it. */
export interface MarkedChar {
  char: string;
  strong: boolean;
  emphasis: boolean;
  href?: string;
}

const TAGS: Record<string, ['strong' | 'emphasis', number]> = {
  '<strong>': ['strong', 1],
  '</strong>': ['strong', -1],
  '<em>': ['emphasis', 1],
  '</em>': ['emphasis', -1],
};

/** Top-level blocks of a CommonMark document, by the reference parser. */
export function blocks(md: string): Node[] {
  const out: Node[] = [];
  for (let n = new Parser().parse(md).firstChild; n; n = n.next) out.push(n);
  return out;
}

/**
 * The text of an inline container (paragraph, heading) as CommonMark reads it, one entry per
 * character with its marks; `<em>`/`<strong>` inline HTML counts as the mark. Anything else
 * (an image, other HTML, code) is an error: the exporter's text never means those.
 */
export function markedText(container: Node): MarkedChar[] {
  const depth = { strong: 0, emphasis: 0 };
  const links: string[] = [];
  const out: MarkedChar[] = [];
  const walker = container.walker();
  for (let e = walker.next(); e; e = walker.next()) {
    const { node, entering } = e;
    if (node === container) continue;
    if (node.type === 'strong' || node.type === 'emph') {
      depth[node.type === 'strong' ? 'strong' : 'emphasis'] += entering ? 1 : -1;
    } else if (node.type === 'link') {
      if (entering) links.push(node.destination ?? '');
      else links.pop();
    } else if (node.type === 'html_inline' && TAGS[node.literal ?? ''] !== undefined) {
      const [mark, step] = TAGS[node.literal!]!;
      depth[mark] += step;
    } else if (node.type === 'text' || node.type === 'softbreak') {
      for (const char of node.type === 'text' ? Array.from(node.literal ?? '') : [' ']) {
        const c: MarkedChar = { char, strong: depth.strong > 0, emphasis: depth.emphasis > 0 };
        if (links.length > 0) c.href = links.at(-1)!;
        out.push(c);
      }
    } else {
      throw new Error(`unexpected ${node.type} node: ${JSON.stringify(node.literal)}`);
    }
  }
  return out;
}
