/**
 * Checks on the claims of a JWS: missing exp/aud/iss, lifetimes, times in
 * milliseconds or not numbers, impossible windows, and readable secrets.
 * Time is the caller's `now`; nothing here reads a clock.
 */
import { span } from '../claims/words';
import { MILLISECONDS_THRESHOLD } from '../claims/time-claims';
import type { Detector, Finding } from './types';

/** The longest advised lifetime of an access token (OWASP). */
export const ACCESS_TOKEN_MAX_LIFETIME = 24 * 3600;
/** The longest advised lifetime of any other token. */
export const TOKEN_MAX_LIFETIME = 30 * 24 * 3600;

const TIME = ['exp', 'nbf', 'iat'] as const;
const SENSITIVE_NAME =
  /^(?:pass(?:word|wd|phrase)?|pwd|secret|client_secret|.*(?:password|passwd|secret_?key|api_?key|apikey|private_?key|access_?key)|card_?number|credit_?card|cvv|cvc|ssn)$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const CARD = /(?:\d[ -]?){12,18}\d/g;
const CARD_RUN = /(?:\d[ -]?){12}\d/;
const PRIVATE_PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** The Luhn checksum card numbers carry (ISO/IEC 7812). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

/**
 * An email address in `value`, looked for around its first few '@' only: run
 * over a whole value, the pattern retries from every character, and a
 * megabyte of letters with an '@' took seconds.
 */
function emailIn(value: string): string | undefined {
  let at = value.indexOf('@');
  for (let tries = 0; at !== -1 && tries < 16; tries++, at = value.indexOf('@', at + 1)) {
    // RFC 5321 §4.5.3.1: a local part has 64 octets at most, a domain 255.
    const found = EMAIL.exec(value.slice(Math.max(0, at - 64), at + 256));
    if (found) return found[0];
  }
  return undefined;
}

