import postcss, { CssSyntaxError, type Node } from 'postcss';

/** Why a `--css` stylesheet cannot be used, at which line. */
export interface StylesheetProblem {
  line: number;
  message: string;
}

// Quoted strings first, so `content: "url("` is not taken for a URL.
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/gs;
// Every CSS function that names a file: url() and its legacy forms, image-set(), image().
const LOADS = /\b(?:url|src|image-set|-webkit-image-set|image)\s*\(/i;

const lineOf = (node: Node) => node.source?.start?.line ?? 1;
const SELF_CONTAINED = 'an e-book carries no other files';

/**
 * The first reason `css` cannot style an e-book, or undefined. The EPUB and the single HTML file
 * are self-contained: a stylesheet that loads another file (`@import`, `url()` in any property,
 * a font's `src`) would make the EPUB fail EPUBCheck (a remote resource, or a file not in the
 * book) and the HTML fetch from the network. A stylesheet that does not parse is refused too,
 * naming the line, rather than shipped broken.
 */
export function stylesheetProblem(css: string): StylesheetProblem | undefined {
  let root: postcss.Root;
  try {
    root = postcss.parse(css);
  } catch (error) {
    if (error instanceof CssSyntaxError)
      return { line: error.line ?? 1, message: `not valid CSS: ${error.reason}` };
    throw error;
  }
  let problem: StylesheetProblem | undefined;
  root.walk((node) => {
    if (problem) return false;
    if (node.type === 'atrule' && node.name.toLowerCase() === 'import')
      problem = { line: lineOf(node), message: `@import loads another file: ${SELF_CONTAINED}` };
    else if (node.type === 'atrule' && LOADS.test(node.params.replace(QUOTED, '""')))
      problem = { line: lineOf(node), message: `@${node.name} names a file: ${SELF_CONTAINED}` };
    else if (node.type === 'decl' && LOADS.test(node.value.replace(QUOTED, '""')))
      problem = {
        line: lineOf(node),
        message: `${node.prop} loads a file (url() and the like): ${SELF_CONTAINED}`,
      };
    return undefined;
  });
  return problem;
}
