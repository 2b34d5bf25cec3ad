import type { ArticleInput } from '@broadsheet/model';

/** One body block as the model accepts it on input. */
export type BlockInput = ArticleInput['body'][number];
export type FigureInput = Extract<BlockInput, { type: 'figure' }>;
export type ImageInput = FigureInput['image'];
