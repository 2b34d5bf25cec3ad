import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageStore, sniffImage } from './images.js';
import { GIF_1X1, PNG_1X1 } from './test-support/fixtures.js';

const png = Buffer.from(PNG_1X1, 'base64');
const gif = Buffer.from(GIF_1X1, 'base64');
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

describe('sniffImage trusts bytes, not names', () => {
  it.each([
    ['PNG', png, 'image/png'],
    ['GIF', gif, 'image/gif'],
    ['JPEG', jpeg, 'image/jpeg'],
  ])('recognises %s', (_name, bytes, type) => {
    expect(sniffImage(bytes)?.mediaType).toBe(type);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['text', Buffer.from('not an image')],
    ['a truncated PNG', png.subarray(0, 20)],
    [
      'SVG (may hold scripts)',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
    ['WebP (not core in EPUBCheck 4.2)', Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ')],
  ])('refuses %s', (_name, bytes) => {
    expect(sniffImage(bytes)).toBeUndefined();
  });
});

describe('ImageStore', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'broadsheet-images-'));
    await mkdir(join(base, 'in'));
    await writeFile(join(base, 'in', 'a.png'), png);
    await writeFile(join(base, 'secret.gif'), gif);
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('reads only under imageBaseDir and never a URL', async () => {
    const store = new ImageStore(join(base, 'in'));
    expect((await store.add('a.png'))?.id).toBe('img-001');
    expect(await store.add('../secret.gif')).toBeUndefined();
    expect(await store.add(join(base, 'secret.gif'))).toBeUndefined();
    expect(await store.add('https://example.com/a.png')).toBeUndefined();
    expect(await store.add('file:///etc/hostname')).toBeUndefined();
    expect(await new ImageStore(undefined).add('a.png')).toBeUndefined();
  });

  it('numbers pictures in the order added and stores identical bytes once', async () => {
    const store = new ImageStore(join(base, 'in'));
    await store.add(`data:image/gif;base64,${GIF_1X1}`);
    await store.add('a.png');
    await store.add(`data:image/png;base64,${PNG_1X1}`);
    expect(store.images.map((i) => `${i.id}.${i.extension}`)).toEqual([
      'img-001.gif',
      'img-002.png',
    ]);
    expect(store.get('a.png')).toBe(store.get(`data:image/png;base64,${PNG_1X1}`));
  });
});
