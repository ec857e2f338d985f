/** Re-signing from the editors: every token it makes is checked by jose. */
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { editorsForNewKey, KeyResolver, resign, type KeyInput } from '../../../src/lib';

const SECRET = 'a-long-enough-secret-for-hs256-0123456789';
const keys = (text = SECRET): KeyInput => ({
  text,
  encoding: 'utf8',
  innerText: '',
  from: 'person',
});
const OLD = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvbGQifQ.b2xkLXNpZ25hdHVyZQ';

describe('resign', () => {
  it('signs the JSON as typed, and jose verifies it', async () => {
    const result = await resign(
      { headerText: '{"alg":"HS256","typ":"JWT"}', payloadText: '{"sub":"ada"}', tokenText: OLD },
      keys(),
      new KeyResolver(),
    );
    expect(result).toMatchObject({ ok: true, note: 'Re-signed with HS256.' });
    const token = result.ok ? result.token! : '';
    const { payload } = await jose.jwtVerify(token, new TextEncoder().encode(SECRET));
    expect(payload).toEqual({ sub: 'ada' });
  });

  it('keeps the old signature, and says so, when the key cannot sign', async () => {
    const result = await resign(
      { headerText: '{"alg":"RS256"}', payloadText: '{"sub":"ada"}', tokenText: OLD },
      keys(),
      new KeyResolver(),
    );
    expect(result.ok && result.token?.endsWith('.b2xkLXNpZ25hdHVyZQ')).toBe(true);
    expect(result.ok && result.note).toMatch(
      /^Not re-signed: .* The old signature was kept, and no longer matches\.$/,
    );
  });

  it('writes an unsigned token for alg none', async () => {
    const result = await resign(
      { headerText: '{"alg":"none"}', payloadText: '{}', tokenText: OLD },
      keys(),
      new KeyResolver(),
    );
    expect(result).toEqual({
      ok: true,
      token: 'eyJhbGciOiJub25lIn0.e30.',
      note: '"alg": "none": the token is unsigned.',
    });
  });

  it('reports JSON that is not JSON with its position', async () => {
    const result = await resign(
      { headerText: '{"alg":"HS256"', payloadText: '{}', tokenText: OLD },
      keys(),
      new KeyResolver(),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('ERR_JSON_EDIT');
  });
});

describe('editorsForNewKey', () => {
  it('names the new alg, drops the old kid, and keeps the rest', () => {
    expect(
      editorsForNewKey('{"alg":"HS256","kid":"old","typ":"JWT","x":1}', '{"sub":"a"}', 'ES256'),
    ).toEqual({
      headerText: JSON.stringify({ alg: 'ES256', typ: 'JWT', x: 1 }, null, 2),
      payloadText: '{"sub":"a"}',
    });
  });
  it('starts from a fresh header and a claim when the editors hold none', () => {
    expect(editorsForNewKey('not json', '  ', 'EdDSA')).toEqual({
      headerText: JSON.stringify({ typ: 'JWT', alg: 'EdDSA' }, null, 2),
      payloadText: JSON.stringify({ sub: 'example' }, null, 2),
    });
  });
});

describe('resign an SD-JWT', () => {
  // RFC 9901 §5.2's presentation and its issuer's private key (examples/settings.yml of the spec's repository).
  const ISSUER_PRIVATE = {
    kty: 'EC',
    crv: 'P-256',
    d: 'Ur2bNKuBPOrAaxsRnbSH6hIhmNTxSGXshDSUD1a1y7g',
    x: 'b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ',
    y: 'Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8',
  };
  it('re-signs the issuer JWT and keeps the disclosures and key-binding JWT after it', async () => {
    const { default: vectors } = await import('../../vectors/sd-jwt/rfc9901.json');
    const presentation = vectors.examples.find((e) => e.section === '5.2')!.tokens[0]!;
    const tail = presentation.slice(presentation.indexOf('~'));
    const result = await resign(
      { headerText: '{"alg":"ES256"}', payloadText: '{"sub":"edited"}', tokenText: presentation },
      keys(JSON.stringify(ISSUER_PRIVATE)),
      new KeyResolver(),
    );
    const token = result.ok ? result.token! : '';
    expect(token.endsWith(tail)).toBe(true);
    expect(result.ok && result.note).toBe(
      'Re-signed with ES256. The disclosures were kept, and the key-binding JWT, whose sd_hash no longer matches.',
    );
    const issuer = token.slice(0, token.indexOf('~'));
    const key = await jose.importJWK({ ...ISSUER_PRIVATE, d: undefined }, 'ES256');
    const { payload } = await jose.jwtVerify(issuer, key);
    expect(payload).toEqual({ sub: 'edited' });
  });
});
