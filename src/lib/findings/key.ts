/**
 * Checks on the key in the key box against the token's `alg`: fit, public-key
 * material as an HMAC secret, empty, short and guessable secrets, small RSA
 * moduli.
 */
import { base64url } from 'jose';
import { isNone, jwsAlgorithm, type JwsAlgorithm } from '../jws/algorithms';
import { fitChecker, keyWords, wantedKey } from '../keys/fit';
import type { KeyFacts, ParsedKey } from '../keys/types';
import { secretBytes, type SecretEncoding } from '../keys/secret';
import { COMMON_SECRETS } from './common-secrets';
import type { Detector, Finding, FindingsInput } from './types';

/** The smallest RSA modulus RFC 7518 §3.3 allows. */
export const RSA_MIN_BITS = 2048;

const SSH_FACTS: Record<string, KeyFacts> = {
  'ssh-rsa': { kty: 'RSA', isPrivate: false },
  'ssh-ed25519': { kty: 'OKP', crv: 'Ed25519', isPrivate: false },
  'ecdsa-sha2-nistp256': { kty: 'EC', crv: 'P-256', isPrivate: false },
  'ecdsa-sha2-nistp384': { kty: 'EC', crv: 'P-384', isPrivate: false },
  'ecdsa-sha2-nistp521': { kty: 'EC', crv: 'P-521', isPrivate: false },
};

const MEMORABLE = /^[a-z]+(?:[ ._-][a-z]+)*\d{0,4}[!?]?$/i;

/**
 * Human-memorable, the simple way: words of letters (optionally joined by
 * space, '-', '_' or '.') followed by at most four digits and one '!' or '?',
 * 32 characters at most ("mysecretkey", "my-super-secret", "Password123!");
 * or only digits, 12 at most (PINs, dates). Random strings mix digits inside.
 */
export function looksMemorable(text: string): boolean {
  if (text.length === 0 || text.length > 32) return false;
  // The separator is not optional inside the group: "(?:[ ._-]?[a-z]+)*" can split
  // a run of letters in exponentially many ways, and 31 letters and a '#' froze the tab.
  return MEMORABLE.test(text) || /^\d{1,12}$/.test(text);
}

/** Why a secret is guessable, or undefined: the known lists first, then the heuristic. */
export function weakSecretReason(
  text: string,
  weakSecrets: ReadonlySet<string> | undefined,
  textual = true,
): string | undefined {
  const lower = text.toLowerCase();
  if (COMMON_SECRETS.has(lower) || weakSecrets?.has(lower))
    return `"${text}" is a well-known example secret, the first thing a cracker tries.`;
  if (textual && looksMemorable(text))
    return `"${text}" looks human-memorable (words and a few digits): a dictionary attack finds it fast.`;
  return undefined;
}

function keyFacts(key: ParsedKey): KeyFacts[] {
  switch (key.kind) {
    case 'pem':
    case 'jwk':
      return [key.facts];
    case 'jwks':
      return key.keys.map((k) => k.facts);
    case 'ssh':
      return [SSH_FACTS[key.type] ?? { kty: 'RSA', isPrivate: false }];
    default:
      return [];
  }
}

const KEY_TEXT_WORDS: Partial<Record<ParsedKey['kind'], string>> = {
  pem: 'PEM',
  ssh: 'OpenSSH public key line',
  jwk: 'JWK',
  jwks: 'JWKS',
};

