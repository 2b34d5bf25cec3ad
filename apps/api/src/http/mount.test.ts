import express, { Router } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountRouter, pathPrefixes } from './mount.js';

describe('pathPrefixes', () => {
  it.each([
    ['/health', '/health'],
    ['/v1/articles/:slug', '/v1/articles/'],
    ['/v1/articles/:slug.epub', '/v1/articles/'],
    ['/v1/Editions/{:id}', '/v1/editions/'],
    ['/files/*rest', '/files/'],
    ['/', '/'],
  ])('%s starts with %s', (path, prefix) => {
    const router = Router();
    router.get(path, (_req, res) => res.end());
    expect(pathPrefixes(router)).toEqual([prefix]);
  });

  it('gives up on a RegExp path', () => {
    const router = Router();
    router.get(/^\/x/, (_req, res) => res.end());
    expect(pathPrefixes(router)).toBeUndefined();
  });
});

describe('a mounted router', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    const a = Router();
    a.get('/v1/things/:id', (req, res) => res.send(`thing ${req.params.id}`));
    a.use('/static', (_req, res) => res.send('static'));
    const b = Router();
    b.get('/v1/things/:id/parts', (_req, res) => res.send('parts'));
    b.get('/other', (_req, res) => res.send('other'));
    app.use(mountRouter(a));
    app.use(mountRouter(b));
    app.use((_req, res) => res.status(404).send('none'));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ['/v1/things/7', 200, 'thing 7'],
    ['/V1/THINGS/7', 200, 'thing 7'],
    ['/v1/things/7/', 200, 'thing 7'],
    ['/v1/things/7/parts', 200, 'parts'],
    ['/static/x.css', 200, 'static'],
    ['/other', 200, 'other'],
    ['/nothing', 404, 'none'],
    ['/v1/%74hings/7', 404, 'none'],
  ])('answers %s as the routers would', async (path, status, body) => {
    const res = await fetch(`${url}${path}`);
    expect(res.status).toBe(status);
    expect(await res.text()).toBe(body);
  });
});
