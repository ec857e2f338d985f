/**
 * The gcd of two integers of any size in subquadratic time, on BigInt. It is
 * what recovering an RSA modulus from two signatures needs (recover-rsa.ts):
 * its numbers have e × (bits of n) bits, 134 million for e = 65537 and a
 * 2048-bit key, and Euclid's algorithm, one BigInt division as long as the
 * numbers per quotient, would run for hours on them.
 *
 * Here the quotients are found on leading bits, recursively: a half-gcd
 * (Knuth and Schönhage, in the shape of Möller, "On Schönhage's algorithm and
 * subquadratic integer gcd computation", Math. Comp. 77, 2008; Brent and
 * Zimmermann, Modern Computer Arithmetic §1.6). The full numbers are touched
 * only by a few multiplications per level of the recursion, which V8 does in
 * n log n time, and by shifts, which cost the bits they keep. The leaves run
 * Lehmer's algorithm on 50 leading bits in doubles.
 *
 * Correctness rests on one fact: an integer matrix of determinant ±1 applied
 * to a pair keeps the pair's gcd. A quotient read from truncated numbers may
 * be wrong near the truncation's precision; the pair it leaves still has the
 * same gcd, at worst negative or out of order, and signs, a swap or an exact
 * Euclid step put it right. The stopping bounds decide speed only.
 */
import { bitLength } from './bit-length';

/** A matrix [t00, t01, t10, t11] of determinant ±1: (a, b) becomes (t00·a + t01·b, t10·a + t11·b). */
type Matrix = readonly [bigint, bigint, bigint, bigint];

/** A pair reduced from another by `m`: a ≥ b ≥ 0. */
interface Reduced {
  m: Matrix;
  a: bigint;
  b: bigint;
}

/** What the gcd reports and asks as it goes. */
export interface GcdOptions {
  /** Called between the outer steps with the bits of the smaller number still to go. */
  onProgress?: (bitsLeft: number) => void;
  /** Asked at each level of the recursion: true ends the gcd, which then returns undefined. */
  shouldStop?: () => boolean;
  /** Numbers of fewer bits go to Lehmer's quadratic algorithm (a tuning knob, for tests). */
  threshold?: number;
}

/**
 * Numbers below this many bits go to Lehmer. In node, gcds of 2^21 bits took
 * the same time (within the noise of a shared machine) for any threshold from
 * 256 to 8192 bits: the multiplications of the upper levels dominate.
 */
const HALF_GCD_THRESHOLD = 4096;

/** Leading bits a Lehmer step reads: its cofactors then stay exact in a double. */
const LEAD = 50;

/** The share of the bits the outer loop hands to one half-gcd: a third, as GMP; 1/4 and 1/2 measured alike. */
const OUTER_SHARE = 1 / 3;

const IDENTITY: Matrix = [1n, 0n, 0n, 1n];

const STOPPED = Symbol('stopped');

/**
 * The cofactors [u0, v0, u1, v1] of the quotients that the leading bits x ≥ y
 * decide for sure, as doubles, stopping before a remainder under `floor`:
 * Jebelean's condition ("Improving the multiprecision Euclidean algorithm",
 * 1993) applied to both cofactors, since both numbers were truncated.
 * Undefined when not even the first quotient is sure.
 */
function leadingCofactors(x: number, y: number, floor: number): number[] | undefined {
  let u0 = 1;
  let v0 = 0;
  let u1 = 0;
  let v1 = 1;
  let steps = 0;
  while (y > 0) {
    // x, y < 2^50: the double quotient is off by at most one, which r shows.
    let q = Math.floor(x / y);
    let r = x - q * y;
    if (r < 0) {
      q--;
      r += y;
    } else if (r >= y) {
      q++;
      r -= y;
    }
    const u2 = u0 - q * u1;
    const v2 = v0 - q * v1;
    if (r < Math.max(Math.abs(u2), Math.abs(v2)) + floor) break;
    if (y - r < Math.max(Math.abs(u2 - u1), Math.abs(v2 - v1))) break;
    [x, y, u0, v0, u1, v1] = [y, r, u1, v1, u2, v2];
    steps++;
  }
  return steps ? [u0, v0, u1, v1] : undefined;
}

/**
 * One Lehmer step of a ≥ b: the quotients the leading bits decide, applied to
 * the whole numbers, if the result is a proper reduction that keeps b ≥ 2^s.
 */
function lehmerStep(a: bigint, b: bigint, s: number): Reduced | undefined {
  const h = bitLength(a) - LEAD;
  if (h <= 0) return undefined;
  const shift = BigInt(h);
  const c = leadingCofactors(Number(a >> shift), Number(b >> shift), s > h ? 2 ** (s - h) : 0);
  if (!c) return undefined;
  const m = [BigInt(c[0]!), BigInt(c[1]!), BigInt(c[2]!), BigInt(c[3]!)] as const;
  const a2 = m[0] * a + m[1] * b;
  const b2 = m[2] * a + m[3] * b;
  // A wrong quotient shows here; the caller then takes an exact step instead.
  if (b2 < 0n || a2 <= b2 || a2 > b || b2 >> BigInt(s) === 0n) return undefined;
  return { m, a: a2, b: b2 };
}

/** One exact Euclid step of a ≥ b with its matrix, unless the remainder falls under 2^s. */
function euclidStep(a: bigint, b: bigint, m: Matrix, s: bigint): Reduced | undefined {
  if (b >> s === 0n) return undefined;
  const q = a / b;
  const r = a - q * b;
  if (r >> s === 0n) return undefined;
  return { m: [m[2], m[3], m[0] - q * m[2], m[1] - q * m[3]], a: b, b: r };
}

