import { describe, expect, it } from 'vitest';
import {
  naiveKidLookup,
  naiveSqlKidLookup,
  parseWithPolicy,
} from '../../../src/lib/lessons/naive-verifier';

describe('naiveKidLookup (demonstration only)', () => {
  const files = { '2025': 'k1' };
  it.each([
    ['2025', 'k1'],
    ['./2025', 'k1'],
    ['../../dev/null', ''],
    ['../dev/null', undefined],
    ['../keys/2025', 'k1'],
    ['../../etc/passwd', undefined],
    ['missing', undefined],
  ])('kid %j reads %j', (kid, expected) => {
    expect(naiveKidLookup(kid, files)).toBe(expected);
  });
});

describe('parseWithPolicy', () => {
  it.each([
    ['{"a":1,"a":2}', { a: 1 }, { a: 2 }],
    [
      '{"a":{"x":1,"x":2},"b":[1,{"c":3}],"a":"s"}',
      { a: { x: 2 }, b: [1, { c: 3 }] },
      { a: 's', b: [1, { c: 3 }] },
    ],
    ['{"s":"a,\\"}","s":null}', { s: 'a,"}' }, { s: null }],
  ])('%s: first-wins and last-wins disagree', (text, first, last) => {
    expect(parseWithPolicy(text, 'first-wins')).toEqual(first);
    expect(parseWithPolicy(text, 'last-wins')).toEqual(last);
  });
});

describe('naiveSqlKidLookup (demonstration only)', () => {
  const table = { '2025': 'k1' };
  it.each([
    ['2025', 'k1'],
    ['2024', undefined],
    ["' UNION SELECT 'k' -- ", 'k'],
    ["x' union all select 'other' --", 'other'],
    ["2025' UNION SELECT 'k' -- ", 'k1'], // the real row comes first
    ["' OR '1'='1", undefined],
  ])('kid %j selects %j', (kid, expected) => {
    expect(naiveSqlKidLookup(kid, table)).toBe(expected);
  });
});
