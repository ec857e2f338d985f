/**
 * The token finder: every candidate token in pasted text, and where it was
 * found. `findTokens(text)` returns, in order of appearance, each compact
 * JWS/JWE, SD-JWT and JOSE JSON serialization with its `where` (for the
 * person), `source` (the innermost place: a header, a cookie, a JSON member,
 * a URL's query …) and `container` (the document: HAR, curl, HTTP, JSON, URL
 * or text), a JSONPath for JSON, and offsets where the token stands in the
 * text as written. A token found in several places is listed once per place,
 * the later ones with `sameAs` (the index of the first). At most
 * `MAX_FOUND` are listed (`truncated` counts the rest); text over the page's
 * 16 MB limit is refused with ERR_INPUT_TOO_LARGE. Nothing is fetched.
 */
export * from './types';
export { findTokens } from './find';
export { readJoseHeader, type JoseHeader } from './compact';
