/**
 * ES256K and Ed448 against tools that are not @noble/curves: tokens made by
 * PyJWT + cryptography and by the OpenSSL CLI (tests/vectors/noble, made by
 * scripts/make-noble-vectors.py) verify here, and tokens signed here verify
 * with PyJWT (Debian's /usr/bin/python3, where it is installed) and with
 * OpenSSL through node:crypto.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { execFileSync } from 'node:child_process';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decodeToken,
  jwsAlgorithm,
  KeyResolver,
  prepareSigningInput,
  signWith,
  verifyWith,
  type DecodedJws,
} from '../../../src/lib';
import { verifyCompact } from '../helpers/verify-compact';
import { keyOf } from '../helpers/keys';

interface Case {
  id: string;
  alg: string;
  token: string;
  key: string;
  signingKey: string;
  expect: 'verified' | 'invalid';
  claims: Record<string, unknown>;
}
const vectors = JSON.parse(
  readFileSync(new URL('../../vectors/noble/vectors.json', import.meta.url), 'utf8'),
) as { cases: Case[] };
const ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const bigOf = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex')}`);

async function signHere(alg: string, keyText: string, claims: object): Promise<string> {
  const input = prepareSigningInput(JSON.stringify({ alg, typ: 'JWT' }), JSON.stringify(claims));
  if (!input.ok) throw input.error;
  const algorithm = jwsAlgorithm(alg)!;
  const selection = await new KeyResolver().resolve(keyText, algorithm, 'sign', {
    secretEncoding: 'utf8',
  });
  const token = await signWith(input.value, algorithm, selection);
  if (!token.ok) throw token.error;
  return token.value;
}

describe('tokens made by PyJWT and OpenSSL', () => {
  it('cover ES256K, EdDSA with an Ed448 key, Ed448 and Ed25519', () => {
    expect(vectors.cases.map((c) => c.alg).sort()).toEqual(
      ['ES256K', 'ES256K', 'ES256K', 'EdDSA', 'Ed448', 'Ed25519'].sort(),
    );
  });

  it.each(vectors.cases)('$id: $expect with its public key', async (c) => {
    const decoded = decodeToken(c.token);
    if (!decoded.ok) throw decoded.error;
    expect(decoded.value.kind === 'jws' && decoded.value.payload).toMatchObject(c.claims);
    const verdict = await verifyCompact(c.token, c.key);
    expect(verdict.status, verdict.message).toBe(c.expect);
    if (c.expect === 'invalid') expect(verdict.error?.code).toBe('ERR_SIGNATURE_INVALID');
  });

  it.each(vectors.cases)('$id: $expect with its private key too', async (c) => {
    expect((await verifyCompact(c.token, c.signingKey)).status).toBe(c.expect);
  });

  it('the OpenSSL ES256K signature is high-S, which noble refuses by default but RFC 8812 allows', async () => {
    const c = vectors.cases.find((v) => v.id === 'openssl-es256k-high-s')!;
    const [head, payload, sig] = c.token.split('.') as [string, string, string];
    const signature = new Uint8Array(Buffer.from(sig, 'base64url'));
    expect(bigOf(signature.subarray(32)) > ORDER / 2n).toBe(true);
    const point = createPublicKey(c.key).export({ format: 'jwk' });
    const publicKey = Buffer.concat([
      Buffer.of(4),
      Buffer.from(point.x!, 'base64url'),
      Buffer.from(point.y!, 'base64url'),
    ]);
    // noble's Bitcoin-style default (lowS: true) says no: the page must turn it off.
    expect(secp256k1.verify(signature, Buffer.from(`${head}.${payload}`), publicKey)).toBe(false);
    expect((await verifyCompact(c.token, c.key)).status).toBe('verified');
  });

  it('a flipped bit in an Ed448 signature is invalid', async () => {
    const c = vectors.cases.find((v) => v.id === 'openssl-ed448')!;
    const sig = Buffer.from(c.token.split('.')[2]!, 'base64url');
    sig[10]! ^= 1;
    const token = `${c.token.slice(0, c.token.lastIndexOf('.'))}.${sig.toString('base64url')}`;
    expect((await verifyCompact(token, c.key)).status).toBe('invalid');
  });
});

describe('tokens signed here, checked outside', () => {
  const signers = vectors.cases.filter((c) => c.expect === 'verified');

  it.each(signers)('$alg with $id’s private key verifies with OpenSSL (node:crypto)', async (c) => {
    const token = await signHere(c.alg, c.signingKey, { sub: 'signed-here' });
    const [head, payload, sig] = token.split('.') as [string, string, string];
    const signature = Buffer.from(sig, 'base64url');
    const publicKey = c.key.startsWith('{')
      ? createPublicKey({ key: JSON.parse(c.key) as never, format: 'jwk' })
      : createPublicKey(c.key);
    const hash = c.alg === 'ES256K' ? 'sha256' : null;
    const key = { key: publicKey, dsaEncoding: 'ieee-p1363' as const };
    expect(nodeVerify(hash, Buffer.from(`${head}.${payload}`), key, signature)).toBe(true);
    // noble signs low-S (deterministic RFC 6979): any verifier takes it, strict ones too.
    if (c.alg === 'ES256K') expect(bigOf(signature.subarray(32)) <= ORDER / 2n).toBe(true);
  });

  const python = '/usr/bin/python3';
  const hasPyJwt =
    existsSync(python) &&
    (() => {
      try {
        execFileSync(python, ['-c', 'import jwt, cryptography'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    })();

  // PyJWT knows ES256K and EdDSA (Ed25519 and Ed448 keys), not RFC 9864's names.
  it.skipIf(!hasPyJwt)(
    'PyJWT (Debian python3-jwt) verifies ES256K and EdDSA/Ed448 tokens signed here; skipped without /usr/bin/python3 and PyJWT',
    async () => {
      const jobs = await Promise.all(
        signers
          .filter((c) => c.alg === 'ES256K' || c.alg === 'EdDSA')
          .map(async (c) => ({
            alg: c.alg,
            key: c.key,
            token: await signHere(c.alg, c.signingKey, { sub: c.id }),
          })),
      );
      const script = `
import json, sys, jwt
from jwt.algorithms import get_default_algorithms
out = []
for job in json.load(sys.stdin):
    alg = get_default_algorithms()[job["alg"]]
    key = alg.from_jwk(job["key"]) if job["key"].startswith("{") else alg.prepare_key(job["key"])
    out.append(jwt.decode(job["token"], key, algorithms=[job["alg"]])["sub"])
print(json.dumps(out))`;
      const out = execFileSync(python, ['-c', script], { input: JSON.stringify(jobs) });
      expect(JSON.parse(String(out))).toEqual(
        signers.filter((c) => c.alg === 'ES256K' || c.alg === 'EdDSA').map((c) => c.id),
      );
    },
  );
});

describe('secp256k1 and Ed448 keys that are wrong', () => {
  it.each([
    [
      'a JWK whose d belongs to another key',
      async () => {
        const [a, b] = [await keyOf('secp256k1'), await keyOf('p256')];
        return JSON.stringify({ ...a.privateJwk, d: b.privateJwk.d });
      },
      'ES256K',
      'public key is not the one its private key makes',
    ],
    [
      'a point off the curve',
      async () => {
        const jwk = (await keyOf('secp256k1')).publicJwk;
        const y = Buffer.from(jwk.y!, 'base64url');
        y[31]! ^= 1;
        return JSON.stringify({ ...jwk, y: y.toString('base64url') });
      },
      'ES256K',
      'is not a point on the curve',
    ],
    [
      'an Ed448 x of 32 bytes',
      async () =>
        JSON.stringify({ kty: 'OKP', crv: 'Ed448', x: Buffer.alloc(32, 1).toString('base64url') }),
      'Ed448',
      '"x" is 32 bytes; on Ed448 it must be 57',
    ],
  ])('%s: ERR_KEY_JWK', async (_name, key, alg, message) => {
    const token = vectors.cases.find((c) => c.alg === alg)!.token;
    const verdict = await verifyCompact(token, await key());
    expect(verdict.status).toBe('key-error');
    expect(verdict.error?.code).toBe('ERR_KEY_JWK');
    expect(verdict.message).toContain(message);
  });

  it('a secp256k1 SEC1 key from OpenSSL signs, and its token verifies outside', async () => {
    const texts = await keyOf('secp256k1');
    const token = await signHere('ES256K', texts.sec1!, { sub: 'sec1' });
    const decoded = decodeToken(token);
    if (!decoded.ok || decoded.value.kind !== 'jws') throw new Error('not a JWS');
    const algorithm = jwsAlgorithm('ES256K')!;
    const selection = await new KeyResolver().resolve(texts.spki, algorithm, 'verify', {
      secretEncoding: 'utf8',
    });
    expect((await verifyWith(decoded.value as DecodedJws, algorithm, selection)).status).toBe(
      'verified',
    );
  });

  it('a public key cannot sign ES256K', async () => {
    const texts = await keyOf('secp256k1');
    await expect(signHere('ES256K', texts.spki, {})).rejects.toMatchObject({
      code: 'ERR_KEY_NOT_PRIVATE',
    });
  });
});
