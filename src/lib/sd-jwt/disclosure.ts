/**
 * One disclosure (RFC 9901 §4.2): base64url of a JSON array, `[salt, name,
 * value]` for an object property or `[salt, value]` for an array element,
 * and its digest, the hash named by `_sd_alg` over the disclosure's
 * base64url text as it was written (not over a re-encoding).
 */
import { fail, ok, type Result } from '../errors';
import { decodeTextPart, encodePart, findBase64urlProblem } from '../jws/base64url';

/** A decoded disclosure. */
export interface Disclosure {
  /** From 1, in the token's order. */
  n: number;
  /** The base64url text, as written in the presentation. */
  text: string;
  salt: string;
  /** The claim name; absent for an array element. */
  name?: string;
  value: unknown;
}

/**
 * The hash names of the IANA "Named Information Hash Algorithm" registry
 * (RFC 9901 §4.1.1 points there), with the WebCrypto name for those a browser
 * computes; the truncated and SHA-3 ones are registered but not computed here.
 */
export const SD_HASH_NAMES: Record<string, string | undefined> = {
  'sha-256': 'SHA-256',
  'sha-384': 'SHA-384',
  'sha-512': 'SHA-512',
  'sha-256-128': undefined,
  'sha-256-120': undefined,
  'sha-256-96': undefined,
  'sha-256-64': undefined,
  'sha-256-32': undefined,
  'sha3-224': undefined,
  'sha3-256': undefined,
  'sha3-384': undefined,
  'sha3-512': undefined,
  'blake2s-256': undefined,
  'blake2b-256': undefined,
  'blake2b-512': undefined,
  'k12-256': undefined,
  'k12-512': undefined,
};

/** The `_sd_alg` a payload names (default `sha-256`), with its WebCrypto name when computable. */
export function sdHashOf(
  payload: Record<string, unknown>,
): Result<{ name: string; webCrypto: string }> {
  const named = payload['_sd_alg'] ?? 'sha-256';
  if (typeof named !== 'string' || !Object.hasOwn(SD_HASH_NAMES, named))
    return fail(
      'ERR_SD_ALG_UNKNOWN',
      `"_sd_alg" is ${JSON.stringify(named)}, not a hash name of the IANA Named Information registry (such as "sha-256"): no verifier can match the disclosures (RFC 9901 §4.1.1).`,
    );
  const webCrypto = SD_HASH_NAMES[named];
  if (!webCrypto)
    return fail(
      'ERR_SD_ALG_UNSUPPORTED',
      `"_sd_alg" is "${named}": a registered hash, but not one a browser computes (sha-256, sha-384, sha-512), so the disclosures cannot be matched here.`,
    );
  return ok({ name: named, webCrypto });
}

/** Decode disclosure `n` (from 1) of a presentation. */
export function decodeDisclosure(text: string, n: number): Result<Disclosure> {
  const problem = findBase64urlProblem(text);
  if (problem) return fail('ERR_SD_DISCLOSURE_BASE64URL', `Disclosure ${n}: ${problem.message}.`);
  let value: unknown;
  try {
    value = JSON.parse(decodeTextPart(text));
  } catch (cause) {
    return fail(
      'ERR_SD_DISCLOSURE_JSON',
      `Disclosure ${n} is not JSON once decoded: a disclosure is base64url of a JSON array such as ["salt", "name", "value"].`,
      { cause },
    );
  }
  const shape = `Disclosure ${n} is not [salt, name, value] (a claim) nor [salt, value] (an array element)`;
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3))
    return fail('ERR_SD_DISCLOSURE_SHAPE', `${shape}: it is ${describe(value)}.`);
  const [salt, ...rest] = value as unknown[];
  if (typeof salt !== 'string')
    return fail('ERR_SD_DISCLOSURE_SHAPE', `${shape}: its salt is not a string.`);
  if (rest.length === 1) return ok({ n, text, salt, value: rest[0] });
  const [name, claim] = rest;
  if (typeof name !== 'string')
    return fail('ERR_SD_DISCLOSURE_SHAPE', `${shape}: its claim name is not a string.`);
  return ok({ n, text, salt, name, value: claim });
}

/** The digest of a disclosure: base64url of the hash of its text's ASCII bytes. */
export async function digestOf(text: string, webCrypto: string): Promise<string> {
  const hash = await crypto.subtle.digest(webCrypto, new TextEncoder().encode(text));
  return encodePart(new Uint8Array(hash));
}

/** How many bits of randomness a salt carries at most: 6 per base64url character, 8 per byte otherwise. */
export function saltBits(salt: string): number {
  return /^[A-Za-z0-9_-]*$/.test(salt)
    ? salt.length * 6
    : new TextEncoder().encode(salt).length * 8;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return value === null ? 'null' : `a ${typeof value}`;
}
