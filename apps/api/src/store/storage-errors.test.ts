import { describe, expect, it } from 'vitest';
import { isStorageErrorCode } from './storage-errors.js';

describe('isStorageErrorCode', () => {
  it.each([
    'SQLITE_FULL',
    'SQLITE_READONLY',
    'SQLITE_READONLY_DBMOVED',
    'SQLITE_IOERR',
    'SQLITE_IOERR_WRITE',
    'SQLITE_CANTOPEN',
    'ENOSPC',
    'EROFS',
    'EDQUOT',
    'EIO',
  ])('%s: the disk cannot take writes now (503)', (code) =>
    expect(isStorageErrorCode(code)).toBe(true),
  );

  it.each([
    'SQLITE_CONSTRAINT_UNIQUE',
    'SQLITE_ERROR',
    'SQLITE_FULLX',
    'ENOENT',
    'EACCES',
    'ECONNRESET',
    '',
  ])('%s: not a storage condition', (code) => expect(isStorageErrorCode(code)).toBe(false));
});
