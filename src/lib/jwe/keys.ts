/**
 * Turning what the key box holds into a key jose can decrypt or encrypt
 * with, for one JWE `alg`: the private key to decrypt, its public half to
 * encrypt, a secret of the right size, or a password for PBES2.
 */
import { base64url } from 'jose';
import { fail, LabError, messageOf, ok, type Result } from '../errors';
import { keyWords } from '../keys/fit';
import { importJwkKey, importPemKey, type ImportSpec, type KeyHalf } from '../keys/import-key';
import { secretBytes, type SecretEncoding } from '../keys/secret';
import type { JwkKey, KeyFacts, ParsedKey } from '../keys/types';
import type { JweEncAlgorithm, JweKeyAlgorithm } from './algorithms';

/** Decrypting needs the private half; encrypting only the public half. */
export type JwePurpose = 'decrypt' | 'encrypt';

/** A key jose accepts, with where it came from in words. */
export interface JweKey {
  key: CryptoKey | Uint8Array;
  source: string;
}

/** Options that change how the key text is read. */
export interface JweKeyOptions {
  secretEncoding: SecretEncoding;
  /** The header's `kid`, to pick a JWKS entry. */
  kid?: unknown;
}

const CURVES = new Set(['P-256', 'P-384', 'P-521', 'X25519']);

/** Words for the key an `alg` needs. */
function wanted(alg: JweKeyAlgorithm, purpose: JwePurpose): string {
  const half = purpose === 'decrypt' ? 'private' : 'public (or private)';
  switch (alg.family) {
    case 'RSA-OAEP':
    case 'RSA1_5':
      return `an RSA ${half} key`;
    case 'ECDH-ES':
      return `an EC ${half} key on P-256, P-384, P-521 or X25519`;
    case 'PBES2':
      return 'a password';
    case 'dir':
      return 'the shared content encryption key (a symmetric secret)';
    default:
      return `a ${alg.wrapBits}-bit symmetric secret`;
  }
}

/** Refuse a key that cannot serve `alg`, saying why. */
export function checkJweFit(
  facts: KeyFacts,
  alg: JweKeyAlgorithm,
  purpose: JwePurpose,
): Result<true> {
  if (!(alg.kty as readonly string[]).includes(facts.kty))
    return fail(
      'ERR_KEY_TYPE_MISMATCH',
      `${alg.alg} needs ${wanted(alg, purpose)}, but this is ${keyWords(facts)}.`,
    );
  if (alg.family === 'ECDH-ES' && !CURVES.has(facts.crv ?? ''))
    return fail(
      'ERR_KEY_CURVE_MISMATCH',
      `${alg.alg} needs ${wanted(alg, purpose)}; ${keyWords(facts)} cannot do key agreement${facts.crv === 'Ed25519' ? ' (Ed25519 keys sign; X25519 keys encrypt)' : ''}.`,
    );
  if (purpose === 'decrypt' && facts.kty !== 'oct' && !facts.isPrivate)
    return fail(
      'ERR_KEY_NOT_PRIVATE',
      `This is a public key: it can encrypt to its owner, but decrypting ${alg.alg} needs the private key.`,
    );
  return ok(true);
}

/** Check a symmetric secret's size against the `alg` (and `enc` for `dir`). */
function checkSize(
  bytes: Uint8Array,
  alg: JweKeyAlgorithm,
  enc: JweEncAlgorithm | undefined,
): Result<Uint8Array> {
  if (bytes.length === 0) return fail('ERR_KEY_EMPTY', 'The secret is empty.');
  const bits =
    alg.family === 'dir' ? enc?.cekBits : alg.family === 'PBES2' ? undefined : alg.wrapBits;
  if (bits !== undefined && bytes.length * 8 !== bits)
    return fail(
      'ERR_JWE_KEY_SIZE',
      `${alg.family === 'dir' ? `"dir" with ${enc?.enc}` : alg.alg} needs a key of exactly ${bits / 8} bytes (${bits} bits); this secret has ${bytes.length}. Choose the secret's encoding (base64url, hex) if it is written as text.`,
    );
  return ok(bytes);
}

