/**
 * Turning what the key box holds into CryptoKeys for one algorithm: picking
 * the entry of a JWKS (select-jwks.ts), checking fit, and importing
 * (import-key.ts). Imports are slow (RSA especially), so {@link KeyResolver}
 * caches them by text.
 */
import { fail, isUnsupportedByBrowser, messageOf, ok, type Result } from '../errors';
import type { JwsAlgorithm } from '../jws/algorithms';
import { describeKey } from './describe-key';
import { checkFit, wantedKey, type KeyPurpose } from './fit';
import { hmacKey, importJwkFor, importPem } from './import-key';
import { loadPemSupport, parseKey, pemSupportLoaded } from './parse';
import type { KeyFacts, ParsedKey, SoftKey } from './types';
import { entryName, selectFromJwks } from './select-jwks';
import { secretBytes, type SecretEncoding } from './secret';

export { describeKey } from './describe-key';
export { selectFromJwks } from './select-jwks';

/** A key ready for WebCrypto, with where it came from in words. */
export interface UsableKey {
  /** A SoftKey for secp256k1 and Ed448, which WebCrypto lacks (noble/index.ts). */
  key: CryptoKey | SoftKey;
  /** "RSA public key, 2048 bits, SPKI PEM", "JWKS key 2 of 3 (kid "b")". */
  source: string;
  facts: KeyFacts;
  notes: string[];
}

/** The keys to try, in order, and how they were chosen. */
export interface KeySelection {
  candidates: UsableKey[];
  /** How the key was picked ("matched by kid"), empty for a single key. */
  how: string;
}

/** Options that change how key text is read. */
export interface ResolveOptions {
  secretEncoding: SecretEncoding;
  /** The token's `kid`, to pick a JWKS entry. */
  kid?: unknown;
}

/** Import the key text for `algorithm` and `purpose`: a value, never a throw. */
export async function resolveKey(
  parsed: ParsedKey,
  algorithm: JwsAlgorithm,
  purpose: KeyPurpose,
  options: ResolveOptions,
): Promise<Result<KeySelection>> {
  try {
    switch (parsed.kind) {
      case 'empty':
        return fail(
          'ERR_KEY_EMPTY',
          purpose === 'sign' ? 'Paste a key to sign with.' : 'Paste a key to verify the signature.',
        );
      case 'ssh':
        if (algorithm.family === 'HMAC')
          return checkFit(sshFacts(parsed.type), algorithm, purpose) as Result<never>;
        return fail(
          'ERR_KEY_PEM_UNSUPPORTED',
          `This is an OpenSSH public key (${parsed.type}). Convert it to PEM with: ssh-keygen -e -m PKCS8 -f key.pub`,
        );
      case 'secret': {
        if (algorithm.family !== 'HMAC')
          return fail(
            'ERR_KEY_SECRET_FOR_ASYMMETRIC',
            `${algorithm.alg} needs ${wantedKey(algorithm)} (PEM, JWK or JWKS), but this looks like a plain secret. Secrets only serve HS256/384/512.`,
            { pyjwt: 'InvalidKeyError' },
          );
        const bytes = secretBytes(parsed.text, options.secretEncoding);
        if (!bytes.ok) return bytes;
        const notes = /^\s|\s$/.test(parsed.text)
          ? ['The secret starts or ends with white space, and it counts as part of the secret.']
          : [];
        const key = await hmacKey(bytes.value, algorithm);
        if (!key.ok) return key;
        return ok({
          candidates: [
            {
              key: key.value,
              source: `HMAC secret, ${bytes.value.length} bytes`,
              facts: { kty: 'oct', bits: bytes.value.length * 8, isPrivate: true },
              notes,
            },
          ],
          how: '',
        });
      }
      case 'pem': {
        const fit = checkFit(parsed.facts, algorithm, purpose);
        if (!fit.ok) return fit;
        const key = await importPem(parsed, algorithm, purpose);
        if (!key.ok) return key;
        return ok({
          candidates: [
            { key: key.value, source: describeKey(parsed), facts: parsed.facts, notes: [] },
          ],
          how: '',
        });
      }
      case 'jwk': {
        const fit = checkFit(parsed.facts, algorithm, purpose);
        if (!fit.ok) return fit;
        const key = await importJwkFor(parsed, algorithm, purpose);
        if (!key.ok) return key;
        return ok({
          candidates: [
            {
              key: key.value,
              source: describeKey(parsed),
              facts: parsed.facts,
              notes: parsed.notes,
            },
          ],
          how: '',
        });
      }
      case 'jwks': {
        const picked = selectFromJwks(parsed, algorithm, purpose, options.kid);
        if (!picked.ok) return picked;
        const candidates: UsableKey[] = [];
        for (const { entry, index } of picked.value.entries) {
          const key = await importJwkFor(entry, algorithm, purpose);
          if (!key.ok) return key;
          candidates.push({
            key: key.value,
            source: entryName(parsed, index),
            facts: entry.facts,
            notes: entry.notes,
          });
        }
        return ok({ candidates, how: picked.value.how });
      }
    }
  } catch (cause) {
    // Only WebCrypto's own refusals arrive here; what the person got wrong came back as a value.
    if (isUnsupportedByBrowser(cause))
      return fail(
        'ERR_ALG_UNSUPPORTED',
        `This browser's WebCrypto has no ${algorithm.alg}, so it cannot ${purpose} this token here${algorithm.family === 'ML-DSA' ? ' (ML-DSA is new to WebCrypto, and not every browser has it yet)' : ''}. The token still decodes; the key was read, not used.`,
        { cause },
      );
    return fail(
      'ERR_KEY_IMPORT',
      `The browser could not import this key for ${algorithm.alg}: ${messageOf(cause)}`,
      { cause },
    );
  }
}

