import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it.each([
    ['/v1/articles?token=s3cret', '/v1/articles?token=REDACTED'],
    ['/v1/articles?q=a&TOKEN=s3cret&limit=5', '/v1/articles?q=a&TOKEN=REDACTED&limit=5'],
    [
      '/x?access_token=a&api_key=b&key=c&apikey=d&api-key=e',
      '/x?access_token=REDACTED&api_key=REDACTED&key=REDACTED&apikey=REDACTED&api-key=REDACTED',
    ],
    [
      '/x?id_token=a&client_secret=b&password=c',
      '/x?id_token=REDACTED&client_secret=REDACTED&password=REDACTED',
    ],
    ['/x?%74oken=s3cret', '/x?%74oken=REDACTED'],
    ['/x?token=a&token=b', '/x?token=REDACTED&token=REDACTED'],
    ['/x?token=a#frag', '/x?token=REDACTED#frag'],
  ])('redacts %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it.each([
    ['/v1/articles'],
    ['/v1/articles?q=token+key&limit=5'],
    ['/v1/articles?tokens=1&keyword=2&monkey=3'],
    ['/v1/articles/token?q=%E2%80%AE&x=%zz'],
    ['/x?token'],
  ])('leaves %s as it is', (url) => {
    expect(redactUrl(url)).toBe(url);
  });
});
