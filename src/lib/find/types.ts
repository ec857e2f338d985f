/**
 * What the token finder reports: each candidate token in a pasted text, the
 * form it has, and where it stood, in words for the person and as data for
 * the page.
 */

/** The forms of token the finder recognises. */
export type FoundKind = 'compact-jws' | 'compact-jwe' | 'json-jws' | 'json-jwe' | 'sd-jwt';

/**
 * The kind of place that held the token, the innermost one: a curl
 * command's `-H 'Authorization: Bearer …'` is `authorization`, its
 * `-d 'assertion=…'` is `form` (the command itself is the `container`).
 */
export type FoundSource =
  | 'authorization'
  | 'cookie'
  | 'set-cookie'
  | 'dpop'
  | 'header'
  | 'json'
  | 'url-query'
  | 'url-fragment'
  | 'url-path'
  | 'form'
  | 'text';

/** The kind of document the token was read from: the outermost place. */
export type FoundContainer = 'har' | 'curl' | 'http' | 'json' | 'url' | 'text';

/** One candidate token and where it was found. */
export interface FoundToken {
  /** The token exactly as it should be decoded (rejoined when it was wrapped). */
  text: string;
  kind: FoundKind;
  /** The header's `alg` (for a JSON serialization, the first one found), when it is a string. */
  alg?: string;
  /** Where it was found, for the person: "the Cookie header, cookie \"session\"". */
  where: string;
  source: FoundSource;
  container: FoundContainer;
  /** JSONPath of the string or object that held it, for tokens read from JSON (a HAR's own path for a HAR). */
  path?: string;
  /** Offsets of the token in the pasted text (`to` exclusive), where it stands there as written. */
  from?: number;
  to?: number;
  /** What was done to read it: "rejoined from 3 lines", "percent-decoded". */
  note?: string;
  /** Index of the first token in the list with the same text: found again in another place. */
  sameAs?: number;
}

/** Everything the finder found in one text. */
export interface FoundTokens {
  /** In order of appearance, at most {@link MAX_FOUND}. */
  tokens: FoundToken[];
  /** How many more were found and left out of `tokens`. */
  truncated: number;
}

/** The finder lists this many tokens at most: more is a dump, not something to choose from. */
export const MAX_FOUND = 100;
