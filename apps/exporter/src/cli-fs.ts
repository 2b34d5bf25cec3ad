import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';

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
}

export const nodeFs: CliFs = {
  readFile: (file) => readFile(file),
  mkdir: (dir, options) => mkdir(dir, options),
  writeFile: (file, data, options) => writeFile(file, data, options),
  rename: (from, to) => rename(from, to),
  rm: (file, options) => rm(file, options),
  createWriteStream: (file, options) => createWriteStream(file, options),
};
