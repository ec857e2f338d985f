import { describe, expect, test } from 'vitest';
import {
  LONG_LINK_CHARS,
  TOKEN_PARAMETERS,
  decodeFragment,
  encodeFragment,
  keySensitivity,
} from '../../../src/lib/share/fragment';
import { SIZE_LIMITS, sizeClass } from '../../../src/lib/jws/limits';
import { decodeToken, parseKey } from '../../../src/lib';

describe('share fragments', () => {
  test.each([
    ['#token=a.b.c', { token: 'a.b.c' }, 'token'],
    ['#state=xyz&id_token=a.b.c&token_type=Bearer', { token: 'a.b.c' }, 'id_token'],
    ['access_token=x.y.z&expires_in=3600', { token: 'x.y.z' }, 'access_token'],
    ['#jwt=j.w.t', { token: 'j.w.t' }, 'jwt'],
    ['#token=t.o.k&id_token=i.d.t', { token: 't.o.k' }, 'token'],
    [
      '#token=a.b.c&leeway=30&iss=https%3A%2F%2Fi.example&aud=api',
      { token: 'a.b.c', leeway: 30, expectedIssuer: 'https://i.example', expectedAudience: 'api' },
      'token',
    ],
  ])('%s', (fragment, state, from) => {
    const read = decodeFragment(fragment);
    expect(read.state).toEqual(state);
    expect(read.tokenFrom).toBe(from);
    expect(read.ignored).toEqual([]);
  });

  test('an unusable leeway is ignored and explained', () => {
    const read = decodeFragment('#token=a.b.c&leeway=soon');
    expect(read.state).toEqual({ token: 'a.b.c' });
    expect(read.ignored).toEqual(['The leeway in the link, "soon", is not a number of seconds.']);
  });

  test('a fragment that is not a parameter list holds nothing', () => {
    expect(decodeFragment('#section-2')).toEqual({ state: {}, ignored: [] });
  });

  test('encoding: fixed order, no empty or zero settings, spaces as %20', () => {
    expect(
      encodeFragment({ token: 'a.b.c', leeway: 0, expectedIssuer: '', key: 'my secret+1' }),
    ).toBe('token=a.b.c&key=my%20secret%2B1');
    expect(TOKEN_PARAMETERS).toEqual(['token', 'id_token', 'access_token', 'jwt']);
    expect(LONG_LINK_CHARS).toBe(2000);
  });

  test.each([
    ['', 'none'],
    ['a secret', 'secret'],
    ['{"kty":"oct","k":"c2VjcmV0"}', 'secret'],
    [
      '{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}',
      'public',
    ],
    [
      '{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}',
      'private',
    ],
  ])('key sensitivity of %j is %s', (text, expected) => {
    const parsed = parseKey(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(keySensitivity(parsed.value)).toBe(expected);
  });
});

describe('size limits', () => {
  test('classes', () => {
    expect(sizeClass('x'.repeat(SIZE_LIMITS.plain.chars))).toBe('normal');
    expect(sizeClass('x'.repeat(SIZE_LIMITS.plain.chars + 1))).toBe('plain');
    expect(sizeClass('x'.repeat(SIZE_LIMITS.refused.chars + 1))).toBe('refused');
  });

  test('a token or key over the limit is refused with a code and a message', () => {
    const huge = 'x'.repeat(SIZE_LIMITS.refused.chars + 1);
    const token = decodeToken(huge);
    expect(token.ok).toBe(false);
    if (!token.ok) {
      expect(token.error.code).toBe('ERR_INPUT_TOO_LARGE');
      expect(token.error.message).toBe(
        'The token is over 16 MB, far beyond any real token or key, so it was not read. Paste a smaller one.',
      );
    }
    const key = parseKey(huge);
    expect(key.ok).toBe(false);
    if (!key.ok) {
      expect(key.error.code).toBe('ERR_INPUT_TOO_LARGE');
      expect(key.error.message).toMatch(/^The key is over 16 MB/);
    }
  });
});
