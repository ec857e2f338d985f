/** The course's simulated server: requests in, responses and log lines out, tokens through the engine. */
export * from './types';
export { SimServer, COURSE_USERS, type ServerOptions } from './server';
export { KeyStore, type StoredKey, type ServerAlg } from './keys';
export { Denylist, RefreshFamilies, Sessions, type RotateOutcome, type Session } from './stores';
export { verifyToken, claimFailure, type ClaimPolicy, type TokenCheck } from './verify-token';
