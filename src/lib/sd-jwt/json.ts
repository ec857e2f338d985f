/**
 * An SD-JWT in the JWS JSON Serialization (RFC 9901 §8): the issuer JWT is
 * the first signature's protected header, the payload and that signature;
 * the disclosures and the key-binding JWT sit in that signature's unprotected
 * header (`disclosures`, `kb_jwt`). It is read into the same pieces as the
 * compact form, whose text `sd_hash` covers (§8.1).
 */
import { fail, ok, type Result } from '../errors';
import type { DecodedJwsJson } from '../jws/json-decode';
import { MAX_DISCLOSURES, type SdJwtParts } from './split';

/** The SD-JWT pieces of a JSON serialization, and what it does against §8 without stopping the reading. */
export interface SdJwtJson {
  parts: SdJwtParts;
  notes: string[];
}

/** The SD-JWT in a JWS JSON serialization; undefined when its first header has no `disclosures` or `kb_jwt`. */
export function sdJwtOfJson(token: DecodedJwsJson): Result<SdJwtJson> | undefined {
  const [first, ...others] = token.signatures;
  const header = first?.unprotectedHeader;
  if (!first || !header || !('disclosures' in header || 'kb_jwt' in header)) return undefined;
  const disclosures = header['disclosures'] ?? [];
  if (
    !Array.isArray(disclosures) ||
    disclosures.some((d) => typeof d !== 'string' || d === '' || d.includes('~'))
  )
    return fail(
      'ERR_SD_FORMAT',
      'The unprotected header\'s "disclosures" must be an array of disclosures, each a non-empty base64url string (RFC 9901 §8.1).',
    );
  if (disclosures.length > MAX_DISCLOSURES)
    return fail(
      'ERR_SD_TOO_MANY',
      `The SD-JWT has ${disclosures.length.toLocaleString('en')} disclosures; the page reads at most ${MAX_DISCLOSURES.toLocaleString('en')}.`,
    );
  const kbJwt = header['kb_jwt'];
  if (kbJwt !== undefined && (typeof kbJwt !== 'string' || kbJwt.split('.').length !== 3))
    return fail(
      'ERR_KB_FORMAT',
      'The unprotected header\'s "kb_jwt" is not a JWT (header.payload.signature) (RFC 9901 §8.1).',
    );
  if (!first.protectedB64 || token.payloadMember === undefined || !token.b64)
    return fail(
      'ERR_SD_FORMAT',
      'This SD-JWT in JSON has no protected header or no base64url payload, so it has no issuer JWT in the compact form that "sd_hash" and verifiers use (RFC 9901 §8.1).',
    );
  const issuerJwt = `${first.protectedB64}.${token.payloadMember}.${first.signatureB64}`;
  const notes = others.some(
    (s) =>
      s.unprotectedHeader &&
      ('disclosures' in s.unprotectedHeader || 'kb_jwt' in s.unprotectedHeader),
  )
    ? [
        'A signature after the first has "disclosures" or "kb_jwt" in its header: RFC 9901 §8.3 allows them in the first only, and they were not read.',
      ]
    : [];
  if (others.length)
    notes.push(
      `Only the first signature's issuer JWT is checked as the SD-JWT; ${others.length === 1 ? 'the other signature is' : `the other ${others.length} signatures are`} over the same payload.`,
    );
  return ok({
    parts: {
      issuerJwt,
      disclosures: disclosures as string[],
      ...(typeof kbJwt === 'string' ? { kbJwt } : {}),
      presentation: `${[issuerJwt, ...(disclosures as string[])].join('~')}~`,
    },
    notes,
  });
}
