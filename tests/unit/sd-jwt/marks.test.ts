/** The claims the builder offers to mark: every member and element, with the paths issuing takes. */
import { describe, expect, it } from 'vitest';
import { markablePaths, MAX_MARKABLE, readSourcePayload } from '../../../src/lib/sd-jwt';

describe('markablePaths', () => {
  it('lists members and elements depth first, with previews of plain values', () => {
    const { rows, cut } = markablePaths({ a: 1, b: { c: 'x', d: [true, null] } });
    expect(cut).toBe(false);
    expect(rows).toEqual([
      { path: 'a', label: 'a', depth: 0, preview: '1' },
      { path: 'b', label: 'b', depth: 0 },
      { path: 'b.c', label: 'c', depth: 1, preview: '"x"' },
      { path: 'b.d', label: 'd', depth: 1 },
      { path: 'b.d[0]', label: '[0]', depth: 2, preview: 'true' },
      { path: 'b.d[1]', label: '[1]', depth: 2, preview: 'null' },
    ]);
  });

  it(`stops at ${MAX_MARKABLE} rows`, () => {
    const { rows, cut } = markablePaths({ list: Array.from({ length: 1000 }, (_, i) => i) });
    expect(rows).toHaveLength(MAX_MARKABLE);
    expect(cut).toBe(true);
  });
});

describe('readSourcePayload', () => {
  it.each([
    ['[1]', /not a JSON object of claims/],
    ['{', /not JSON/],
  ])('refuses %s', (text, message) => {
    const read = readSourcePayload(text);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.error.code).toBe('ERR_SD_ISSUE');
      expect(read.error.message).toMatch(message);
    }
  });
});
