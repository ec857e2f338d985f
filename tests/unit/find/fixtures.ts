/**
 * Tokens for the finder's tests: signed and encrypted here by jose (real
 * tokens, not shapes), and the RFC 7515 A.1 JWS and RFC 7516 A.1/A.2 JWEs
 * from the vector files.
 */
import { readFileSync } from 'node:fs';
import * as jose from 'jose';
import { expect } from 'vitest';
import type { FoundToken } from '../../../src/lib/find';

const cases = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { cases: { id: string; token: string }[] }).cases;
const byId = (file: string, id: string) => cases(file).find((c) => c.id === id)!.token;

/** RFC 7515 A.1 (HS256, CR LF inside its header). */
export const A1 = byId('tests/vectors/rfc7515.json', 'rfc7515-a1-hs256-jwk');
/** RFC 7516 A.1 (RSA-OAEP, A256GCM). */
export const JWE_A1 = byId('tests/vectors/jwe/rfc7516.json', 'A.1');
/** RFC 7516 A.2 (RSA1_5, A128CBC-HS256). */
export const JWE_A2 = byId('tests/vectors/jwe/rfc7516.json', 'A.2');

const secret = new TextEncoder().encode('a-string-secret-at-least-256-bits-long');
const NOW = 1767225600; // 2026-01-01T00:00:00Z

/** An HS256 access token. */
export const ACCESS = await new jose.SignJWT({ scope: 'read write', client_id: 's6BhdRkqt3' })
  .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
  .setIssuer('https://server.example.com')
  .setSubject('alice')
  .setIssuedAt(NOW)
  .setExpirationTime(NOW + 3600)
  .sign(secret);

const rsa = await jose.generateKeyPair('RS256');
/** An RS256 ID token (2048-bit key: a 342-character signature). */
export const ID_TOKEN = await new jose.SignJWT({ nonce: 'n-0S6_WzA2Mj', name: 'Alice' })
  .setProtectedHeader({ alg: 'RS256', kid: '1e9gdk7' })
  .setIssuer('https://server.example.com')
  .setSubject('248289761001')
  .setAudience('s6BhdRkqt3')
  .setIssuedAt(NOW)
  .setExpirationTime(NOW + 600)
  .sign(rsa.privateKey);

const ec = await jose.generateKeyPair('ES256');
/** A DPoP proof (RFC 9449 §4.2): ES256, `typ: dpop+jwt`, the public key in `jwk`. */
export const DPOP_PROOF = await new jose.SignJWT({
  htm: 'GET',
  htu: 'https://resource.example.org/protectedresource',
  jti: 'e1j3V_bKic8-LAEB',
})
  .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await jose.exportJWK(ec.publicKey) })
  .setIssuedAt(NOW)
  .sign(ec.privateKey);

/** An ES256 JWT (an 86-character signature). */
export const ES_TOKEN = await new jose.SignJWT({ sub: 'bob' })
  .setProtectedHeader({ alg: 'ES256' })
  .setIssuedAt(NOW)
  .sign(ec.privateKey);

const cek = new Uint8Array(32).fill(7);
/** A compact JWE made by jose (dir, A256GCM). */
export const JWE = await new jose.CompactEncrypt(new TextEncoder().encode('{"sub":"alice"}'))
  .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'JWT' })
  .encrypt(cek);

const payload = new TextEncoder().encode('{"iss":"joe","exp":1300819380}');
/** A flattened JSON JWS (RFC 7515 §7.2.2). */
export const FLATTENED_JWS = await new jose.FlattenedSign(payload)
  .setProtectedHeader({ alg: 'HS256' })
  .setUnprotectedHeader({ kid: 'hmac' })
  .sign(secret);
const general = new jose.GeneralSign(payload);
general.addSignature(secret).setProtectedHeader({ alg: 'HS256' });
general.addSignature(ec.privateKey).setProtectedHeader({ alg: 'ES256' });
/** A general JSON JWS with two signatures (RFC 7515 §7.2.1). */
export const GENERAL_JWS = await general.sign();
/** A flattened JSON JWE (RFC 7516 §7.2.2). */
export const FLATTENED_JWE = await new jose.FlattenedEncrypt(payload)
  .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
  .encrypt(cek);
const generalJwe = new jose.GeneralEncrypt(payload).setProtectedHeader({ enc: 'A256GCM' });
generalJwe.addRecipient(cek).setUnprotectedHeader({ alg: 'A256KW' });
generalJwe
  .addRecipient((await jose.generateKeyPair('ECDH-ES+A128KW')).publicKey)
  .setUnprotectedHeader({ alg: 'ECDH-ES+A128KW' });
/** A general JSON JWE with two recipients (RFC 7516 §7.2.1). */
export const GENERAL_JWE = await generalJwe.encrypt();

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const DISCLOSURES = [
  b64(['2GLC42sKQveCfGfryNRN9w', 'given_name', 'Alice']),
  b64(['eluV5Og3gSNII8EYnsxA_A', 'family_name', 'Doe']),
];
const ISSUER_JWT = await new jose.SignJWT({
  _sd: ['09vKrJMOlyTWM0sjpu_pdOBVBQ2M1y3KhpH515nXkpY'],
  _sd_alg: 'sha-256',
})
  .setProtectedHeader({ alg: 'ES256', typ: 'dc+sd-jwt' })
  .setIssuer('https://issuer.example.com')
  .setIssuedAt(NOW)
  .sign(ec.privateKey);
/** An SD-JWT with two disclosures and no key binding (it ends with `~`). */
export const SD_JWT = `${ISSUER_JWT}~${DISCLOSURES.join('~')}~`;
const KB_JWT = await new jose.SignJWT({
  nonce: '1234567890',
  aud: 'https://verifier.example.org',
  sd_hash: 'abc',
})
  .setProtectedHeader({ alg: 'ES256', typ: 'kb+jwt' })
  .setIssuedAt(NOW)
  .sign(ec.privateKey);
/** The same SD-JWT with a key-binding JWT. */
export const SD_JWT_KB = `${SD_JWT}${KB_JWT}`;

/** Base64url of a JSON value, for hand-made headers. */
export const json64 = b64;

/** `text` cut into lines of `width` characters, each indented by `indent`. */
export function wrap(text: string, width: number, indent = ''): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(indent + text.slice(i, i + width));
  return lines.join('\n');
}

/** What a found token must say; fields left out are not checked. */
export type Expected = Partial<FoundToken> & Pick<FoundToken, 'text' | 'kind' | 'source' | 'where'>;

/**
 * Every listed token stands in the input at its `from`/`to` as written (a
 * rejoined one with the white space of its wrapping), and matches `expected`.
 */
export function expectFound(input: string, found: FoundToken[], expected: Expected[]): void {
  expect(found.map((t) => ({ ...t, text: short(t.text) }))).toMatchObject(
    expected.map((t) => ({ ...t, text: short(t.text) })),
  );
  expect(found.map((t) => t.text)).toEqual(expected.map((t) => t.text));
  for (const t of found) {
    if (t.from === undefined || t.to === undefined) continue;
    const written = input.slice(t.from, t.to);
    expect(t.note?.startsWith('rejoined') ? written.replace(/\s+/g, '') : written).toBe(t.text);
  }
}

/** Long tokens shortened in failure messages: head…tail keeps them apart. */
function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 30)}…${text.slice(-20)}(${text.length})` : text;
}
