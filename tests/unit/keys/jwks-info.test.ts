/**
 * The JWKS list: which key the token's kid names, which fit its alg, which
 * were tried and which verified, for tokens signed by node:crypto alone:
 * by kid, by alg, with no kid, with two candidates, and an unmatched kid.
 */
import { generateKeyPairSync } from 'node:crypto';
import { exportJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeToken, type DecodedJws } from '../../../src/lib';
import { inspectJwks } from '../../../src/lib/keys/jwks-info';
import { parseKey, type JwksKey } from '../../../src/lib/keys/parse';
import { keyOf, nodeSignedToken } from '../helpers/keys';

const jws = (token: string) => {
  const decoded = decodeToken(token);
  if (!decoded.ok || decoded.value.kind !== 'jws') throw new Error('not a JWS');
  return decoded.value as DecodedJws;
};
const setOf = (keys: object[]) => {
  const parsed = parseKey(JSON.stringify({ keys }));
  if (!parsed.ok || parsed.value.kind !== 'jwks') throw new Error('not a JWKS');
  return parsed.value as JwksKey;
};

describe('inspectJwks', async () => {
  const a = await keyOf('p256');
  const b = await keyOf('p384');
  const rsa = await keyOf('rsa');
  const set = setOf([
    { ...a.publicJwk, kid: 'a', alg: 'ES256', use: 'sig' },
    { ...b.publicJwk, kid: 'b' },
    { ...rsa.publicJwk, kid: 'r' },
  ]);
  const statuses = (report: Awaited<ReturnType<typeof inspectJwks>>) =>
    report.rows.map((r) => r.status);

  it('lists kid, type, alg, use and thumbprint without a token', async () => {
    const report = await inspectJwks(set);
    expect(report.rows.map((r) => [r.kid, r.type, r.alg, r.use])).toEqual([
      ['a', 'EC P-256', 'ES256', 'sig'],
      ['b', 'EC P-384', undefined, undefined],
      ['r', 'RSA 2048 bits', undefined, undefined],
    ]);
    expect(report.rows.every((r) => /^[A-Za-z0-9_-]{43}$/.test(r.thumbprint))).toBe(true);
    expect(report.summary).toBe('3 keys; no signed token to try them on.');
  });

  it('picks by kid', async () => {
    const report = await inspectJwks(
      set,
      jws(nodeSignedToken({ alg: 'ES384', kid: 'b' }, {}, b.privateKey)),
    );
    expect(statuses(report)).toEqual(['unfit', 'verified', 'unfit']);
    expect(report.rows[1]!.kidMatch).toBe(true);
    expect(report.summary).toBe('Key 2 (kid "b") verified the token: matched kid "b".');
  });

  it('picks by alg when the token has no kid', async () => {
    const report = await inspectJwks(
      set,
      jws(nodeSignedToken({ alg: 'RS256' }, {}, rsa.privateKey)),
    );
    expect(statuses(report)).toEqual(['unfit', 'unfit', 'verified']);
    expect(report.rows[0]!.reason).toContain('ES256');
    expect(report.summary).toBe(
      'Key 3 (kid "r") verified the token: the only key that fits RS256 (the token has no kid).',
    );
  });

  it('tries two candidate keys when there is no kid, and says which verified', async () => {
    const other = await exportJWK(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey);
    const two = setOf([
      { ...other, kid: 'old' },
      { ...a.publicJwk, kid: 'new' },
    ]);
    const report = await inspectJwks(two, jws(nodeSignedToken({ alg: 'ES256' }, {}, a.privateKey)));
    expect(statuses(report)).toEqual(['invalid', 'verified']);
    expect(report.summary).toBe(
      'Key 2 (kid "new") verified the token: the token has no kid: tried the 2 keys that fit ES256.',
    );
  });

  it('explains an unmatched kid: no key has it, the fitting ones are tried anyway', async () => {
    const report = await inspectJwks(
      set,
      jws(nodeSignedToken({ alg: 'ES256', kid: 'gone' }, {}, a.privateKey)),
    );
    expect(report.rows.some((r) => r.kidMatch)).toBe(false);
    expect(statuses(report)).toEqual(['verified', 'unfit', 'unfit']);
    expect(report.summary).toContain(
      'no key has kid "gone": a server matching by kid would reject this token',
    );
  });

  it('says when nothing fits', async () => {
    const ed = await keyOf('ed25519');
    const report = await inspectJwks(
      set,
      jws(nodeSignedToken({ alg: 'EdDSA' }, {}, ed.privateKey)),
    );
    expect(statuses(report)).toEqual(['unfit', 'unfit', 'unfit']);
    expect(report.summary).toContain('None of the 3 keys in this JWKS fits EdDSA');
  });

  it('marks a kid-matched key that does not verify as invalid', async () => {
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const report = await inspectJwks(
      set,
      jws(nodeSignedToken({ alg: 'ES256', kid: 'a' }, {}, stranger)),
    );
    expect(report.rows[0]!.kidMatch).toBe(true);
    expect(statuses(report)).toEqual(['invalid', 'unfit', 'unfit']);
    expect(report.summary).toBe('No key verified the token: matched kid "a".');
  });
});
