/** The JWT Lab engine: framework-free, DOM-free, unit-tested in node. */
export * from './errors';
export * from './jws/algorithms';
export * from './json/scan';
export * from './jws/decode';
export * from './claims/check-claims';
export * from './jws/verify';
export * from './jws/sign';
export * from './keys/parse';
export * from './keys/fit';
export * from './keys/secret';
export * from './keys/resolve';
export * from './examples/list';
export * from './keys/webcrypto';
export { sampleToken, sampleJson, SAMPLE_SECRET } from './examples/sample';
export * from './check';
export * from './jws/limits';
export { formatIso, parseClock } from './claims/time';
export { stillFromLink, type LinkState } from './share/link';
