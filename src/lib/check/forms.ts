/**
 * The token forms in words: what `token-form` says of the token shown, and
 * how the list of found tokens names each one's kind.
 */
import type { FoundKind } from '../find/types';
import type { TokenView } from './types';

/** Each form the page decodes, in words (RFC 7515 §7.1–7.2, RFC 7516 §7.1–7.2). */
export const FORM_WORDS: Record<TokenView['form'], string> = {
  'compact-jws': 'Compact JWS · signed',
  'compact-jwe': 'Compact JWE · encrypted',
  'sd-jwt': 'SD-JWT · selective disclosure',
  'sd-jwt-kb': 'SD-JWT+KB · selective disclosure with key binding',
  'json-jws-flattened': 'JWS, flattened JSON serialization · signed',
  'json-jws-general': 'JWS, general JSON serialization · signed',
  'json-jwe': 'JWE, JSON serialization · encrypted',
};

/** Each kind of token the finder recognises, in a few words. */
export const FOUND_KIND_WORDS: Record<FoundKind, string> = {
  'compact-jws': 'signed JWS',
  'compact-jwe': 'encrypted JWE',
  'json-jws': 'JWS in JSON serialization',
  'json-jwe': 'JWE in JSON serialization',
  'sd-jwt': 'SD-JWT',
};
