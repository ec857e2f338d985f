/** The token finder: every candidate token in pasted text, and where it was found. */
export * from './types';
export { findTokens } from './find';
export { readJoseHeader, type JoseHeader } from './compact';
