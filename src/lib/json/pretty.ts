/**
 * Indenting JSON only when the result stays small. Indenting repeats the
 * indent on every line, so its output grows with the nesting depth times the
 * number of values: a few megabytes of compact JSON, or a deep one, can
 * become hundreds of millions of characters. Both checks here are one pass
 * over text, made before any indented text exists.
 */
import { eachOutsideStrings, MAX_JSON_DEPTH } from './scan';

const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }
const COMMA = 0x2c;
const COLON = 0x3a;

// The deepest nesting of arrays and objects in JSON text, counted up to `stopAt`.
function nestingDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let deepest = 0;
  eachOutsideStrings(text, (c) => {
    if (OPEN.has(c)) deepest = Math.max(deepest, ++depth);
    else if (CLOSE.has(c)) depth--;
    return deepest < stopAt;
  });
  return deepest;
}

/**
 * The length `JSON.stringify(value, null, 2)` would have, from the compact
 * `JSON.stringify(value)`, counted until it passes `stopAt`.
 */
function indentedLength(compact: string, stopAt: number): number {
  let length = compact.length;
  let depth = 0;
  eachOutsideStrings(compact, (c, at) => {
    if (OPEN.has(c)) {
      depth++;
      // "[]" and "{}" stay on one line; anything else opens onto a new, deeper line.
      if (!CLOSE.has(compact.charCodeAt(at + 1))) length += 1 + 2 * depth;
    } else if (CLOSE.has(c)) {
      depth--;
      if (!OPEN.has(compact.charCodeAt(at - 1))) length += 1 + 2 * depth;
    } else if (c === COMMA) length += 1 + 2 * depth;
    else if (c === COLON) length += 1;
    return length <= stopAt;
  });
  return length;
}

/**
 * `value` indented by two spaces when that takes at most `limit` characters;
 * otherwise undefined, and the caller keeps the text as it is. The value must
 * come from text that passed {@link nestsTooDeep}: JSON.stringify recurses,
 * and a value nested a million deep overflows the stack.
 */
export function indentWithin(value: unknown, limit: number): string | undefined {
  const compact = JSON.stringify(value);
  if (indentedLength(compact, limit) > limit) return undefined;
  return JSON.stringify(value, null, 2);
}

/** True when JSON text nests deeper than the page reads (`MAX_JSON_DEPTH`): too deep to re-serialize. */
export const nestsTooDeep = (text: string): boolean =>
  nestingDepth(text, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH;
