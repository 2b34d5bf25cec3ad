import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { PreconditionFailedError } from '../store/types.js';
import { createOnly, ifMatchOf, requiringIfMatch } from './preconditions.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as Request;

describe('If-Match parsing (strong comparison)', () => {
  it.each([
    [{}, undefined],
    [{ 'if-match': '*' }, '*'],
    [{ 'if-match': ' * ' }, '*'],
    [{ 'if-match': '"abc"' }, ['abc']],
    [{ 'if-match': '"abc", "def-ld"' }, ['abc', 'def-ld']],
    // Weak tags never match strongly; unquoted junk is no tag at all.
    [{ 'if-match': 'W/"abc"' }, []],
    [{ 'if-match': 'abc, "x"' }, ['x']],
    [{ 'if-match': '' }, []],
  ])('%j gives %j', (headers, expected) => {
    expect(ifMatchOf(request(headers))).toEqual(expected);
  });

  it('If-None-Match: * means create only', () => {
    expect(createOnly(request({ 'if-none-match': '*' }))).toBe(true);
    expect(createOnly(request({ 'if-none-match': '"abc"' }))).toBe(false);
    expect(createOnly(request({}))).toBe(false);
  });

  it('a required If-Match left out answers 428 only when the resource exists', async () => {
    const exists = () => Promise.reject(new PreconditionFailedError('exists', true));
    const missing = () => Promise.reject(new PreconditionFailedError('missing', false));
    await expect(requiringIfMatch(true, exists)).rejects.toMatchObject({ status: 428 });
    await expect(requiringIfMatch(false, exists)).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(requiringIfMatch(true, missing)).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(requiringIfMatch(true, () => Promise.resolve(7))).resolves.toBe(7);
  });
});
