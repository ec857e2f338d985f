/**
 * The decoder's SD-JWT seam: a compact SD-JWT (RFC 9901 §4) is decoded as its
 * issuer-signed JWT, which the pipeline verifies like any JWS, and its
 * disclosures and key-binding JWT are kept for the SD-JWT engine (loaded on
 * demand). Without it, a presentation with a key-binding JWT, five dots in
 * all, read as a broken JWE.
 */
import type { Result } from '../errors';
import {
  cleanToken,
  decodeToken,
  type DecodedToken,
  type DecodeOptions,
  type HeaderCache,
} from '../jws/decode';
import { looksLikeSdJwt, splitSdJwt, type SdJwtParts } from '../sd-jwt/split';

/** A text decoded as a token, with its SD-JWT pieces when it is a presentation. */
export interface TokenDecoding {
  decoded: Result<DecodedToken>;
  sdJwt?: SdJwtParts;
}

/** Decode `text` as a JWS/JWE, or as an SD-JWT's issuer JWT when it is one. */
export function decodeTokenText(
  text: string,
  headers?: HeaderCache,
  options: DecodeOptions = {},
): TokenDecoding {
  // Without a "~" it is no SD-JWT: a plain token is cleaned once, by decodeToken.
  if (!text.includes('~')) return { decoded: decodeToken(text, headers, options) };
  const { compact, start } = cleanToken(text);
  if (!looksLikeSdJwt(compact)) return { decoded: decodeToken(text, headers, options) };
  const parts = splitSdJwt(compact);
  if (!parts.ok) return { decoded: parts };
  // The issuer JWT decoded where it stands, so its segments mark the pasted text.
  const decoded = decodeToken(text.slice(0, start + parts.value.issuerJwt.length), headers);
  return decoded.ok && decoded.value.kind === 'jws' ? { decoded, sdJwt: parts.value } : { decoded };
}
