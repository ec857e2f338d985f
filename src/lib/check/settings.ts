/**
 * The claim settings as a person typed them → the settings a server would be
 * configured with: one place where the leeway is cleaned, the clock field is
 * read and the required claims are split, with a sentence for what was refused.
 */
import { parseClock } from '../claims/time';
import { LabError } from '../errors';
import type { RawSettings, Settings } from './types';

/** The cleaned settings, and why the clock field was not used if it was not. */
export interface JudgedSettings {
  settings: Settings;
  /** The clock field's error (the page then judges at its own clock). */
  clockError?: LabError;
  /** Why the leeway asked for was refused (the page then uses none). */
  leewayError?: LabError;
}

/** The most leeway a person may ask for: a year. Beyond it no token could ever expire. */
export const MAX_LEEWAY = 365 * 24 * 3600;

/** Seconds of leeway a person may ask for: a negative or non-number leeway is 0. */
export function cleanLeeway(leeway: number | string): number {
  const n = typeof leeway === 'number' ? leeway : Number(leeway.trim() === '' ? 0 : leeway);
  return Number.isFinite(n) ? Math.max(0, n) : 0;
}

/** Claim names from text such as `exp, iat sub`. */
export const splitClaimNames = (text: string): string[] =>
  text.split(/[\s,]+/).filter((name) => name !== '');

/** Clean what the person typed into the settings claims are judged against. */
export function judgeSettings(raw: RawSettings): JudgedSettings {
  const clock = parseClock(raw.clockText);
  const moment = clock.ok ? clock.value : undefined;
  const leeway = cleanLeeway(raw.leeway);
  const refused = leeway > MAX_LEEWAY;
  return {
    settings: {
      now: moment ?? raw.clock,
      leeway: refused ? 0 : leeway,
      expectedIssuer: raw.expectedIssuer,
      expectedAudience: raw.expectedAudience,
      requiredClaims: splitClaimNames(raw.requiredClaimsText),
      expectedNonce: raw.expectedNonce ?? '',
      timeTravel: moment !== undefined,
    },
    ...(clock.ok ? {} : { clockError: clock.error }),
    ...(refused
      ? {
          leewayError: new LabError(
            'ERR_LEEWAY_UNREASONABLE',
            `A leeway of ${leeway.toLocaleString('en')} s (over a year) is refused: with it a token that expired long ago would still pass. Judging with no leeway; servers allow seconds or a few minutes.`,
          ),
        }
      : {}),
  };
}
