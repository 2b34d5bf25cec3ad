/** Page numbers for catalogs: `?page=N`, 1-based, so `previous` links are plain to build. */
export const PAGE_SIZE = 25;
/** Deepest page served; past this a client should search instead of paging. */
export const MAX_PAGE = 400;

export interface Paging {
  page: number;
  /** True when a page after this one exists. */
  hasNext: boolean;
  /** The last page, when the listing knows its total (a `last` link); never below 1. */
  lastPage?: number | undefined;
}

/** The last page of `total` items, `size` a page: 1 for an empty listing, at most MAX_PAGE. */
export function lastPageOf(total: number, size: number): number {
  return Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / size)));
}

/** Parses `?page=`; anything that is not a whole number from 1 to MAX_PAGE is undefined. */
export function parsePage(value: unknown): number | undefined {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9]\d{0,5}$/.test(value)) return undefined;
  const page = Number(value);
  return page <= MAX_PAGE ? page : undefined;
}
