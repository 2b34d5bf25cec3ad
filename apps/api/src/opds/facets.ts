/**
 * Facets of the articles catalog (OPDS 1.2 §4.3 facet links, OPDS 2.0 `facets` collections):
 * section, tag, language and author, combinable. A facet link keeps the other groups' choices
 * and starts again at page 1; each group also offers "All", which drops that group's choice.
 */
import { normalizeText } from '@broadsheet/model';
import { badRequest } from '../http/problem.js';
import type { ArticleFilter } from '../reader/catalog.js';
import { filterKey } from '../store/article-row.js';
import type { FacetCount, FacetKind, Store } from '../store/types.js';

export const FACET_GROUPS = [
  { param: 'section', title: 'Section', all: 'All sections', values: 'sections' },
  { param: 'tag', title: 'Tag', all: 'All tags', values: 'tags' },
  { param: 'language', title: 'Language', all: 'All languages', values: 'languages' },
  { param: 'author', title: 'Author', all: 'All authors', values: 'authors' },
] as const satisfies readonly {
  param: keyof ArticleFilter;
  title: string;
  all: string;
  values: FacetKind;
}[];

export type FacetParam = (typeof FACET_GROUPS)[number]['param'];
/** The facets chosen in a request, by query parameter. */
export type ActiveFacets = Partial<Record<FacetParam, string>>;

/** Values offered per group: enough to browse, few enough to keep a catalog page light. */
export const FACET_VALUES = 20;

/** The most used values of each group, as the store's facet lists give them (GET /v1/tags…). */
export type FacetValues = Record<(typeof FACET_GROUPS)[number]['values'], FacetCount[]>;

/** The first page of each group's store facet list: most articles first, one spelling each. */
export async function loadFacetValues(store: Store, limit = FACET_VALUES): Promise<FacetValues> {
  const [sections, tags, languages, authors] = await Promise.all(
    FACET_GROUPS.map(async ({ values }) => (await store.articles.facets(values, { limit })).items),
  );
  return {
    sections: sections ?? [],
    tags: tags ?? [],
    languages: languages ?? [],
    authors: authors ?? [],
  };
}
/** Longer values are refused: no section, tag, language or author name is this long. */
const MAX_FACET = 200;

/** The facet parameters of a query; a repeated or over-long one is a 400 naming it. */
export function activeFacets(query: Record<string, unknown>): ActiveFacets {
  const active: ActiveFacets = {};
  for (const { param } of FACET_GROUPS) {
    const raw = query[param];
    if (raw === undefined) continue;
    if (typeof raw !== 'string')
      throw badRequest(`${param} must be given once`, [
        { path: `query.${param}`, message: 'must be a single value' },
      ]);
    if (raw.length > MAX_FACET)
      throw badRequest(`${param} is too long`, [
        { path: `query.${param}`, message: `must be at most ${MAX_FACET} characters` },
      ]);
    // Normalised like stored text: the value is echoed into the catalog's title and links.
    const value = normalizeText(raw).trim();
    if (value !== '') active[param] = value;
  }
  return active;
}

/** `base?section=…&tag=…&page=N`, parameters in a fixed order so each page has one URL. */
export function facetPath(base: string, active: ActiveFacets, page = 1): string {
  const parts = FACET_GROUPS.flatMap(({ param }) => {
    const value = active[param];
    return value === undefined ? [] : [`${param}=${encodeURIComponent(value)}`];
  });
  if (page > 1) parts.push(`page=${page}`);
  return parts.length > 0 ? `${base}?${parts.join('&')}` : base;
}

/** One facet link as both OPDS versions show it. */
export interface FacetLink {
  title: string;
  /** Site-relative path. */
  path: string;
  active: boolean;
  /** Articles this facet leads to, on its own (OPDS `thr:count`, `numberOfItems`). */
  count?: number;
}

export interface FacetGroup {
  title: string;
  links: FacetLink[];
}

/** The facet groups of a page: "All" first, then the most used values; the chosen one is active. */
export function facetGroups(base: string, values: FacetValues, active: ActiveFacets): FacetGroup[] {
  return FACET_GROUPS.map((group) => {
    const chosen = active[group.param];
    const others: ActiveFacets = { ...active };
    delete others[group.param];
    const links: FacetLink[] = [
      { title: group.all, path: facetPath(base, others), active: chosen === undefined },
    ];
    const offered = values[group.values];
    for (const v of offered)
      links.push({
        title: v.name,
        path: facetPath(base, { ...others, [group.param]: v.name }),
        active: chosen !== undefined && sameValue(chosen, v.name),
        count: v.count,
      });
    // A chosen value outside the most used ones still shows, so the client can see it is on.
    if (chosen !== undefined && !links.some((l) => l.active))
      links.push({ title: chosen, path: facetPath(base, active), active: true });
    return { title: group.title, links };
  });
}

/** As the store's filters compare them (ArticleQuery): whatever the case. */
function sameValue(a: string, b: string): boolean {
  return filterKey(a) === filterKey(b);
}

/** "Latest articles: Section World, Tag Cricket" for the feed's title. */
export function facetTitle(title: string, active: ActiveFacets): string {
  const chosen = FACET_GROUPS.flatMap(({ param, title: group }) => {
    const value = active[param];
    return value === undefined ? [] : [`${group} ${value}`];
  });
  return chosen.length > 0 ? `${title}: ${chosen.join(', ')}` : title;
}
