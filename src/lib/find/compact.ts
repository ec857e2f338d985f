/**
 * Compact tokens inside a run of token characters: 3 (JWS) or 5 (JWE)
 * base64url parts joined by dots whose first part decodes to a JSON object
 * with a string `alg`, and SD-JWTs (`<jws>~<disclosure>~…~[<kb-jwt>]`).
 * Each part is decoded at most once, so the work stays linear in the text.
 */
import { decodeTextPart, findBase64urlProblem } from '../jws/base64url';

/** A JOSE header that made a part a token's start. */
export interface JoseHeader {
  alg: string;
  enc?: string;
}

/** A compact token found in a word, offsets in the text (`to` exclusive). */
export interface CompactCandidate {
  kind: 'compact-jws' | 'compact-jwe' | 'sd-jwt';
  from: number;
  to: number;
  header: JoseHeader;
}

/** How the end of a word leaves a token: unfinished, so the next line may continue it. */
export type OpenTail =
  /** A header and fewer parts than the token needs, up to the word's end. */
  | { state: 'parts'; from: number; header: JoseHeader }
  /** A whole token touching the word's end: its last part may still be cut. */
  | { state: 'last-part'; from: number; header: JoseHeader; kind: 'compact-jws' | 'compact-jwe' }
  /** A word without dots that starts like a header: the header itself may be cut. */
  | { state: 'header'; from: number };

/** The smallest header part: `{"alg":"x"}` is 11 bytes, 15 characters. */
const MIN_HEADER_CHARS = 15;

/** True for the characters of a compact token or SD-JWT: base64url, `.` and `~`. */
export function isTokenChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2d || // -
    code === 0x5f || // _
    code === 0x2e || // .
    code === 0x7e // ~
  );
}

const SEXTETS = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  .split('')
  .forEach((c, i) => (SEXTETS[c.charCodeAt(0)] = i));

const sextet = (text: string, at: number): number => SEXTETS[text.charCodeAt(at)] ?? -1;

/**
 * True when a part begins like base64url of a JSON object: its first 3 bytes,
 * white space skipped, hold a `{`. Rejects most words without decoding them
 * (decoded here by hand: `atob` is slow in node, and this runs on every word).
 */
export function startsLikeHeader(text: string, from = 0, to = text.length): boolean {
  if (to - from < 4) return false;
  const a = sextet(text, from);
  const b = sextet(text, from + 1);
  const c = sextet(text, from + 2);
  const d = sextet(text, from + 3);
  if (a < 0 || b < 0 || c < 0 || d < 0) return false;
  const bytes = ((a << 18) | (b << 12) | (c << 6) | d) >>> 0;
  for (let shift = 16; shift >= 0; shift -= 8) {
    const byte = (bytes >> shift) & 0xff;
    if (byte === 0x7b) return true;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  // Three bytes of white space: only decoding the whole part can tell.
  return true;
}

/** The header a part decodes to, when it is a JSON object with a string `alg`. */
export function readJoseHeader(text: string, from = 0, to = text.length): JoseHeader | undefined {
  if (to - from < MIN_HEADER_CHARS || !startsLikeHeader(text, from, to)) return undefined;
  const part = text.slice(from, to);
  if (findBase64urlProblem(part)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(decodeTextPart(part));
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { alg, enc } = value as Record<string, unknown>;
  if (typeof alg !== 'string') return undefined;
  return typeof enc === 'string' ? { alg, enc } : { alg };
}

/** The parts of a word: where each starts and ends, and the separator after it. */
class Parts {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** The separator after each part: '.', '~', or '' at the word's end. */
  readonly seps: string[] = [];

  constructor(text: string, from: number, to: number) {
    let start = from;
    for (let i = from; i < to; i++) {
      const c = text[i];
      if (c === '.' || c === '~') {
        this.push(start, i, c);
        start = i + 1;
      }
    }
    this.push(start, to, '');
  }

  private push(start: number, end: number, sep: string): void {
    this.starts.push(start);
    this.ends.push(end);
    this.seps.push(sep);
  }

  get length(): number {
    return this.starts.length;
  }

  /** How many parts follow `i` joined to it by dots, counting no further than `max`. */
  dottedAfter(i: number, max: number): number {
    let n = 0;
    while (n < max && this.seps[i + n] === '.') n++;
    return n;
  }
}

/** What {@link compactInWord} found. */
export interface WordScan {
  found: CompactCandidate[];
  /** Set when the word ends inside a token or a token ends with the word. */
  tail?: OpenTail;
}

/** The compact tokens and SD-JWTs in `text.slice(from, to)`, a run of token characters. */
export function compactInWord(text: string, from: number, to: number): WordScan {
  const parts = new Parts(text, from, to);
  const found: CompactCandidate[] = [];
  let tail: OpenTail | undefined;
  const n = parts.length;
  const header = (i: number) => readJoseHeader(text, parts.starts[i]!, parts.ends[i]!);
  for (let i = 0; i < n;) {
    const h = header(i);
    if (!h) {
      i++;
      continue;
    }
    const after = parts.dottedAfter(i, 5);
    // Five parts make a JWE even without `enc`: the decoder then says what is missing.
    const count = (h.enc !== undefined && after >= 4) || after === 4 ? 5 : after >= 2 ? 3 : 0;
    if (count === 0) {
      if (parts.seps[i + after] === '')
        tail = { state: 'parts', from: parts.starts[i]!, header: h };
      i += after + 1;
      continue;
    }
    const last = i + count - 1;
    const kind = count === 5 ? 'compact-jwe' : 'compact-jws';
    const sd =
      kind === 'compact-jws' && parts.seps[last] === '~'
        ? sdJwtEnd(parts, last + 1, header)
        : undefined;
    if (sd) {
      found.push({ kind: 'sd-jwt', from: parts.starts[i]!, to: sd.to, header: h });
      i = sd.next;
      continue;
    }
    found.push({ kind, from: parts.starts[i]!, to: parts.ends[last]!, header: h });
    if (parts.seps[last] === '')
      tail = { state: 'last-part', from: parts.starts[i]!, header: h, kind };
    i = last + 1;
  }
  if (!tail && n === 1 && found.length === 0 && startsLikeHeader(text, from, to))
    tail = { state: 'header', from };
  return tail ? { found, tail } : { found };
}

/**
 * Where an SD-JWT whose issuer-signed JWT ends just before part `k` (after a
 * `~`) ends: disclosures (parts without dots, each followed by `~`), then
 * an optional key-binding JWT.
 */
function sdJwtEnd(
  parts: Parts,
  k: number,
  header: (i: number) => JoseHeader | undefined,
): { to: number; next: number } {
  for (;;) {
    const start = parts.starts[k]!;
    const empty = start === parts.ends[k];
    if (!empty && parts.seps[k] === '~') {
      k++;
      continue;
    }
    if (!empty && parts.seps[k] === '.' && parts.dottedAfter(k, 3) === 2 && header(k)) {
      return { to: parts.ends[k + 2]!, next: k + 3 };
    }
    // The SD-JWT ends with the last `~`; whatever follows is read afresh.
    return { to: start, next: k };
  }
}
