/** layoutTimeline: positions, the valid window, leeway spans and label rows. */
import { describe, expect, it } from 'vitest';
import { LABEL_GAP, layoutTimeline } from '../../../src/lib/claims/timeline';

const N = 1700000000;

describe('layoutTimeline', () => {
  it('is undefined without a numeric time claim', () => {
    expect(layoutTimeline({ now: N, leeway: 0 })).toBeUndefined();
    expect(layoutTimeline({ exp: '1700000000', now: N, leeway: 0 })).toBeUndefined();
  });

  it('orders iat, now, exp left to right and keeps every mark inside 0…1', () => {
    const l = layoutTimeline({ iat: N - 600, exp: N + 600, now: N, leeway: 0 })!;
    expect(l.marks.map((m) => m.id)).toEqual(['iat', 'now', 'exp']);
    const [iat, now, exp] = l.marks.map((m) => m.x) as [number, number, number];
    expect(iat).toBeGreaterThan(0);
    expect(exp).toBeLessThan(1);
    expect(now).toBeCloseTo((iat + exp) / 2, 10);
    expect(l.nowInside).toBe(true);
    expect(l.valid.from).toBeCloseTo(iat, 10);
    expect(l.valid.to).toBeCloseTo(exp, 10);
    expect(l.leeway).toEqual([]);
  });

  it('widens the window by the leeway on both sides and shows both spans', () => {
    const l = layoutTimeline({ nbf: N - 100, exp: N + 100, now: N, leeway: 50 })!;
    const x = (t: number) => (t - l.start) / (l.end - l.start);
    expect(l.valid.from).toBeCloseTo(x(N - 150), 10);
    expect(l.valid.to).toBeCloseTo(x(N + 150), 10);
    expect(l.leeway).toHaveLength(2);
    expect(l.leeway[0]!.to).toBeCloseTo(x(N - 100), 10);
    expect(l.leeway[1]!.from).toBeCloseTo(x(N + 100), 10);
  });

  it.each<[Record<string, number>, number, boolean, string]>([
    [{ exp: N }, 0, false, 'exp equal to now is expired (exp <= now - leeway)'],
    [{ exp: N - 10 }, 30, true, 'expired 10 s ago, inside a 30 s leeway'],
    [{ exp: N - 30 }, 30, false, 'exactly at the leeway edge'],
    [{ nbf: N + 31 }, 30, false, 'nbf beyond the leeway'],
    [{ nbf: N + 30 }, 30, true, 'nbf at now + leeway'],
    [{ iat: N + 5 }, 0, false, 'issued in the future'],
  ])('%j with leeway %d: inside=%s (%s)', (claims, leeway, inside) => {
    expect(layoutTimeline({ ...claims, now: N, leeway })!.nowInside).toBe(inside);
  });

  it('puts labels closer than LABEL_GAP on separate rows', () => {
    const l = layoutTimeline({ iat: N, nbf: N, exp: N + 86400, now: N + 1, leeway: 0 })!;
    const rows = new Map(l.marks.map((m) => [m.id, m.row]));
    expect(new Set([rows.get('iat'), rows.get('nbf'), rows.get('now')]).size).toBe(3);
    expect(rows.get('exp')).toBe(0);
    for (const a of l.marks)
      for (const b of l.marks)
        if (a !== b && a.row === b.row)
          expect(Math.abs(a.x - b.x)).toBeGreaterThanOrEqual(LABEL_GAP);
  });

  it('keeps a far-away judged moment on the line', () => {
    const l = layoutTimeline({ iat: N, exp: N + 60, now: N + 10 * 365 * 86400, leeway: 0 })!;
    const now = l.marks.find((m) => m.id === 'now')!;
    expect(now.x).toBeGreaterThan(0.9);
    expect(now.x).toBeLessThanOrEqual(1);
    expect(l.nowInside).toBe(false);
  });
});
