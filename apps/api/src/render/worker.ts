import { renameSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderCoverPng, renderEpub, renderPdf } from '@broadsheet/render';
import type { Article, Edition } from '@broadsheet/model';
import type { RenderFormat, RenderOptions } from './types.js';

export interface RenderTask {
  format: RenderFormat;
  input: Article | Edition;
  options: RenderOptions;
  /** Final path; the file appears there complete or not at all. */
  target: string;
}

/** Piscina worker: renders one file and moves it into the cache atomically. */
export default async function render(task: RenderTask): Promise<void> {
  const bytes =
    task.format === 'epub'
      ? await renderEpub(task.input)
      : task.format === 'cover'
        ? await renderCoverPng(task.input)
        : await renderPdf(task.input, task.options.pageSize ? { pageSize: task.options.pageSize } : {});
  mkdirSync(dirname(task.target), { recursive: true });
  const temp = `${task.target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, task.target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
