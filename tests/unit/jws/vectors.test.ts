/**
 * Proves the test-vector files in tests/vectors/ are right, with jose alone.
 *
 * Nothing here touches our engine: each case is checked with jose's
 * `compactVerify`, with keys imported the plain way (`importJWK`, `importSPKI`,
 * `importX509`, `createLocalJWKSet`, PKCS#1 converted to SPKI with node:crypto,
 * secrets as bytes). The engine's own tests reuse these files and can trust them
 * because of this file.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';

type Expectation = 'verified' | 'invalid' | 'unsigned';

interface VectorCase {
  id: string;
  source: string;
  alg: string;
  token: string;
  key: string;
  keyFormat?: string;
  signingKey?: string;
  signingKeyFormat?: string;
  secretEncoding?: 'utf8' | 'base64url' | 'hex';
  expect: Expectation;
  payloadIsJson: boolean;
  time?: 'valid' | 'expired' | 'not-yet-valid';
  note?: string;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  payloadText?: string;
}

interface VectorFile {
  source: string;
  note: string;
  cases: VectorCase[];
  unsupported?: { library: string; alg: string; reason: string }[];
}

const DIR = new URL('../../vectors/', import.meta.url);
const EXPECTED_FILES = ['libraries.json', 'rfc7515.json', 'rfc7520-jws.json', 'rfc8037.json'];
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();
const load = (name: string): VectorFile =>
  JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as VectorFile;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

type Verifier = (token: string) => Promise<jose.CompactVerifyResult>;

function secretBytes(c: VectorCase): Uint8Array {
  switch (c.secretEncoding ?? 'utf8') {
    case 'utf8':
      return encoder.encode(c.key);
    case 'base64url':
      return jose.base64url.decode(c.key);
    case 'hex':
      expect(c.key).toMatch(/^(?:[0-9a-f]{2})+$/i);
      return new Uint8Array(Buffer.from(c.key, 'hex'));
    default:
      throw new Error(`${c.id}: unknown secretEncoding ${String(c.secretEncoding)}`);
  }
}

/** The key-box text's shape, read from the text itself. */
function shapeOf(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'none';
  if (trimmed.startsWith('-----BEGIN PUBLIC KEY-----')) return 'spki';
  if (trimmed.startsWith('-----BEGIN RSA PUBLIC KEY-----')) return 'pkcs1';
  if (trimmed.startsWith('-----BEGIN CERTIFICATE-----')) return 'x509';
  if (trimmed.startsWith('-----BEGIN PRIVATE KEY-----')) return 'pkcs8';
  if (trimmed.startsWith('-----BEGIN RSA PRIVATE KEY-----')) return 'pkcs1';
  if (trimmed.startsWith('-----BEGIN EC PRIVATE KEY-----')) return 'sec1';
  if (trimmed.startsWith('{')) {
    const parsed = JSON.parse(trimmed) as { keys?: unknown };
    return Array.isArray(parsed.keys) ? 'jwks' : 'jwk';
  }
  return 'secret';
}

/** A jose verifier for the case's `key` text, built the way a person's paste would be read. */
async function verifierFor(c: VectorCase): Promise<Verifier> {
  const options = { algorithms: [c.alg] };
  const shape = shapeOf(c.key);
  switch (shape) {
    case 'secret': {
      const secret = secretBytes(c);
      return (token) => jose.compactVerify(token, secret, options);
    }
    case 'spki': {
      const key = await jose.importSPKI(c.key, c.alg);
      return (token) => jose.compactVerify(token, key, options);
    }
    case 'pkcs1': {
      const spki = String(createPublicKey(c.key).export({ type: 'spki', format: 'pem' }));
      const key = await jose.importSPKI(spki, c.alg);
      return (token) => jose.compactVerify(token, key, options);
    }
    case 'x509': {
      const key = await jose.importX509(c.key, c.alg);
      return (token) => jose.compactVerify(token, key, options);
    }
    case 'jwk': {
      const jwk = JSON.parse(c.key) as jose.JWK;
      if (jwk.kty !== 'oct') expect(jwk.d, `${c.id}: key must be a public JWK`).toBeUndefined();
      const key = await jose.importJWK(jwk, c.alg);
      return (token) => jose.compactVerify(token, key, options);
    }
    case 'jwks': {
      const set = JSON.parse(c.key) as jose.JSONWebKeySet;
      expect(set.keys.length).toBeGreaterThanOrEqual(2);
      expect(set.keys.length).toBeLessThanOrEqual(3);
      for (const member of set.keys) expect(member.d).toBeUndefined();
      const getKey = jose.createLocalJWKSet(set);
      return (token) => jose.compactVerify(token, getKey, options);
    }
    default:
      throw new Error(`${c.id}: cannot verify with a key of shape ${shape}`);
  }
}

