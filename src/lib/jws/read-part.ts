/**
 * Reading a header (or a JSON payload) from its base64url part, with the
 * position of the first fault, and a cache for the header that keystroke
 * after keystroke stays the same.
 */
import { fail, ok, type Result } from '../errors';
import { charsOfByte, decodeTextPart } from './base64url';
import { lazyScan, scanJson, type JsonScan } from '../json/scan';
import type { JsonObject, TokenSegment } from './decode';

/** A JSON object part: the value, its text and its scan. */
export type JsonPart = { value: JsonObject; text: string; scan: JsonScan };

/**
 * The last header read, kept by whoever decodes keystroke after keystroke:
 * editing a payload leaves the header as it was. The objects are shared
 * between decodes, and nothing may change them.
 */
export class HeaderCache {
  #last: { encoded: string; read: JsonPart } | undefined;

  /** The header's reading, from the cache when the encoded header is unchanged. */
  read(encoded: string, segment: TokenSegment): Result<JsonPart> {
    if (this.#last?.encoded === encoded) return ok(this.#last.read);
    const read = readJsonObject('header', encoded, segment);
    if (read.ok) this.#last = { encoded, read: read.value };
    return read;
  }
}

/** Decode a part as a JSON object, or say where and why it is not one. */
export function readJsonObject(
  part: 'header' | 'payload',
  encoded: string,
  segment: TokenSegment,
): Result<JsonPart> {
  const where = { part, from: segment.from, to: segment.to, pyjwt: 'DecodeError' };
  let text: string;
  try {
    text = decodeTextPart(encoded);
  } catch (cause) {
    return fail(
      'ERR_PART_UTF8',
      `The ${part} decodes to bytes that are not UTF-8 text, so it cannot be JSON.`,
      {
        ...where,
        cause,
      },
    );
  }
  // JSON.parse is native and fast: the scanner runs only to explain a failure,
  // and later only if someone asks for member positions or duplicates.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const scanned = scanJson(text);
    const { message, line, column, position } = scanned.ok
      ? { message: 'not accepted by the JSON parser', line: 1, column: 1, position: 0 }
      : scanned.error;
    const at = line > 1 ? `line ${line}, column ${column}` : `character ${position + 1}`;
    // Mark the token characters that encode the faulty byte; a failure at the
    // very end (an unclosed object) marks the part's last character.
    const chars = charsOfByte(new TextEncoder().encode(text.slice(0, position)).length);
    return fail(
      'ERR_PART_JSON',
      `The ${part} is not valid JSON: ${message} at ${at} of the decoded ${part}.`,
      {
        ...where,
        from: Math.min(segment.from + chars.from, segment.to - 1),
        to: Math.min(segment.from + chars.to, segment.to),
      },
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    const code = part === 'header' ? 'ERR_HEADER_NOT_OBJECT' : 'ERR_PAYLOAD_NOT_OBJECT';
    const must =
      part === 'header'
        ? 'The header must be a JSON object'
        : 'The payload of a JWT must be a JSON object (the claims set)';
    return fail(code, `${must}; this one is ${kind}.`, where);
  }
  return ok({ value: value as JsonObject, text, scan: lazyScan(text, value) });
}
