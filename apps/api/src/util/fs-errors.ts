/** True when a file-system call failed because the path does not exist (ENOENT). */
export function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
