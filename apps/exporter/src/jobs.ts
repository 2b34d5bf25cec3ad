import type { Article, Edition } from '@broadsheet/model';
import { editionFromInputs, EDITION_LABEL } from './build-edition.js';
import { OutputNames } from './output-names.js';
import type { LoadedInput } from './read-input.js';

/** One document to render, in every requested format, under one base file name. */
export interface RenderJob {
  /** For messages: the input it came from, or `--edition`. */
  readonly label: string;
  /** File name without extension: sanitised, unique within the run. */
  readonly name: string;
  readonly document: Article | Edition;
  /** Where its relative image paths resolve; undefined for the bundled content. */
  readonly imageBaseDir: string | undefined;
}

/**
 * Decides what files the run writes: one per article and one per edition input, or, with
 * `--edition TITLE`, a single edition of everything. Throws InputError when the edition as
 * a whole is invalid (too many articles, an empty title).
 */
export function planJobs(
  inputs: readonly LoadedInput[],
  editionTitle: string | undefined,
  today: string,
  bundled: ReadonlySet<LoadedInput> = new Set(),
): RenderJob[] {
  const names = new OutputNames();
  if (editionTitle !== undefined) {
    const { edition, baseDir } = editionFromInputs(editionTitle, inputs, today);
    const imageBaseDir = inputs.every((i) => bundled.has(i)) ? undefined : baseDir;
    return [
      {
        label: EDITION_LABEL,
        name: names.claim(edition.id, 'edition'),
        document: edition,
        imageBaseDir,
      },
    ];
  }
  return inputs.flatMap((input): RenderJob[] => {
    const imageBaseDir = bundled.has(input) ? undefined : input.baseDir;
    const { document } = input;
    if (document.kind === 'edition') {
      const { edition } = document;
      return [
        {
          label: input.label,
          name: names.claim(edition.id, 'edition'),
          document: edition,
          imageBaseDir,
        },
      ];
    }
    return document.articles.map((article) => ({
      label: input.label,
      name: names.claim(article.slug),
      document: article,
      imageBaseDir,
    }));
  });
}
