import { describe, expect, it } from 'vitest';
import { firstRows } from '../../../src/lib';

describe('firstRows', () => {
  const rows = Array.from({ length: 10 }, (_, i) => i);
  it('draws everything under the limit', () => {
    expect(firstRows(rows, 20)).toEqual({ shown: rows, hidden: 0 });
  });
  it('draws the first part, and counts the rest', () => {
    expect(firstRows(rows, 3)).toEqual({ shown: [0, 1, 2], hidden: 7 });
  });
  it('keeps rows asked for wherever they are, in order, within the limit', () => {
    expect(firstRows(rows, 4, (n) => n === 8 || n === 9)).toEqual({
      shown: [0, 1, 8, 9],
      hidden: 6,
    });
  });
  it('keeps every row asked for even past the limit', () => {
    expect(firstRows(rows, 1, (n) => n > 6).shown).toEqual([7, 8, 9]);
  });
});