async function privateKeyFor(c: VectorCase, text: string) {
  switch (shapeOf(text)) {
    case 'pkcs8':
      return jose.importPKCS8(text, c.alg);
    case 'pkcs1':
    case 'sec1': {
      const pkcs8 = String(createPrivateKey(text).export({ type: 'pkcs8', format: 'pem' }));
      return jose.importPKCS8(pkcs8, c.alg);
    }
    case 'jwk': {
      const jwk = JSON.parse(text) as jose.JWK;
      expect(jwk.d, `${c.id}: signingKey must be a private JWK`).toBeDefined();
      return jose.importJWK(jwk, c.alg);
    }
    default:
      throw new Error(`${c.id}: signingKey is not a private key`);
  }
}

function parts(token: string): [string, string, string] {
  const split = token.split('.');
  expect(split).toHaveLength(3);
  return [split[0] ?? '', split[1] ?? '', split[2] ?? ''];
}

function timeOf(claims: Record<string, unknown>, now: number): string {
  if (typeof claims.nbf === 'number' && claims.nbf > now) return 'not-yet-valid';
  if (typeof claims.exp === 'number' && claims.exp <= now) return 'expired';
  return 'valid';
}

it('has the four vector files (any other JSON file there must use the same case format)', () => {
  expect(FILES).toEqual(expect.arrayContaining(EXPECTED_FILES));
});