/** x · y: first y, then x. */
const multiply = (x: Matrix, y: Matrix): Matrix => [
  x[0] * y[0] + x[1] * y[2],
  x[0] * y[1] + x[1] * y[3],
  x[2] * y[0] + x[3] * y[2],
  x[2] * y[1] + x[3] * y[3],
];

/** Make a reduced pair non-negative and ordered, keeping its matrix in step. */
function settle(m: Matrix, a: bigint, b: bigint): Reduced {
  let [t00, t01, t10, t11] = m;
  if (a < 0n) [a, t00, t01] = [-a, -t00, -t01];
  if (b < 0n) [b, t10, t11] = [-b, -t10, -t11];
  return a >= b ? { m: [t00, t01, t10, t11], a, b } : { m: [t10, t11, t00, t01], a: b, b: a };
}

/** The half-gcd's leaf: Lehmer's algorithm, reducing a ≥ b ≥ 2^s while b stays ≥ 2^s. */
function lehmerHalf(a: bigint, b: bigint, s: number): Reduced | undefined {
  const floor = BigInt(s);
  let m = IDENTITY;
  let moved = false;
  for (;;) {
    const step = lehmerStep(a, b, s);
    if (step) {
      const [u0, v0, u1, v1] = step.m;
      m = [
        u0 * m[0] + v0 * m[2],
        u0 * m[1] + v0 * m[3],
        u1 * m[0] + v1 * m[2],
        u1 * m[1] + v1 * m[3],
      ];
      ({ a, b } = step);
    } else {
      const exact = euclidStep(a, b, m, floor);
      if (!exact) break;
      ({ a, b, m } = exact);
    }
    moved = true;
  }
  return moved ? { m, a, b } : undefined;
}

interface Context {
  threshold: number;
  shouldStop: () => boolean;
}

/**
 * Reduce a ≥ b by the half-gcd of their bits above p: the matrix found on the
 * top applies to the whole, and only the low p bits need multiplying by it.
 */
function reduceTop(a: bigint, b: bigint, p: number, context: Context): Reduced | undefined {
  const shift = BigInt(p);
  const top = halfGcd(a >> shift, b >> shift, context);
  if (!top) return undefined;
  const aLow = BigInt.asUintN(p, a);
  const bLow = BigInt.asUintN(p, b);
  const [t00, t01, t10, t11] = top.m;
  return settle(
    top.m,
    (top.a << shift) + t00 * aLow + t01 * bLow,
    (top.b << shift) + t10 * aLow + t11 * bLow,
  );
}

/**
 * Reduce a ≥ b of n bits to a pair about n/2 bits long (the smaller kept at
 * 2^s or more, s = ⌊n/2⌋ + 1), with the matrix that does it: the top half's
 * half-gcd takes them to about 3n/4 bits, the top half of what is left to n/2.
 */
function halfGcd(a: bigint, b: bigint, context: Context): Reduced | undefined {
  const n = bitLength(a);
  const s = (n >> 1) + 1;
  const floor = BigInt(s);
  if (b >> floor === 0n) return undefined;
  if (n < context.threshold) return lehmerHalf(a, b, s);
  if (context.shouldStop()) throw STOPPED;
  let m = IDENTITY;
  let moved = false;
  const first = reduceTop(a, b, n >> 1, context);
  if (first) {
    ({ a, b, m } = first);
    moved = true;
  }
  // A large quotient can leave the pair above 3n/4 bits: exact steps take it
  // there. If one cannot (its remainder is under 2^s), the reduction is done;
  // going on would recurse on almost n bits again, over and over.
  const middle = ((3 * n) >> 2) + 1;
  let step: Reduced | undefined;
  while (bitLength(a) > middle) {
    if (!(step = euclidStep(a, b, m, floor))) return moved ? { m, a, b } : undefined;
    ({ a, b, m } = step);
    moved = true;
  }
  const p = 2 * s - bitLength(a) + 1;
  const second = p > 0 && b >> floor !== 0n ? reduceTop(a, b, p, context) : undefined;
  if (second) {
    ({ a, b } = second);
    m = multiply(second.m, m);
    moved = true;
  }
  while ((step = euclidStep(a, b, m, floor))) {
    ({ a, b, m } = step);
    moved = true;
  }
  return moved ? { m, a, b } : undefined;
}

/** Lehmer's gcd, for numbers under the threshold. */
function lehmerGcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    const step = lehmerStep(a, b, 0);
    if (step) ({ a, b } = step);
    else [a, b] = [b, a % b];
  }
  return a;
}

/**
 * The greatest common divisor of a and b (of their absolute values), in
 * subquadratic time; undefined if `shouldStop` said so.
 */
export function gcd(a: bigint, b: bigint, options: GcdOptions = {}): bigint | undefined {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a < b) [a, b] = [b, a];
  const context: Context = {
    threshold: Math.max(options.threshold ?? HALF_GCD_THRESHOLD, 2 * LEAD),
    shouldStop: options.shouldStop ?? (() => false),
  };
  try {
    while (b !== 0n) {
      const n = bitLength(a);
      if (n < context.threshold) return lehmerGcd(a, b);
      if (context.shouldStop()) return undefined;
      options.onProgress?.(bitLength(b));
      const top = reduceTop(a, b, n - Math.ceil(n * OUTER_SHARE), context);
      // Each turn shrinks a, by the half-gcd or by one exact step, so the loop ends.
      if (top && top.a < a) ({ a, b } = top);
      else [a, b] = [b, a % b];
    }
    return a;
  } catch (error) {
    if (error === STOPPED) return undefined;
    throw error;
  }
}
