/**
 * Turning what the key box holds into CryptoKeys for one algorithm: picking
 * the entry of a JWKS, checking fit, and importing through jose. Imports are
 * slow (RSA especially), so {@link KeyResolver} caches them by text.
 */
import { fail, LabError, messageOf, ok, type Result } from '../errors';
import type { JwsAlgorithm } from '../algorithms';
import { checkFit, keyWords, wantedKey, type KeyPurpose } from './fit';
import {
  loadPemSupport,
  parseKey,
  pemSupportLoaded,
  type JwkKey,
  type JwksKey,
  type ParsedKey,
  type PemKey,
  type KeyFacts,
} from './parse';
import { importDer, importJwk, publicHalf } from './webcrypto';
import { secretBytes, type SecretEncoding } from './secret';

/** A key ready for WebCrypto, with where it came from in words. */
export interface UsableKey {
  key: CryptoKey;
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

const FORM_WORDS: Record<PemKey['form'], string> = {
  spki: 'SPKI PEM',
  'pkcs1-public': 'PKCS#1 PEM',
  pkcs8: 'PKCS#8 PEM',
  'pkcs1-private': 'PKCS#1 PEM',
  sec1: 'SEC1 PEM',
  x509: 'X.509 certificate',
};

/** A one-line description of a recognised key, for the key box's label. */
export function describeKey(parsed: ParsedKey, secretEncoding: SecretEncoding = 'utf8'): string {
  switch (parsed.kind) {
    case 'empty':
      return 'No key';
    case 'secret': {
      const bytes = secretBytes(parsed.text, secretEncoding);
      return bytes.ok
        ? `HMAC secret, ${bytes.value.length} bytes`
        : 'HMAC secret (not valid in the chosen encoding)';
    }
    case 'ssh':
      return `OpenSSH public key (${parsed.type})`;
    case 'pem':
      return `${factsWords(parsed.facts)}, ${FORM_WORDS[parsed.form]}`;
    case 'jwk':
      return `${factsWords(parsed.facts)} JWK${parsed.facts.kid ? `, kid "${parsed.facts.kid}"` : ''}`;
    case 'jwks':
      return `JWKS, ${parsed.keys.length} key${parsed.keys.length === 1 ? '' : 's'}`;
  }
}

function factsWords(f: KeyFacts): string {
  const half = f.kty === 'oct' ? 'secret' : f.isPrivate ? 'private key' : 'public key';
  if (f.kty === 'RSA') return `RSA${f.rsaPss ? '-PSS' : ''} ${half}, ${f.bits} bits`;
  if (f.kty === 'EC') return `EC ${f.crv} ${half}`;
  if (f.kty === 'OKP') return `${f.crv} ${half}`;
  return `Symmetric secret, ${f.bits} bits`;
}

/** Pick the JWKS entries to try for this token: by `kid`, else every entry that fits. */
export function selectFromJwks(
  set: JwksKey,
  algorithm: JwsAlgorithm,
  purpose: KeyPurpose,
  kid: unknown,
): Result<{ entries: { entry: JwkKey; index: number }[]; how: string }> {
  const all = set.keys.map((entry, index) => ({ entry, index }));
  const fits = all.filter(({ entry }) => checkFit(entry.facts, algorithm, purpose).ok);
  const kids = set.keys.map((k) => k.facts.kid).filter((k): k is string => k !== undefined);
  if (typeof kid === 'string') {
    const byKid = all.filter(({ entry }) => entry.facts.kid === kid);
    if (byKid.length) {
      const fitting = byKid.filter(({ entry }) => checkFit(entry.facts, algorithm, purpose).ok);
      if (!fitting.length) {
        const why = checkFit(byKid[0]!.entry.facts, algorithm, purpose);
        return fail(
          why.ok ? 'ERR_KEY_JWKS_NO_MATCH' : why.error.code,
          `The JWKS key with kid "${kid}" cannot be used: ${why.ok ? '' : why.error.message}`,
        );
      }
      return ok({ entries: fitting, how: `matched kid "${kid}"` });
    }
    if (!fits.length)
      return fail(
        'ERR_KEY_JWKS_NO_MATCH',
        `No key in this JWKS has kid "${kid}"${kids.length ? ` (it has ${kids.map((k) => `"${k}"`).join(', ')})` : ''}, and none fits ${algorithm.alg}.`,
      );
    return ok({
      entries: fits,
      how: `no key has kid "${kid}": a server matching by kid would reject this token; tried the ${fits.length} key${fits.length === 1 ? '' : 's'} that fit ${algorithm.alg}`,
    });
  }
  if (!fits.length) {
    const have = set.keys.map((k) => keyWords(k.facts)).join('; ');
    return fail(
      'ERR_KEY_JWKS_NO_MATCH',
      `None of the ${set.keys.length} keys in this JWKS fits ${algorithm.alg} (they are: ${have}).`,
    );
  }
  const how =
    fits.length === 1
      ? `the only key that fits ${algorithm.alg} (the token has no kid)`
      : `the token has no kid: tried the ${fits.length} keys that fit ${algorithm.alg}`;
  return ok({ entries: fits, how });
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
        return ok({
          candidates: [
            {
              key,
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
        return ok({
          candidates: [
            { key, source: describeKey(parsed), facts: parsed.facts, notes: parsed.notes },
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
          const kid = entry.facts.kid ? `, kid "${entry.facts.kid}"` : '';
          candidates.push({
            key,
            source: `JWKS key ${index + 1} of ${parsed.keys.length}${kid}`,
            facts: entry.facts,
            notes: entry.notes,
          });
        }
        return ok({ candidates, how: picked.value.how });
      }
    }
  } catch (cause) {
    if (cause instanceof LabError) return { ok: false, error: cause };
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

function hmacKey(bytes: Uint8Array, algorithm: JwsAlgorithm): Promise<CryptoKey> {
  if (bytes.length === 0)
    throw new LabError('ERR_KEY_EMPTY', 'The secret is empty: an empty HMAC key protects nothing.');
  return crypto.subtle.importKey(
    'raw',
    bytes as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: algorithm.hash! },
    false,
    ['sign', 'verify'],
  );
}

async function importPem(
  parsed: PemKey,
  algorithm: JwsAlgorithm,
  purpose: KeyPurpose,
): Promise<Result<CryptoKey>> {
  const { certificateSpki, toImportableDer } = await loadPemSupport();
  const importable = toImportableDer(parsed.form, parsed.der);
  if (!importable.ok) return importable;
  const { format, der } = importable.value;
  if (format === 'x509') {
    const spki = certificateSpki(der);
    return spki.ok ? ok(await importDer('spki', spki.value, algorithm)) : spki;
  }
  if (format === 'spki') return ok(await importDer('spki', der, algorithm));
  if (purpose === 'sign') return ok(await importDer('pkcs8', der, algorithm));
  // Verifying with a private key: use its public half.
  return ok(await publicHalf(await importDer('pkcs8', der, algorithm, true), algorithm));
}

async function importJwkFor(
  entry: JwkKey,
  algorithm: JwsAlgorithm,
  purpose: KeyPurpose,
): Promise<CryptoKey> {
  if (entry.facts.kty === 'oct') {
    const bytes = secretBytes(entry.jwk.k!, 'base64url');
    if (!bytes.ok) throw bytes.error;
    return hmacKey(bytes.value, algorithm);
  }
  return importJwk(entry.jwk, algorithm, purpose);
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
    return this.#settled.get(resolutionId(text, algorithm, purpose, options));
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
