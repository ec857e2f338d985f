/**
 * Checks on `alg`: "none" in any casing, names no registry holds (with a hint
 * when only the casing is wrong), and a signature that contradicts the
 * algorithm (present on an unsigned token, empty on a signed one).
 */
import { isNone, jwsAlgorithm } from '../jws/algorithms';
import type { DecodedToken } from '../jws/decode';
import { at, show } from './cite';
import type { Finding } from './types';

/** JWE key-management algorithms (RFC 7518 §4.1), for `alg` in a JWE header. */
const JWE_ALGS = new Set([
  'RSA1_5',
  'RSA-OAEP',
  'RSA-OAEP-256',
  'RSA-OAEP-384',
  'RSA-OAEP-512',
  'A128KW',
  'A192KW',
  'A256KW',
  'dir',
  'ECDH-ES',
  'ECDH-ES+A128KW',
  'ECDH-ES+A192KW',
  'ECDH-ES+A256KW',
  'A128GCMKW',
  'A192GCMKW',
  'A256GCMKW',
  'PBES2-HS256+A128KW',
  'PBES2-HS384+A192KW',
  'PBES2-HS512+A256KW',
]);

/** Findings on `alg` and on whether the signature matches it. */
export function algFindings(token: DecodedToken): Finding[] {
  const { alg } = token;
  const out: Finding[] = [];
  const where = at('header', 'alg');
  if (isNone(alg)) {
    out.push({
      id: 'alg-none',
      severity: 'critical',
      message:
        alg === 'none'
          ? '"alg" is "none": the token is unsigned.'
          : `"alg" is "${alg}": "none" in another casing, unsigned, and made to slip past a check for "none".`,
      location: where,
    });
  } else if (token.kind === 'jws' ? !jwsAlgorithm(alg) : !JWE_ALGS.has(alg)) {
    const known = token.kind === 'jws' ? jwsAlgorithm(alg.toUpperCase()) : undefined;
    out.push({
      id: 'alg-unknown',
      severity: 'high',
      message: `"alg": ${show(alg)} is not a registered ${token.kind === 'jws' ? 'JWS' : 'JWE'} algorithm${known ? ` (names are case-sensitive: did you mean "${known.alg}"?)` : ''}.`,
      location: where,
    });
  }
  if (token.kind === 'jws') {
    const empty = token.signature.length === 0;
    if (empty && !isNone(alg))
      out.push({
        id: 'null-signature',
        severity: 'high',
        message: `"alg" is "${alg}" but the signature is empty.`,
        location: at('signature'),
      });
    else if (!empty && isNone(alg))
      out.push({
        id: 'null-signature',
        severity: 'high',
        message: `"alg" is "${alg}" yet the token carries a ${token.signature.length}-byte signature.`,
        location: at('signature'),
      });
  }
  return out;
}
