/**
 * Error codes meaning the data directory cannot take writes now (full, read-only, failing
 * volume): the request may succeed later, so it is answered 503 with Retry-After, not 500.
 * SQLite codes come from better-sqlite3's SqliteError (extended codes such as
 * SQLITE_READONLY_DBMOVED and SQLITE_IOERR_WRITE included); the others are errno codes.
 */
const ERRNO_CODES = new Set(['ENOSPC', 'EROFS', 'EDQUOT', 'EIO']);
const SQLITE_PREFIXES = ['SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_CANTOPEN'];

export function isStorageErrorCode(code: string): boolean {
  return (
    ERRNO_CODES.has(code) || SQLITE_PREFIXES.some((p) => code === p || code.startsWith(`${p}_`))
  );
}
