/**
 * Simple mangling rules, as crackers apply them to a wordlist: each word in
 * its case variants (as written, lower, upper, Capitalized), each followed
 * by nothing, by a number 0–99 or by a year 1970–2030. At most 4 × 162
 * guesses per word. ASCII letters only change case: the bytes of other
 * characters are kept as they are.
 */

const encoder = new TextEncoder();

/** The endings tried after each case variant, the empty one first. */
export const SUFFIXES: readonly Uint8Array[] = [
  '',
  ...Array.from({ length: 100 }, (_, i) => String(i)),
  ...Array.from({ length: 61 }, (_, i) => String(1970 + i)),
].map((s) => encoder.encode(s));

const lower = (b: number) => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b);
const upper = (b: number) => (b >= 0x61 && b <= 0x7a ? b & ~0x20 : b);

/** Case variant `v` of byte `b` at position `i` of a word. */
function caseOf(v: number, b: number, i: number): number {
  if (v === 0) return b;
  if (v === 1) return lower(b);
  if (v === 2) return upper(b);
  return i === 0 ? upper(b) : lower(b);
}

/**
 * Write each variant of word[from..to) into `scratch` (at least the word's
 * length + 4 bytes) and call `guess(length)`; stop when it returns true.
 * Returns the number of guesses made.
 */
export function forEachVariant(
  word: Uint8Array,
  from: number,
  to: number,
  scratch: Uint8Array,
  guess: (length: number) => boolean,
): number {
  const n = to - from;
  let tried = 0;
  for (let v = 0; v < 4; v++) {
    for (let i = 0; i < n; i++) scratch[i] = caseOf(v, word[from + i]!, i);
    if (sameAsEarlier(v, word, from, n, scratch)) continue;
    for (const suffix of SUFFIXES) {
      scratch.set(suffix, n);
      tried++;
      if (guess(n + suffix.length)) return tried;
    }
  }
  return tried;
}

/** Whether case variant v equals one of the variants before it (no new guesses then). */
function sameAsEarlier(v: number, word: Uint8Array, from: number, n: number, now: Uint8Array) {
  for (let earlier = 0; earlier < v; earlier++) {
    let same = true;
    for (let i = 0; i < n && same; i++) same = caseOf(earlier, word[from + i]!, i) === now[i];
    if (same) return true;
  }
  return false;
}
