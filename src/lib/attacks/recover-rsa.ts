/**
 * Recover an RSA public key from two tokens it signed (RS256/384/512), as
 * rsa_sign2n does for the "algorithm confusion with no exposed key" attack:
 * s^e ≡ m (mod n) for each token, so n divides both s1^e − m1 and s2^e − m2
 * and, with luck, is their gcd once small factors are stripped. m is the
 * EMSA-PKCS1-v1_5 encoding of the signing input's hash (RFC 8017 §9.2).
 *
 * The cost is in the size of s^e: e · (bits of n) bits. For e = 3 that is a
 * few thousand bits and takes milliseconds; for e = 65537 and a 2048-bit key
 * it is 134 million bits, two powers of a few seconds each and a gcd that
 * Euclid's algorithm would run for hours: half-gcd.ts does it in one to a
 * few minutes (README, "Recovering an RSA public key"). So the exponents are
 * tried cheapest first, and the page runs this in a worker
 * (workers/recover.worker.ts) with progress.
 */
import { exportSPKI, importJWK, type JWK } from 'jose';
import { fail, ok, type Result } from '../errors';
import { decodePart, decodeTextPart, encodePart } from '../jws/base64url';
import { bitLength } from './bit-length';
import { gcd } from './half-gcd';

/** Exponents tried, cheapest first: 65537 is what keys use, 3 what old ones did. */
export const RECOVER_EXPONENTS: readonly bigint[] = [3n, 65537n];

/**
 * The most bits s^e may have: e = 65537 with a 4096-bit key, the largest the
 * page reads. A larger exponent (a caller's own list) would pass V8's BigInt
 * ceiling of 2^30 bits soon after, and each doubling doubles minutes of gcd.
 */
export const RECOVER_POWER_BITS = 65537 * 4096;

/**
 * Where recovery is: raising both signatures to e (numbers of `bitsTotal`
 * bits), or the gcd, with the bits of the smaller number it has left.
 */
export interface RecoverProgress {
  phase: 'power' | 'gcd';
  e: number;
  bitsLeft: number;
  bitsTotal: number;
}

/** Options of {@link recoverRsaKey}; the defaults are the page's. */
export interface RecoverOptions {
  exponents?: readonly bigint[];
  powerBits?: number;
  onProgress?: (progress: RecoverProgress) => void;
  /** Checked between steps of the gcd: aborting ends recovery with ERR_ATTACK_CANCELLED. */
  signal?: AbortSignal;
}

// RFC 8017 §9.2 note 1: the DER DigestInfo prefix of each hash.
const DIGEST_INFO: Record<string, { hash: string; prefix: number[] }> = {
  RS256: {
    hash: 'SHA-256',
    prefix: [
      0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
      0x05, 0x00, 0x04, 0x20,
    ],
  },
  RS384: {
    hash: 'SHA-384',
    prefix: [
      0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02,
      0x05, 0x00, 0x04, 0x30,
    ],
  },
  RS512: {
    hash: 'SHA-512',
    prefix: [
      0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03,
      0x05, 0x00, 0x04, 0x40,
    ],
  },
};

/** The longest token read: a signature of a 4096-bit key with room for claims. */
const TOKEN_LIMIT = 64 * 1024;
/** RSA keys of 1024 to 4096 bits: the signature is the modulus' length in bytes. */
const MIN_BYTES = 128;
const MAX_BYTES = 512;

/** The recovered public key, in the forms the workbench and the key editor take. */
export interface RecoveredKey {
  jwk: JWK;
  pem: string;
  bits: number;
  e: number;
  /** The small factors stripped off the gcd to reach the modulus. */
  stripped: number[];
}

interface SignedInput {
  s: bigint;
  m: bigint;
  bytes: number;
}

const toBigInt = (bytes: Uint8Array): bigint =>
  bytes.length
    ? BigInt(`0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`)
    : 0n;

