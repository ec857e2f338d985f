/**
 * What is pasted around a token: surrounding white space, quotes, an
 * `Authorization:` header name and a `Bearer ` prefix, stripped before
 * decoding, and said, so the page can explain what it took away.
 */

/** Something stripped from around a pasted token before decoding. */
export type Wrapping = 'whitespace' | 'quotes' | 'authorization-header' | 'bearer';

const QUOTES = new Set(['"', "'", '`']);
const BARE_TOKEN = /^[A-Za-z0-9_-][A-Za-z0-9_.=-]*$/;
/** One empty list for every bare token, frozen so that no reader can fill it. */
const NOTHING = Object.freeze([]) as unknown as Wrapping[];

/** Strip surrounding whitespace, quotes, `Authorization:` and `Bearer `, and say what went. */
export function cleanToken(input: string): {
  compact: string;
  start: number;
  stripped: Wrapping[];
  /** Only base64url characters, dots and '=': each part needs no alphabet check of its own. */
  bare?: boolean;
} {
  // Most input is a bare token: nothing to strip.
  if (BARE_TOKEN.test(input)) return { compact: input, start: 0, stripped: NOTHING, bare: true };
  let start = 0;
  let end = input.length;
  const stripped = new Set<Wrapping>();
  for (let changed = true; changed;) {
    changed = false;
    const before = end - start;
    while (start < end && /\s/.test(input[start]!)) start++;
    while (end > start && /\s/.test(input[end - 1]!)) end--;
    if (end - start !== before) stripped.add('whitespace');
    const first = input[start];
    if (end - start >= 2 && first !== undefined && QUOTES.has(first) && input[end - 1] === first) {
      start++;
      end--;
      stripped.add('quotes');
      changed = true;
    }
    const rest = input.slice(start, Math.min(end, start + 40));
    const header = /^authorization\s*:\s*/i.exec(rest);
    if (header) {
      start += header[0].length;
      stripped.add('authorization-header');
      changed = true;
    }
    const bearer = /^bearer\s+/i.exec(input.slice(start, Math.min(end, start + 40)));
    if (bearer) {
      start += bearer[0].length;
      stripped.add('bearer');
      changed = true;
    }
  }
  return { compact: input.slice(start, end), start, stripped: [...stripped] };
}
