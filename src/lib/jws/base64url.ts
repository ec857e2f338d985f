/**
 * Checking a token part before jose decodes it, so a failure can name the
 * exact character, and so the non-canonical forms that decoders accept
 * silently (padding, trailing bits) are noticed.
 */
import { base64url } from 'jose';

/** Why a part is not plain base64url, with the offset of the first offender. */
export interface Base64urlProblem {
  position: number;
  message: string;
}

const ALPHABET = /[^A-Za-z0-9_-]/;
const LAST_CHAR_MASK: Record<number, number> = { 2: 0b001111, 3: 0b000011 };
const VALUE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The first character that is not base64url, with a hint for the usual suspects. */
export function findBase64urlProblem(part: string): Base64urlProblem | undefined {
  const bad = ALPHABET.exec(part);
  if (bad) {
    const ch = bad[0];
    const position = bad.index;
    // Padding is tolerated (and reported as a finding) when it is what the length needs.
    const padding = /^=+$/.test(part.slice(position));
    if (ch === '=' && padding && part.length % 4 === 0 && position % 4 >= 2) return undefined;
    const hint =
      ch === '+' || ch === '/'
        ? ` ('${ch}' belongs to standard base64; base64url uses '${ch === '+' ? '-' : '_'}')`
        : ch === '='
          ? padding
            ? ' (too much padding for the length of the part)'
            : ' (padding may only stand at the end)'
          : /\s/.test(ch)
            ? ' (a space or line break inside the token: was it wrapped when copied?)'
            : '';
    return {
      position,
      message: `'${printable(ch)}' at character ${position + 1} is not base64url${hint}`,
    };
  }
  if (part.length % 4 === 1)
    return {
      position: part.length - 1,
      message: `its length (${part.length}) is impossible for base64url: one character too many or missing`,
    };
  return undefined;
}

/** True when the last character carries bits that a canonical encoder sets to zero. */
export function hasNonZeroTrailingBits(part: string): boolean {
  const body = part.endsWith('=') ? part.replace(/=+$/, '') : part;
  const mask = LAST_CHAR_MASK[body.length % 4];
  if (mask === undefined || body.length === 0) return false;
  return (VALUE.indexOf(body[body.length - 1]!) & mask) !== 0;
}

/** Decode a part already checked with {@link findBase64urlProblem}. */
export function decodePart(part: string): Uint8Array {
  // `atob` would pass over spaces and '+' or '/': a part is only base64url.
  if (ALPHABET.test(part.endsWith('=') ? part.replace(/=+$/, '') : part))
    throw new TypeError('The part is not base64url.');
  return decodeCheckedPart(part);
}

/** {@link decodePart} for a part already checked with {@link findBase64urlProblem}. */
export function decodeCheckedPart(part: string): Uint8Array {
  if (part.length > SHORT_PART) return base64url.decode(part.replace(/=+$/, ''));
  return bytesOfPart(part.endsWith('=') ? part.replace(/=+$/, '') : part);
}

/** Each base64url character's six bits, by its code; the checked alphabet only. */
const SIXTETS = new Uint8Array(128);
for (let i = 0; i < VALUE.length; i++) SIXTETS[VALUE.charCodeAt(i)] = i;

/**
 * The bytes of a checked, unpadded part, four characters to three bytes:
 * twice as quick as `atob` and a copy byte by byte out of its string, for
 * the part a keystroke needs as bytes, the signature (342 characters in RS256).
 */
function bytesOfPart(body: string): Uint8Array {
  const n = body.length;
  if (n % 4 === 1) throw new TypeError('A base64url part cannot have a length of 4k + 1.');
  const out = new Uint8Array((n * 3) >> 2);
  const at = (i: number) => SIXTETS[body.charCodeAt(i) & 127]!;
  let o = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = (at(i) << 18) | (at(i + 1) << 12) | (at(i + 2) << 6) | at(i + 3);
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
    out[o++] = v & 255;
  }
  // Two characters left make one byte, three make two (a length of one is refused earlier).
  if (n - i >= 2) {
    const v = (at(i) << 18) | (at(i + 1) << 12) | (n - i === 3 ? at(i + 2) << 6 : 0);
    out[o++] = v >> 16;
    if (n - i === 3) out[o] = (v >> 8) & 255;
  }
  return out;
}

/**
 * Parts up to this length (a header, most payloads, every signature) are
 * decoded with `atob`: Chromium's `Uint8Array.fromBase64` costs about 2 µs a
 * call before its first byte (its options are read each time), three times
 * `atob`'s whole work on a JWT's payload, and a keystroke decodes three parts.
 */
const SHORT_PART = 8192;

/** `atob` of a base64url part: each character stands for one byte. */
function binaryOf(part: string): string {
  const body = part.endsWith('=') ? part.replace(/=+$/, '') : part;
  // String patterns, not regular expressions: no regex run for each part.
  return atob(body.replaceAll('-', '+').replaceAll('_', '/'));
}

function bytesOf(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The UTF-8 text of a part already checked with {@link findBase64urlProblem},
 * or its bytes when they are not UTF-8.
 */
export function decodeTextOrBytes(part: string): string | Uint8Array {
  if (part.length > SHORT_PART) {
    const bytes = decodeCheckedPart(part);
    try {
      return utf8.decode(bytes);
    } catch {
      return bytes;
    }
  }
  const binary = binaryOf(part);
  if (!NON_ASCII.test(binary)) return binary;
  const bytes = bytesOf(binary);
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes;
  }
}

const NON_ASCII = /[^\0-\x7f]/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The UTF-8 text of a part already checked with {@link findBase64urlProblem};
 * throws a TypeError when its bytes are not UTF-8. `atob` is the quickest
 * decoder in browsers, and JOSE headers and claims are mostly ASCII, whose
 * bytes already are the text.
 */
export function decodeTextPart(part: string): string {
  const binary = binaryOf(part);
  if (!NON_ASCII.test(binary)) return binary;
  return utf8.decode(bytesOf(binary));
}

/**
 * The characters of a part that encode byte `n` of its decoded bytes, `to`
 * exclusive: three bytes make four characters, byte k of a group sharing
 * characters k and k + 1.
 */
export function charsOfByte(n: number): { from: number; to: number } {
  const from = Math.floor(n / 3) * 4 + (n % 3);
  return { from, to: from + 2 };
}

/** Encode bytes or text as unpadded base64url. */
export function encodePart(input: Uint8Array | string): string {
  return base64url.encode(input);
}

function printable(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (ch === '\n') return '\\n';
  if (ch === '\t') return '\\t';
  if (code < 0x20 || code === 0x7f) return `\\u${code.toString(16).padStart(4, '0')}`;
  return ch;
}
