import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env.js';

describe('parseEnv', () => {
  it('gives the documented defaults', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      BROADSHEET_DATA_DIR: './data',
      BROADSHEET_BODY_LIMIT: 1024 * 1024,
      BROADSHEET_CACHE_MAX_BYTES: 1024 ** 3,
      BROADSHEET_MAX_TEXT_LINES: 20_000,
      LOG_LEVEL: 'info',
    });
    expect(env.BROADSHEET_API_TOKEN).toBeUndefined();
  });

  it('reads sizes, ports and tokens', () => {
    const env = parseEnv({
      PORT: '0',
      BROADSHEET_BODY_LIMIT: '512kb',
      BROADSHEET_API_TOKEN: 'x'.repeat(20),
      HOST: '127.0.0.1',
    });
    expect(env).toMatchObject({ PORT: 0, BROADSHEET_BODY_LIMIT: 512 * 1024, HOST: '127.0.0.1' });
  });

  it.each([
    ['2gb', 2 * 1024 ** 3],
    ['500MB', 500 * 1024 ** 2],
    ['1.5tb', 1.5 * 1024 ** 4],
    ['1048576', 1024 ** 2],
    [' 1 GB ', 1024 ** 3],
  ])('reads BROADSHEET_CACHE_MAX_BYTES %s as %d bytes', (given, bytes) => {
    expect(parseEnv({ BROADSHEET_CACHE_MAX_BYTES: given }).BROADSHEET_CACHE_MAX_BYTES).toBe(bytes);
  });

  it.each([
    [undefined, 1024 ** 3],
    ['0', 0],
    ['200mb', 200 * 1024 ** 2],
  ])('reads BROADSHEET_SHARED_CACHE_MAX_BYTES %s as %d bytes (0: off)', (given, bytes) => {
    const env = parseEnv(given === undefined ? {} : { BROADSHEET_SHARED_CACHE_MAX_BYTES: given });
    expect(env.BROADSHEET_SHARED_CACHE_MAX_BYTES).toBe(bytes);
  });

  it('fetches pictures only when asked, reaches no private host and reads at most 10 MiB by default', () => {
    expect(parseEnv({})).toMatchObject({
      BROADSHEET_FETCH_IMAGES: false,
      BROADSHEET_FETCH_ALLOW_HOSTS: [],
      BROADSHEET_FETCH_MAX_BYTES: 10 * 1024 ** 2,
    });
  });

  it.each([
    [{ BROADSHEET_FETCH_IMAGES: '1' }, { BROADSHEET_FETCH_IMAGES: true }],
    [{ BROADSHEET_FETCH_IMAGES: '0' }, { BROADSHEET_FETCH_IMAGES: false }],
    [
      { BROADSHEET_FETCH_ALLOW_HOSTS: '127.0.0.1:8080, intranet.local,[::1]' },
      {
        BROADSHEET_FETCH_ALLOW_HOSTS: [
          { host: '127.0.0.1', port: 8080 },
          { host: 'intranet.local', port: undefined },
          { host: '::1', port: undefined },
        ],
      },
    ],
    [{ BROADSHEET_FETCH_MAX_BYTES: '2mb' }, { BROADSHEET_FETCH_MAX_BYTES: 2 * 1024 ** 2 }],
  ])('reads the fetch setting %o', (given, expected) => {
    expect(parseEnv(given)).toMatchObject(expected);
  });

  it('reads BROADSHEET_MAX_TEXT_LINES', () => {
    expect(parseEnv({ BROADSHEET_MAX_TEXT_LINES: '500' }).BROADSHEET_MAX_TEXT_LINES).toBe(500);
  });

  it('treats empty variables as unset', () => {
    expect(parseEnv({ PORT: '', BROADSHEET_API_TOKEN: '' })).toMatchObject({ PORT: 3000 });
  });

  it.each([
    ['https://news.example.org', 'https://news.example.org'],
    ['https://news.example.org/', 'https://news.example.org'],
    ['http://example.org:8080/broadsheet/', 'http://example.org:8080/broadsheet'],
    ['HTTPS://News.Example.ORG/Reader', 'https://news.example.org/Reader'],
  ])('reads BROADSHEET_PUBLIC_URL %s as %s', (given, expected) => {
    expect(parseEnv({ BROADSHEET_PUBLIC_URL: given }).BROADSHEET_PUBLIC_URL).toBe(expected);
  });

  it.each([
    'news.example.org',
    '/reader',
    'ftp://example.org',
    'javascript:alert(1)',
    'https://example.org/?a=1',
    'https://example.org/#top',
    'https://user:pw@example.org',
    'https://',
  ])('rejects BROADSHEET_PUBLIC_URL %s', (given) => {
    expect(() => parseEnv({ BROADSHEET_PUBLIC_URL: given })).toThrow(
      /^BROADSHEET_PUBLIC_URL must be an absolute http\(s\) URL/,
    );
  });

  it.each<[string, number | string[]]>([
    ['1', 1],
    [' 2 ', 2],
    ['0', 0],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.0/8, 192.168.1.7,::1', ['10.0.0.0/8', '192.168.1.7', '::1']],
    ['fd00::/8', ['fd00::/8']],
    ['loopback,Uniquelocal', ['loopback', 'uniquelocal']],
  ])('reads BROADSHEET_TRUST_PROXY %j as %j', (given, expected) => {
    expect(parseEnv({ BROADSHEET_TRUST_PROXY: given }).BROADSHEET_TRUST_PROXY).toEqual(expected);
  });

  it('trusts no proxy and limits failed authentications to 10 a minute by default', () => {
    const env = parseEnv({});
    expect(env.BROADSHEET_TRUST_PROXY).toBeUndefined();
    expect(env.BROADSHEET_AUTH_FAILURES_PER_MINUTE).toBe(10);
    expect(env.BROADSHEET_WRITES_PER_MINUTE).toBe(120);
  });

  it.each([
    'true',
    '*',
    '101',
    '-1',
    '1.5',
    '10.0.0.256',
    '10.0.0.0/33',
    '::1/129',
    '10.0.0.0/8/8',
    '10.0.0.0/255.0.0.0',
    '10.0.0.1,,10.0.0.2',
    'proxy.internal',
    'localhost',
  ])('rejects BROADSHEET_TRUST_PROXY %j with one sentence', (given) => {
    expect(() => parseEnv({ BROADSHEET_TRUST_PROXY: given })).toThrow(
      new EnvError(
        `BROADSHEET_TRUST_PROXY must be a hop count (0 to 100) or a comma-separated list of proxy addresses and CIDR ranges (such as 10.0.0.0/8, ::1), or of loopback, linklocal, uniquelocal (got ${JSON.stringify(given)}).`,
      ),
    );
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a whole number from 0 to 65535 \(got "abc"\)\.$/],
    [{ PORT: '70000' }, /^PORT must be a whole number/],
    [{ PORT: '-1' }, /^PORT must be a whole number/],
    [{ BROADSHEET_BODY_LIMIT: 'lots' }, /^BROADSHEET_BODY_LIMIT must be a size/],
    [{ BROADSHEET_BODY_LIMIT: '2e3' }, /^BROADSHEET_BODY_LIMIT must be a size/],
    [{ BROADSHEET_BODY_LIMIT: '64kb of it' }, /^BROADSHEET_BODY_LIMIT must be a size/],
    [
      { BROADSHEET_CACHE_MAX_BYTES: 'plenty' },
      /^BROADSHEET_CACHE_MAX_BYTES must be a size such as 1gb, 500mb or 1073741824 \(1 MiB to 1024 TiB\) \(got "plenty"\)\.$/,
    ],
    [{ BROADSHEET_CACHE_MAX_BYTES: '512kb' }, /^BROADSHEET_CACHE_MAX_BYTES must be a size/],
    [
      { BROADSHEET_SHARED_CACHE_MAX_BYTES: 'lots' },
      /^BROADSHEET_SHARED_CACHE_MAX_BYTES must be a size such as 1gb, 500mb or 0 \(off\), at most 1024 TiB \(got "lots"\)\.$/,
    ],
    [{ BROADSHEET_CACHE_MAX_BYTES: '-1gb' }, /^BROADSHEET_CACHE_MAX_BYTES must be a size/],
    [{ BROADSHEET_CACHE_MAX_BYTES: '2048tb' }, /^BROADSHEET_CACHE_MAX_BYTES must be a size/],
    [
      { BROADSHEET_API_TOKEN: 'short' },
      /^BROADSHEET_API_TOKEN must be 16 to 512 visible ASCII characters\.$/,
    ],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    [
      { BROADSHEET_MAX_TEXT_LINES: '0' },
      /^BROADSHEET_MAX_TEXT_LINES must be a whole number from 1 to 10000000 \(got "0"\)\.$/,
    ],
    [{ BROADSHEET_MAX_TEXT_LINES: 'many' }, /^BROADSHEET_MAX_TEXT_LINES must be a whole number/],
    [
      { BROADSHEET_FETCH_IMAGES: 'yes' },
      /^BROADSHEET_FETCH_IMAGES must be 1 \(fetch on every write\) or 0/,
    ],
    [
      { BROADSHEET_FETCH_ALLOW_HOSTS: '127.0.0.1/admin' },
      /^BROADSHEET_FETCH_ALLOW_HOSTS must be a comma-separated list of host\[:port\]: "127.0.0.1\/admin" is not host\[:port\]/,
    ],
    [{ BROADSHEET_FETCH_ALLOW_HOSTS: 'user@10.0.0.1' }, /^BROADSHEET_FETCH_ALLOW_HOSTS must be/],
    [{ BROADSHEET_FETCH_MAX_BYTES: '512b' }, /^BROADSHEET_FETCH_MAX_BYTES must be a size/],
    [{ BROADSHEET_FETCH_MAX_BYTES: '2gb' }, /^BROADSHEET_FETCH_MAX_BYTES must be a size/],
  ])('rejects %o with a sentence naming the variable', (env, message) => {
    expect(() => parseEnv(env)).toThrow(EnvError);
    expect(() => parseEnv(env)).toThrow(message);
  });

  it('never echoes the token it rejects', () => {
    expect(() => parseEnv({ BROADSHEET_API_TOKEN: 'secret' })).toThrow(/^(?!.*secret)/s);
  });
});

