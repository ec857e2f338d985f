/**
 * The clock control's text → a moment in seconds since 1970, and back.
 * Written by hand because the engine never touches `Date` (time is a
 * parameter): proleptic Gregorian calendar, UTC, no leap seconds (as
 * RFC 7519's NumericDate, §2).
 */
import { fail, ok, type Result } from '../errors';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$/;

/** Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day count from 1970-01-01. */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A NumericDate as ISO 8601 in UTC, whole seconds: `2026-01-01T00:00:00Z`. */
export function formatIso(seconds: number): string {
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86400);
  const rest = s - days * 86400;
  const [y, m, d] = civilFromDays(days);
  const hh = Math.floor(rest / 3600);
  const mm = Math.floor((rest % 3600) / 60);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:${pad(rest % 60)}Z`;
}

const invalid = (text: string, why: string) =>
  fail<number | undefined>(
    'ERR_CLOCK_INVALID',
    `"${text}" is not a moment: ${why}. Type ISO 8601 (2026-01-01T00:00:00Z) or seconds since 1970 (1700000000); judging at the current time instead.`,
  );

/**
 * Read the clock control: empty means "now" (undefined), digits are a
 * NumericDate, anything else must be ISO 8601 (UTC unless it has an offset).
 */
export function parseClock(text: string): Result<number | undefined> {
  const t = text.trim();
  if (t === '') return ok(undefined);
  if (/^-?\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    if (!Number.isFinite(n) || Math.abs(n) > 8.64e12) return invalid(t, 'the number is too large');
    if (n > 1e11) return invalid(t, 'this looks like milliseconds; NumericDates are seconds');
    return ok(n);
  }
  const m = ISO.exec(t);
  if (!m) return invalid(t, 'it is neither a number of seconds nor an ISO 8601 date');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const fraction = m[7] ? Number(`0.${m[7]}`) : 0;
  if (month < 1 || month > 12) return invalid(t, `month ${m[2]} does not exist`);
  const monthDays =
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1);
  if (day < 1 || day > monthDays) return invalid(t, `day ${m[3]} does not exist in that month`);
  if (hour > 23 || minute > 59 || second > 59) return invalid(t, 'the time of day is out of range');
  let offset = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const h = Number(digits.slice(1, 3));
    const min = Number(digits.slice(3, 5));
    if (h > 23 || min > 59) return invalid(t, 'the time zone offset is out of range');
    offset = (digits[0] === '-' ? -1 : 1) * (h * 3600 + min * 60);
  }
  return ok(
    daysFromCivil(year, month, day) * 86400 +
      hour * 3600 +
      minute * 60 +
      second +
      fraction -
      offset,
  );
}