function hmacFindings(
  algorithm: JwsAlgorithm,
  key: ParsedKey | undefined,
  input: FindingsInput,
): Finding[] {
  const keyText = input.keyText ?? '';
  const encoding: SecretEncoding = input.secretEncoding ?? 'utf8';
  const where = { part: 'header', member: 'alg' } as const;
  const asymmetric = key ? keyFacts(key).filter((f) => f.kty !== 'oct') : [];
  if (
    (key && key.kind !== 'secret' && key.kind !== 'empty' && asymmetric.length) ||
    (!key && /-----BEGIN |^\s*ssh-(rsa|ed25519|dss) /.test(keyText))
  ) {
    const what = key
      ? `${keyWords(asymmetric[0]!)} (${KEY_TEXT_WORDS[key.kind] ?? 'key text'})`
      : 'PEM or SSH key text';
    return [
      {
        id: 'hmac-key-is-public-key',
        severity: 'critical',
        message: `${algorithm.alg} with ${what} as the HMAC secret: anyone with the public key could forge tokens.`,
        location: where,
      },
    ];
  }
  let bytes: Uint8Array | undefined;
  let text: string | undefined;
  let textual = encoding === 'utf8';
  if (key?.kind === 'secret') {
    const decoded = secretBytes(key.text, encoding);
    if (decoded.ok) bytes = decoded.value;
    text = encoding === 'utf8' ? key.text : undefined;
  } else if (key?.kind === 'empty' && keyText !== '') {
    bytes = new Uint8Array();
  } else if (key?.kind === 'jwk' && key.jwk.kty === 'oct' && typeof key.jwk.k === 'string') {
    try {
      bytes = base64url.decode(key.jwk.k);
      text = new TextDecoder().decode(bytes);
      textual = true;
    } catch {
      bytes = undefined;
    }
  }
  if (!bytes) return [];
  if (bytes.length === 0)
    return [
      {
        id: 'hmac-secret-empty',
        severity: 'critical',
        message:
          keyText.trim() === '' && keyText !== ''
            ? 'The secret is only white space: as a key it decodes to nothing here, and some libraries HMAC with an empty key.'
            : 'The HMAC secret is empty (0 bytes): anyone can compute this HMAC.',
        location: where,
      },
    ];
  const out: Finding[] = [];
  const need = algorithm.hashBytes ?? 32;
  if (bytes.length < need)
    out.push({
      id: 'hmac-secret-short',
      severity: 'high',
      message: `The secret is ${bytes.length} byte${bytes.length === 1 ? '' : 's'}${encoding === 'utf8' || key?.kind === 'jwk' ? '' : ` (as ${encoding})`}; ${algorithm.alg} needs at least ${need}.`,
      location: where,
    });
  const reason =
    text !== undefined ? weakSecretReason(text, input.weakSecrets, textual) : undefined;
  if (reason)
    out.push({ id: 'hmac-secret-weak', severity: 'critical', message: reason, location: where });
  return out;
}

function mismatchFindings(algorithm: JwsAlgorithm, key: ParsedKey): Finding[] {
  const where = { part: 'header', member: 'alg' } as const;
  if (key.kind === 'secret')
    return [
      {
        id: 'alg-key-mismatch',
        severity: 'high',
        message: `${algorithm.alg} needs ${wantedKey(algorithm)}, but the key box holds a text secret.`,
        location: where,
      },
    ];
  const facts = keyFacts(key);
  if (!facts.length) return [];
  const fit = fitChecker(algorithm, 'verify');
  const results = facts.map(fit);
  if (results.some((r) => r.ok)) return [];
  const first = results[0]!;
  if (first.ok) return [];
  return [
    {
      id: 'alg-key-mismatch',
      severity: 'high',
      message:
        key.kind === 'jwks'
          ? `No key in the JWKS fits ${algorithm.alg}: ${first.error.message}`
          : first.error.message,
      location: where,
    },
  ];
}

/** Findings about the key for this token's algorithm. */
export const keyFindings: Detector = (input, key) => {
  const token = input.decoded;
  const out: Finding[] = [];
  const rsa = key ? keyFacts(key).filter((f) => f.kty === 'RSA' && f.bits !== undefined) : [];
  const small = rsa.find((f) => f.bits! < RSA_MIN_BITS);
  if (small)
    out.push({
      id: 'rsa-key-small',
      severity: 'high',
      message: `The RSA key's modulus is ${small.bits} bits, under the ${RSA_MIN_BITS} that RFC 7518 requires.`,
    });
  if (token.kind !== 'jws' || isNone(token.alg)) return out;
  const algorithm = jwsAlgorithm(token.alg);
  if (!algorithm) return out;
  if (algorithm.family === 'HMAC') {
    const hmac = hmacFindings(algorithm, key, input);
    out.push(...hmac);
    // An oct JWK can still disagree through its own "alg", "use" or "key_ops".
    if (
      (key?.kind === 'jwk' || key?.kind === 'jwks') &&
      !hmac.some((f) => f.id === 'hmac-key-is-public-key')
    )
      out.push(...mismatchFindings(algorithm, key));
  } else if (key && key.kind !== 'empty') out.push(...mismatchFindings(algorithm, key));
  return out;
};
