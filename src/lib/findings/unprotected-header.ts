/**
 * The `unprotected-header` finding (security-checks.md): in a JSON
 * serialization, a member that decides which key or algorithm is used, or
 * how the payload is read, sitting only in a header part that nothing signs
 * (RFC 7515 §7.2.1, RFC 8725 §3.1).
 */
import type { DecodedJweJson } from '../jwe/json-decode';
import type { DecodedJwsJson } from '../jws/json-decode';
import type { Finding } from './types';

/** Header members an attacker gains by changing: the key, the algorithm, how the payload reads. */
export const PROTECT_THESE = ['alg', 'kid', 'crit', 'b64', 'jku', 'jwk', 'x5u', 'x5c', 'typ'];

/** One finding naming each member that sits only in an unprotected header, and where. */
export function unprotectedHeaderFindings(token: DecodedJwsJson | DecodedJweJson): Finding[] {
  const places: string[] = [];
  if (token.kind === 'jws-json')
    for (const s of token.signatures) {
      const members = PROTECT_THESE.filter((m) => s.unprotectedHeader && m in s.unprotectedHeader);
      const which = token.form === 'json-jws-general' ? `signature ${s.index}` : 'the signature';
      if (members.length) places.push(`${list(members)} in ${which}'s "header"`);
    }
  else {
    const shared = PROTECT_THESE.filter((m) => token.unprotected && m in token.unprotected);
    if (shared.length) places.push(`${list(shared)} in the shared "unprotected" header`);
    for (const r of token.recipients) {
      const members = PROTECT_THESE.filter((m) => r.header && m in r.header);
      const which = token.flattened ? 'the' : `recipient ${r.index}'s`;
      if (members.length) places.push(`${list(members)} in ${which} "header"`);
    }
  }
  if (places.length === 0) return [];
  const signed = token.kind === 'jws-json' ? 'signed' : 'authenticated';
  return [
    {
      id: 'unprotected-header',
      severity: 'high',
      message: `Not ${signed}, so anyone can change them: ${places.join('; ')}.`,
      location: { part: 'header' },
    },
  ];
}

const list = (members: string[]): string => members.map((m) => `"${m}"`).join(', ');
