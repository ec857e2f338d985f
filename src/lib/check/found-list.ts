/**
 * The list of found tokens in words: for each, its kind, `alg`, issuer and
 * subject and the time it has left, so a person can tell an access token
 * from an ID token before choosing one. Read from the token's own text, and
 * only for the rows a page draws.
 */
import { ago, inTime } from '../claims/words';
import { decodeToken } from '../jws/decode';
import type { FoundToken } from '../find/types';
import { FOUND_KIND_WORDS } from './forms';

/** What a row of the list says about one found token, besides where it was. */
export interface FoundFacts {
  kind: string;
  alg?: string;
  iss?: string;
  sub?: string;
  /** The `exp` claim, when it is a number. */
  exp?: number;
}

/** Longest issuer or subject shown in a row: the rest is cut with "…". */
const MAX_SHOWN = 60;

const facts = new WeakMap<FoundToken, FoundFacts>();

const clip = (value: unknown): string | undefined =>
  typeof value !== 'string'
    ? undefined
    : value.length > MAX_SHOWN
      ? `${value.slice(0, MAX_SHOWN)}…`
      : value;

/** The facts of a found token (decoded once per token, and only when asked for). */
export function foundFacts(token: FoundToken): FoundFacts {
  const known = facts.get(token);
  if (known) return known;
  const read: FoundFacts = { kind: FOUND_KIND_WORDS[token.kind] };
  if (token.alg !== undefined) read.alg = clip(token.alg)!;
  const decoded = token.kind === 'compact-jws' ? decodeToken(token.text) : undefined;
  if (decoded?.ok && decoded.value.kind === 'jws') {
    const { iss, sub, exp } = decoded.value.payload;
    const [i, s] = [clip(iss), clip(sub)];
    if (i !== undefined) read.iss = i;
    if (s !== undefined) read.sub = s;
    if (typeof exp === 'number' && Number.isFinite(exp)) read.exp = exp;
  }
  facts.set(token, read);
  return read;
}

/** One row of the list: "signed JWS · RS256 · iss … · sub … · expires in 9 min". */
export function describeFound(token: FoundToken, now: number): string {
  const f = foundFacts(token);
  const time =
    f.exp === undefined
      ? token.kind === 'compact-jws'
        ? 'no exp'
        : undefined
      : f.exp > now
        ? `expires ${inTime(f.exp - now)}`
        : `expired ${ago(now - f.exp)}`;
  return [
    f.kind,
    f.alg,
    f.iss !== undefined ? `iss ${f.iss}` : undefined,
    f.sub !== undefined ? `sub ${f.sub}` : undefined,
    time,
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
}
