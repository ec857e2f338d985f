/**
 * The compact SD-JWT (RFC 9901 §4): `<issuer-jwt>~<disclosure>~…~[<kb-jwt>]`.
 * Splitting is cheap and synchronous, so the decoder can tell an SD-JWT with a
 * key-binding JWT (five dots in all) from a five-part JWE before anything else
 * loads; the disclosures are read by the rest of this folder, on demand.
 */
import { fail, ok, type Result } from '../errors';

/** The most disclosures read from one presentation: more is no credential a person debugs. */
export const MAX_DISCLOSURES = 2_000;

/** The pieces of a compact SD-JWT, as written. */
export interface SdJwtParts {
  /** The issuer-signed JWT, verified like any JWS. */
  issuerJwt: string;
  /** Each disclosure's base64url text, in the token's order. */
  disclosures: string[];
  /** The key-binding JWT, when the presentation ends with one instead of `~`. */
  kbJwt?: string;
  /** What the key-binding JWT's `sd_hash` covers: everything up to and including the last `~`. */
  presentation: string;
}

const COMPACT_JWS = /^[A-Za-z0-9_=-]*\.[A-Za-z0-9_=-]*\.[A-Za-z0-9_=-]*$/;

/** True when `compact` is shaped like an SD-JWT: a compact JWS (base64url, two dots) before its first `~`. */
export function looksLikeSdJwt(compact: string): boolean {
  const tilde = compact.indexOf('~');
  if (tilde < 0) return false;
  // base64url and two dots only: a JSON text or a log line with a "~" in it is not one.
  return COMPACT_JWS.test(compact.slice(0, tilde));
}

/** Split a compact SD-JWT (surrounding whitespace already stripped). */
export function splitSdJwt(compact: string): Result<SdJwtParts> {
  if (!looksLikeSdJwt(compact))
    return fail(
      'ERR_SD_FORMAT',
      'This is not an SD-JWT: an SD-JWT starts with a signed JWT (header.payload.signature) followed by "~".',
    );
  const last = compact.lastIndexOf('~');
  const pieces = compact.slice(0, last).split('~');
  const issuerJwt = pieces.shift()!;
  if (pieces.length > MAX_DISCLOSURES)
    return fail(
      'ERR_SD_TOO_MANY',
      `The SD-JWT has ${pieces.length.toLocaleString('en')} disclosures; the page reads at most ${MAX_DISCLOSURES.toLocaleString('en')}.`,
    );
  const empty = pieces.indexOf('');
  if (empty >= 0)
    return fail(
      'ERR_SD_DISCLOSURE_EMPTY',
      `Disclosure ${empty + 1} is empty ("~~"): each "~" of an SD-JWT closes one disclosure, and none may be empty (RFC 9901 §4).`,
    );
  const tail = compact.slice(last + 1);
  if (tail !== '' && tail.split('.').length !== 3)
    return fail(
      'ERR_KB_FORMAT',
      'The text after the last "~" is neither empty nor a JWT: an SD-JWT without key binding ends with "~", and a key-binding JWT is header.payload.signature (RFC 9901 §4).',
    );
  return ok({
    issuerJwt,
    disclosures: pieces,
    ...(tail ? { kbJwt: tail } : {}),
    presentation: compact.slice(0, last + 1),
  });
}
