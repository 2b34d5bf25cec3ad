import type { Article } from '@broadsheet/model';
import type { BenchOptions } from './options.js';
import type { Section } from './report.js';

export interface SuiteContext {
  options: BenchOptions;
  /** The seed article every generated edition is varied from. */
  template: Article;
  /** A scratch directory for this run, removed at the end. */
  tmp: string;
  root: string;
  log: (line: string) => void;
}

export interface Suite {
  name: string;
  run: (ctx: SuiteContext) => Promise<Section[]>;
}
