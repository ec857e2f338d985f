/**
 * parseClock and formatIso against moments computed by node's Date (not the
 * engine's own arithmetic), plus the inputs a person gets wrong.
 */
import { describe, expect, it } from 'vitest';
import { daysFromCivil, formatIso, parseClock } from '../../../src/lib/claims/time';

const viaDate = (iso: string) => Date.parse(iso) / 1000;

describe('parseClock', () => {
  it.each([
    ['2026-01-01T00:00:00Z'],
    ['2023-11-14T22:13:20Z'],
    ['2000-02-29T12:00:00Z'],
    ['1970-01-01T00:00:00Z'],
    ['1969-12-31T23:59:59Z'],
    ['2100-03-01T00:00:00Z'],
    ['2026-06-15T08:30:00+02:00'],
    ['2026-06-15T08:30:00-05:30'],
    ['2026-06-15T08:30:00.250Z'],
    ['2026-06-15T08:30Z'],
  ])('%s is the moment Date.parse gives', (iso) => {
    expect(parseClock(iso)).toEqual({ ok: true, value: viaDate(iso) });
  });

  it.each([
    ['2026-06-15', '2026-06-15T00:00:00Z'],
    ['2026-06-15 08:30:00', '2026-06-15T08:30:00Z'],
    ['2026-06-15T08:30:00+0200', '2026-06-15T08:30:00+02:00'],
  ])('%s is read as UTC / a compact offset like %s', (text, iso) => {
    expect(parseClock(text)).toEqual({ ok: true, value: viaDate(iso) });
  });

  it.each([
    ['', undefined],
    ['   ', undefined],
    ['1700000000', 1700000000],
    [' 1700000000 ', 1700000000],
    ['0', 0],
    ['1700000000.5', 1700000000.5],
  ])('%j → %j', (text, value) => {
    expect(parseClock(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['tomorrow', 'it is neither a number of seconds nor an ISO 8601 date'],
    ['2026-13-01T00:00:00Z', 'month 13 does not exist'],
    ['2026-02-30T00:00:00Z', 'day 30 does not exist in that month'],
    ['2025-02-29', 'day 29 does not exist in that month'],
    ['2026-01-01T24:00:00Z', 'the time of day is out of range'],
    ['2026-01-01T10:00:00+25:00', 'the time zone offset is out of range'],
    ['1700000000000', 'this looks like milliseconds; NumericDates are seconds'],
    ['1e400', 'it is neither a number of seconds nor an ISO 8601 date'],
  ])('%j is refused: %s', (text, why) => {
    const r = parseClock(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('ERR_CLOCK_INVALID');
    expect(r.error.message).toBe(
      `"${text}" is not a moment: ${why}. Type ISO 8601 (2026-01-01T00:00:00Z) or seconds since 1970 (1700000000); judging at the current time instead.`,
    );
  });
});

describe('formatIso', () => {
  it.each([0, 1700000000, 951825600, -1, 4102444800, 1767225599.9])('%d as node prints it', (s) => {
    expect(formatIso(s)).toBe(new Date(Math.floor(s) * 1000).toISOString().replace('.000Z', 'Z'));
  });

  it('round-trips through parseClock', () => {
    for (let s = -86400 * 800; s < 86400 * 365 * 200; s += 86400 * 97 + 3671)
      expect(parseClock(formatIso(s))).toEqual({ ok: true, value: s });
  });
});

describe('daysFromCivil', () => {
  it.each([
    [1970, 1, 1, 0],
    [2000, 3, 1, 11017],
    [1969, 12, 31, -1],
  ])('%d-%d-%d is day %d', (y, m, d, days) => {
    expect(daysFromCivil(y, m, d)).toBe(days);
    expect(daysFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86400000);
  });
});
