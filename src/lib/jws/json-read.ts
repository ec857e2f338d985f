/**
 * Telling which JSON serialization a pasted object is, and decoding it:
 * light (no jose), so the page reads a pasted JSON token before the
 * verifying code has loaded.
 */
import { fail, type Result } from '../errors';
import { decodeJweJson, type DecodedJweJson } from '../jwe/json-decode';
import { decodeJwsJson, type DecodedJwsJson } from './json-decode';
import { readJsonObjectText } from './json-members';

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
