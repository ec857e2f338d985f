/**
 * json/pretty.ts: the indented length is counted exactly, so a value is
 * indented up to the limit and not one character beyond; deep nesting is
 * found in one pass, strings skipped.
 */
import { describe, expect, it } from 'vitest';
import { indentWithin, nestsTooDeep } from '../../../src/lib/json/pretty';

const VALUES: [string, unknown][] = [
  ['a JWKS', { keys: [{ kty: 'oct', k: 'AAAA', key_ops: ['sign', 'verify'] }] }],
  ['empty containers', { a: [], b: {}, c: [[], {}, [{}]] }],
  ['strings holding brackets, commas, colons and escapes', { 'x:[': 'a,{b}"\\]', y: ['\\', '"'] }],
  ['numbers, null and booleans', [1, -2.5, 1e21, null, true, false]],
  ['a scalar', 'plain'],
  ['nesting', [[[[[{ deep: [1, [2, [3]]] }]]]]]],
];

describe('indentWithin', () => {
  it.each(VALUES)('%s: indented at exactly its length, refused one character below', (_, value) => {
    const indented = JSON.stringify(value, null, 2);
    expect(indentWithin(value, indented.length)).toBe(indented);
    expect(indentWithin(value, indented.length - 1)).toBeUndefined();
  });
});

describe('nestsTooDeep', () => {
  it.each([
    ['[]', false],
    ['['.repeat(512) + ']'.repeat(512), false],
    ['['.repeat(513) + ']'.repeat(513), true],
    [`{"a":"${'['.repeat(1000)}"}`, false],
    [`["\\"${'{'.repeat(600)}"]`, false],
  ])('%#', (text, deep) => expect(nestsTooDeep(text)).toBe(deep));
});
