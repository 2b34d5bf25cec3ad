import { parse } from 'parse5';

/**
 * Deepest element nesting a browser would build from `html` (parse5 is the HTML parser jsdom
 * uses, so the tree is the one the importer sees). Walked with an explicit stack: the pages
 * this guards against are the ones that would overflow a recursive walk.
 */
export function htmlNestingDepth(html: string): number {
  type Node = { childNodes?: Node[]; content?: Node };
  let max = 0;
  const stack: [Node, number][] = [[parse(html) as Node, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (depth > max) max = depth;
    for (const child of node.childNodes ?? []) stack.push([child, depth + 1]);
    if (node.content) stack.push([node.content, depth + 1]);
  }
  return max;
}
