/**
 * The JSON serializations of JWS (RFC 7515 §7.2) and JWE (RFC 7516 §7.2):
 * telling which one a pasted object is, and the JWS half of the engine
 * (decode, verify with jose's `flattenedVerify`, sign with `GeneralSign` /
 * `FlattenedSign`). The JWE half is in `../jwe/json-serialization.ts`.
 */
export * from './json-read';
export * from './json-decode';
export * from './json-verify';
export * from './json-sign';
export { looksLikeJoseJson, MAX_JSON_ENTRIES } from './json-members';
export type { DecodedJweJson } from '../jwe/json-decode';