/** What an OpenSSH public key line is, from its type word. */
function sshFacts(type: string): KeyFacts {
  if (type === 'ssh-ed25519') return { kty: 'OKP', crv: 'Ed25519', isPrivate: false };
  const curve = /^ecdsa-sha2-nistp(\d+)$/.exec(type)?.[1];
  if (curve) return { kty: 'EC', crv: curve === '521' ? 'P-521' : `P-${curve}`, isPrivate: false };
  return { kty: 'RSA', isPrivate: false };
}

/**
 * Caches key imports by their text, algorithm, purpose and encoding, so a
 * keystroke in the token never re-imports the key it imported a moment ago.
 */
export class KeyResolver {
  readonly #parsed = new Map<string, Result<ParsedKey>>();
  readonly #resolved = new Map<string, Promise<Result<KeySelection>>>();
  /** The imports that have finished, so that a keystroke need not wait a turn for them. */
  readonly #settled = new Map<string, Result<KeySelection>>();
  #lastSettled:
    | {
        text: string;
        alg: string;
        purpose: KeyPurpose;
        encoding: SecretEncoding;
        kid: string;
        id: string;
      }
    | undefined;
  readonly #limit: number;

  constructor(limit = 32) {
    this.#limit = limit;
  }

  /** The recognised key text (cached). */
  parse(text: string): Result<ParsedKey> {
    let parsed = this.#parsed.get(text);
    const stale =
      parsed && !parsed.ok && parsed.error.code === 'ERR_KEY_LOADING' && pemSupportLoaded();
    if (!parsed || stale) {
      parsed = parseKey(text);
      remember(this.#parsed, text, parsed, this.#limit);
    }
    return parsed;
  }

  /** The usable keys for this text and algorithm, if an earlier {@link resolve} has finished. */
  settled(
    text: string,
    algorithm: JwsAlgorithm,
    purpose: KeyPurpose,
    options: ResolveOptions,
  ): Result<KeySelection> | undefined {
    // Keystroke after keystroke the key and its reading are the same: the
    // last id is reused, not joined again from the key text and hashed.
    const kid = typeof options.kid === 'string' ? options.kid : '';
    const last = this.#lastSettled;
    const id =
      last?.text === text &&
      last.alg === algorithm.alg &&
      last.purpose === purpose &&
      last.encoding === options.secretEncoding &&
      last.kid === kid
        ? last.id
        : resolutionId(text, algorithm, purpose, options);
    const value = this.#settled.get(id);
    if (value && id !== last?.id)
      this.#lastSettled = {
        text,
        alg: algorithm.alg,
        purpose,
        encoding: options.secretEncoding,
        kid,
        id,
      };
    return value;
  }

  /** The usable keys for this text and algorithm (cached). */
  resolve(
    text: string,
    algorithm: JwsAlgorithm,
    purpose: KeyPurpose,
    options: ResolveOptions,
  ): Promise<Result<KeySelection>> {
    const id = resolutionId(text, algorithm, purpose, options);
    let resolved = this.#resolved.get(id);
    if (!resolved) {
      const parsed = this.parse(text);
      resolved = parsed.ok
        ? resolveKey(parsed.value, algorithm, purpose, options)
        : parsed.error.code === 'ERR_KEY_LOADING'
          ? loadPemSupport().then(() => {
              const reparsed = this.parse(text);
              return reparsed.ok
                ? resolveKey(reparsed.value, algorithm, purpose, options)
                : reparsed;
            })
          : Promise.resolve(parsed);
      remember(this.#resolved, id, resolved, this.#limit);
      void resolved.then((result) => {
        // Only while it is still the cached answer: an evicted one stays evicted.
        if (this.#resolved.get(id) === resolved) remember(this.#settled, id, result, this.#limit);
      });
    }
    return resolved;
  }
}

function resolutionId(
  text: string,
  algorithm: JwsAlgorithm,
  purpose: KeyPurpose,
  options: ResolveOptions,
): string {
  const kid = typeof options.kid === 'string' ? options.kid : '';
  return [algorithm.alg, purpose, options.secretEncoding, kid, text].join('\u0000');
}

function remember<V>(map: Map<string, V>, id: string, value: V, limit: number): void {
  if (map.size >= limit) map.delete(map.keys().next().value!);
  map.set(id, value);
}
