import express, { Router } from 'express';
import type { RouterDeps } from '../deps.js';
import { HttpProblem, notFound } from '../http/problem.js';
import { siteFor } from '../reader/deps.js';
import { describeMedia, ingestImage, mediaPath } from './ingest.js';

const ID = /^[0-9a-f]{64}$/;
/** A year: the bytes under an id never change (the id is their hash). */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export function createMediaRouter(deps: RouterDeps): Router {
  const router = Router();
  const { store } = deps;

  router.post(
    '/v1/media',
    deps.requireScope('articles:write'),
    // Any declared type: the format is read from the bytes, never from the header.
    express.raw({ limit: deps.imageLimits.maxBytes, type: () => true }),
    async (req, res) => {
      const body: unknown = req.body;
      if (!Buffer.isBuffer(body) || body.byteLength === 0)
        throw new HttpProblem(400, 'the request has no body: send the image bytes', {
          errors: [{ path: 'body', message: 'required' }],
        });
      const { media, created } = await ingestImage(store.media, body, {
        maxPixels: deps.imageLimits.maxPixels,
        name: 'the image in the request body',
      });
      const description = describeMedia(media, siteFor(req, deps).baseUrl);
      res
        .status(created ? 201 : 200)
        .location(mediaPath(media.id))
        .json(description);
    },
  );

  router.get('/v1/media/:id', async (req, res) => {
    const id = req.params.id;
    if (!ID.test(id)) throw notFound('no such media: an id is 64 hexadecimal digits');
    const etag = `"${id}"`;
    res.setHeader('Cache-Control', IMMUTABLE);
    res.setHeader('ETag', etag);
    const tags = req.get('if-none-match');
    if (
      tags !== undefined &&
      tags.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')
    ) {
      // Existence still matters: a 304 for an id never stored would be a lie.
      if ((await store.media.get(id)) !== undefined) {
        res.status(304).end();
        return;
      }
    }
    const media = await store.media.get(id);
    if (!media) throw notFound(`no media ${id}`);
    res.type(media.type).setHeader('Content-Length', String(media.data.byteLength));
    res.end(req.method === 'HEAD' ? undefined : media.data);
  });

  return router;
}
