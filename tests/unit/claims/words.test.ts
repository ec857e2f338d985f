/**
 * The page's one duration formatter (claims/words.ts `span`), used by the
 * claim verdicts and the findings alike.
 */
import { describe, expect, it } from 'vitest';
import { relative, span } from '../../../src/lib/claims/words';

const H = 3600;
const DAY = 86400;

describe('span', () => {
  it.each([
    [0, '0 s'],
    [59.4, '59 s'],
    [60, '1 min'],
    [H - 1, '59 min'],
    [H, '1 h'],
    [3 * H + 5 * 60 + 59, '3 h 5 min'],
    [DAY - 1, '23 h 59 min'],
    [DAY, '1 day'],
    [DAY + 6 * H, '1 day 6 h'],
    [2 * DAY, '2 days'],
    [9 * DAY + 23 * H, '9 days 23 h'],
    [10 * DAY + 23 * H, '10 days'],
    [730 * DAY, '730 days'],
    [731 * DAY, '2 years'],
    [53.9 * 365.25 * DAY, '53 years'],
    [-90, '1 min'],
  ])('%d s reads "%s"', (seconds, words) => {
    expect(span(seconds)).toBe(words);
  });

  it('says which way with relative', () => {
    expect(relative(DAY + 6 * H)).toBe('in 1 day 6 h');
    expect(relative(-DAY)).toBe('1 day ago');
    expect(relative(0.5)).toBe('now');
  });
});
