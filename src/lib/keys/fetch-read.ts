/**
 * Reading what a key fetch answered (fetch-jwks.ts, fetch-vc-issuer.ts): JSON
 * with words when it is not, a JWKS laid out for the key box, where the
 * answer came from after redirects.
 */
import { fail, ok, type Result } from '../errors';
import { SIZE_LIMITS } from '../jws/limits';
import { formatJsonWithin } from '../json/scan';
import type { FetchedBody } from './fetch-body';

/** What was fetched, ready for the key box. */
export interface FetchedKeys {
  /** A JWKS as formatted JSON (as sent, when formatting would make it too long), or PEM certificates (x5u). */
  keyText: string;
  /** The URL the keys came from, after redirects. */
  keysUrl: string;
  via: 'jwks' | 'discovery' | 'x5u' | 'vc-issuer';
  /** The steps taken, in words ("read the discovery document at …"), each request with where it ended. */
  steps: string[];
  /** Redirects to another origin: the keys came from somewhere other than the address asked. */
  warnings: string[];
}

// Where an answer came from: the URL asked, or where its redirects ended.
export const place = (answer: FetchedBody) =>
  answer.url === answer.requested
    ? answer.url
    : `${answer.url} (asked at ${answer.requested}, redirected)`;

/** A warning when redirects took the request to another origin; the page names both. */
export function redirectWarnings(answer: FetchedBody, what: string): string[] {
  const from = new URL(answer.requested);
  const to = new URL(answer.url);
  if (from.origin === to.origin) return [];
  return [
    `${answer.requested} redirected from ${from.origin} to ${to.origin}: the ${what} came from ${to.host}.`,
  ];
}

export function readJson(answer: FetchedBody): Result<Record<string, unknown>> {
  const { text, url } = answer;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const start = text.trim().slice(0, 40).replace(/\s+/g, ' ');
    const html = /^<(!doctype|html)/i.test(start) ? ' (it is an HTML page)' : '';
    return fail(
      'ERR_FETCH_NOT_JSON',
      `${url} answered with something that is not JSON${html}${start ? `: it starts with "${start}"` : ': the answer is empty'}. A JWKS is a JSON object {"keys": [ … ]}.`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return fail(
      'ERR_FETCH_NO_KEYS',
      `${url} answered with JSON that is not an object; a JWKS is {"keys": [ … ]}.`,
    );
  return ok(value as Record<string, unknown>);
}

export function jwksOf(answer: FetchedBody, value: Record<string, unknown>): Result<FetchedKeys> {
  const { url } = answer;
  if (!Array.isArray(value.keys))
    return fail(
      'ERR_FETCH_NO_KEYS',
      `${url} answered with JSON, but it has no "keys" array, so it is not a JWKS (RFC 7517 §5)${typeof value.kty === 'string' ? ': it is a single JWK; paste it into the key box instead' : ''}.`,
    );
  if (value.keys.length === 0)
    return fail(
      'ERR_FETCH_NO_KEYS',
      `The JWKS at ${url} has an empty "keys" array: no keys to use.`,
    );
  // Indented only while that stays within what the key editor indents itself.
  const limit = SIZE_LIMITS.plain.chars;
  // Laid out from its own tokens: no recursion, and it stops as soon as it passes the limit.
  const indented = formatJsonWithin(answer.text, limit);
  const steps = [`read the JWKS at ${place(answer)}`];
  if (indented === undefined)
    steps.push(
      `the JWKS stands in the key box as sent (${answer.text.length.toLocaleString('en')} characters), not re-indented: indented it would pass ${(limit / 1e6).toLocaleString('en')} million characters`,
    );
  return ok({
    keyText: indented ?? answer.text,
    keysUrl: url,
    via: 'jwks',
    steps,
    warnings: redirectWarnings(answer, 'keys'),
  });
}
