/**
 * Reading the members of a JWS or JWE JSON serialization (RFC 7515 §7.2,
 * RFC 7516 §7.2): the JSON object itself, its base64url members and its
 * header objects, each failure naming the member ("signature 2's protected
 * header"). Shared by the JWS and JWE readers.
 */
import { fail, ok, type Result } from '../errors';
import { decodeTextPart, findBase64urlProblem } from './base64url';
import type { JsonObject } from './decode';
import { SIZE_LIMITS } from './limits';
import { scanJson } from '../json/scan';

/**
 * The most signatures or recipients the page reads: each costs a key import
 * and a signature check or a key unwrap, and real tokens carry two or three.
 */
export const MAX_JSON_ENTRIES = 20;

/** Whether a text is meant as a JSON serialization: a JSON object, not a compact token. */
export const looksLikeJoseJson = (text: string): boolean => /^\s*\{/.test(text);

/** The pasted text as a JSON object, or the reason it is not one. */
export function readJsonObjectText(text: string): Result<JsonObject> {
  if (text.length > SIZE_LIMITS.refused.chars)
    return fail('ERR_INPUT_TOO_LARGE', `The token ${SIZE_LIMITS.refused.message}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const scanned = scanJson(text);
    const where = scanned.ok
      ? { message: 'not accepted by the JSON parser', line: 1, column: 1, position: 0 }
      : scanned.error;
    return fail(
      'ERR_PART_JSON',
      `This looks like a JSON serialization of a JWS or JWE, but it is not valid JSON: ${where.message} at line ${where.line}, column ${where.column}.`,
      { from: where.position, to: where.position + 1 },
    );
  }
  if (!isObject(value))
    return fail(
      'ERR_JSON_MEMBER',
      'A JWS or JWE JSON serialization is a JSON object { … }; this is not one.',
    );
  return ok(value);
}

/** True for a plain JSON object (not an array, not null). */
export const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Where a member stands, in words and as data: "signature 2's protected header". */
export interface MemberPlace {
  /** "the protected header", "signature 2's protected header", "recipient 1's encrypted key". */
  words: string;
  /** The signature or recipient, from 1, when the member belongs to one. */
  index?: number;
}

const details = (place: MemberPlace) => (place.index === undefined ? {} : { index: place.index });

/** A member that must be a base64url string, checked; `optional` lets it be absent. */
export function readBase64urlMember(
  object: JsonObject,
  name: string,
  place: MemberPlace,
  optional = false,
): Result<string | undefined> {
  const value = object[name];
  if (value === undefined) {
    if (optional) return ok(undefined);
    return fail('ERR_JSON_MEMBER', `${capital(place.words)} ("${name}") is missing.`, {
      ...details(place),
      reason: 'missing',
    });
  }
  if (typeof value !== 'string')
    return fail(
      'ERR_JSON_MEMBER',
      `${capital(place.words)} ("${name}") must be a base64url string, not ${kindOf(value)}.`,
      { ...details(place), reason: 'type' },
    );
  const problem = findBase64urlProblem(value);
  if (problem)
    return fail(
      'ERR_PART_BASE64URL',
      `${capital(place.words)} ("${name}") is not valid base64url: ${problem.message}.`,
      { ...details(place), reason: 'base64url' },
    );
  return ok(value);
}

/** A base64url-encoded protected header, decoded to its JSON object. */
export function readProtectedHeader(encoded: string, place: MemberPlace): Result<JsonObject> {
  let text: string;
  try {
    text = decodeTextPart(encoded);
  } catch (cause) {
    return fail(
      'ERR_PART_UTF8',
      `${capital(place.words)} decodes to bytes that are not UTF-8 text, so it cannot be JSON.`,
      { ...details(place), part: 'header', cause },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(
      'ERR_PART_JSON',
      `${capital(place.words)} is not valid JSON once decoded: ${JSON.stringify(text.slice(0, 40))}.`,
      { ...details(place), part: 'header' },
    );
  }
  if (!isObject(value))
    return fail(
      'ERR_HEADER_NOT_OBJECT',
      `${capital(place.words)} must be a JSON object; this one is ${kindOf(value)}.`,
      { ...details(place), part: 'header' },
    );
  return ok(value);
}

/** An unprotected header member: a JSON object when present. */
export function readHeaderObject(
  object: JsonObject,
  name: string,
  place: MemberPlace,
): Result<JsonObject | undefined> {
  const value = object[name];
  if (value === undefined) return ok(undefined);
  if (!isObject(value))
    return fail(
      'ERR_JSON_MEMBER',
      `${capital(place.words)} ("${name}") must be a JSON object, not ${kindOf(value)}.`,
      { ...details(place), reason: 'type' },
    );
  return ok(value);
}

/**
 * Join header parts into the one JOSE header they make; a member named in
 * two of them is refused, as RFC 7515 §7.2.1 and RFC 7516 §7.2.1 require
 * (otherwise which value counts depends on the library).
 */
export function joinHeaders(
  parts: { header: JsonObject | undefined; words: string }[],
  place: MemberPlace,
): Result<JsonObject> {
  const joined: JsonObject = {};
  const from: Record<string, string> = {};
  for (const { header, words } of parts) {
    if (!header) continue;
    for (const [name, value] of Object.entries(header)) {
      if (name in from)
        return fail(
          'ERR_JSON_HEADER_CONFLICT',
          `"${name}" is in both ${from[name]} and ${words} of ${place.words}: the header parts must not share a member name (RFC 7515 §7.2.1), or one library reads one value and another the other.`,
          { ...details(place), reason: name },
        );
      from[name] = words;
      joined[name] = value;
    }
  }
  return ok(joined);
}

/** The `alg` of a joined header, which must be a string. */
export function algOf(header: JsonObject, place: MemberPlace): Result<string> {
  if (!('alg' in header))
    return fail(
      'ERR_HEADER_ALG_MISSING',
      `${capital(place.words)} has no "alg", in neither its protected nor its unprotected header.`,
      { ...details(place), part: 'header' },
    );
  if (typeof header.alg !== 'string')
    return fail(
      'ERR_HEADER_ALG_NOT_STRING',
      `The "alg" of ${place.words} must be a string, not ${JSON.stringify(header.alg)}.`,
      { ...details(place), part: 'header' },
    );
  return ok(header.alg);
}

/**
 * The entries of a general serialization (`signatures` or `recipients`):
 * an array of objects, at least one and at most {@link MAX_JSON_ENTRIES}.
 */
export function readEntries(
  object: JsonObject,
  name: 'signatures' | 'recipients',
): Result<JsonObject[]> {
  const list = object[name];
  if (!Array.isArray(list))
    return fail('ERR_JSON_MEMBER', `"${name}" must be an array, not ${kindOf(list)}.`, {
      reason: 'type',
    });
  if (list.length === 0)
    return fail(
      'ERR_JSON_MEMBER',
      `"${name}" is an empty array: a general JSON serialization needs at least one.`,
      { reason: 'empty' },
    );
  if (list.length > MAX_JSON_ENTRIES)
    return fail(
      'ERR_JSON_TOO_MANY',
      `This serialization has ${list.length} ${name}; the page reads at most ${MAX_JSON_ENTRIES}, since each costs a key check. Real tokens carry two or three.`,
    );
  const notObject = list.findIndex((entry) => !isObject(entry));
  if (notObject >= 0)
    return fail(
      'ERR_JSON_MEMBER',
      `${name === 'signatures' ? 'Signature' : 'Recipient'} ${notObject + 1} must be a JSON object, not ${kindOf(list[notObject])}.`,
      { index: notObject + 1, reason: 'type' },
    );
  return ok(list as JsonObject[]);
}

/** Words for a JSON value's kind: "a number", "an array", "null". */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
