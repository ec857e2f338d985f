/**
 * What a JWS payload is. RFC 7515 lets it be any bytes; only a JWT (RFC 7519
 * §7.2) requires a JSON object. So the payload is read as claims when it is a
 * JSON object, else as other JSON, UTF-8 text, or bytes shown as hex, and the
 * page says which. RFC 7797 (`b64: false`) is read here too: whether the
 * header asks for an unencoded payload, and which bytes are then signed.
 */
import { fail, ok, type Result } from '../errors';
import { lazyScan, type JsonScan } from '../json/scan';
import { decodeTextOrBytes } from './base64url';

/** The contract's `payload-form` values. */
export type PayloadForm = 'claims' | 'json' | 'text' | 'binary';

/** A payload read: its form, the claims (empty unless `claims`), and the text an editor shows. */
export interface PayloadReading {
  form: PayloadForm;
  claims: Record<string, unknown>;
  /** The JSON or text as decoded, or the bytes as hex for `binary`. */
  text: string;
  scan: JsonScan;
}

/** Words for each form, for the page (`payload-form`'s text). */
export const PAYLOAD_FORM_WORDS: Record<PayloadForm, string> = {
  claims: 'The payload is a JSON object: a JWT claims set.',
  json: 'A valid JWS, but its payload is not a JWT claims set: it is JSON, but not an object.',
  text: 'A valid JWS, but its payload is not a JWT claims set: it is text.',
  binary:
    'A valid JWS, but its payload is not a JWT claims set: its bytes are not UTF-8 text, so they are shown as hex.',
};

const NO_MEMBERS: JsonScan = { members: [], duplicates: [] };

/** Read a payload that is text (decoded, unencoded or detached). */
export function readPayloadText(text: string): PayloadReading {
  // Only text that could be JSON is parsed: a long sentence costs no exception.
  const start = text.trimStart()[0];
  if (start !== undefined && '{["-0123456789tfn'.includes(start)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { form: 'text', claims: {}, text, scan: NO_MEMBERS };
    }
    const scan = lazyScan(text, value);
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return { form: 'claims', claims: value as Record<string, unknown>, text, scan };
    return { form: 'json', claims: {}, text, scan };
  }
  return { form: 'text', claims: {}, text, scan: NO_MEMBERS };
}

/** Read a base64url payload part already checked to be base64url. */
export function readEncodedPayload(encoded: string): PayloadReading {
  const decoded = decodeTextOrBytes(encoded);
  return typeof decoded === 'string'
    ? readPayloadText(decoded)
    : { form: 'binary', claims: {}, text: toHex(decoded), scan: NO_MEMBERS };
}

/** Bytes as lower-case hex, 32 bytes a line, pairs apart: readable, and read back by {@link fromHex}. */
export function toHex(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 32) {
    const line = Array.from(bytes.subarray(i, i + 32), (b) => b.toString(16).padStart(2, '0'));
    lines.push(line.join(' '));
  }
  return lines.join('\n');
}

/** Hex as typed in the payload editor (white space anywhere) back to bytes. */
export function fromHex(text: string): Result<Uint8Array> {
  const digits = text.replace(/\s+/g, '');
  const bad = /[^0-9a-fA-F]/.exec(digits);
  if (bad)
    return fail(
      'ERR_PAYLOAD_HEX',
      `The payload is binary, shown as hex, and '${bad[0]}' is not a hex digit: type pairs of 0-9 and a-f.`,
      { part: 'payload' },
    );
  if (digits.length % 2)
    return fail(
      'ERR_PAYLOAD_HEX',
      `The payload's hex has an odd number of digits (${digits.length}): each byte is two.`,
      { part: 'payload' },
    );
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return ok(bytes);
}

/** How a header asks for its payload to be signed (RFC 7797 §3, §6). */
export interface B64Reading {
  unencoded: boolean;
  /** `b64: false`, but `crit` does not list it: verifiers that ignore it read base64url. */
  ignoredB64False?: true;
}

/**
 * Does this header ask for an unencoded payload? `b64` counts only when
 * `crit` lists it, as RFC 7797 §6 requires and jose does: otherwise a
 * verifier that does not know `b64` reads the payload as base64url.
 */
export function readB64(header: Record<string, unknown>): Result<B64Reading> {
  if (!('b64' in header)) return ok({ unencoded: false });
  const critical = Array.isArray(header.crit) && header.crit.includes('b64');
  const b64 = header.b64;
  if (!critical)
    return ok(b64 === false ? { unencoded: false, ignoredB64False: true } : { unencoded: false });
  if (typeof b64 !== 'boolean')
    return fail(
      'ERR_HEADER_B64',
      `The header's "b64" must be true or false (RFC 7797 §3), not ${JSON.stringify(b64)}.`,
      { part: 'header', pyjwt: 'InvalidTokenError' },
    );
  return ok({ unencoded: !b64 });
}

/** The message when `b64: false` is not listed in `crit` and the payload is not base64url. */
export const B64_NOT_CRITICAL =
  'The header says "b64": false, but "crit" does not list "b64", so verifiers ignore it (RFC 7797 §6 requires "crit": ["b64"]) and read the payload as base64url, which this payload is not. Add "crit": ["b64"] to the header if the payload is meant to be unencoded.';
