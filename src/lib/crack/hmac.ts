/**
 * HMAC-SHA-256/384/512 for guessing a token's secret, one guess at a time
 * without a WebCrypto call (whose promise and key import cost far more than
 * the hashing). HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)): only the
 * first block of each hash depends on the key, so the signing input's blocks
 * (its bytes, padding and length, and their message schedules) are prepared
 * once; a guess then costs 3 + (blocks of m) compressions and 3 schedule
 * expansions, where a plain HMAC would expand every block again.
 */
import { compress256, expand256, IV256 } from './sha256';
import { compress512, expand512, IV384, IV512 } from './sha512';

/** The HMAC algorithms a JWS may name. */
export type HmacAlg = 'HS256' | 'HS384' | 'HS512';

interface Family {
  /** Bytes per block, and Int32s per block. */
  block: number;
  /** Int32s in an expanded schedule. */
  schedule: number;
  /** Bytes of the length field. */
  lengthBytes: number;
  /** Bytes of the digest (SHA-384 is SHA-512's state cut short). */
  digest: number;
  iv: Int32Array;
  expand(w: Int32Array, o: number): void;
  compress(s: Int32Array, w: Int32Array, o: number): void;
}

const SHA256: Family = {
  block: 64,
  schedule: 64,
  lengthBytes: 8,
  digest: 32,
  iv: IV256,
  expand: expand256,
  compress: compress256,
};
const SHA384: Family = {
  block: 128,
  schedule: 160,
  lengthBytes: 16,
  digest: 48,
  iv: IV384,
  expand: expand512,
  compress: compress512,
};
const SHA512: Family = { ...SHA384, digest: 64, iv: IV512 };

export const FAMILY_OF: Readonly<Record<HmacAlg, Family>> = {
  HS256: SHA256,
  HS384: SHA384,
  HS512: SHA512,
};

/** Load big-endian words of bytes[from..to) into w from Int32 index o (w must be zeroed there). */
function loadWords(w: Int32Array, o: number, bytes: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const j = i - from;
    w[o + (j >> 2)]! |= bytes[i]! << (24 - 8 * (j & 3));
  }
}

/**
 * The expanded schedules of `message` padded as the tail of a hash whose
 * first `prefix` bytes (one block: the key's) came before it.
 */
function tailSchedules(f: Family, message: Uint8Array, prefix: number): Int32Array {
  const blocks = Math.ceil((message.length + 1 + f.lengthBytes) / f.block);
  const padded = new Uint8Array(blocks * f.block);
  padded.set(message);
  padded[message.length] = 0x80;
  const bits = (prefix + message.length) * 8;
  // Bit lengths here stay far below 2^53: write them as two 32-bit halves.
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);
  const w = new Int32Array(blocks * f.schedule);
  for (let b = 0; b < blocks; b++) {
    loadWords(w, b * f.schedule, padded, b * f.block, b * f.block + f.block);
    f.expand(w, b * f.schedule);
  }
  return w;
}

/** The plain hash of bytes[from..to): for keys longer than a block, which HMAC hashes first. */
export function hashBytes(f: Family, bytes: Uint8Array, from = 0, to = bytes.length): Uint8Array {
  const state = Int32Array.from(f.iv);
  const w = tailSchedules(f, bytes.subarray(from, to), 0);
  for (let o = 0; o < w.length; o += f.schedule) f.compress(state, w, o);
  return digestBytes(state, f.digest);
}

function digestBytes(state: Int32Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < length / 4; i++) view.setInt32(i * 4, state[i]!);
  return out;
}

/** Checks guesses of the secret that signed `message` into `signature`. */
export class HmacGuesser {
  readonly #f: Family;
  readonly #tail: Int32Array;
  readonly #target: Int32Array;
  readonly #key: Int32Array;
  readonly #w: Int32Array;
  readonly #inner: Int32Array;
  readonly #outer: Int32Array;

  constructor(alg: HmacAlg, message: Uint8Array, signature: Uint8Array = new Uint8Array(0)) {
    const f = FAMILY_OF[alg];
    this.#f = f;
    this.#tail = tailSchedules(f, message, f.block);
    this.#target = new Int32Array(f.digest / 4);
    // A signature of the wrong length matches no guess: the target stays unreachable.
    if (signature.length === f.digest) loadWords(this.#target, 0, signature, 0, signature.length);
    this.#wrongLength = signature.length !== f.digest;
    this.#key = new Int32Array(f.block / 4);
    this.#w = new Int32Array(f.schedule);
    this.#inner = new Int32Array(f.iv.length);
    this.#outer = new Int32Array(f.iv.length);
  }

  readonly #wrongLength: boolean;

  /** Run HMAC with the key bytes[from..to); the result is in the outer state. */
  #run(bytes: Uint8Array, from: number, to: number): void {
    const f = this.#f;
    const key = this.#key;
    const w = this.#w;
    key.fill(0);
    if (to - from > f.block) {
      const hashed = hashBytes(f, bytes, from, to);
      loadWords(key, 0, hashed, 0, hashed.length);
    } else loadWords(key, 0, bytes, from, to);
    const words = key.length;
    for (let i = 0; i < words; i++) w[i] = key[i]! ^ 0x36363636;
    f.expand(w, 0);
    const inner = this.#inner;
    inner.set(f.iv);
    f.compress(inner, w, 0);
    const tail = this.#tail;
    for (let o = 0; o < tail.length; o += f.schedule) f.compress(inner, tail, o);
    for (let i = 0; i < words; i++) w[i] = key[i]! ^ 0x5c5c5c5c;
    f.expand(w, 0);
    const outer = this.#outer;
    outer.set(f.iv);
    f.compress(outer, w, 0);
    // The outer hash's second block: the inner digest, 0x80, zeros, the bit length.
    const digestWords = f.digest / 4;
    for (let i = 0; i < digestWords; i++) w[i] = inner[i]!;
    w[digestWords] = 0x80000000 | 0;
    for (let i = digestWords + 1; i < words - 1; i++) w[i] = 0;
    w[words - 1] = (f.block + f.digest) * 8;
    f.expand(w, 0);
    f.compress(outer, w, 0);
  }

  /** Compressions one guess costs (a key longer than a block costs its own hash besides). */
  get compressions(): number {
    return 3 + this.#tail.length / this.#f.schedule;
  }

  /** Whether bytes[from..to) is the secret. */
  test(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
    if (this.#wrongLength) return false;
    this.#run(bytes, from, to);
    const outer = this.#outer;
    const target = this.#target;
    if (outer[0] !== target[0]) return false;
    for (let i = 1; i < target.length; i++) if (outer[i] !== target[i]) return false;
    return true;
  }

  /** The HMAC of the message under the key bytes[from..to). */
  mac(bytes: Uint8Array, from = 0, to = bytes.length): Uint8Array {
    this.#run(bytes, from, to);
    return digestBytes(this.#outer, this.#f.digest);
  }
}

/** HMAC of `message` under `key`, for tests and one-off checks. */
export function hmac(alg: HmacAlg, key: Uint8Array, message: Uint8Array): Uint8Array {
  return new HmacGuesser(alg, message).mac(key);
}
