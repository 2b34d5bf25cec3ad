import type { ArticleInput } from '@broadsheet/model';

/** One body block as the model accepts it on input. */
export type BlockInput = ArticleInput['body'][number];
export type FigureInput = Extract<BlockInput, { type: 'figure' }>;
export type ImageInput = FigureInput['image'];

/** One inline run as the importer builds it (the model normalises white space later). */
export interface RunInput {
  text: string;
  emphasis?: true;
  strong?: true;
  href?: string;
}