/** What looks sensitive in one value, by member name or content. */
function sensitiveIn(name: string, value: unknown, depth: number): string | undefined {
  if (SENSITIVE_NAME.test(name) && value !== null && value !== '' && value !== false)
    return `a "${name}" member`;
  if (typeof value === 'string') {
    // The cheap includes() first: most claim values are short strings with neither.
    if (value.includes('-----BEGIN') && PRIVATE_PEM.test(value)) return 'a private key in PEM form';
    const email = emailIn(value);
    if (email) return `an email address (${email})`;
    // A card number needs 13 digits at least.
    // A test before the matches: most long values (URLs, ids) hold no run of 13 digits.
    if (value.length >= 13 && CARD_RUN.test(value))
      for (const m of value.matchAll(CARD))
        if (passesLuhn(m[0].replace(/\D/g, '')))
          return 'what looks like a card number (it passes the Luhn check)';
  } else if (typeof value === 'number' && Number.isInteger(value)) {
    const digits = String(value);
    if (
      digits.length >= 13 &&
      digits.length <= 19 &&
      passesLuhn(digits) &&
      !TIME.includes(name as 'exp')
    )
      return 'what looks like a card number (it passes the Luhn check)';
  } else if (value !== null && typeof value === 'object' && depth < 8) {
    // for…in, not Object.entries: no pair array made for every object on every keystroke.
    const array = Array.isArray(value);
    const members = value as Record<string, unknown>;
    for (const k in members) {
      if (!Object.hasOwn(members, k)) continue;
      const found = sensitiveIn(array ? name : k, members[k], depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** The first claim that looks sensitive, as a finding: the costly part, a pass over every value. */
export function sensitiveFinding(claims: Record<string, unknown>): Finding | undefined {
  for (const name in claims) {
    if (!Object.hasOwn(claims, name)) continue;
    const value = claims[name];
    const found = sensitiveIn(name, value, 0);
    if (found)
      return {
        id: 'sensitive-data',
        severity: 'medium',
        message: `"${name}" holds ${found}, readable by anyone who sees the token.`,
        location: { part: 'payload', member: name },
      };
  }
  return undefined;
}

/**
 * Findings about the claims of a JWS; `sensitive` may remember its answer per
 * payload, since only the time findings change as the clock moves.
 */
export const claimsDetector =
  (sensitive: typeof sensitiveFinding = sensitiveFinding): Detector =>
  (input) =>
    claimsFindingsWith(input, sensitive);

/** Findings about the claims of a JWS. */
export const claimsFindings: Detector = claimsDetector();

function claimsFindingsWith(
  input: Parameters<Detector>[0],
  sensitive: typeof sensitiveFinding,
): Finding[] {
  const token = input.decoded;
  // A JWS that is not a JWT has no claims to miss.
  if (token.kind !== 'jws' || token.payloadForm !== 'claims') return [];
  const claims = token.payload;
  const leeway = input.leeway ?? 0;
  const out: Finding[] = [];
  const at = (member?: string) =>
    member ? { part: 'payload' as const, member } : { part: 'payload' as const };
  const num = (name: string): number | undefined => {
    const v = claims[name];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };

  if (!('exp' in claims))
    out.push({
      id: 'exp-missing',
      severity: 'medium',
      message: 'There is no "exp": this token never expires.',
      location: at(),
    });
  for (const name of TIME) {
    if (!(name in claims)) continue;
    const v = claims[name];
    if (typeof v !== 'number')
      out.push({
        id: 'time-not-numeric',
        severity: 'high',
        message: `"${name}" is ${JSON.stringify(v)}, not a JSON number of seconds.`,
        location: at(name),
      });
    else if (v > MILLISECONDS_THRESHOLD)
      out.push({
        id: 'exp-milliseconds',
        severity: 'high',
        message: `"${name}" is ${v}: that is milliseconds; in seconds it is the year ${Math.floor(1970 + v / 31_556_952)}.`,
        location: at(name),
      });
  }
  const exp = num('exp');
  const iat = num('iat');
  const nbf = num('nbf');
  const ms = (v: number | undefined) => v !== undefined && v > MILLISECONDS_THRESHOLD;
  if (exp !== undefined && !ms(exp) && !ms(iat)) {
    const typ = typeof token.header.typ === 'string' ? token.header.typ : '';
    const access = /^(application\/)?at\+jwt$/i.test(typ) || 'scope' in claims || 'scp' in claims;
    const limit = access ? ACCESS_TOKEN_MAX_LIFETIME : TOKEN_MAX_LIFETIME;
    const from = iat ?? input.now;
    if (exp - from > limit)
      out.push({
        id: 'exp-far-future',
        severity: 'medium',
        message: `The token lives ${span(exp - from)} ${iat !== undefined ? 'from "iat"' : 'from now'}, over the ${access ? '24 hours advised for an access token' : '30 days advised'}.`,
        location: at('exp'),
      });
  }
  if (iat !== undefined && !ms(iat) && iat > input.now + leeway)
    out.push({
      id: 'iat-future',
      severity: 'medium',
      message: `"iat" is ${span(iat - input.now)} in the future${leeway ? ` (beyond the ${leeway} s leeway)` : ''}.`,
      location: at('iat'),
    });
  if (exp !== undefined) {
    const late = [
      ...(nbf !== undefined && nbf >= exp ? [`"nbf" (${nbf})`] : []),
      ...(iat !== undefined && iat > exp ? [`"iat" (${iat})`] : []),
    ];
    if (late.length)
      out.push({
        id: 'nbf-after-exp',
        severity: 'medium',
        message: `${late.join(' and ')} ${late.length > 1 ? 'are' : 'is'} not before "exp" (${exp}): there is no moment when this token is valid.`,
        location: at(nbf !== undefined && nbf >= exp ? 'nbf' : 'iat'),
      });
  }
  if (!('aud' in claims))
    out.push({
      id: 'aud-missing',
      severity: 'medium',
      message: 'There is no "aud": any service trusting the issuer would accept this token.',
      location: at(),
    });
  if (!('iss' in claims))
    out.push({
      id: 'iss-missing',
      severity: 'low',
      message: 'There is no "iss": nothing says who issued this token.',
      location: at(),
    });
  const found = sensitive(claims);
  if (found) out.push(found);
  return out;
}
