import type { Request, RequestHandler, Router } from 'express';

/** Path characters with a meaning in Express 5 route paths (path-to-regexp 8). */
const SPECIAL = /[{}()[\]+?!:*\\]/;

const LOWER_PATH = Symbol('lower-case path');

/**
 * The literal starts (lower case) of every path a router's layers match, or undefined when a
 * layer's path is not a plain string (a RegExp or an array), so the router must always run.
 */
export function pathPrefixes(router: Router): string[] | undefined {
  const prefixes: string[] = [];
  for (const layer of router.stack as { rawPath?: unknown }[]) {
    if (typeof layer.rawPath !== 'string') return undefined;
    const cut = layer.rawPath.search(SPECIAL);
    prefixes.push((cut === -1 ? layer.rawPath : layer.rawPath.slice(0, cut)).toLowerCase());
  }
  return prefixes;
}

/**
 * The router as app middleware that passes requests it cannot match straight on. Every
 * feature router has full paths inside and is mounted at the root, so each request used to
 * enter all of them in turn (a router's dispatch costs more than this check); matching is
 * case-insensitive as the routers' own.
 */
export function mountRouter(router: Router): RequestHandler {
  const prefixes = pathPrefixes(router);
  if (prefixes === undefined) return router;
  return (req, res, next) => {
    const r = req as Request & { [LOWER_PATH]?: string };
    const path = (r[LOWER_PATH] ??= req.path.toLowerCase());
    if (prefixes.some((p) => path.startsWith(p))) router(req, res, next);
    else next();
  };
}
