/**
 * Tokens and keys made in node (jose and node:crypto) for the end-to-end
 * tests: nothing here runs in the page.
 */
import { generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';

export const now = (): number => Math.floor(Date.now() / 1000);

export const b64url = (text: string | Buffer): string => Buffer.from(text).toString('base64url');

/** An HMAC secret as text (long enough for every HS* algorithm). */
export const SECRET = 'e2e-secret-7c1b9f03d6a54e28b0c4f1a9d2e6b7c8-0123456789abcdef';
export const OTHER_SECRET = 'e2e-other-secret-41d0a7b2c9e8f6a5b4c3d2e1f0a9b8c7-fedcba98';

/** Sign `claims` with HS256 and the text secret. */
export function hs256(
  claims: JWTPayload,
  secret = SECRET,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header })
    .sign(new TextEncoder().encode(secret));
}

/** Sign `claims` with an asymmetric private key. */
export function signWith(
  claims: JWTPayload,
  alg: string,
  key: KeyObject,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', ...header }).sign(key);
}

export interface KeyPairPem {
  privateKey: KeyObject;
  publicKey: KeyObject;
  spki: string;
}

const pair = (generated: { privateKey: KeyObject; publicKey: KeyObject }): KeyPairPem => ({
  ...generated,
  spki: generated.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
});

export const rsaPair = (): KeyPairPem => pair(generateKeyPairSync('rsa', { modulusLength: 2048 }));
export const ecPair = (namedCurve: 'P-256' | 'P-384' | 'P-521' | 'secp256k1'): KeyPairPem =>
  pair(generateKeyPairSync('ec', { namedCurve }));
export const ed25519Pair = (): KeyPairPem => pair(generateKeyPairSync('ed25519'));

/** A compact token from a header and payload given as text, with the signature given. */
export const compact = (header: string, payload: string, signature = ''): string =>
  `${b64url(header)}.${b64url(payload)}.${signature}`;

/**
 * `token` with one character of its encoded payload changed, such that the
 * payload still decodes to a UTF-8 JSON object (so the page must call it
 * invalid, not malformed). The signature is kept.
 */
export function tamperOneCharacter(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const original = Buffer.from(payload, 'base64url').toString('utf8');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  // Not the last character: its spare bits make some changes non-canonical.
  for (let i = 0; i < payload.length - 1; i++) {
    for (const c of alphabet) {
      if (c === payload[i]) continue;
      const changed = payload.slice(0, i) + c + payload.slice(i + 1);
      try {
        const text = utf8.decode(Buffer.from(changed, 'base64url'));
        const value: unknown = JSON.parse(text);
        if (text !== original && value && typeof value === 'object' && !Array.isArray(value))
          return `${header}.${changed}.${signature}`;
      } catch {
        // not UTF-8 or not JSON: try another character
      }
    }
  }
  throw new Error('no one-character change keeps the payload a JSON object');
}

/** An ES256K (secp256k1) token, which jose 6 no longer signs: made with node:crypto. */
export function es256k(claims: JWTPayload, privateKey: KeyObject): string {
  const input = `${b64url(JSON.stringify({ alg: 'ES256K', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  const signature = nodeSign('sha256', Buffer.from(input), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}
