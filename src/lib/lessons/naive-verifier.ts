/**
 * A DELIBERATELY BROKEN verifier, for the attack lab only. It makes every
 * classic mistake on purpose so the demos can show an attack succeeding:
 * it trusts the header's `alg`, accepts `alg: none`, uses whatever key text
 * it has as an HMAC secret, trusts a key embedded in the token (`jwk`), looks
 * keys up by `kid` as a file path in a fake store, and accepts the "psychic"
 * ECDSA signature r = s = 0 as vulnerable Java 15–18 did. It is never used
 * for the page's verdicts: those come from verify.ts and keys/resolve.ts.
 */
import { importJWK, importSPKI, type JWK } from 'jose';
import { decodePart } from '../jws/base64url';
import { scanJson } from '../json/scan';
import { jwsAlgorithm } from '../jws/algorithms';
import { hmacSign } from './tokens';

/** What the naive verifier decided, and the (bad) reasoning behind it. */
export interface NaiveVerdict {
  accepted: boolean;
  reason: string;
  /** The claims it would hand to the application (last-wins parse). */
  claims?: Record<string, unknown>;
}

/** What the naive server is configured with. */
export interface NaiveConfig {
  /** The key text it was given: a secret, or the server's public key PEM. */
  key: string;
  /** A fake key directory for `kid` lookups: file name → key text. */
  keyFiles?: Record<string, string>;
  /** A fake key table for `kid` lookups by SQL query built from the kid: kid → key text. */
  keyTable?: Record<string, string>;
}

const encoder = new TextEncoder();

/** Resolve `kid` as a file under `app/keys/` the way a naive path join would. */
export function naiveKidLookup(kid: string, files: Record<string, string>): string | undefined {
  const parts: string[] = ['app', 'keys'];
  for (const piece of kid.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '' && piece !== '.') parts.push(piece);
  }
  const path = parts.join('/');
  // The fake file system: /dev/null reads as an empty file; key files live in app/keys/.
  if (path === 'dev/null') return '';
  return path.startsWith('app/keys/') ? files[path.slice('app/keys/'.length)] : undefined;
}

/**
 * Run `SELECT key FROM keys WHERE kid = '<kid>'` the way string-built SQL does: a kid
 * that closes the quote and adds `UNION SELECT '<text>'` makes `<text>` the key.
 */
export function naiveSqlKidLookup(kid: string, table: Record<string, string>): string | undefined {
  const query = `SELECT key FROM keys WHERE kid = '${kid}'`;
  const union =
    /^SELECT key FROM keys WHERE kid = '([^']*)'\s+UNION\s+(?:ALL\s+)?SELECT\s+'([^']*)'\s*(?:--.*)?$/i.exec(
      query,
    );
  if (union) return Object.hasOwn(table, union[1]!) ? table[union[1]!] : union[2];
  return Object.hasOwn(table, kid) ? table[kid] : undefined;
}

function parseJson(part: string): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(decodePart(part))) as Record<string, unknown>;
}

const isZero = (bytes: Uint8Array) => bytes.every((b) => b === 0);

/** Verify `token` the naive way. Demonstration only: never trust this answer. */
export async function naiveVerify(token: string, config: NaiveConfig): Promise<NaiveVerdict> {
  const [h = '', p = '', s = ''] = token.split('.');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = parseJson(h);
    claims = parseJson(p);
  } catch {
    return { accepted: false, reason: 'could not parse the token' };
  }
  const alg = String(header.alg);
  const input = `${h}.${p}`;
  const signature = decodePart(s);
  const done = (accepted: boolean, reason: string): NaiveVerdict =>
    accepted ? { accepted, reason, claims } : { accepted, reason };

  if (alg.toLowerCase() === 'none')
    return done(true, `it trusted "alg": "${alg}" from the token and checked no signature`);

  if (header.jwk && typeof header.jwk === 'object') {
    const key = await importJWK(header.jwk as JWK, alg);
    const good = await crypto.subtle.verify(
      { name: 'RSASSA-PKCS1-v1_5' },
      key as CryptoKey,
      signature as Uint8Array<ArrayBuffer>,
      encoder.encode(input),
    );
    return done(
      good,
      good
        ? 'it verified with the key the token carried in its own "jwk" header'
        : 'the signature did not match the embedded jwk',
    );
  }

  const algorithm = jwsAlgorithm(alg);
  if (algorithm?.family === 'HMAC') {
    let secret = config.key;
    let via = 'its configured key text';
    if (typeof header.kid === 'string' && (config.keyFiles || config.keyTable)) {
      const found = config.keyTable
        ? naiveSqlKidLookup(header.kid, config.keyTable)
        : naiveKidLookup(header.kid, config.keyFiles!);
      const where = config.keyTable ? 'the SQL query built from' : 'the file that';
      if (found === undefined) return done(false, `no key for kid "${header.kid}"`);
      secret = found;
      via = `${where} kid "${header.kid}" ${config.keyTable ? 'returned' : 'pointed at'} (${found === '' ? 'empty' : `${found.length} characters`})`;
    }
    const expected = await hmacSign(encoder.encode(secret), input, algorithm.hash!);
    const good = expected === s;
    return done(
      good,
      good
        ? `it trusted "alg": "${alg}" and used ${via} as the HMAC secret`
        : 'the HMAC did not match',
    );
  }

  if (algorithm?.family === 'ECDSA' && algorithm.signatureBytes && algorithm.hash) {
    const half = algorithm.signatureBytes / 2;
    if (
      signature.length === algorithm.signatureBytes &&
      (isZero(signature.subarray(0, half)) || isZero(signature.subarray(half)))
    ) {
      // Java 15–18 (CVE-2022-21449) skipped the 0 < r, s < n check; with r = s = 0 its
      // final comparison became 0 == 0 for every message and every key.
      return done(
        true,
        'it skipped the 0 < r, s < n range check (as Java 15–18 did before the April 2022 patch), so r = s = 0 "matched" any message',
      );
    }
    const key = await importSPKI(config.key, alg);
    const good = await crypto.subtle.verify(
      { name: 'ECDSA', hash: algorithm.hash },
      key,
      signature as Uint8Array<ArrayBuffer>,
      encoder.encode(input),
    );
    return done(good, good ? 'the ECDSA signature matched' : 'the ECDSA signature did not match');
  }

  if (alg === 'RS256') {
    const key = await importSPKI(config.key, 'RS256');
    const good = await crypto.subtle.verify(
      { name: 'RSASSA-PKCS1-v1_5' },
      key,
      signature as Uint8Array<ArrayBuffer>,
      encoder.encode(input),
    );
    return done(good, good ? 'the RSA signature matched' : 'the RSA signature did not match');
  }
  return done(false, `it does not know "alg": "${alg}"`);
}

/** Which of two members with the same name a JSON parser keeps. */
export type DuplicatePolicy = 'first-wins' | 'last-wins';

/** Parse top-level JSON the way a parser with `policy` does (demonstration only). */
export function parseWithPolicy(text: string, policy: DuplicatePolicy): Record<string, unknown> {
  const value = JSON.parse(text) as Record<string, unknown>;
  if (policy === 'last-wins') return value;
  const scanned = scanJson(text);
  if (!scanned.ok) return value;
  // First wins: read the value of the first member with each top-level name.
  const result: Record<string, unknown> = {};
  for (const member of scanned.scan.members) {
    if (member.path !== '' || Object.hasOwn(result, member.name)) continue;
    result[member.name] = JSON.parse(text.slice(member.valueFrom, member.valueTo));
  }
  return result;
}
