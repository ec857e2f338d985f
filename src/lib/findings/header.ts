/**
 * Checks on the protected header and the token's form: the algorithm
 * (header-alg.ts), the key-locating parameters jku, x5u and kid
 * (header-key-params.ts), duplicate members, non-canonical base64url and
 * pasted wrapping (token-form.ts); and here jwk, crit, b64, zip, p2c, typ and
 * cty, and headerFindings, the detector that runs them all.
 */
import type { DecodedJws, DecodedToken } from '../jws/decode';
import { at, show } from './cite';
import { algFindings } from './header-alg';
import { kidFindings, urlFindings } from './header-key-params';
import { duplicateFindings, formFindings } from './token-form';
import type { Detector, Finding } from './types';

/** Header parameters registered by RFC 7515/7516/7518: never allowed in `crit`. */
const REGISTERED_HEADER = new Set([
  'alg',
  'jku',
  'jwk',
  'kid',
  'x5u',
  'x5c',
  'x5t',
  'x5t#S256',
  'typ',
  'cty',
  'crit',
  'enc',
  'zip',
  'epk',
  'apu',
  'apv',
  'iv',
  'tag',
  'p2s',
  'p2c',
]);

/** `crit` extensions this app processes: RFC 7797's `b64`. */
export const UNDERSTOOD_CRIT: readonly string[] = ['b64'];

/** Does this JWS present itself as a JWT: a claims set, or a JWT `typ`? */
function claimsToBeJwt(token: DecodedJws): boolean {
  return (
    token.payloadForm === 'claims' ||
    (typeof token.header.typ === 'string' && TYP_OK.test(token.header.typ))
  );
}

/** PBES2 iteration bounds (RFC 8725bis draft; jose caps at 10,000 × 120). */
export const P2C_MAX = 1_200_000;
/** Below this the password derivation is too cheap (RFC 7518 §4.8.1.2 asks for ≥ 1000). */
export const P2C_MIN = 1_000;

const TYP_OK = /^(?:application\/)?(?:[\w.-]+\+)?jwt$/i;
const ACCESS_TYP = /^(?:application\/)?at\+jwt$/i;

function critFindings(header: Record<string, unknown>, understood: readonly string[]): Finding[] {
  if (!('crit' in header)) return [];
  const crit = header.crit;
  const problem = (message: string): Finding[] => [
    { id: 'crit-unknown', severity: 'high', message, location: at('header', 'crit') },
  ];
  if (!Array.isArray(crit)) return problem(`"crit" must be an array of names, not ${show(crit)}.`);
  if (crit.length === 0) return problem('"crit" is an empty array, which RFC 7515 forbids.');
  const bad = crit.filter((n) => typeof n !== 'string');
  if (bad.length) return problem(`"crit" holds ${show(bad[0])}, which is not a name.`);
  const names = crit as string[];
  const registered = names.filter((n) => REGISTERED_HEADER.has(n));
  if (registered.length)
    return problem(`"crit" lists registered parameter "${registered[0]}", which it must not.`);
  const unknown = names.filter((n) => !understood.includes(n));
  if (unknown.length)
    return problem(
      `"crit" lists ${unknown.map((n) => `"${n}"`).join(', ')}, which this app does not understand: a verifier must reject the token.`,
    );
  return [];
}

function typFindings(token: DecodedToken): Finding[] {
  const { header } = token;
  const problem = (message: string): Finding[] => [
    { id: 'typ-unexpected', severity: 'medium', message, location: at('header', 'typ') },
  ];
  if (!('typ' in header))
    return token.kind === 'jws' && token.payloadForm === 'claims'
      ? problem('There is no "typ": a verifier cannot tell this kind of JWT from another.')
      : [];
  const typ = header.typ;
  if (typeof typ !== 'string' || !TYP_OK.test(typ))
    return problem(`"typ" is ${show(typ)}, not "JWT", "at+jwt" or an "application/…+jwt" type.`);
  if (token.kind === 'jws' && ACCESS_TYP.test(typ)) {
    const missing = ['sub', 'client_id'].filter((c) => !(c in token.payload));
    if (missing.length)
      return problem(
        `"typ" is "${typ}" (an OAuth access token), but the claims lack ${missing.map((c) => `"${c}"`).join(' and ')}, which RFC 9068 requires.`,
      );
  }
  return [];
}

/** Findings from the header and the token's form. */
export const headerFindings: Detector = (input) => {
  const token = input.decoded;
  const { header } = token;
  const payload = token.kind === 'jws' ? token.payload : undefined;
  const out: Finding[] = [
    ...algFindings(token),
    ...critFindings(header, input.understoodCrit ?? UNDERSTOOD_CRIT),
  ];
  // RFC 7797 payloads are fine in a JWS; a JWT (claims, or typ JWT) cannot have one.
  if (token.kind === 'jws' && header.b64 === false && claimsToBeJwt(token))
    out.push({
      id: 'b64-false',
      severity: 'medium',
      message: `"b64": false asks for an unencoded payload, which a JWT cannot have, and this token ${token.payloadForm === 'claims' ? 'carries JWT claims' : `says "typ": ${show(header.typ)}`}.`,
      location: at('header', 'b64'),
    });
  if ('jwk' in header)
    out.push({
      id: 'embedded-jwk',
      severity: 'high',
      message: `The header carries its own key in "jwk"${isObject(header.jwk) && typeof header.jwk.kty === 'string' ? ` (a ${header.jwk.kty} key)` : ''}: whoever made the token chose it.`,
      location: at('header', 'jwk'),
    });
  out.push(...urlFindings(header, payload), ...kidFindings(header));
  if (token.kind === 'jws' && 'zip' in header)
    out.push({
      id: 'zip-in-jws',
      severity: 'medium',
      message: `"zip": ${show(header.zip)} in a signed token: compression is defined for JWE only.`,
      location: at('header', 'zip'),
    });
  if (token.kind === 'jwe' && 'p2c' in header) {
    const p2c = header.p2c;
    const message =
      typeof p2c !== 'number' || !Number.isInteger(p2c)
        ? `"p2c" is ${show(p2c)}, not a whole number of iterations.`
        : p2c > P2C_MAX
          ? `"p2c" asks for ${p2c.toLocaleString('en-US')} PBKDF2 iterations, above ${P2C_MAX.toLocaleString('en-US')}: one token can keep a server busy.`
          : p2c < P2C_MIN
            ? `"p2c" is only ${p2c} iterations, below ${P2C_MIN.toLocaleString('en-US')}: the password is cheap to guess.`
            : undefined;
    if (message)
      out.push({ id: 'pbes2-count', severity: 'medium', message, location: at('header', 'p2c') });
  }
  out.push(...typFindings(token));
  if (typeof header.cty === 'string' && /^(application\/)?jwt$/i.test(header.cty))
    out.push({
      id: 'nested-jwt',
      severity: 'info',
      message: `"cty": "${header.cty}": the payload is itself a JWT, which must be verified too.`,
      location: at('header', 'cty'),
    });
  out.push(...duplicateFindings('header', token.headerText, token.headerScan));
  if (token.kind === 'jws')
    out.push(...duplicateFindings('payload', token.payloadText, token.payloadScan));
  out.push(...formFindings(token));
  return out;
};

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
