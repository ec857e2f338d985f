/**
 * Checks on the protected header and the token's form: the algorithm, the
 * key-locating parameters (jwk, jku, x5u, kid), crit, b64, zip, p2c, typ,
 * cty, duplicate members, non-canonical base64url and pasted wrapping.
 */
import { isNone, jwsAlgorithm } from '../algorithms';
import type { DecodedToken } from '../decode';
import type { JsonScan } from '../json';
import type { Detector, Finding, FindingLocation } from './types';

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

/** PBES2 iteration bounds (RFC 8725bis draft; jose caps at 10,000 × 120). */
export const P2C_MAX = 1_200_000;
/** Below this the password derivation is too cheap (RFC 7518 §4.8.1.2 asks for ≥ 1000). */
export const P2C_MIN = 1_000;

const TYP_OK = /^(?:application\/)?(?:[\w.-]+\+)?jwt$/i;
const ACCESS_TYP = /^(?:application\/)?at\+jwt$/i;

const at = (part: FindingLocation['part'], member?: string): FindingLocation =>
  member === undefined ? { part } : { part, member };
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
};

function algFindings(token: DecodedToken): Finding[] {
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

function urlFindings(
  header: Record<string, unknown>,
  payload: Record<string, unknown> | undefined,
): Finding[] {
  const out: Finding[] = [];
  for (const name of ['jku', 'x5u'] as const) {
    if (!(name in header)) continue;
    const value = header[name];
    const worse: string[] = [];
    if (typeof value === 'string') {
      let url: URL | undefined;
      try {
        url = new URL(value);
      } catch {
        worse.push('it is not even a valid URL');
      }
      if (url) {
        if (url.protocol !== 'https:')
          worse.push(`it uses ${url.protocol.replace(':', '')}, not https`);
        if (/^\[.*\]$|^\d{1,3}(\.\d{1,3}){3}$/.test(url.hostname))
          worse.push(`its host ${url.hostname} is an IP address`);
        const iss = payload?.iss;
        if (typeof iss === 'string') {
          let issHost: string | undefined;
          try {
            issHost = new URL(iss).hostname;
          } catch {
            issHost = undefined;
          }
          if (issHost && issHost !== url.hostname)
            worse.push(`its host ${url.hostname} is not the issuer's host ${issHost}`);
        }
      }
    } else worse.push('it is not a string');
    out.push({
      id: 'jku-x5u',
      severity: worse.length ? 'critical' : 'high',
      message: `"${name}" tells the verifier to fetch its key from ${show(value)}${worse.length ? `; worse: ${worse.join(', ')}` : ''}.`,
      location: at('header', name),
    });
  }
  return out;
}

const KID_PATTERNS: [RegExp, string][] = [
  [/\.\.[/\\]/, "'../'"],
  [/[a-z][a-z0-9+.-]*:\/\//i, 'a URL'],
  [/\//, "'/'"],
  [/\\/, "'\\'"],
  [/['"`]/, 'a quote'],
  [/;/, "';'"],
  [/\|/, "'|'"],
  [/\0/, 'a NUL character'],
  [/\$\(|`/, 'shell substitution'],
];

function kidFindings(header: Record<string, unknown>): Finding[] {
  if (!('kid' in header)) return [];
  const kid = header.kid;
  let message: string | undefined;
  if (typeof kid !== 'string') message = `"kid" is ${show(kid)}, not a string.`;
  else {
    const hits: string[] = [];
    for (const [pattern, words] of KID_PATTERNS) {
      if (pattern.test(kid) && !hits.includes(words)) hits.push(words);
      if (words === 'a URL' && hits.includes(words)) break; // a URL's slashes say nothing more
    }
    if (hits.length) message = `"kid" contains ${hits.join(', ')}: ${show(kid)}.`;
  }
  return message
    ? [{ id: 'kid-suspicious', severity: 'high', message, location: at('header', 'kid') }]
    : [];
}

function typFindings(token: DecodedToken): Finding[] {
  const { header } = token;
  const problem = (message: string): Finding[] => [
    { id: 'typ-unexpected', severity: 'medium', message, location: at('header', 'typ') },
  ];
  if (!('typ' in header))
    return token.kind === 'jws'
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

function duplicateFindings(part: 'header' | 'payload', text: string, scan: JsonScan): Finding[] {
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

function formFindings(token: DecodedToken): Finding[] {
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

/** Findings from the header and the token's form. */
export const headerFindings: Detector = (input) => {
  const token = input.decoded;
  const { header } = token;
  const payload = token.kind === 'jws' ? token.payload : undefined;
  const out: Finding[] = [
    ...algFindings(token),
    ...critFindings(header, input.understoodCrit ?? []),
  ];
  if (token.kind === 'jws' && header.b64 === false)
    out.push({
      id: 'b64-false',
      severity: 'medium',
      message: '"b64": false asks for an unencoded payload, which a JWT cannot have.',
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
