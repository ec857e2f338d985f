import { describe, expect, it } from 'vitest';
import { hasDuplicateMembers, lazyScan, scanJson } from '../../../src/lib/json/scan';

describe('hasDuplicateMembers agrees with the full scan', () => {
  const cases: [string, boolean][] = [
    ['{"a":1,"b":2}', false],
    ['{"a":1,"a":2}', true],
    ['{"a":{"b":1,"b":2}}', true],
    ['{"a":{"b":1},"c":{"b":2}}', false],
    ['{"a":"x\\":y","b":1}', false],
    ['{"a" : 1, "a"\n:\t2}', true],
    ['[{"a":1},{"a":2}]', false],
    ['{"__proto__":1,"__proto__":2}', true],
    ['{"k":"\\\\","k2":"\\"\\":"}', false],
  ];
  it.each(cases)('%s → %s', (text, expected) => {
    expect(hasDuplicateMembers(text, JSON.parse(text))).toBe(expected);
    const scanned = scanJson(text);
    expect(scanned.ok && scanned.scan.duplicates.length > 0).toBe(expected);
  });
});

describe('lazyScan', () => {
  it('gives the same members and duplicates as scanJson', () => {
    const text = '{"a":1,"b":{"c":2},"a":3}';
    const lazy = lazyScan(text, JSON.parse(text));
    const full = scanJson(text);
    if (!full.ok) throw new Error('scan failed');
    expect(lazy.duplicates).toEqual(full.scan.duplicates);
    expect(lazy.members).toEqual(full.scan.members);
  });

  it('reports no duplicates without scanning when there are none', () => {
    const text = '{"a":1}';
    expect(lazyScan(text, JSON.parse(text)).duplicates).toEqual([]);
  });
});
