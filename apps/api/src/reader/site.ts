import { absolute, paths } from './urls.js';

/** What every page needs to know about the site it belongs to. */
export interface SiteContext {
  /** Public origin (and path prefix, if any) the server is reached at, without a trailing slash. */
  baseUrl: string;
  /** Shown in the header, titles and `og:site_name`. */
  name: string;
}

/** The site-wide links of the page chrome, as the layout template reads them. */
export interface SiteLinks {
  name: string;
  home: string;
  search: string;
  stylesheet: string;
  icon: string;
  atom: string;
  jsonFeed: string;
  rss: string;
  opds: string;
  opds2: string;
  openSearch: string;
}

export function siteLinks(site: SiteContext): SiteLinks {
  return {
    name: site.name,
    home: paths.home(),
    search: paths.search(),
    stylesheet: paths.stylesheet(),
    icon: paths.icon(),
    atom: paths.atom(),
    jsonFeed: paths.jsonFeed(),
    rss: paths.rss(),
    opds: paths.opdsRoot(),
    opds2: paths.opds2Root(),
    openSearch: paths.openSearch(),
  };
}

export const url = (site: SiteContext, path: string) => absolute(site.baseUrl, path);
