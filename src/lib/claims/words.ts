/**
 * The words claim verdicts use for values and times ("an array", "3 h 5 min",
 * "in 4 min", "2 days ago"), apart from the checks in claims.ts; the page
 * says times the same way with `relative`.
 */

/** A short, readable form of a claim value for messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return `${typeof v} ${String(v)}`;
}

const DAY = 86400;
const YEAR = 365.25 * DAY;

/**
 * A duration in words, the one way the page says how long: "45 s", "4 min",
 * "3 h 5 min", "1 day 6 h", "12 days", "3 years". Whole units, rounded down,
 * so a lifetime just over a limit never reads as the limit itself.
 */
export function span(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < DAY) return plus(`${Math.floor(s / 3600)} h`, Math.floor((s % 3600) / 60), 'min');
  const days = Math.floor(s / DAY);
  const dayWords = `${days} day${days === 1 ? '' : 's'}`;
  // Under ten days the hours still matter: "1 day 6 h" is over the 24 h an access token may live.
  if (s < 10 * DAY) return plus(dayWords, Math.floor((s % DAY) / 3600), 'h');
  // Two years or more in years; the same year length both sides, so never "1 years".
  if (s < 2 * YEAR) return dayWords;
  return `${Math.floor(s / YEAR)} years`;
}

const plus = (head: string, part: number, unit: string) =>
  part ? `${head} ${part} ${unit}` : head;

/** "in 4 min" for a positive offset, "4 min ago" for a negative one. */
export function relative(offsetSeconds: number): string {
  if (Math.abs(offsetSeconds) < 1) return 'now';
  return offsetSeconds > 0 ? `in ${span(offsetSeconds)}` : `${span(offsetSeconds)} ago`;
}

/** "4 min ago", or "just now" under a second. */
export const ago = (s: number) => (s < 1 ? 'just now' : `${span(s)} ago`);

/** "in 4 min", or "in under a second". */
export const inTime = (s: number) => (s < 1 ? 'in under a second' : `in ${span(s)}`);

/** The calendar year `seconds` after 1970 falls in, near enough for a message. */
export const yearOf = (seconds: number) => Math.floor(1970 + seconds / (365.2425 * 86400));