/** The keys to try for this `alg`, in order: one, or the fitting JWKS entries. */
export async function resolveJweKey(
  parsed: ParsedKey,
  alg: JweKeyAlgorithm,
  enc: JweEncAlgorithm | undefined,
  purpose: JwePurpose,
  options: JweKeyOptions,
): Promise<Result<JweKey[]>> {
  try {
    switch (parsed.kind) {
      case 'empty':
        return fail('ERR_KEY_EMPTY', `Paste ${wanted(alg, purpose)} to ${purpose} this token.`);
      case 'ssh':
        return fail(
          'ERR_KEY_PEM_UNSUPPORTED',
          `An OpenSSH key cannot ${purpose} a JWE: ${alg.alg} needs ${wanted(alg, purpose)} as PEM or JWK.`,
        );
      case 'secret': {
        if (!alg.kty.includes('oct'))
          return fail(
            'ERR_KEY_SECRET_FOR_ASYMMETRIC',
            `${alg.alg} needs ${wanted(alg, purpose)} (PEM, JWK or JWKS), but this looks like a plain secret.`,
          );
        const bytes = secretBytes(parsed.text, options.secretEncoding);
        if (!bytes.ok) return bytes;
        const sized = checkSize(bytes.value, alg, enc);
        if (!sized.ok) return sized;
        const what = alg.family === 'PBES2' ? 'Password' : 'Secret';
        return ok([{ key: sized.value, source: `${what}, ${sized.value.length} bytes` }]);
      }
      case 'pem': {
        const fit = checkJweFit(parsed.facts, alg, purpose);
        if (!fit.ok) return fit;
        const key = await importPemKey(parsed, jweImportSpec(alg, parsed.facts), half(purpose));
        if (!key.ok) return key;
        return ok([{ key: key.value, source: 'the PEM key' }]);
      }
      case 'jwk': {
        const fit = checkJweFit(parsed.facts, alg, purpose);
        if (!fit.ok) return fit;
        const key = await importJwk(parsed, alg, enc, purpose);
        if (!key.ok) return key;
        return ok([{ key: key.value, source: 'the JWK' }]);
      }
      case 'jwks': {
        const kid = typeof options.kid === 'string' ? options.kid : undefined;
        const byKid = kid ? parsed.keys.filter((k) => k.facts.kid === kid) : [];
        const pool = byKid.length ? byKid : parsed.keys;
        const fitting = pool.filter((k) => checkJweFit(k.facts, alg, purpose).ok);
        if (!fitting.length)
          return fail(
            'ERR_KEY_JWKS_NO_MATCH',
            byKid.length
              ? `The JWKS key with kid "${kid}" cannot ${purpose} ${alg.alg}: ${(checkJweFit(byKid[0]!.facts, alg, purpose) as { error: LabError }).error.message}`
              : `No key in this JWKS can ${purpose} ${alg.alg} (it needs ${wanted(alg, purpose)}).`,
          );
        const keys: JweKey[] = [];
        for (const entry of fitting) {
          const key = await importJwk(entry, alg, enc, purpose);
          if (!key.ok) return key;
          const index = parsed.keys.indexOf(entry) + 1;
          const named = entry.facts.kid ? `, kid "${entry.facts.kid}"` : '';
          keys.push({
            key: key.value,
            source: `JWKS key ${index} of ${parsed.keys.length}${named}`,
          });
        }
        return ok(keys);
      }
    }
  } catch (cause) {
    // Only WebCrypto's own refusals arrive here; what the person got wrong came back as a value.
    return fail(
      'ERR_KEY_IMPORT',
      `The browser could not import this key for ${alg.alg}: ${messageOf(cause)}`,
      { cause },
    );
  }
}

/**
 * WebCrypto's import parameters for an asymmetric JWE `alg`, as jose checks
 * them (RFC 7518 §4.3 RSA-OAEP with its hash, §4.6 ECDH-ES on the key's curve).
 */
function jweImportSpec(alg: JweKeyAlgorithm, facts: KeyFacts): ImportSpec {
  if (alg.family === 'RSA-OAEP') {
    const bits = alg.alg.slice('RSA-OAEP-'.length);
    return {
      params: { name: 'RSA-OAEP', hash: bits ? `SHA-${bits}` : 'SHA-1' },
      usages: { public: ['encrypt', 'wrapKey'], private: ['decrypt', 'unwrapKey'] },
    };
  }
  if (alg.family === 'ECDH-ES')
    return {
      params:
        facts.crv === 'X25519' ? { name: 'X25519' } : { name: 'ECDH', namedCurve: facts.crv! },
      usages: { public: [], private: ['deriveBits'] },
    };
  throw new TypeError(`${alg.alg} takes no asymmetric key`);
}

// Decrypting uses the key as it is (checkJweFit made sure it is private); encrypting, its public half.
const half = (purpose: JwePurpose): KeyHalf => (purpose === 'decrypt' ? 'as-is' : 'public');

async function importJwk(
  entry: JwkKey,
  alg: JweKeyAlgorithm,
  enc: JweEncAlgorithm | undefined,
  purpose: JwePurpose,
): Promise<Result<CryptoKey | Uint8Array>> {
  if (entry.facts.kty === 'oct') {
    let bytes: Uint8Array;
    try {
      bytes = base64url.decode(entry.jwk.k!);
    } catch (cause) {
      return fail('ERR_KEY_JWK', 'The JWK\'s "k" is not valid base64url.', { cause });
    }
    return checkSize(bytes, alg, enc);
  }
  return ok(await importJwkKey(entry.jwk, jweImportSpec(alg, entry.facts), half(purpose)));
}
