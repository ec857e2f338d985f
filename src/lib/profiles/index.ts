/** The token profiles judged by rules of their own: DPoP proofs (RFC 9449) and OpenID Connect tokens. */
export * from './dpop';
export * from './dpop-build';
export * from './oidc';
export { isDpopProof } from './dpop-rules';
export { cleanAccessToken } from './access-token';
export { comparableUri } from './htu';
export { athOf, oidcHashOf } from './hashes';
export * from './kind';