describe('parseEnv: the PostgreSQL store', () => {
  it('uses SQLite (no URL) with a pool of 10 and a 15 s statement timeout by default', () => {
    expect(parseEnv({})).toMatchObject({
      BROADSHEET_DATABASE_POOL: 10,
      BROADSHEET_DATABASE_STATEMENT_TIMEOUT_MS: 15_000,
    });
    expect(parseEnv({}).BROADSHEET_DATABASE_URL).toBeUndefined();
  });

  it.each([
    'postgres://broadsheet:s3cret@db.internal:5432/broadsheet',
    'postgresql://db.internal/broadsheet?sslmode=require',
    'postgres://db/broadsheet?sslmode=verify-full&application_name=api',
    'postgres:///broadsheet?host=/var/run/postgresql',
    'postgres://127.0.0.1/broadsheet?sslmode=disable',
  ])('accepts the libpq URL %s', (url) => {
    expect(parseEnv({ BROADSHEET_DATABASE_URL: url }).BROADSHEET_DATABASE_URL).toBe(url);
  });

  it.each([
    ['mysql://db/broadsheet'],
    ['db.internal:5432/broadsheet'],
    ['postgres://db:port/broadsheet'],
    ['postgres://db/broadsheet?sslmode=sometimes'],
  ])('rejects %s with a sentence that does not echo the URL', (url) => {
    expect(() => parseEnv({ BROADSHEET_DATABASE_URL: url })).toThrow(
      /^BROADSHEET_DATABASE_URL must be a PostgreSQL URL such as .*\.$/,
    );
    expect(() =>
      parseEnv({ BROADSHEET_DATABASE_URL: 'mysql://user:topsecret@db/broadsheet' }),
    ).toThrow(/^(?!.*topsecret)/s);
  });

  it.each([
    [
      { BROADSHEET_DATABASE_POOL: '0' },
      /^BROADSHEET_DATABASE_POOL must be a whole number from 1 to 1000/,
    ],
    [{ BROADSHEET_DATABASE_POOL: 'many' }, /^BROADSHEET_DATABASE_POOL must be a whole number/],
    [
      { BROADSHEET_DATABASE_STATEMENT_TIMEOUT_MS: '5' },
      /^BROADSHEET_DATABASE_STATEMENT_TIMEOUT_MS must be a whole number from 100/,
    ],
  ])('rejects %o', (env, message) => {
    expect(() => parseEnv(env)).toThrow(message);
  });
});