for (const file of FILES) {
  const data = load(file);

  describe(file, () => {
    it('has a source, a note and uniquely named cases', () => {
      expect(data.source.length).toBeGreaterThan(0);
      expect(data.note.length).toBeGreaterThan(0);
      expect(data.cases.length).toBeGreaterThan(0);
      const ids = data.cases.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    for (const c of data.cases) {
      describe(c.id, () => {
        it('describes its token truthfully', () => {
          const [headerPart, payloadPart] = parts(c.token);
          const header = jose.decodeProtectedHeader(c.token);
          expect(header.alg).toBe(c.alg);
          if (c.header) expect(header).toEqual(c.header);
          if (c.keyFormat) expect(shapeOf(c.key)).toBe(c.keyFormat);
          if (c.signingKey && c.signingKeyFormat) {
            expect(shapeOf(c.signingKey)).toBe(c.signingKeyFormat);
          }
          expect(headerPart).toMatch(/^[A-Za-z0-9_-]+$/);
          const payloadText = decoder.decode(jose.base64url.decode(payloadPart));
          if (c.payloadIsJson) {
            const claims = JSON.parse(payloadText) as Record<string, unknown>;
            expect(claims).toEqual(c.claims);
            if (c.time) expect(timeOf(claims, Math.floor(Date.now() / 1000))).toBe(c.time);
          } else {
            expect(() => {
              const value: unknown = JSON.parse(payloadText);
              if (typeof value !== 'object' || value === null) throw new Error('not an object');
            }).toThrow();
            expect(payloadText).toBe(c.payloadText);
          }
          if (c.secretEncoding) expect(shapeOf(c.key)).toBe('secret');
        });

        if (c.expect === 'verified') {
          it('verifies with jose', async () => {
            const verify = await verifierFor(c);
            const result = await verify(c.token);
            expect(result.protectedHeader.alg).toBe(c.alg);
            const [, payloadPart] = parts(c.token);
            expect(jose.base64url.encode(result.payload)).toBe(payloadPart);
          });
        }

        if (c.expect === 'invalid') {
          it('fails signature verification with jose', async () => {
            const verify = await verifierFor(c);
            await expect(verify(c.token)).rejects.toMatchObject({
              code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
            });
          });
        }

        if (c.expect === 'unsigned') {
          it('is an unsecured JWS (alg none, empty signature) that jose refuses', async () => {
            expect(jose.decodeProtectedHeader(c.token).alg).toBe('none');
            expect(parts(c.token)[2]).toBe('');
            await expect(jose.compactVerify(c.token, new Uint8Array(32))).rejects.toThrow();
          });
        }

        const signingKey = c.signingKey;
        if (signingKey !== undefined) {
          it('has a signingKey that pairs with its key', async () => {
            const privateKey = await privateKeyFor(c, signingKey);
            const header: jose.CompactJWSHeaderParameters = { alg: c.alg };
            const kid = jose.decodeProtectedHeader(c.token).kid;
            if (kid !== undefined) header.kid = kid;
            const probe = await new jose.CompactSign(encoder.encode(`probe for ${c.id}`))
              .setProtectedHeader(header)
              .sign(privateKey);
            const verify = await verifierFor(c);
            await expect(verify(probe)).resolves.toBeDefined();
          });
        }
      });
    }
  });
}

describe('libraries.json coverage', () => {
  const data = load('libraries.json');
  const ALGS = [
    'HS256',
    'HS384',
    'HS512',
    'RS256',
    'RS384',
    'RS512',
    'PS256',
    'PS384',
    'PS512',
    'ES256',
    'ES384',
    'ES512',
    'EdDSA',
  ];
  const verifiedBy = (prefix: string) =>
    new Set(
      data.cases
        .filter((c) => c.source.startsWith(prefix) && c.expect === 'verified')
        .map((c) => c.alg),
    );

  it('has every algorithm from PyJWT and jose, and all but EdDSA from jsonwebtoken', () => {
    expect([...verifiedBy('PyJWT ')].sort()).toEqual([...ALGS].sort());
    expect([...verifiedBy('jose ')].sort()).toEqual([...ALGS].sort());
    expect([...verifiedBy('jsonwebtoken ')].sort()).toEqual(
      ALGS.filter((alg) => alg !== 'EdDSA').sort(),
    );
    expect(data.unsupported).toEqual([expect.objectContaining({ alg: 'EdDSA' })]);
  });

  it('gives keys in every form a person pastes', () => {
    const forms = new Set(data.cases.map((c) => c.keyFormat));
    for (const form of ['secret', 'spki', 'pkcs1', 'jwk', 'jwks', 'x509']) {
      expect(forms).toContain(form);
    }
    const privateForms = new Set(data.cases.map((c) => c.signingKeyFormat));
    for (const form of ['pkcs8', 'pkcs1', 'sec1', 'jwk']) expect(privateForms).toContain(form);
    const x509Algs = data.cases.filter((c) => c.keyFormat === 'x509').map((c) => c.alg);
    expect(x509Algs.some((alg) => /^(RS|PS)/.test(alg))).toBe(true);
    expect(x509Algs.some((alg) => alg.startsWith('ES'))).toBe(true);
    const encodings = new Set(data.cases.map((c) => c.secretEncoding).filter(Boolean));
    expect([...encodings].sort()).toEqual(['base64url', 'hex', 'utf8']);
  });

  it('has the special cases', () => {
    const byId = new Map(data.cases.map((c) => [c.id, c]));
    expect(byId.get('jsonwebtoken-hs256-expired')).toMatchObject({
      expect: 'verified',
      time: 'expired',
      claims: { exp: 1700000600 },
    });
    expect(byId.get('pyjwt-es256-not-yet-valid')).toMatchObject({
      expect: 'verified',
      time: 'not-yet-valid',
      claims: { nbf: 4102444800 },
    });
    expect(Array.isArray(byId.get('jose-rs256-aud-array')?.claims?.aud)).toBe(true);
    expect(byId.get('pyjwt-none')).toMatchObject({ expect: 'unsigned', alg: 'none' });
    expect(byId.get('jsonwebtoken-hs256-wrong-secret')).toMatchObject({ expect: 'invalid' });
    expect(byId.get('pyjwt-rs256-tampered')).toMatchObject({ expect: 'invalid' });
  });
});
