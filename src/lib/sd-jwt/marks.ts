/**
 * What of a payload can be made selectively disclosable: every member of
 * every object and every element of every array, listed in the payload's
 * order with its path (the text `issueSdJwt` takes as a mark), so the page
 * can offer one checkbox each.
 */
import { fail, ok, type Result } from '../errors';
import { elementPath, memberPath } from './issue';

/** One claim or array element a person can mark. */
export interface Markable {
  /** `address.street_address`, `nationalities[1]`. */
  path: string;
  /** The member name, or `[i]` for an array element. */
  label: string;
  /** 0 for a top-level claim. */
  depth: number;
  /** The value in short, for a string, number, boolean or null. */
  preview?: string;
}

/** Claims a verifier must see to judge a credential (RFC 9901 §9.7 and SD-JWT VC): offered, but not ticked by habit. */
export const ALWAYS_PLAIN = new Set([
  'iss',
  'iat',
  'nbf',
  'exp',
  'cnf',
  'vct',
  'status',
  'sub_jwk',
]);

/** The most rows offered: a payload with more is not marked by hand. */
export const MAX_MARKABLE = 500;
const MAX_DEPTH = 20;
const PREVIEW_CHARS = 40;

/** The payload editor's text as an object to issue from. */
export function readSourcePayload(text: string): Result<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(
      'ERR_SD_ISSUE',
      'The payload is not JSON: an SD-JWT is issued from a JSON object of claims.',
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return fail('ERR_SD_ISSUE', 'The payload is not a JSON object of claims.');
  return ok(value as Record<string, unknown>);
}

/** Every claim and array element of `payload`, depth first, at most {@link MAX_MARKABLE}. */
export function markablePaths(payload: Record<string, unknown>): {
  rows: Markable[];
  cut: boolean;
} {
  const rows: Markable[] = [];
  let cut = false;
  const visit = (value: unknown, path: string, label: string, depth: number) => {
    if (rows.length >= MAX_MARKABLE) {
      cut = true;
      return;
    }
    const row: Markable = { path, label, depth };
    if (value === null || typeof value !== 'object') {
      const text = JSON.stringify(value);
      row.preview = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
    }
    rows.push(row);
    if (depth < MAX_DEPTH) children(value, path, depth + 1);
  };
  const children = (value: unknown, path: string, depth: number) => {
    if (Array.isArray(value))
      value.forEach((element, i) => visit(element, elementPath(path, i), `[${i}]`, depth));
    else if (value !== null && typeof value === 'object')
      for (const [name, member] of Object.entries(value))
        visit(member, memberPath(path, name), name, depth);
  };
  children(payload, '', 0);
  return { rows, cut };
}