describe('parseEnv: mail delivery', () => {
  it('reads the SMTP URL, the sender and the attachment limit (25 MB by default)', () => {
    expect(parseEnv({}).BROADSHEET_MAIL_MAX_BYTES).toBe(25 * 1024 ** 2);
    const env = parseEnv({
      BROADSHEET_SMTP_URL: 'smtps://user:secret@mail.example.org:465',
      BROADSHEET_MAIL_FROM: 'Broadsheet <news@example.org>',
      BROADSHEET_MAIL_MAX_BYTES: '10mb',
    });
    expect(env).toMatchObject({
      BROADSHEET_SMTP_URL: 'smtps://user:secret@mail.example.org:465',
      BROADSHEET_MAIL_FROM: 'Broadsheet <news@example.org>',
      BROADSHEET_MAIL_MAX_BYTES: 10 * 1024 ** 2,
    });
  });

  it.each([
    [
      { BROADSHEET_SMTP_URL: 'http://mail.example.org', BROADSHEET_MAIL_FROM: 'a@example.org' },
      'BROADSHEET_SMTP_URL must be an smtp:// or smtps:// URL',
    ],
    [
      { BROADSHEET_SMTP_URL: 'smtp://127.0.0.1:2525' },
      'BROADSHEET_MAIL_FROM must be set when BROADSHEET_SMTP_URL is',
    ],
    [{ BROADSHEET_MAIL_FROM: 'not an address' }, 'BROADSHEET_MAIL_FROM must be a mail address'],
    [
      { BROADSHEET_MAIL_FROM: 'News <news@example.org' },
      'BROADSHEET_MAIL_FROM must be a mail address',
    ],
    [{ BROADSHEET_MAIL_MAX_BYTES: '12 parsecs' }, 'BROADSHEET_MAIL_MAX_BYTES must be a size'],
  ])('refuses %o: %s', (given, sentence) => {
    expect(() => parseEnv(given)).toThrow(EnvError);
    expect(() => parseEnv(given)).toThrow(sentence);
  });

  it('never echoes the SMTP URL, which may carry a password', () => {
    let message = '';
    try {
      parseEnv({ BROADSHEET_SMTP_URL: 'ftp://user:hunter2@mail.example.org' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('BROADSHEET_SMTP_URL must be');
    expect(message).not.toContain('hunter2');
  });
});
