/**
 * How the header checks cite what they found: where it is (`at`, a part and a
 * member the page can mark) and what it is, cut short for a message (`show`).
 */
import type { FindingLocation } from './types';

/** The location of a finding: a part of the token, and a member of it when there is one. */
export const at = (part: FindingLocation['part'], member?: string): FindingLocation =>
  member === undefined ? { part } : { part, member };

/** A value as JSON, cut at 60 characters, for quoting in a message. */
export const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
};
