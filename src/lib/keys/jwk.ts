/**
 * Reading one JWK: checking the members its key type needs (RFC 7518 §6),
 * saying what the key is, and repairing what libraries commonly get wrong
 * (EC coordinates that lost their leading zero bytes); and a JWK's public half.
 */
import { base64url, type JWK } from 'jose';
import { fail, ok, type Result } from '../errors';
import type { JwkKey, KeyFacts } from './types';

const CURVE_BYTES: Record<string, number> = {
  'P-256': 32,
  'P-384': 48,
  'P-521': 66,
  secp256k1: 32,
};
// `priv` is an AKP key's private part (RFC 9964 §3).
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'];

/** Reads an AKP JWK's members once they are known to be an object with `kty: "AKP"`. */
export type AkpReader = (jwk: JWK, declared: Partial<KeyFacts>) => Result<JwkKey>;

/**
 * Read one JWK object: check its members and repair what libraries commonly
 * get wrong. Without `readAkp` (not loaded yet) an AKP key is `ERR_KEY_LOADING`.
 */
export function readJwk(value: unknown, readAkp?: AkpReader): Result<JwkKey> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return fail('ERR_KEY_JWK', 'A JWK must be a JSON object.');
  const jwk = { ...(value as JWK) };
  const notes: string[] = [];
  const need = (...members: string[]) => {
    const missing = members.filter((m) => typeof (jwk as Record<string, unknown>)[m] !== 'string');
    return missing.length
      ? fail<never>(
          'ERR_KEY_JWK',
          `This ${jwk.kty} JWK lacks ${missing.map((m) => `"${m}"`).join(' and ')} (RFC 7518 §6).`,
        )
      : undefined;
  };
  const declared = {
    ...(typeof jwk.alg === 'string' ? { alg: jwk.alg } : {}),
    ...(typeof jwk.use === 'string' ? { use: jwk.use } : {}),
    ...(Array.isArray(jwk.key_ops) ? { keyOps: jwk.key_ops } : {}),
    ...(typeof jwk.kid === 'string' ? { kid: jwk.kid } : {}),
  };
  switch (jwk.kty) {
    case 'oct': {
      const missing = need('k');
      if (missing) return missing;
      const bits = bytesOf(jwk.k!).length * 8;
      return ok({
        kind: 'jwk',
        jwk,
        facts: { kty: 'oct', bits, isPrivate: true, ...declared },
        notes,
      });
    }
    case 'RSA': {
      const missing = need('n', 'e');
      if (missing) return missing;
      const bits = rsaBits(jwk.n!);
      return ok({
        kind: 'jwk',
        jwk,
        facts: { kty: 'RSA', bits, isPrivate: typeof jwk.d === 'string', ...declared },
        notes,
      });
    }
    case 'EC': {
      const missing = need('crv', 'x', 'y');
      if (missing) return missing;
      const size = CURVE_BYTES[jwk.crv!];
      if (size) {
        // Some libraries drop leading zero bytes; RFC 7518 §6.2.1.2 wants the full length.
        for (const m of ['x', 'y', 'd'] as const) {
          const v = jwk[m];
          if (typeof v !== 'string') continue;
          const n = bytesOf(v).length;
          if (n > 0 && n < size) {
            jwk[m] = padBase64url(v, size);
            notes.push(
              `"${m}" was ${n} bytes, shorter than the ${size} that ${jwk.crv} needs: padded with leading zeros.`,
            );
          }
        }
      }
      return ok({
        kind: 'jwk',
        jwk,
        facts: { kty: 'EC', crv: jwk.crv!, isPrivate: typeof jwk.d === 'string', ...declared },
        notes,
      });
    }
    case 'OKP': {
      const missing = need('crv', 'x');
      if (missing) return missing;
      return ok({
        kind: 'jwk',
        jwk,
        facts: { kty: 'OKP', crv: jwk.crv!, isPrivate: typeof jwk.d === 'string', ...declared },
        notes,
      });
    }
    case 'AKP':
      // Loaded on demand with the PEM reader (parse.ts): ML-DSA is rare, the first screen is tight.
      return readAkp
        ? readAkp(jwk, declared)
        : fail('ERR_KEY_LOADING', 'Reading the AKP (ML-DSA) key…');
    case undefined:
      return fail(
        'ERR_KEY_JWK',
        'This JSON has no "kty", so it is not a JWK (a JWKS has a "keys" array instead).',
      );
    default:
      return fail(
        'ERR_KEY_JWK',
        `"kty": ${JSON.stringify(jwk.kty)} is not a key type this app knows (oct, RSA, EC, OKP, AKP).`,
      );
  }
}

/** The public half of a JWK: private members removed. */
export function publicJwk(jwk: JWK): JWK {
  const copy: Record<string, unknown> = { ...jwk };
  for (const m of PRIVATE_MEMBERS) delete copy[m];
  return copy as JWK;
}

/** Bytes of a base64url member, or empty when it is not base64url (import then says why). */
export function bytesOf(s: string): Uint8Array {
  try {
    return base64url.decode(s);
  } catch {
    return new Uint8Array();
  }
}

/** Exact modulus size: leading zero bytes and bits do not count. */
function rsaBits(n: string): number {
  const bytes = bytesOf(n);
  const first = bytes.findIndex((b) => b !== 0);
  if (first < 0) return 0;
  return (bytes.length - first - 1) * 8 + (32 - Math.clz32(bytes[first]!));
}

function padBase64url(v: string, size: number): string {
  const bytes = bytesOf(v);
  const padded = new Uint8Array(size);
  padded.set(bytes, size - bytes.length);
  return base64url.encode(padded);
}
