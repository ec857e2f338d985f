/**
 * Strict decoding of a compact JWS (3 parts) or JWE (5 parts), tolerant only
 * of the wrapping people paste along with a token. Each failure names the
 * part, the character and the cause.
 */
import { fail, ok, type Result, type TokenPart } from '../errors';
import {
  charsOfByte,
  decodePart,
  decodeTextPart,
  findBase64urlProblem,
  hasNonZeroTrailingBits,
} from './base64url';
import { lazyScan, scanJson, type JsonScan } from '../json/scan';
import { SIZE_LIMITS } from './limits';

/** Something stripped from around a pasted token before decoding. */
export type Wrapping = 'whitespace' | 'quotes' | 'authorization-header' | 'bearer';

/** A JSON object from a token: member names to values. */
export type JsonObject = Record<string, unknown>;

/** Where one part of the token stands in the text as typed (`to` exclusive). */
export interface TokenSegment {
  part: TokenPart;
  from: number;
  to: number;
}

/** A part that decodes, but not from its one canonical encoding. */
export interface NoncanonicalPart {
  part: TokenPart;
  reason: 'padding' | 'trailing-bits';
}

interface DecodedCommon {
  /** The compact token after stripping, exactly as it will be verified. */
  compact: string;
  /** What was stripped from around it. */
  stripped: Wrapping[];
  segments: TokenSegment[];
  header: JsonObject;
  /** The header's JSON text as it was encoded. */
  headerText: string;
  headerScan: JsonScan;
  alg: string;
  noncanonical: NoncanonicalPart[];
}

/** A decoded compact JWS. */
export interface DecodedJws extends DecodedCommon {
  kind: 'jws';
  payload: JsonObject;
  payloadText: string;
  payloadScan: JsonScan;
  signature: Uint8Array;
  /** `BASE64URL(header) || '.' || BASE64URL(payload)`: the bytes that are signed. */
  signingInput: string;
}

/** A compact JWE decoded as far as it can be without a key. */
export interface DecodedJwe extends DecodedCommon {
  kind: 'jwe';
  enc: string | undefined;
}

/** Either kind of decoded token. */
export type DecodedToken = DecodedJws | DecodedJwe;

const JWS_PARTS: TokenPart[] = ['header', 'payload', 'signature'];
const JWE_PARTS: TokenPart[] = ['header', 'encrypted_key', 'iv', 'ciphertext', 'tag'];
const QUOTES = new Set(['"', "'", '`']);
const BARE_TOKEN = /^[A-Za-z0-9_-][A-Za-z0-9_.=-]*$/;

/** Strip surrounding whitespace, quotes, `Authorization:` and `Bearer `, and say what went. */
export function cleanToken(input: string): {
  compact: string;
  start: number;
  stripped: Wrapping[];
} {
  // Most input is a bare token: nothing to strip.
  if (BARE_TOKEN.test(input)) return { compact: input, start: 0, stripped: [] };
  let start = 0;
  let end = input.length;
  const stripped = new Set<Wrapping>();
  for (let changed = true; changed;) {
    changed = false;
    const before = end - start;
    while (start < end && /\s/.test(input[start]!)) start++;
    while (end > start && /\s/.test(input[end - 1]!)) end--;
    if (end - start !== before) stripped.add('whitespace');
    const first = input[start];
    if (end - start >= 2 && first !== undefined && QUOTES.has(first) && input[end - 1] === first) {
      start++;
      end--;
      stripped.add('quotes');
      changed = true;
    }
    const rest = input.slice(start, Math.min(end, start + 40));
    const header = /^authorization\s*:\s*/i.exec(rest);
    if (header) {
      start += header[0].length;
      stripped.add('authorization-header');
      changed = true;
    }
    const bearer = /^bearer\s+/i.exec(input.slice(start, Math.min(end, start + 40)));
    if (bearer) {
      start += bearer[0].length;
      stripped.add('bearer');
      changed = true;
    }
  }
  return { compact: input.slice(start, end), start, stripped: [...stripped] };
}

const PART_NAMES: Record<TokenPart, string> = {
  header: 'header',
  payload: 'payload',
  signature: 'signature',
  encrypted_key: 'encrypted key',
  iv: 'initialization vector',
  ciphertext: 'ciphertext',
  tag: 'authentication tag',
};

/** Human name of a token part ("authentication tag"). */
export const partName = (part: TokenPart): string => PART_NAMES[part];

