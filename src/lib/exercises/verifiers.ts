/**
 * The pieces the exercises' flawed verifiers are built from. Each server does
 * one thing wrong and everything else as the page does: the correct parts go
 * through the page's own engine (lessons/tokens.ts realVerdict).
 */
import { decodePart, decodeTextPart } from '../jws/base64url';
import { jwsAlgorithm } from '../jws/algorithms';
import { hmacSign, realVerdict } from '../lessons/tokens';
import type { ExerciseVerdict } from './types';

/** The longest token a server reads. */
export const EXERCISE_TOKEN_LIMIT = 16 * 1024;

/** A token's header and claims, parsed as a naive server would (last member wins). */
export interface Parsed {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Header and claims of a compact token, or undefined when either is not a JSON object. */
export function parseToken(token: string): Parsed | undefined {
  const text = token.trim();
  if (text.length > EXERCISE_TOKEN_LIMIT) return undefined;
  const parts = text.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header: unknown = JSON.parse(decodeTextPart(parts[0]!));
    const claims: unknown = JSON.parse(decodeTextPart(parts[1]!));
    decodePart(parts[2]!);
    if (!isObject(header) || !isObject(claims)) return undefined;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: parts[2]! };
  } catch {
    return undefined;
  }
}

/** The page's own verdict with `key`, as accepted or refused. */
export async function pageAccepts(token: string, key: string): Promise<ExerciseVerdict> {
  const verdict = await realVerdict(token.trim(), key);
  return { accepted: verdict.status === 'verified', reason: verdict.message };
}

/** An HMAC check with raw key bytes (an empty key too), trusting the header's HS alg. */
export async function hmacAccepts(
  parsed: Parsed,
  keyBytes: Uint8Array,
  what: string,
): Promise<ExerciseVerdict> {
  const alg = jwsAlgorithm(String(parsed.header.alg));
  if (alg?.family !== 'HMAC' || !alg.hash)
    return {
      accepted: false,
      reason: `it expected an HMAC token, not "${String(parsed.header.alg)}"`,
    };
  const expected = await hmacSign(keyBytes, parsed.signingInput, alg.hash);
  return expected === parsed.signature
    ? { accepted: true, reason: `the HMAC matched with ${what}` }
    : { accepted: false, reason: `the HMAC did not match with ${what}` };
}

/** Refused before any check: the token does not parse. */
export const unreadable: ExerciseVerdict = {
  accepted: false,
  reason: 'it could not read the token: three base64url parts, a JSON header and JSON claims',
};