function toBytes(value: bigint, length: number): Uint8Array {
  const hex = value.toString(16).padStart(length * 2, '0');
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** s^e mod n by square-and-multiply. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** Primes below 2^16, for stripping the small cofactors a gcd often keeps. */
function smallPrimes(limit = 65536): number[] {
  const composite = new Uint8Array(limit);
  const primes: number[] = [];
  for (let i = 2; i < limit; i++) {
    if (composite[i]) continue;
    primes.push(i);
    for (let j = i * i; j < limit; j += i) composite[j] = 1;
  }
  return primes;
}

async function readSigned(token: string, which: string): Promise<Result<SignedInput>> {
  const text = token.trim();
  if (text.length > TOKEN_LIMIT)
    return fail(
      'ERR_INPUT_TOO_LARGE',
      `The ${which} token has ${text.length} characters; recovery reads up to ${TOKEN_LIMIT}.`,
    );
  const parts = text.split('.');
  if (parts.length !== 3)
    return fail(
      'ERR_ATTACK_INPUT',
      `The ${which} token is not a compact JWS (three parts separated by dots).`,
    );
  let alg: unknown;
  let signature: Uint8Array;
  try {
    alg = (JSON.parse(decodeTextPart(parts[0]!)) as { alg?: unknown }).alg;
    signature = decodePart(parts[2]!);
  } catch {
    return fail('ERR_ATTACK_INPUT', `The ${which} token's header or signature cannot be read.`);
  }
  const digest = typeof alg === 'string' ? DIGEST_INFO[alg] : undefined;
  if (!digest)
    return fail(
      'ERR_ATTACK_INPUT',
      `The ${which} token is ${JSON.stringify(alg)}: recovery needs RS256, RS384 or RS512 (PKCS#1 v1.5 signatures).`,
    );
  const k = signature.length;
  if (k < MIN_BYTES || k > MAX_BYTES)
    return fail(
      'ERR_ATTACK_INPUT',
      `The ${which} token's signature has ${k} bytes: an RSA key of 1024 to 4096 bits signs ${MIN_BYTES} to ${MAX_BYTES}.`,
    );
  const hash = new Uint8Array(
    await crypto.subtle.digest(digest.hash, new TextEncoder().encode(`${parts[0]}.${parts[1]}`)),
  );
  // EM = 0x00 0x01 PS 0x00 T, PS being 0xff bytes that fill the modulus' length.
  const em = new Uint8Array(k).fill(0xff);
  const t = [...digest.prefix, ...hash];
  em[0] = 0;
  em[1] = 1;
  em[k - t.length - 1] = 0;
  em.set(t, k - t.length);
  return ok({ s: toBigInt(signature), m: toBigInt(em), bytes: k });
}

async function asKey(
  n: bigint,
  e: bigint,
  bytes: number,
  stripped: number[],
): Promise<RecoveredKey> {
  const eBytes = toBytes(e, Math.ceil(e.toString(16).length / 2));
  const jwk: JWK = { kty: 'RSA', n: encodePart(toBytes(n, bytes)), e: encodePart(eBytes) };
  const pem = await exportSPKI((await importJWK(jwk, 'RS256', { extractable: true })) as CryptoKey);
  return { jwk, pem, bits: bitLength(n), e: Number(e), stripped };
}

/**
 * The modulus behind both signatures for the exponent e: gcd(s1^e − m1,
 * s2^e − m2) without its small factors, if it fills the signatures' bytes and
 * turns both signatures back into their m. Undefined when stopped.
 */
function modulusFor(
  one: SignedInput,
  two: SignedInput,
  e: bigint,
  options: RecoverOptions,
): { n: bigint; stripped: number[] } | false | undefined {
  const bitsTotal = Number(e) * one.bytes * 8;
  const report = (phase: RecoverProgress['phase'], bitsLeft = bitsTotal) =>
    options.onProgress?.({ phase, e: Number(e), bitsLeft, bitsTotal });
  report('power');
  const first = one.s ** e - one.m;
  if (options.signal?.aborted) return undefined;
  const second = two.s ** e - two.m;
  let g = gcd(first, second, {
    shouldStop: () => options.signal?.aborted ?? false,
    onProgress: (bitsLeft) => report('gcd', bitsLeft),
  });
  if (g === undefined) return undefined;
  const stripped: number[] = [];
  for (const p of smallPrimes()) {
    const prime = BigInt(p);
    while (g % prime === 0n && g > prime) {
      g /= prime;
      stripped.push(p);
    }
  }
  const bits = one.bytes * 8;
  const size = bitLength(g);
  // A modulus fills its signature's bytes; it must also turn both signatures back into m.
  const fits =
    size > bits - 8 &&
    size <= bits &&
    modPow(one.s, e, g) === one.m % g &&
    modPow(two.s, e, g) === two.m % g;
  return fits && { n: g, stripped };
}

/**
 * The public key that signed both RS256/384/512 tokens, from the tokens alone,
 * or why it cannot be had (different key sizes, the same token twice, an
 * exponent whose numbers are past `powerBits`, cancelled by the signal).
 */
export async function recoverRsaKey(
  token1: string,
  token2: string,
  options: RecoverOptions = {},
): Promise<Result<RecoveredKey>> {
  const { exponents = RECOVER_EXPONENTS, powerBits = RECOVER_POWER_BITS } = options;
  const a = await readSigned(token1, 'first');
  if (!a.ok) return a;
  const b = await readSigned(token2, 'second');
  if (!b.ok) return b;
  const one = a.value;
  const two = b.value;
  if (one.bytes !== two.bytes)
    return fail(
      'ERR_ATTACK_INPUT',
      `The signatures have ${one.bytes} and ${two.bytes} bytes: two tokens of one key have signatures of one length.`,
    );
  if (one.s === two.s || one.m === two.m)
    return fail(
      'ERR_ATTACK_INPUT',
      'The two tokens sign the same thing: recovery needs two different tokens of the same key.',
    );
  const bits = one.bytes * 8;
  const tried: bigint[] = [];
  const refused: string[] = [];
  for (const e of exponents) {
    const powerSize = Number(e) * bits;
    if (powerSize > powerBits) {
      refused.push(
        `e = ${e} would make numbers of ${powerSize.toLocaleString('en')} bits, past the ${powerBits.toLocaleString('en')} this page allows (e = 65537 with a 4096-bit key): BigInts end at 2^30 bits, and each doubling of the numbers doubles minutes of gcd`,
      );
      continue;
    }
    tried.push(e);
    const found = modulusFor(one, two, e, options);
    if (found === undefined)
      return fail('ERR_ATTACK_CANCELLED', `Recovery was cancelled while trying e = ${e}.`);
    if (found) return ok(await asKey(found.n, e, one.bytes, found.stripped));
  }
  return fail(
    'ERR_ATTACK_INPUT',
    [
      tried.length
        ? `No modulus of ${bits} bits divides both with e = ${tried.join(', ')}: the tokens are not of one key, or its exponent is another.`
        : '',
      refused.length ? `Not tried: ${refused.join('; ')}.` : '',
    ]
      .filter(Boolean)
      .join(' '),
  );
}