function countMessage(n: number): string {
  if (n === 1)
    return 'This has no dots, so it is not a JWT: a JWT is three base64url parts joined by dots (header.payload.signature), or five for an encrypted token. Opaque tokens cannot be decoded.';
  const hint =
    n === 2
      ? ' Is the signature missing? Even an unsigned token ends with a dot.'
      : n === 4
        ? ' A part was lost or added when copying.'
        : '';
  return `A JWT has 3 parts separated by dots (header.payload.signature), or 5 when encrypted (JWE); this has ${n}.${hint}`;
}

/**
 * Decode a pasted token: the first failure is returned as a value with a
 * stable code. `headers` lets a caller decoding edit after edit reuse the header.
 */
export function decodeToken(input: string, headers?: HeaderCache): Result<DecodedToken> {
  if (input.length > SIZE_LIMITS.refused.chars)
    return fail('ERR_INPUT_TOO_LARGE', `The token ${SIZE_LIMITS.refused.message}`);
  const { compact, start, stripped } = cleanToken(input);
  if (compact === '')
    return fail('ERR_TOKEN_EMPTY', 'Paste a token: a JWT looks like xxxxx.yyyyy.zzzzz');
  const parts = compact.split('.');
  if (parts.length !== 3 && parts.length !== 5)
    return fail('ERR_TOKEN_PARTS', countMessage(parts.length), {
      from: start,
      to: start + compact.length,
    });
  const names = parts.length === 3 ? JWS_PARTS : JWE_PARTS;
  const segments: TokenSegment[] = [];
  const noncanonical: NoncanonicalPart[] = [];
  let offset = start;
  for (let i = 0; i < parts.length; i++) {
    const text = parts[i]!;
    const part = names[i]!;
    const segment = { part, from: offset, to: offset + text.length };
    segments.push(segment);
    offset += text.length + 1;
    if (text === '' && (part === 'header' || part === 'payload' || part === 'ciphertext'))
      return fail('ERR_PART_EMPTY', `The ${partName(part)} is empty.`, {
        part,
        from: segment.from,
        to: segment.to,
      });
    const problem = findBase64urlProblem(text);
    if (problem)
      return fail(
        'ERR_PART_BASE64URL',
        `The ${partName(part)} is not valid base64url: ${problem.message}.`,
        {
          part,
          from: segment.from + problem.position,
          to: segment.from + problem.position + 1,
        },
      );
    if (text.endsWith('=')) noncanonical.push({ part, reason: 'padding' });
    else if (hasNonZeroTrailingBits(text)) noncanonical.push({ part, reason: 'trailing-bits' });
  }

  const header = headers
    ? headers.read(parts[0]!, segments[0]!)
    : readJsonObject('header', parts[0]!, segments[0]!);
  if (!header.ok) return header;
  const { value: headerObject, text: headerText, scan: headerScan } = header.value;
  if (!('alg' in headerObject))
    return fail(
      'ERR_HEADER_ALG_MISSING',
      'The header has no "alg": a JOSE header must say which algorithm protects the token.',
      {
        part: 'header',
        from: segments[0]!.from,
        to: segments[0]!.to,
        pyjwt: 'InvalidAlgorithmError',
      },
    );
  const alg = headerObject.alg;
  if (typeof alg !== 'string')
    return fail(
      'ERR_HEADER_ALG_NOT_STRING',
      `The header's "alg" must be a string, not ${JSON.stringify(alg)}.`,
      {
        part: 'header',
        from: segments[0]!.from,
        to: segments[0]!.to,
        pyjwt: 'InvalidAlgorithmError',
      },
    );
  const common = {
    compact,
    stripped,
    segments,
    header: headerObject,
    headerText,
    headerScan,
    alg,
    noncanonical,
  };

  if (parts.length === 5) {
    const enc = typeof headerObject.enc === 'string' ? headerObject.enc : undefined;
    return ok({ kind: 'jwe', ...common, enc });
  }
  const payload = readJsonObject('payload', parts[1]!, segments[1]!);
  if (!payload.ok) return payload;
  return ok({
    kind: 'jws',
    ...common,
    payload: payload.value.value,
    payloadText: payload.value.text,
    payloadScan: payload.value.scan,
    signature: decodePart(parts[2]!),
    signingInput: compact.slice(0, segments[2]!.from - start - 1),
  });
}

type JsonPart = { value: JsonObject; text: string; scan: JsonScan };

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

function readJsonObject(
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
