/**
 * Key sets that are not JWKS: a {kid: PEM} map as Google and Firebase publish
 * it, and PEM blocks pasted together, read through the JWKS path: the entry
 * the token's kid names verifies it, without a kid each is tried, and
 * key-source says which. Certificates and tokens made by OpenSSL and node.
 */
import { describe, expect, it } from 'vitest';
import { decodeToken, jwsAlgorithm, verifyWith, type DecodedJws } from '../../../src/lib';
import { inspectJwks } from '../../../src/lib/keys/jwks-info';
import { parseKey, type JwksKey } from '../../../src/lib/keys/parse';
import { MAX_SET_ENTRIES } from '../../../src/lib/keys/pem-set';
import { KeyResolver } from '../../../src/lib/keys/resolve';
import { nodeSignedToken } from '../helpers/keys';
import { LEAF_KEY, PEM } from '../helpers/x509';

const map = JSON.stringify({ 'rsa-kid': PEM['rsa-leaf'], 'ec-kid': PEM['ec-leaf'] });
const blocks = PEM['rsa-leaf'] + PEM['ec-intermediate'] + PEM['ec-leaf'];
const token = (alg: string, kid?: string) => {
  const key = alg === 'RS256' ? LEAF_KEY['rsa-leaf'] : LEAF_KEY['ec-leaf'];
  const decoded = decodeToken(nodeSignedToken({ alg, ...(kid ? { kid } : {}) }, { sub: 's' }, key));
  if (!decoded.ok) throw decoded.error;
  return decoded.value as DecodedJws;
};
const verify = async (keyText: string, jws: DecodedJws) => {
  const algorithm = jwsAlgorithm(jws.alg)!;
  const selection = await new KeyResolver().resolve(keyText, algorithm, 'verify', {
    secretEncoding: 'utf8',
    kid: jws.header.kid,
  });
  return verifyWith(jws, algorithm, selection);
};
const set = (text: string) => {
  const parsed = parseKey(text);
  if (!parsed.ok) throw parsed.error;
  return parsed.value as JwksKey;
};

describe('a {kid: PEM} map', () => {
  it('is read as a key set, one public JWK per certificate, named by kid', () => {
    const parsed = set(map);
    expect(parsed).toMatchObject({ kind: 'jwks', from: 'pem-map', skipped: [] });
    expect(parsed.keys.map((k) => [k.facts.kid, k.facts.kty, k.jwk.x5c?.length])).toEqual([
      ['rsa-kid', 'RSA', 1],
      ['ec-kid', 'EC', 1],
    ]);
  });

  it.each([
    ['RS256', 'rsa-kid', 'the PEM for kid "rsa-kid", a certificate: matched kid "rsa-kid"'],
    ['ES256', 'ec-kid', 'the PEM for kid "ec-kid", a certificate: matched kid "ec-kid"'],
  ])('verifies a %s token with the entry its kid names', async (alg, kid, source) => {
    expect(await verify(map, token(alg, kid))).toMatchObject({
      status: 'verified',
      keySource: source,
    });
  });

  it('without a kid, tries the entries that fit and names the one that verified', async () => {
    expect(await verify(map, token('ES256'))).toMatchObject({
      status: 'verified',
      keySource:
        'the PEM for kid "ec-kid", a certificate: the only key that fits ES256 (the token has no kid)',
    });
  });

  it('a kid naming the wrong certificate does not verify', async () => {
    const wrong = JSON.stringify({ 'ec-kid': PEM['ec-intermediate'], other: PEM['ec-leaf'] });
    expect(await verify(wrong, token('ES256', 'ec-kid'))).toMatchObject({
      status: 'invalid',
      error: { code: 'ERR_SIGNATURE_INVALID' },
    });
  });

  it('an entry that is not a key is skipped with its kid, the others stay usable', () => {
    const parsed = set(
      JSON.stringify({
        bad: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
        good: PEM['ec-leaf'],
      }),
    );
    expect(parsed.keys.map((k) => k.facts.kid)).toEqual(['good']);
    expect(parsed.skipped).toHaveLength(1);
    expect(parsed.skipped[0]!.reason).toMatch(/^the PEM for kid "bad"|^The PEM for kid "bad"/);
  });

  it('a map with no usable entry is ERR_KEY_JWKS_EMPTY', () => {
    const parsed = parseKey(
      JSON.stringify({
        a: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----',
      }),
    );
    expect(parsed.ok ? undefined : parsed.error.code).toBe('ERR_KEY_JWKS_EMPTY');
  });

  it('an object whose values are not all PEM is still read as a JWK', () => {
    const parsed = parseKey(JSON.stringify({ a: PEM['ec-leaf'], b: 1 }));
    expect(parsed.ok ? undefined : parsed.error.code).toBe('ERR_KEY_JWK');
  });
});

describe('PEM blocks pasted together', () => {
  it('is read as a key set of public keys, one per block, in order', () => {
    const parsed = set(blocks);
    expect(parsed).toMatchObject({ kind: 'jwks', from: 'pem-blocks' });
    expect(parsed.keys.map((k) => k.label)).toEqual([
      'PEM block 1, a certificate',
      'PEM block 2, a certificate',
      'PEM block 3, a certificate',
    ]);
  });

  it('tries each block that fits and says which verified', async () => {
    expect(await verify(blocks, token('ES256', 'no-such-kid'))).toMatchObject({
      status: 'verified',
      keySource:
        'PEM block 3, a certificate: no key has kid "no-such-kid": a server matching by kid would reject this token; tried the 2 keys that fit ES256',
    });
  });

  it('a private key among the blocks is skipped with why; the public ones stay', () => {
    const privateKey = LEAF_KEY['ec-leaf'].export({ type: 'pkcs8', format: 'pem' }) as string;
    const parsed = set(privateKey + PEM['ec-leaf']);
    expect(parsed.keys).toHaveLength(1);
    expect(parsed.skipped[0]!.reason).toMatch(/^PEM block 1 is a private key: /);
  });

  it('a damaged block spoils the paste, as a damaged single PEM does', () => {
    const parsed = parseKey(
      PEM['ec-leaf'] + '-----BEGIN CERTIFICATE-----\nAA!A\n-----END CERTIFICATE-----',
    );
    expect(parsed.ok ? undefined : parsed.error.code).toBe('ERR_KEY_PEM');
  });

  it(`reads at most ${MAX_SET_ENTRIES} blocks`, () => {
    const parsed = set(PEM['ec-leaf'].repeat(MAX_SET_ENTRIES + 5));
    expect(parsed.keys).toHaveLength(MAX_SET_ENTRIES);
  });

  it('the JWKS list shows each block and which verified', async () => {
    const report = await inspectJwks(set(blocks), token('ES256'));
    expect(report.rows.map((r) => r.status)).toEqual(['unfit', 'invalid', 'verified']);
    expect(report.summary).toBe(
      'Key 3 verified the token: the token has no kid: tried the 2 keys that fit ES256.',
    );
  });
});
