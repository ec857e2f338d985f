/**
 * The pieces every variant is built from: the token read once, a header
 * rewritten, a signature computed over the new signing input. The payload
 * part is kept exactly as the token carried it, so a variant differs from
 * the original only where its attack needs it to.
 */
import { fail, ok, type Result } from '../errors';
import { jwsAlgorithm } from '../jws/algorithms';
import { encodePart } from '../jws/base64url';
import { decodeToken, type JsonObject } from '../jws/decode';
import { hmacSign } from '../lessons/tokens';

/** Above this many characters a token is not attacked: ~40 variants each copy its payload. */
export const ATTACK_TOKEN_LIMIT = 256 * 1024;

/** The token to attack, split into what the variants reuse. */
export interface Target {
  header: JsonObject;
  alg: string;
  /** The header part as the token carried it (base64url). */
  headerB64: string;
  /** The payload part as the token carried it (base64url). */
  payload: string;
  /** The signature part as the token carried it (base64url). */
  signature: string;
}

const encoder = new TextEncoder();

/** Read the token to attack: a compact JWS with an attached, encoded payload. */
export function readTarget(token: string): Result<Target> {
  if (token.length > ATTACK_TOKEN_LIMIT)
    return fail(
      'ERR_INPUT_TOO_LARGE',
      `The token has ${token.length} characters; the attack workbench takes tokens up to ${ATTACK_TOKEN_LIMIT}, because it makes dozens of copies of it.`,
    );
  const decoded = decodeToken(token);
  if (!decoded.ok) return decoded;
  const jws = decoded.value;
  if (jws.kind !== 'jws')
    return fail(
      'ERR_ATTACK_INPUT',
      'This is an encrypted token (JWE): its variants are JWS attacks, so paste a signed token.',
    );
  if (jws.detached || jws.unencoded)
    return fail(
      'ERR_ATTACK_INPUT',
      'This token has a detached or unencoded payload (RFC 7797): paste one that carries its payload base64url-encoded.',
    );
  const [headerB64 = '', payload = '', signature = ''] = jws.compact.split('.');
  return ok({ header: jws.header, alg: jws.alg, headerB64, payload, signature });
}

/** The base64url JSON of a header. */
export const headerPart = (header: JsonObject): string => encodePart(JSON.stringify(header));

/** `header.payload.signature` with the header rewritten and the given signature (base64url). */
export function withHeader(target: Target, header: JsonObject, signature: string): string {
  return `${headerPart(header)}.${target.payload}.${signature}`;
}

/** A token with `header` and `payload`, HMAC-signed under `alg` with raw key bytes. */
export async function hmacToken(
  header: JsonObject,
  payload: string,
  key: Uint8Array | string,
): Promise<string> {
  const hash = jwsAlgorithm(String(header.alg))?.hash ?? 'SHA-256';
  const input = `${headerPart(header)}.${payload}`;
  const bytes = typeof key === 'string' ? encoder.encode(key) : key;
  return `${input}.${await hmacSign(bytes, input, hash)}`;
}

/** The HMAC algorithm of the target if it is one, else HS256. */
export const hmacAlgOf = (target: Target): string =>
  jwsAlgorithm(target.alg)?.family === 'HMAC' ? target.alg : 'HS256';
