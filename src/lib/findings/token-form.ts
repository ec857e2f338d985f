/**
 * Checks on how the token is written rather than what it says: members named
 * twice in the header or payload (parsers disagree on which wins),
 * non-canonical base64url, and wrapping pasted along with the token.
 */
import type { DecodedToken } from '../jws/decode';
import type { JsonScan } from '../json/scan';
import { at } from './cite';
import type { Finding } from './types';

/** One finding for each member the header or payload names a second time. */
export function duplicateFindings(
  part: 'header' | 'payload',
  text: string,
  scan: JsonScan,
): Finding[] {
  return scan.duplicates.map((dup) => {
    const first = scan.members.find(
      (m) => m.path === dup.path && m.name === dup.name && m.nameFrom < dup.nameFrom,
    );
    const value = (m: { valueFrom: number; valueTo: number }) => {
      const s = text.slice(m.valueFrom, m.valueTo);
      return s.length > 60 ? `${s.slice(0, 60)}…` : s;
    };
    const name = dup.path ? `${dup.path}.${dup.name}` : dup.name;
    return {
      id: 'duplicate-member',
      severity: 'high',
      message: `The ${part} has "${name}" twice: ${first ? value(first) : '?'} and ${value(dup)}; JSON.parse keeps the last, other parsers the first.`,
      location: at(part, dup.path ? dup.path.split('.')[0] : dup.name),
    } satisfies Finding;
  });
}

const WRAP_WORDS: Record<string, string> = {
  whitespace: 'surrounding white space',
  quotes: 'quotes',
  'authorization-header': 'an "Authorization:" header name',
  bearer: 'a "Bearer " prefix',
};

/** Findings on base64url spelled non-canonically and on text stripped from the paste. */
export function formFindings(token: DecodedToken): Finding[] {
  const out: Finding[] = [];
  for (const { part, reason } of token.noncanonical)
    out.push({
      id: 'base64-noncanonical',
      severity: 'medium',
      message: `The ${part.replace('_', ' ')} ${reason === 'padding' ? "ends in '=' padding" : 'has non-zero trailing bits in its last character'}: another spelling of the same bytes.`,
      location: at(
        part === 'header' || part === 'payload' || part === 'signature' ? part : 'token',
      ),
    });
  if (token.stripped.length)
    out.push({
      id: 'token-wrapped',
      severity: 'low',
      message: `The pasted text had ${token.stripped.map((s) => WRAP_WORDS[s] ?? s).join(', ')}, stripped before decoding.`,
      location: at('token'),
    });
  return out;
}
