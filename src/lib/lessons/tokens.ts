/**
 * Token helpers for the lessons: signing and verifying through the page's
 * real engine, keys generated on the spot with jose, and the raw HMAC an
 * attacker would compute by hand.
 */
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, type JWK } from 'jose';
import { jwsAlgorithm } from '../jws/algorithms';
import { decodePart, encodePart } from '../jws/base64url';
import { checkClaims, type ClaimsReport } from '../claims/check-claims';
import { decodeToken } from '../jws/decode';
import { KeyResolver } from '../keys/resolve';
import { prepareSigningInput, signWith } from '../jws/sign';
import { algorithmOf, verifyWith, type SignatureVerdict } from '../jws/verify';

const encoder = new TextEncoder();

/** Sign `header` and `payload` with `key` (secret text, PEM or JWK) through the engine. */
export async function signToken(header: object, payload: object, key: string): Promise<string> {
  return signJsonText(JSON.stringify(header), JSON.stringify(payload), key);
}

/** Sign header and payload JSON exactly as written (duplicates kept) through the engine. */
export async function signJsonText(header: string, payload: string, key: string): Promise<string> {
  const input = prepareSigningInput(header, payload);
  if (!input.ok) throw input.error;
  const algorithm = jwsAlgorithm(input.value.alg);
  const selection = algorithm
    ? await new KeyResolver().resolve(key, algorithm, 'sign', {
        secretEncoding: 'utf8',
        kid: input.value.header.kid,
      })
    : undefined;
  const token = await signWith(
    input.value,
    algorithm,
    selection ?? { ok: true, value: { candidates: [], how: '' } },
  );
  if (!token.ok) throw token.error;
  return token.value;
}

/** The verdict the page itself gives `token` with `key`: decode, pick the key, verify. */
export async function realVerdict(token: string, key: string): Promise<SignatureVerdict> {
  const decoded = decodeToken(token);
  if (!decoded.ok)
    return { status: 'malformed', message: decoded.error.message, error: decoded.error };
  if (decoded.value.kind !== 'jws') return { status: 'needs-key', message: 'Not a JWS.' };
  const checked = algorithmOf(decoded.value.alg);
  if ('verdict' in checked) return checked.verdict;
  const selection = await new KeyResolver().resolve(key, checked.algorithm, 'verify', {
    secretEncoding: 'utf8',
    kid: decoded.value.header.kid,
  });
  return verifyWith(decoded.value, checked.algorithm, selection);
}

/** The page's claim verdicts for `token` at `now` with `leeway`. */
export function realClaims(token: string, now: number, leeway = 0): ClaimsReport | undefined {
  const decoded = decodeToken(token);
  if (!decoded.ok || decoded.value.kind !== 'jws') return undefined;
  return checkClaims(decoded.value.payload, {
    now,
    leeway,
    expectedIssuer: '',
    expectedAudience: '',
  });
}

/** HMAC-SHA-256 of `signingInput` with raw key bytes, base64url: what a forger computes. */
export const hmacSha256 = (keyBytes: Uint8Array, signingInput: string): Promise<string> =>
  hmacSign(keyBytes, signingInput, 'SHA-256');

/** HMAC of `signingInput` with raw key bytes (any length, empty too) and `hash`, base64url. */
export async function hmacSign(
  keyBytes: Uint8Array,
  signingInput: string,
  hash: 'SHA-256' | 'SHA-384' | 'SHA-512',
): Promise<string> {
  // WebCrypto refuses an empty HMAC key; RFC 2104 pads the key with zero bytes to the
  // block size, so an empty key and a single zero byte give the same MAC.
  const bytes = keyBytes.length ? keyBytes : new Uint8Array(1);
  const key = await crypto.subtle.importKey(
    'raw',
    bytes as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(signingInput));
  return encodePart(new Uint8Array(mac));
}

/** The base64url JSON of a header or payload object. */
export const encodeJson = (value: object): string => encodePart(JSON.stringify(value));

/** The JSON text inside a base64url token part. */
export const decodeJsonPart = (part: string): string => new TextDecoder().decode(decodePart(part));

/** A key pair made on the spot, as the text the key box takes, plus its public JWK. */
export interface LessonKeyPair {
  privatePem: string;
  publicPem: string;
  publicJwk: JWK;
  privateJwk: JWK;
}

/** Generate a fresh key pair for `alg` (RSA 2048 bits) with jose. */
export async function makeKeyPair(alg: 'RS256' | 'ES256'): Promise<LessonKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'RS256' ? { modulusLength: 2048 } : {}),
  });
  return {
    privatePem: await exportPKCS8(privateKey),
    publicPem: await exportSPKI(publicKey),
    publicJwk: await exportJWK(publicKey),
    privateJwk: await exportJWK(privateKey),
  };
}

/** A random secret of `bytes` bytes, as base64url text. */
export const randomSecret = (bytes = 32): string =>
  encodePart(crypto.getRandomValues(new Uint8Array(bytes)));
