import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../types.js';
import { isUnavailableError, toStoreError } from './errors.js';

const error = (fields: Record<string, string>) =>
  Object.assign(new Error(fields.message ?? 'x'), fields);

describe('PostgreSQL errors', () => {
  it.each([
    ['admin shutdown (pg_terminate_backend)', { code: '57P01' }],
    ['crash shutdown', { code: '57P02' }],
    ['cannot connect now (starting up)', { code: '57P03' }],
    ['statement timeout', { code: '57014' }],
    ['connection failure', { code: '08006' }],
    ['too many connections', { code: '53300' }],
    ['disk full', { code: '53100' }],
    ['serialization failure', { code: '40001' }],
    ['deadlock', { code: '40P01' }],
    ['read-only standby', { code: '25006' }],
    ['connection refused', { code: 'ECONNREFUSED' }],
    ['connection reset', { code: 'ECONNRESET' }],
    ['connection lost', { message: 'Connection terminated unexpectedly' }],
    ['pool exhausted', { message: 'timeout exceeded when trying to connect' }],
  ])('%s: unavailable, 503', (_name, fields) => {
    expect(isUnavailableError(error(fields))).toBe(true);
    const mapped = toStoreError(error(fields));
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect((mapped as StoreUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it.each([
    ['unique violation', { code: '23505' }],
    ['syntax error (a bug)', { code: '42601' }],
    ['undefined table', { code: '42P01' }],
    ['a TypeError', { message: 'x is not a function' }],
  ])('%s: not unavailability, passed on unchanged', (_name, fields) => {
    const err = error(fields);
    expect(isUnavailableError(err)).toBe(false);
    expect(toStoreError(err)).toBe(err);
  });
});
