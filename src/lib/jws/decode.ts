/**
 * Strict decoding of a compact JWS (3 parts) or JWE (5 parts), tolerant only
 * of the wrapping people paste along with a token. Each failure names the
 * part, the character and the cause.
 */
import { fail, ok, type Result, type TokenPart } from '../errors';
import {
  encodePart,
  findBase64urlProblem,
  hasNonZeroTrailingBits,
  decodeCheckedPart,
} from './base64url';
import type { JsonScan } from '../json/scan';
import { SIZE_LIMITS } from './limits';
import {
  B64_NOT_CRITICAL,
  readB64,
  readEncodedPayload,
  readPayloadText,
  type PayloadForm,
} from './payload';
import { HeaderCache, readJsonObject, type JsonPart } from './read-part';
import { cleanToken, type Wrapping } from './clean';

export { HeaderCache } from './read-part';
export { cleanToken, type Wrapping } from './clean';

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

/** A decoded compact JWS: a JWT when its payload is a claims set, else a JWS that is not one. */
export interface DecodedJws extends DecodedCommon {
  kind: 'jws';
  /** What the payload is: a JWT claims set, other JSON, text, or bytes (RFC 7515 allows any). */
  payloadForm: PayloadForm;
  /** The claims set; empty unless `payloadForm` is `claims`. */
  payload: JsonObject;
  /** The payload as an editor shows it: its JSON or text, or hex for bytes. */
  payloadText: string;
  payloadScan: JsonScan;
  /** RFC 7797: `b64: false` (listed in `crit`) signs the payload as it stands, unencoded. */
  unencoded: boolean;
  /** The token carries no payload (`header..signature`): the payload is the detached one given. */
  detached: boolean;
  signature: Uint8Array;
  /**
   * The text whose UTF-8 bytes are signed: `BASE64URL(header) || '.' ||
   * BASE64URL(payload)`, or with the payload as it stands when unencoded.
   */
  signingInput: string;
}

/** What decoding needs besides the text. */
export interface DecodeOptions {
  /** The payload of a detached JWS (`header..signature`), as the person gave it. */
  detachedPayload?: string;
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
export function decodeToken(
  input: string,
  headers?: HeaderCache,
  options: DecodeOptions = {},
): Result<DecodedToken> {
  if (input.length > SIZE_LIMITS.refused.chars)
    return fail('ERR_INPUT_TOO_LARGE', `The token ${SIZE_LIMITS.refused.message}`);
  const { compact, start, stripped, bare } = cleanToken(input);
  if (compact === '')
    return fail('ERR_TOKEN_EMPTY', 'Paste a token: a JWT looks like xxxxx.yyyyy.zzzzz');
  let parts = compact.split('.');
  // RFC 7797: an unencoded payload is read as it stands, dots and all, so the
  // header says how to split the rest.
  const peeked = parts.length >= 3 ? peekHeader(parts[0]!, start, headers) : undefined;
  const b64 = peeked && !('enc' in peeked.value) ? readB64(peeked.value) : undefined;
  const unencoded = b64?.ok === true && b64.value.unencoded;
  const ignoredB64False = b64?.ok === true && b64.value.ignoredB64False === true;
  if (unencoded) {
    const last = compact.lastIndexOf('.');
    parts = [parts[0]!, compact.slice(parts[0]!.length + 1, last), compact.slice(last + 1)];
  }
  if (parts.length !== 3 && parts.length !== 5)
    return fail(
      ignoredB64False ? 'ERR_B64_NOT_CRITICAL' : 'ERR_TOKEN_PARTS',
      ignoredB64False ? B64_NOT_CRITICAL : countMessage(parts.length),
      { from: start, to: start + compact.length },
    );
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
    // An empty JWS payload is the detached form (RFC 7515 Appendix F, RFC 7797 §5.2).
    if (part === 'payload' && (unencoded || text === '')) continue;
    if (text === '' && (part === 'header' || part === 'ciphertext'))
      return fail('ERR_PART_EMPTY', `The ${partName(part)} is empty.`, {
        part,
        from: segment.from,
        to: segment.to,
      });
    // The header read ahead was checked already; in a bare token only '=' or a length can be wrong.
    const problem =
      (part === 'header' && peeked) || (bare && text.length % 4 !== 1 && !text.includes('='))
        ? undefined
        : findBase64urlProblem(text);
    if (problem) {
      const notCritical = ignoredB64False && part === 'payload';
      return fail(
        notCritical ? 'ERR_B64_NOT_CRITICAL' : 'ERR_PART_BASE64URL',
        notCritical
          ? `${B64_NOT_CRITICAL} (${problem.message}.)`
          : `The ${partName(part)} is not valid base64url: ${problem.message}.`,
        {
          part,
          from: segment.from + problem.position,
          to: segment.from + problem.position + 1,
        },
      );
    }
    if (text.endsWith('=')) noncanonical.push({ part, reason: 'padding' });
    else if (hasNonZeroTrailingBits(text)) noncanonical.push({ part, reason: 'trailing-bits' });
  }

  const header = peeked
    ? ({ ok: true, value: peeked } as const)
    : headers
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
  if (b64 && !b64.ok)
    return fail(b64.error.code, b64.error.message, {
      part: 'header',
      from: segments[0]!.from,
      to: segments[0]!.to,
    });
  return ok({ kind: 'jws', ...common, ...readJwsPayload(parts, unencoded, options) });
}

/** The header, read ahead when it decides how the parts split; undefined when it does not read. */
function peekHeader(
  encoded: string,
  start: number,
  headers: HeaderCache | undefined,
): JsonPart | undefined {
  if (findBase64urlProblem(encoded)) return undefined;
  const segment = { part: 'header' as const, from: start, to: start + encoded.length };
  const read = headers
    ? headers.read(encoded, segment)
    : readJsonObject('header', encoded, segment);
  return read.ok ? read.value : undefined;
}

/** The payload and signature of a JWS whose parts have been checked. */
function readJwsPayload(
  parts: string[],
  unencoded: boolean,
  options: DecodeOptions,
): Omit<DecodedJws, keyof DecodedCommon | 'kind'> {
  const [header, encoded, signature] = parts as [string, string, string];
  const detached = encoded === '';
  const raw = detached ? (options.detachedPayload ?? '') : encoded;
  const reading = unencoded || detached ? readPayloadText(raw) : readEncodedPayload(encoded);
  return {
    payloadForm: reading.form,
    payload: reading.claims,
    payloadText: reading.text,
    payloadScan: reading.scan,
    unencoded,
    detached,
    signature: decodeCheckedPart(signature),
    signingInput: `${header}.${unencoded || !detached ? raw : encodePart(raw)}`,
  };
}
