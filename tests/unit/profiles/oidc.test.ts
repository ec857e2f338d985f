/**
 * OpenID Connect: the at_hash and c_hash of OpenID Connect Core's example ID
 * tokens match the access token and code the examples give; nonce, azp and
 * the logout token's rules fail with their codes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeToken } from '../../../src/lib/jws/decode';
import {
  judgeIdToken,
  judgeLogoutToken,
  LOGOUT_EVENT,
  oidcFacts,
  oidcHashOf,
  profileKind,
  type OidcTexts,
} from '../../../src/lib/profiles';

const core = JSON.parse(
  readFileSync(new URL('../../vectors/profiles/oidc-core.json', import.meta.url), 'utf8'),
) as {
  idTokens: {
    name: string;
    idToken: string;
    accessToken?: string;
    code?: string;
    at_hash?: string;
    c_hash?: string;
    nonce: string;
  }[];
};

const texts = (over: Partial<OidcTexts> = {}): OidcTexts => ({
  accessToken: '',
  code: '',
  state: '',
  ...over,
});
const claimsOf = (text: string) => {
  const decoded = decodeToken(text);
  if (!decoded.ok || decoded.value.kind !== 'jws') throw new TypeError('not a JWS');
  return { alg: decoded.value.alg, payload: decoded.value.payload, header: decoded.value.header };
};
async function rows(idToken: string, given: OidcTexts, nonce = '', audience = '') {
  const { alg, payload } = claimsOf(idToken);
  return judgeIdToken(payload, alg, await oidcFacts(alg, given), given, { nonce, audience });
}
const byName = (list: Awaited<ReturnType<typeof rows>>) =>
  Object.fromEntries(list.map((r) => [r.name, r]));

describe("OpenID Connect Core's example ID tokens", () => {
  it.each(core.idTokens)('$name: the hashes match what the example gives', async (c) => {
    const found = byName(
      await rows(
        c.idToken,
        texts({ accessToken: c.accessToken ?? '', code: c.code ?? '' }),
        c.nonce,
      ),
    );
    if (c.at_hash) expect(found.at_hash).toMatchObject({ status: 'ok', value: c.at_hash });
    if (c.c_hash) expect(found.c_hash).toMatchObject({ status: 'ok', value: c.c_hash });
    expect(found.nonce).toMatchObject({ status: 'ok' });
  });

  it('computes the example values: left half of SHA-256, base64url', async () => {
    const [a, b] = core.idTokens;
    expect((await oidcFacts('RS256', texts({ accessToken: a!.accessToken! }))).at).toBe(a!.at_hash);
    expect((await oidcFacts('RS256', texts({ code: b!.code! }))).c).toBe(b!.c_hash);
  });

  it.each([
    [
      'at_hash',
      0,
      { accessToken: 'another' },
      'ERR_OIDC_AT_HASH',
      /Does not match the access token: the left half of its SHA-256 is/,
    ],
    ['c_hash', 1, { code: 'another' }, 'ERR_OIDC_C_HASH', /Does not match the authorization code/],
  ] as const)('a wrong %s fails with its code', async (name, index, given, code, message) => {
    const found = byName(await rows(core.idTokens[index]!.idToken, texts(given)));
    expect(found[name]!.status).toBe('fail');
    expect(found[name]!.error?.code).toBe(code);
    expect(found[name]!.message).toMatch(message);
  });

  it('a wrong nonce fails ERR_OIDC_NONCE', async () => {
    const found = byName(await rows(core.idTokens[0]!.idToken, texts(), 'other-nonce'));
    expect(found.nonce!.error?.code).toBe('ERR_OIDC_NONCE');
    expect(found.nonce!.message).toMatch(/Expected nonce "other-nonce", found "n-0S6_WzA2Mj"/);
  });

  it('says what to paste when nothing is given', async () => {
    const found = byName(await rows(core.idTokens[0]!.idToken, texts()));
    expect(found.at_hash).toMatchObject({
      status: 'info',
      message: 'Hash of the access token: paste the access token to check it.',
    });
  });
});

describe('hash choice by alg', () => {
  it.each([
    ['RS256', 'SHA-256'],
    ['ES384', 'SHA-384'],
    ['PS512', 'SHA-512'],
    ['HS256', 'SHA-256'],
    ['EdDSA', 'SHA-512'],
    ['Ed25519', 'SHA-512'],
    ['none', undefined],
    ['Ed448', undefined],
  ])('%s → %s', (alg, hash) => expect(oidcHashOf(alg)).toBe(hash));

  it('an alg with no hash fails ERR_OIDC_HASH_ALG', () => {
    const found = judgeIdToken({ at_hash: 'x' }, 'none', {}, texts({ accessToken: 'a' }), {
      nonce: '',
      audience: '',
    });
    expect(found[0]!.error?.code).toBe('ERR_OIDC_HASH_ALG');
  });

  it('s_hash is the left half of SHA-512 for EdDSA', async () => {
    // SHA-512("af0ifjsldkj"), left 32 bytes, base64url: computed with node:crypto below, not with the code under test.
    const { createHash } = await import('node:crypto');
    const want = createHash('sha512')
      .update('af0ifjsldkj')
      .digest()
      .subarray(0, 32)
      .toString('base64url');
    expect((await oidcFacts('EdDSA', texts({ state: 'af0ifjsldkj' }))).s).toBe(want);
    const found = judgeIdToken(
      { s_hash: want },
      'EdDSA',
      { s: want },
      texts({ state: 'af0ifjsldkj' }),
      { nonce: '', audience: '' },
    );
    expect(found[0]).toMatchObject({ name: 's_hash', status: 'ok' });
    const wrong = judgeIdToken(
      { s_hash: 'x' },
      'EdDSA',
      { s: want },
      texts({ state: 'af0ifjsldkj' }),
      { nonce: '', audience: '' },
    );
    expect(wrong[0]!.error?.code).toBe('ERR_OIDC_S_HASH');
  });
});

describe('azp', () => {
  const judge = (payload: Record<string, unknown>, audience = '') =>
    byName(judgeIdToken(payload, 'RS256', {}, texts(), { nonce: '', audience }));
  it('warns when aud has several values and there is no azp', () => {
    expect(judge({ aud: ['a', 'b'] }).azp).toMatchObject({ status: 'warn', present: false });
  });
  it('fails ERR_OIDC_AZP when azp is not the expected client', () => {
    const azp = judge({ aud: ['a', 'b'], azp: 'b' }, 'a').azp!;
    expect(azp.error?.code).toBe('ERR_OIDC_AZP');
    expect(azp.message).toMatch(/"azp" is "b", not the expected client "a"/);
  });
  it('passes when azp is the expected client', () => {
    expect(judge({ aud: ['a', 'b'], azp: 'a' }, 'a').azp).toMatchObject({ status: 'ok' });
  });
});

describe('logout tokens', () => {
  const LOGOUT = {
    iss: 'https://op',
    aud: 'rp',
    iat: 1,
    jti: 'j',
    sid: 's',
    events: { [LOGOUT_EVENT]: {} },
  };
  const codes = (payload: Record<string, unknown>) =>
    judgeLogoutToken(payload).flatMap((r) => (r.error ? [r.error.code] : []));
  it('a well-formed logout token passes', () => expect(codes(LOGOUT)).toEqual([]));
  it.each([
    ['a nonce', { ...LOGOUT, nonce: 'n' }, 'ERR_LOGOUT_NONCE'],
    ['neither sub nor sid', { ...LOGOUT, sid: undefined }, 'ERR_LOGOUT_SUB_SID'],
    ['no jti', { ...LOGOUT, jti: undefined }, 'ERR_LOGOUT_JTI'],
    ['no iat', { ...LOGOUT, iat: undefined }, 'ERR_LOGOUT_IAT'],
    [
      'an event that is not an object',
      { ...LOGOUT, events: { [LOGOUT_EVENT]: 'yes' } },
      'ERR_LOGOUT_EVENT',
    ],
  ])('%s fails', (_, payload, code) => {
    const cleaned = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
    expect(codes(cleaned)).toEqual([code]);
  });
  it('is told apart from an ID token and a DPoP proof', () => {
    expect(profileKind({ alg: 'RS256' }, LOGOUT, false)).toBe('logout');
    expect(profileKind({ alg: 'RS256' }, { nonce: 'n' }, false)).toBe('id-token');
    expect(profileKind({ alg: 'ES256', typ: 'DPoP+JWT' }, {}, false)).toBe('dpop');
    expect(profileKind({ alg: 'RS256' }, { sub: 'x' }, false)).toBeUndefined();
    expect(profileKind({ alg: 'RS256' }, { sub: 'x' }, true)).toBe('id-token');
  });
});
