import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { lstat, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';

/**
 * The file operations the command uses, injectable so tests can run it in-process against
 * a temporary directory, or make one operation fail to prove nothing is left half-written.
 */
export interface CliFs {
  readFile(file: string): Promise<Uint8Array>;
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
  writeFile(file: string, data: Uint8Array, options: { flag: 'wx' }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: true }): Promise<void>;
  createWriteStream(file: string, options: { flags: 'wx' }): Writable;
  /** The file's identity (device and inode), following a symlink (`stat`) or not (`lstat`). */
  stat(file: string): Promise<FileIdentity>;
  lstat(file: string): Promise<FileIdentity>;
}

export interface FileIdentity {
  readonly dev: bigint;
  readonly ino: bigint;
}

export const nodeFs: CliFs = {
  readFile: (file) => readFile(file),
  mkdir: (dir, options) => mkdir(dir, options),
  writeFile: (file, data, options) => writeFile(file, data, options),
  rename: (from, to) => rename(from, to),
  rm: (file, options) => rm(file, options),
  createWriteStream: (file, options) => createWriteStream(file, options),
  stat: (file) => stat(file, { bigint: true }),
  lstat: (file) => lstat(file, { bigint: true }),
};
