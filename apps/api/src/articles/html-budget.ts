import { Parser } from 'htmlparser2';

export interface HtmlBudget {
  /** Elements a page may hold (BROADSHEET_HTML_MAX_ELEMENTS). */
  maxElements: number;
  /** Deepest element nesting accepted (BROADSHEET_HTML_MAX_DEPTH). */
  maxDepth: number;
  /**
   * Attributes one element may carry, repeats included (BROADSHEET_HTML_MAX_ATTRIBUTES): the
   * HTML parser under jsdom checks each new attribute against the element's others, so its time
   * grows with the square of an element's attributes (4 elements of 20,000 took 7.8 s).
   */
  maxAttributes: number;
}

export type HtmlMeasure =
  | { within: true; elements: number; depth: number }
  | { within: false; limit: HtmlLimit; elements: number; depth: number };

export type HtmlLimit = 'elements' | 'depth' | 'attributes';

/** Thrown from the parser's callbacks to stop reading a page already over budget. */
class OverBudget extends Error {}

/**
 * Counts a page's elements, its deepest nesting and each element's attributes in one streaming pass (htmlparser2 closes
 * the tags a browser closes implicitly, `<p>` before `<div>`, `<li>` before `<li>`), stopping
 * at the first limit exceeded. Linear in the page and holds no tree: it runs before jsdom and
 * Readability, whose cost grows with both numbers.
 */
export function measureHtml(html: string, budget: HtmlBudget): HtmlMeasure {
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  let attributes = 0;
  let over: HtmlLimit | undefined;
  const parser = new Parser(
    {
      onopentagname() {
        attributes = 0;
      },
      // Called for every attribute as written, repeats included (the attribs object keeps only
      // the first of a name, but the parser behind jsdom compares every one).
      onattribute() {
        attributes += 1;
        if (attributes > budget.maxAttributes) {
          over = 'attributes';
          throw new OverBudget();
        }
      },
      onopentag() {
        elements += 1;
        depth += 1;
        if (depth > deepest) deepest = depth;
        if (elements > budget.maxElements) over = 'elements';
        else if (depth > budget.maxDepth) over = 'depth';
        if (over) throw new OverBudget();
      },
      onclosetag() {
        depth -= 1;
      },
    },
    { decodeEntities: false, lowerCaseTags: true },
  );
  try {
    parser.end(html);
  } catch (err) {
    if (!(err instanceof OverBudget)) throw err;
  }
  return over
    ? { within: false, limit: over, elements, depth: deepest }
    : { within: true, elements, depth: deepest };
}
