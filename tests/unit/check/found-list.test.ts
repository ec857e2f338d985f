/**
 * The words around found tokens: each row of the list (kind, alg, iss/sub,
 * time left), the form of the token shown, and which dropped files are read.
 */
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { checkTokenFile, describeFound, FORM_WORDS } from '../../../src/lib';
import type { FoundToken } from '../../../src/lib/find';

const NOW = 1767225600; // 2026-01-01T00:00:00Z
const secret = new TextEncoder().encode('a-string-secret-at-least-256-bits-long');
const found = (
  text: string,
  kind: FoundToken['kind'] = 'compact-jws',
  alg = 'HS256',
): FoundToken => ({
  text,
  kind,
  alg,
  where: 'the Authorization header (Bearer)',
  source: 'authorization',
  container: 'http',
});
const sign = (claims: jose.JWTPayload) =>
  new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);

describe('describeFound', () => {
  it.each([
    [
      { iss: 'https://as.example', sub: 'alice', exp: NOW + 540 },
      'signed JWS · HS256 · iss https://as.example · sub alice · expires in 9 min',
    ],
    [{ sub: 'bob', exp: NOW - 7200 }, 'signed JWS · HS256 · sub bob · expired 2 h ago'],
    [{ sub: 'carol' }, 'signed JWS · HS256 · sub carol · no exp'],
    [{ iss: 'i'.repeat(100), exp: 'soon' }, `signed JWS · HS256 · iss ${'i'.repeat(60)}… · no exp`],
  ])('says %j as %j', async (claims, words) => {
    expect(describeFound(found(await sign(claims as jose.JWTPayload)), NOW)).toBe(words);
  });

  it('names kinds it cannot read the claims of', () => {
    expect(describeFound(found('{"payload":"e30"}', 'json-jws'), NOW)).toBe(
      'JWS in JSON serialization · HS256',
    );
    expect(describeFound(found('a.b.c.d.e', 'compact-jwe', 'dir'), NOW)).toBe(
      'encrypted JWE · dir',
    );
  });
});

describe('FORM_WORDS', () => {
  it('names the compact and JSON forms in words', () => {
    expect(FORM_WORDS).toEqual({
      'compact-jws': 'Compact JWS · signed',
      'compact-jwe': 'Compact JWE · encrypted',
      'sd-jwt': 'SD-JWT · selective disclosure',
      'sd-jwt-kb': 'SD-JWT+KB · selective disclosure with key binding',
      'json-jws-flattened': 'JWS, flattened JSON serialization · signed',
      'json-jws-general': 'JWS, general JSON serialization · signed',
      'json-jwe': 'JWE, JSON serialization · encrypted',
    });
  });
});

describe('checkTokenFile', () => {
  it.each(['session.har', 'response.JSON', 'notes.txt', 'app.log'])('reads %s', (name) => {
    expect(checkTokenFile(name, 1000).ok).toBe(true);
  });
  it('refuses a file that is not text, saying which files it reads', () => {
    const checked = checkTokenFile('photo.png', 10);
    expect(!checked.ok && checked.error.code).toBe('ERR_TOKEN_FILE');
    expect(!checked.ok && checked.error.message).toBe(
      '"photo.png" was not read: the token box reads text files (.har, .txt, .json, .log, .jwt), such as a HAR export, a saved response or a log.',
    );
  });
  it('refuses a file over the page limit before reading it', () => {
    expect(checkTokenFile('big.har', 16_000_000).ok).toBe(true);
    const checked = checkTokenFile('big.har', 16_000_001);
    expect(!checked.ok && checked.error.message).toBe(
      '"big.har" is 16,000,001 bytes: over the 16 MB the page reads at most, so it was not read.',
    );
  });
});
