/**
 * Nothing a client sends legitimately nests deeper than this (an article is about 6 levels
 * deep). Deeper bodies are refused before any handler walks them: a merge patch is applied
 * recursively, and 12,000 levels overflowed the stack.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The path (dotted, as problem details name fields) of the first object or array nested deeper
 * than `max` levels in `value`, or undefined. Walks with its own stack, so hostile depth cannot
 * overflow the call stack here either.
 */
export function pathTooDeep(value: unknown, max: number): string | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    if (typeof top.value !== 'object' || top.value === null) continue;
    if (top.depth === max) return top.path;
    for (const [key, child] of Object.entries(top.value))
      stack.push({
        value: child,
        depth: top.depth + 1,
        path: top.path ? `${top.path}.${key}` : key,
      });
  }
  return undefined;
}
