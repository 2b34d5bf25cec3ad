import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * A Debian tool a test needs is not installed. Its message (and its whole stack) is one line
 * naming the package, so a missing validator reads as what to install, never as a spawn error.
 */
export class MissingToolError extends Error {
  constructor(what: string, debianPackage: string) {
    super(
      `${what} not found: install the Debian package ${debianPackage} (apt-get install ${debianPackage})`,
    );
    this.name = 'MissingToolError';
    this.stack = `${this.name}: ${this.message}`;
  }
}

function usable(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/**
 * The path of `name`, an executable looked up on PATH (or a path, when it holds a slash, as
 * CHROMIUM_PATH does), or a MissingToolError naming `debianPackage`. Looked up on each call:
 * it is a few stat calls, and tests change PATH.
 */
export function requireTool(name: string, debianPackage: string): string {
  if (name.includes('/')) {
    if (usable(name, constants.X_OK)) return name;
    throw new MissingToolError(name, debianPackage);
  }
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (usable(candidate, constants.X_OK)) return candidate;
  }
  throw new MissingToolError(name, debianPackage);
}

/** A data file a Debian package installs (the EPUBCheck jar), or a MissingToolError naming it. */
export function requireToolFile(path: string, debianPackage: string): string {
  if (usable(path, constants.R_OK)) return path;
  throw new MissingToolError(path, debianPackage);
}
