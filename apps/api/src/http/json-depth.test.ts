import { describe, expect, it } from 'vitest';
import { pathTooDeep } from './json-depth.js';

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('pathTooDeep', () => {
  it.each<[string, unknown, number, string | undefined]>([
    ['a scalar', 'text', 2, undefined],
    ['as deep as allowed', nested(3), 3, undefined],
    ['one level too deep', nested(4), 3, 'a.a.a'],
    ['arrays count as levels, indexes in the path', { body: [[[1]]] }, 2, 'body.0'],
    ['the first deep branch is named', { ok: { x: 1 }, deep: nested(5) }, 3, 'deep.a.a'],
  ])('%s', (_, value, max, path) => {
    expect(pathTooDeep(value, max)).toBe(path);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(pathTooDeep(nested(100_000), 32)?.split('.')).toHaveLength(32);
  });
});
