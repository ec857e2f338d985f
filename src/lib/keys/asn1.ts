/**
 * The little DER (ITU-T X.690) that re-wrapping PKCS#1 and SEC1 keys needs: read
 * a TLV, encode one, convert OIDs. Not a general ASN.1 library: single-byte tags
 * and definite lengths only, which is all that keys and certificates use.
 */
import { fail, ok, type Result } from '../errors';

/** One DER element: its tag byte and the byte offsets of its start, value and end (exclusive). */
export interface Tlv {
  tag: number;
  start: number;
  valueStart: number;
  end: number;
}

/** The universal and context tags that key structures use (X.690 §8). */
export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  set: 0x31,
  boolean: 0x01,
  utcTime: 0x17,
  generalizedTime: 0x18,
  context0: 0xa0,
  context3: 0xa3,
} as const;

// Indexed by universal tag number (X.690 §8.4); gaps are tags keys never use.
const UNIVERSAL_NAMES = ',BOOLEAN,INTEGER,BIT STRING,OCTET STRING,NULL,OBJECT IDENTIFIER'.split(
  ',',
);
// Certificates add these (X.690 §8.11, §8.25, §8.26).
const MORE_NAMES: Record<number, string> = {
  [TAG.set]: 'SET',
  [TAG.utcTime]: 'UTCTime',
  [TAG.generalizedTime]: 'GeneralizedTime',
};
function tagName(tag: number): string {
  if (tag === TAG.sequence) return 'SEQUENCE';
  if (MORE_NAMES[tag]) return MORE_NAMES[tag];
  if ((tag & 0xe0) === 0xa0) return `[${tag & 0x1f}]`;
  return UNIVERSAL_NAMES[tag] || `tag 0x${tag.toString(16).padStart(2, '0')}`;
}

// Never escapes: `readDer` turns it into a Result, so damaged DER is a value like
// every other user mistake, while deep parsing code stays free of error plumbing.
class DerError extends Error {
  at = 0;
}

/** Stop parsing because the DER is damaged at byte `at`; only call inside {@link readDer}. */
export function damaged(at: number, why: string): never {
  throw Object.assign(new DerError(why), { at });
}

/** Run a DER parse; damaged DER becomes an `ERR_KEY_PEM` failure that names the byte. */
export function readDer<T>(parse: () => T): Result<T> {
  try {
    return ok(parse());
  } catch (cause) {
    if (!(cause instanceof DerError)) throw cause;
    const message = `The key's DER structure is damaged at byte ${cause.at}: ${cause.message}.`;
    return fail('ERR_KEY_PEM', message, { reason: 'der' });
  }
}

/** Read the TLV that starts at byte `at` and must end by `limit`. */
export function readTlv(der: Uint8Array, at: number, limit: number = der.length): Tlv {
  const tag = der[at];
  if (tag === undefined || at >= limit)
    damaged(at, 'the data ends where another element should start');
  // High tag numbers (low five bits all set) never occur in keys or certificates.
  if ((tag & 0x1f) === 0x1f) damaged(at, `multi-byte ${tagName(tag)} is not used in keys`);
  const first = der[at + 1];
  if (first === undefined || at + 1 >= limit) damaged(at, `the ${tagName(tag)} has no length`);
  let length = first;
  let valueStart = at + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0) damaged(at + 1, 'indefinite length (BER) is not allowed in DER');
    if (count > 4) damaged(at + 1, `a ${count}-byte length is far larger than any key`);
    if (valueStart + count > limit) damaged(at + 1, `the ${tagName(tag)}'s length is cut off`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[valueStart + i] as number);
    valueStart += count;
  }
  const left = limit - valueStart;
  if (length > left)
    damaged(at, `the ${tagName(tag)} says ${length} bytes follow but only ${left} do`);
  return { tag, start: at, valueStart, end: valueStart + length };
}

function expectTlv(der: Uint8Array, at: number, limit: number, tag: number, what: string): Tlv {
  if (at >= limit) damaged(at, `${what} (${tagName(tag)}) is missing`);
  const tlv = readTlv(der, at, limit);
  if (tlv.tag !== tag) damaged(at, `expected ${what} (${tagName(tag)}), found ${tagName(tlv.tag)}`);
  return tlv;
}

/** Read the elements between `from` and `to` in order, each with the tag it must have. */
export function elementsIn(der: Uint8Array, from: number, to: number) {
  let at = from;
  return {
    /** The next element; `what` names it in the message when it is missing or has another tag. */
    next(tag: number, what: string): Tlv {
      const tlv = expectTlv(der, at, to, tag, what);
      at = tlv.end;
      return tlv;
    },
    /** The next element if it has `tag`, else `undefined` (for OPTIONAL fields). */
    optional(tag: number): Tlv | undefined {
      return at < to && der[at] === tag ? this.next(tag, '') : undefined;
    },
  };
}

/** Decode an OBJECT IDENTIFIER TLV to dotted form, e.g. `1.2.840.10045.2.1`. */
export function decodeOid(der: Uint8Array, tlv: Tlv): string {
  if (tlv.valueStart === tlv.end) damaged(tlv.start, 'the OBJECT IDENTIFIER is empty');
  // BigInt: OIDs such as 2.25.<uuid> have arcs past 2^53.
  const arcs: bigint[] = [];
  let arc = 0n;
  for (let at = tlv.valueStart; at < tlv.end; at++) {
    const byte = der[at] as number;
    if (arc === 0n && byte === 0x80) damaged(at, 'an OID arc starts with a padding 0x80 byte');
    arc = (arc << 7n) | BigInt(byte & 0x7f);
    if (byte & 0x80) continue;
    arcs.push(arc);
    arc = 0n;
  }
  if (der[tlv.end - 1]! & 0x80) damaged(tlv.end - 1, 'the OBJECT IDENTIFIER ends inside an arc');
  // X.690 §8.19.4: the first subidentifier packs the first two arcs as 40 * a + b.
  const head = arcs[0] as bigint;
  const top = head < 40n ? 0n : head < 80n ? 1n : 2n;
  return [top, head - top * 40n, ...arcs.slice(1)].join('.');
}

/** Encode a dotted OID as a whole OBJECT IDENTIFIER TLV; a malformed string is a programmer error. */
export function encodeOid(dotted: string): Uint8Array {
  if (!/^[0-2]\.\d+(\.\d+)*$/.test(dotted)) throw new TypeError(`not a dotted OID: ${dotted}`);
  const [a, b, ...rest] = dotted.split('.').map(BigInt) as [bigint, bigint, ...bigint[]];
  if (a < 2n && b >= 40n) throw new TypeError(`an OID's second arc must be below 40: ${dotted}`);
  const bytes: number[] = [];
  for (const arc of [a * 40n + b, ...rest]) {
    const groups = [Number(arc & 0x7fn)];
    for (let high = arc >> 7n; high > 0n; high >>= 7n) groups.unshift(Number(high & 0x7fn) | 0x80);
    bytes.push(...groups);
  }
  return encodeTlv(TAG.oid, Uint8Array.from(bytes));
}

/** Encode one TLV whose value is `parts` joined, with a minimal DER length. */
export function encodeTlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const lengthBytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthBytes.unshift(rest % 256);
  // X.690 §8.1.3: below 128 the length is one byte, otherwise its byte count comes first.
  const header = length < 0x80 ? [length] : [0x80 | lengthBytes.length, ...lengthBytes];
  return Uint8Array.from([tag, ...header, ...parts.flatMap((part) => [...part])]);
}
