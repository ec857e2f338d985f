import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bitLength } from '../../../src/lib/attacks/bit-length';
import { gcd } from '../../../src/lib/attacks/half-gcd';

// Reproducible numbers: SHAKE256 of a label, cut to the bits asked, top bit set.
function number(label: string, bits: number): bigint {
  const bytes = createHash('shake256', { outputLength: Math.ceil(bits / 8) })
    .update(label)
    .digest();
  const value = BigInt(`0x${bytes.toString('hex')}`) >> BigInt(bytes.length * 8 - bits);
  return value | (1n << BigInt(bits - 1));
}

const euclid = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};

type Pair = [bigint, bigint, bigint, bigint];
const times = (x: Pair, y: Pair): Pair => [
  x[0] * y[0] + x[1] * y[2],
  x[0] * y[1] + x[1] * y[3],
  x[2] * y[0] + x[3] * y[2],
  x[2] * y[1] + x[3] * y[3],
];
const product = (ms: Pair[]): Pair =>
  ms.length === 1
    ? ms[0]!
    : times(product(ms.slice(0, ms.length >> 1)), product(ms.slice(ms.length >> 1)));

/**
 * Two coprime numbers of about `bits` bits whose continued fraction is chosen:
 * quotients of Gauss–Kuzmin's law (as random numbers have), and every
 * `hugeEvery`-th one thousands of bits long. Built as a product of the
 * quotients' matrices [[q, 1], [1, 0]], so gcd(x, y) = 1 by construction.
 */
function coprimePair(label: string, bits: number, hugeEvery = 0): [bigint, bigint] {
  // mulberry32, seeded by the label: a reproducible uniform u per quotient.
  let seed = createHash('sha256').update(label).digest().readUInt32BE(0);
  const uniform = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const quotients: Pair[] = [];
  let size = 0;
  for (let i = 0; size < bits; i++) {
    const u = uniform();
    // P(q ≥ k) = log2(1 + 1/k): q = ⌊1 / (2^u − 1)⌋ for u uniform in (0, 1).
    let q = BigInt(Math.max(1, Math.floor(1 / (2 ** (1 - u) - 1))));
    if (hugeEvery && i % hugeEvery === hugeEvery - 1) q = number(`${label}/${i}`, 3000);
    size += bitLength(q) + 0.5;
    quotients.push([q, 1n, 1n, 0n]);
  }
  const m = product(quotients);
  return [m[0], m[2]];
}

describe('bitLength', () => {
  const cases: bigint[] = [0n, 1n, 2n, 3n, -5n];
  for (const k of [31, 32, 52, 53, 64, 998, 999, 1000, 1001, 1899, 5000, 1 << 20])
    cases.push((1n << BigInt(k)) - 1n, 1n << BigInt(k), (1n << BigInt(k)) + 1n);
  it.each(cases.map((x) => [x.toString(16).slice(0, 12), x] as const))(
    'of 0x%s… is the length of its binary digits',
    (_hex, x) => {
      const abs = x < 0n ? -x : x;
      expect(bitLength(x)).toBe(abs === 0n ? 0 : abs.toString(2).length);
    },
  );
});

describe('gcd', () => {
  const x = number('x', 3000);
  it.each([
    ['both zero', 0n, 0n, 0n],
    ['zero and x', 0n, x, x],
    ['x and zero', x, 0n, x],
    ['one and x', 1n, x, 1n],
    ['x and itself', x, x, x],
    ['x and a multiple of it', x, x * number('k', 9000), x],
    ['a multiple of x and x', x * number('k', 9000), x, x],
    ['signs ignored', -x * 6n, x * 4n, 2n * x],
    ['powers of two', 1n << 100_000n, 1n << 70_000n, 1n << 70_000n],
    ['consecutive numbers', x, x + 1n, 1n],
  ])('of %s', (_name, a, b, want) => {
    expect(gcd(a, b)).toBe(want);
    expect(gcd(a, b, { threshold: 100 })).toBe(want);
  });

  // Euclid is affordable to about 2^16 bits; threshold 100 runs the recursion at every size.
  it.each([
    [500, 100],
    [5_000, 100],
    [20_000, 100],
    [65_536, 100],
    [65_536, undefined],
  ])(
    'of %i-bit products with a 2048-bit common factor equals Euclid (threshold %s)',
    (bits, threshold) => {
      for (let i = 0; i < 4; i++) {
        const g = number(`g${bits}/${i}`, 2048);
        const a = g * number(`a${bits}/${i}`, bits);
        const b = g * number(`b${bits}/${i}`, bits - i);
        const got = gcd(a, b, threshold === undefined ? {} : { threshold });
        expect(got).toBe(euclid(a, b));
        expect(got! % g).toBe(0n);
      }
    },
  );

  it.each([
    ['random quotients', 1 << 16, 0],
    ['a 3000-bit quotient every 500', 1 << 16, 500],
    ['random quotients', 1 << 20, 0],
    ['a 3000-bit quotient every 5000', 1 << 20, 5000],
    ['random quotients', 1 << 22, 0],
  ])(
    'finds exactly the common factor of two numbers of known continued fraction: %s, %i bits',
    (name, bits, hugeEvery) => {
      const [u, v] = coprimePair(`${name}${bits}`, bits, hugeEvery);
      const g = number(`g${name}${bits}`, 2048);
      expect(gcd(g * u, g * v)).toBe(g);
      expect(gcd(g * v, g * u, { threshold: 300 })).toBe(g);
    },
    120_000,
  );

  it('reports the bits left as they shrink, and stops when asked', () => {
    const [u, v] = coprimePair('progress', 1 << 18);
    const left: number[] = [];
    expect(gcd(u * 7n, v * 7n, { threshold: 1000, onProgress: (bits) => left.push(bits) })).toBe(
      7n,
    );
    expect(left.length).toBeGreaterThan(10);
    expect(left[0]).toBe(bitLength(v * 7n));
    expect(left.every((bits, i) => i === 0 || bits < left[i - 1]!)).toBe(true);
    let asked = 0;
    expect(gcd(u, v, { threshold: 1000, shouldStop: () => ++asked > 3 })).toBeUndefined();
  });
});
