/** tokenType: which profile a token follows, and the checks named for it. */
import { describe, expect, it } from 'vitest';
import { TOKEN_KINDS, tokenType } from '../../../src/lib/explain/token-type';

const N = 1700000000;

describe('tokenType', () => {
  it.each([
    [
      'an OpenID Connect ID token',
      { alg: 'RS256', typ: 'JWT' },
      {
        iss: 'https://op',
        sub: 'u',
        aud: 'client-1',
        nonce: 'n-0S6',
        iat: N,
        exp: N + 300,
        at_hash: 'x',
      },
      'id-token',
      ['has nonce', 'has at_hash'],
    ],
    [
      'an RFC 9068 access token by typ',
      { alg: 'RS256', typ: 'at+jwt' },
      { iss: 'https://as', sub: 'u', aud: 'api', client_id: 'c', iat: N, exp: N + 300, jti: 'j' },
      'access-token',
      ['typ is at+jwt'],
    ],
    [
      'an access token by client_id and scope',
      { alg: 'RS256' },
      { iss: 'https://as', aud: 'api', client_id: 'c', scope: 'read', exp: N + 300 },
      'access-token',
      ['has client_id', 'has scope'],
    ],
    [
      'a Cognito-style access token (token_use)',
      { alg: 'RS256' },
      { token_use: 'access', auth_time: N, exp: N + 300 },
      'access-token',
      ['token_use is access'],
    ],
    [
      'a refresh token by token_use',
      { alg: 'HS256' },
      { sub: 'u', token_use: 'refresh', exp: N + 86400 * 30 },
      'refresh-token',
      ['marked as a refresh token'],
    ],
    [
      'a long-lived token with no aud or scope',
      { alg: 'HS256' },
      { sub: 'u', iat: N, exp: N + 86400 * 30 },
      'refresh-token',
      ['lives 30 days, with no aud or scope'],
    ],
    [
      'a back-channel logout token',
      { alg: 'RS256', typ: 'logout+jwt' },
      {
        iss: 'https://op',
        aud: 'c',
        iat: N,
        jti: 'j',
        sid: 's',
        events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
      },
      'logout-token',
      ['typ is logout+jwt'],
    ],
    [
      'a logout token by its events claim alone',
      { alg: 'RS256' },
      {
        iss: 'https://op',
        aud: 'c',
        events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
      },
      'logout-token',
      ['events has backchannel-logout'],
    ],
    ['a plain session token', { alg: 'HS256' }, { sub: 'u', iat: N, exp: N + 3600 }, 'generic', []],
    [
      'nonce without aud is not an ID token',
      { alg: 'HS256' },
      { sub: 'u', nonce: 'n', exp: N + 60 },
      'generic',
      [],
    ],
  ])('%s', (_name, header, payload, kind, clues) => {
    const guess = tokenType(header, payload);
    expect(guess.info.kind).toBe(kind);
    expect(guess.clues).toEqual(clues);
  });

  it('names the checks each profile requires, with a source', () => {
    expect(TOKEN_KINDS['id-token'].checks.join(' ')).toMatch(/nonce.*at_hash/s);
    expect(TOKEN_KINDS['id-token'].checks.join(' ')).toContain('"azp"');
    expect(TOKEN_KINDS['access-token'].checks[0]).toContain('at+jwt');
    expect(TOKEN_KINDS['access-token'].spec).toBe('RFC 9068 §4');
    for (const info of Object.values(TOKEN_KINDS)) {
      expect(info.url).toMatch(/^https:\/\//);
      expect(info.checks.length).toBeGreaterThan(2);
    }
  });
});
