/**
 * The bit length of a BigInt without writing it out: `x.toString(2)` of a
 * 134-million-bit number is a 134-million-character string. V8 shifts right
 * in the time of the bits kept, so a binary search on the shift costs about
 * one pass over x.
 */

/** Numbers below this convert to a finite double. */
const DOUBLE_RANGE = 1n << 1000n;
/** V8's BigInts have at most 2^30 bits. */
const MAX_BITS = 2 ** 30;

/** Bits of 0 < x < 2^1000: the double's exponent, corrected where rounding moved it. */
function smallBitLength(x: bigint): number {
  let top = Math.floor(Math.log2(Number(x)));
  while (x >> BigInt(top + 1) !== 0n) top++;
  while (top > 0 && x >> BigInt(top) === 0n) top--;
  return top + 1;
}

/** The number of bits of |x| (0 for 0). */
export function bitLength(x: bigint): number {
  if (x < 0n) x = -x;
  if (x === 0n) return 0;
  if (x < DOUBLE_RANGE) return smallBitLength(x);
  // Invariant: x >> low is not 0 and x >> high is, so the length is in (low, high].
  let low = 999;
  let high = MAX_BITS;
  while (high - low > 900) {
    const middle = Math.floor((low + high) / 2);
    if (x >> BigInt(middle) === 0n) high = middle;
    else low = middle;
  }
  return low + smallBitLength(x >> BigInt(low));
}
