export type MediaErrorCode =
  | 'not-an-image'
  | 'unsupported-format'
  | 'svg-refused'
  | 'too-many-pixels'
  | 'too-large'
  | 'corrupt';

/** HTTP status each refusal maps to: a type we do not take is 415, broken or oversized input 400. */
export const MEDIA_ERROR_STATUS: Readonly<Record<MediaErrorCode, 400 | 413 | 415>> = {
  'not-an-image': 415,
  'unsupported-format': 415,
  'svg-refused': 415,
  'too-many-pixels': 400,
  'too-large': 413,
  corrupt: 400,
};

/** An image the pipeline refuses, with a reason a person can act on. */
export class MediaError extends Error {
  readonly status: 400 | 413 | 415;
  constructor(
    readonly code: MediaErrorCode,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'MediaError';
    this.status = MEDIA_ERROR_STATUS[code];
  }
}
