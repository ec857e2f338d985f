/**
 * The JSON serializations of JWS (RFC 7515 §7.2) and JWE (RFC 7516 §7.2):
 * telling which one a pasted object is, and the JWS half of the engine
 * (decode, verify with jose's `flattenedVerify`, sign with `GeneralSign` /
 * `FlattenedSign`). The JWE half is in `../jwe/json-serialization.ts`.
 */
import { fail, type Result } from '../errors';
import { decodeJweJson, type DecodedJweJson } from '../jwe/json-decode';
import { decodeJwsJson, type DecodedJwsJson } from './json-decode';
import { readJsonObjectText } from './json-members';

export * from './json-decode';
export * from './json-verify';
export * from './json-sign';
export { looksLikeJoseJson, MAX_JSON_ENTRIES } from './json-members';
export type { DecodedJweJson } from '../jwe/json-decode';

/** A decoded JSON serialization, JWS or JWE. */
export type DecodedJoseJson = DecodedJwsJson | DecodedJweJson;

/** Decode a pasted JSON serialization: a JWS (`signatures` or `signature`) or a JWE (`ciphertext`). */
export function decodeJoseJson(text: string): Result<DecodedJoseJson> {
  const object = readJsonObjectText(text);
  if (!object.ok) return object;
  const value = object.value;
  if ('ciphertext' in value) return decodeJweJson(value);
  if ('signatures' in value || 'signature' in value) return decodeJwsJson(value);
  return fail(
    'ERR_JSON_MEMBER',
    'This JSON object is not a JWS or JWE JSON serialization: a JWS has "signatures" (general) or "signature" (flattened), a JWE has "ciphertext". A token endpoint response holds its tokens as strings in members such as "id_token".',
    { reason: 'missing' },
  );
}
