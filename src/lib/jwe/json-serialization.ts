/**
 * The JWE half of the JSON serializations (RFC 7516 §7.2): decode, decrypt
 * with jose's `flattenedDecrypt` one recipient at a time, and encrypt with
 * `GeneralEncrypt` / `FlattenedEncrypt`. Loaded on demand with the JWE engine.
 */
export * from './json-decode';
export * from './json-decrypt';
export * from './json-encrypt';
