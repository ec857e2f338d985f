/**
 * Telling from the text alone what a person pasted into the key box: an HMAC
 * secret, a PEM (six forms), an OpenSSH public key, a JWK or a JWKS.
 */
import { fail, ok, type Result } from '../errors';
import { lineColumn, scanJson } from '../json/scan';
import { SIZE_LIMITS } from '../jws/limits';
import { readJwk } from './jwk';
import type { AsymmetricKeyFacts } from './pem';
import type * as PemSupport from './pem';
import type { JwkKey, KeyFacts, ParsedKey } from './types';

export { publicJwk, readJwk } from './jwk';
// The key types live in types.ts; src/lib/index.ts and older callers still find them here.
export type { JwkKey, JwksKey, KeyFacts, ParsedKey, PemKey } from './types';

// PEM reading (ASN.1) loads on demand: secrets and JWKs need none of it, and
// the first screen's budget is tight. Until it is here a PEM parses to
// ERR_KEY_LOADING, which KeyResolver.resolve waits out. AKP (ML-DSA) JWKs are
// read by the same chunk, and wait the same way.
let pemSupport: typeof PemSupport | undefined;
let pemLoading: Promise<typeof PemSupport> | undefined;

/** Load the PEM reader (once); resolves when PEM text can be parsed. */
export function loadPemSupport(): Promise<typeof PemSupport> {
  return (pemLoading ??= import('./pem').then((module) => (pemSupport = module)));
}

/** Provide the PEM reader already imported (tests, and tools that bundle it). */
export function usePemSupport(module: typeof PemSupport): void {
  pemSupport = module;
  pemLoading = Promise.resolve(module);
}

/** True once {@link loadPemSupport} has finished. */
export const pemSupportLoaded = (): boolean => pemSupport !== undefined;

const SSH_PUBLIC = /^(ssh-rsa|ssh-ed25519|ssh-dss|ecdsa-sha2-nistp\d+|sk-\S+)\s+[A-Za-z0-9+/=]+/;
/** Recognise the key text. Never throws; a text that fails is an error value. */
export function parseKey(text: string): Result<ParsedKey> {
  if (text.length > SIZE_LIMITS.refused.chars)
    return fail('ERR_INPUT_TOO_LARGE', `The key ${SIZE_LIMITS.refused.message}`);
  const trimmed = text.trim();
  if (trimmed === '') return ok({ kind: 'empty' });
  // Error offsets count in the text as typed: readPem gets it whole, JSON errors are shifted.
  // JSON first: a {kid: PEM} map holds PEM text, and no PEM starts with "{".
  if (trimmed.startsWith('{'))
    return parseJson(trimmed, text, text.length - text.trimStart().length);
  if (trimmed.includes('-----BEGIN ') || /^-+BEGIN/.test(trimmed)) return parsePem(text);
  const ssh = SSH_PUBLIC.exec(trimmed);
  if (ssh) return ok({ kind: 'ssh', type: ssh[1]! });
  // Anything that starts like JSON is read as JSON, so a JWK missing its last
  // brace is reported as broken instead of silently becoming an HMAC secret.
  if (trimmed.startsWith('['))
    return fail('ERR_KEY_JSON', 'A JSON array is not a key: a JWKS is an object, {"keys": [ … ]}.');
  return ok({ kind: 'secret', text });
}

function parsePem(text: string): Result<ParsedKey> {
  if (!pemSupport) {
    void loadPemSupport();
    return fail('ERR_KEY_LOADING', 'Reading the PEM…');
  }
  const { countPemBlocks, describeKeyDer, formOfLabel, readPem, readPemSet } = pemSupport;
  if (countPemBlocks(text) > 1) return readPemSet(text);
  const block = readPem(text);
  if (!block.ok) return block;
  const form = formOfLabel(block.value.label);
  if (!form)
    return fail(
      'ERR_KEY_PEM_UNSUPPORTED',
      `A "${block.value.label}" PEM block is not a key this app can use.`,
    );
  const facts = describeKeyDer(form, block.value.der);
  if (!facts.ok) return facts;
  return ok({
    kind: 'pem',
    label: block.value.label,
    form,
    der: block.value.der,
    facts: pemFacts(facts.value),
  });
}

function pemFacts(f: AsymmetricKeyFacts): KeyFacts {
  return {
    kty: f.kty,
    isPrivate: f.isPrivate,
    ...(f.crv ? { crv: f.crv } : {}),
    ...(f.keyAlg ? { keyAlg: f.keyAlg } : {}),
    ...(f.bits ? { bits: f.bits } : {}),
    ...(f.rsaPss ? { rsaPss: true } : {}),
  };
}

function parseJson(text: string, typed: string, lead: number): Result<ParsedKey> {
  // The native parser first: the scanner, ten times slower, only explains a failure.
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const scanned = parsed === undefined ? scanJson(text) : undefined;
  if (scanned && !scanned.ok) {
    const position = lead + scanned.error.position;
    const { line, column } = lineColumn(typed, position);
    return fail(
      'ERR_KEY_JSON',
      `The key looks like JSON but is not valid: ${scanned.error.message} at line ${line}, column ${column}.`,
      {
        from: position,
        to: position + 1,
      },
    );
  }
  const value = (parsed ?? JSON.parse(text)) as Record<string, unknown>;
  if (Array.isArray(value.keys)) {
    const keys: JwkKey[] = [];
    const skipped: { index: number; reason: string }[] = [];
    const loading = value.keys.some((entry: unknown) => isAkp(entry) && !pemSupport);
    if (loading) return akpLoading();
    value.keys.forEach((entry: unknown, index: number) => {
      const jwk = readJwk(entry, pemSupport?.readAkp);
      if (jwk.ok) keys.push(jwk.value);
      else skipped.push({ index, reason: jwk.error.message });
    });
    if (keys.length === 0)
      return fail(
        'ERR_KEY_JWKS_EMPTY',
        value.keys.length === 0
          ? 'This JWKS has an empty "keys" array: there is nothing to verify with.'
          : `None of the ${value.keys.length} entries in this JWKS is a usable JWK: ${skipped[0]!.reason}`,
      );
    return ok({ kind: 'jwks', keys, skipped });
  }
  if ('keys' in value) return fail('ERR_KEY_JWK', 'A JWKS needs "keys" to be an array of JWKs.');
  if (isPemMap(value)) {
    if (!pemSupport) {
      void loadPemSupport();
      return fail('ERR_KEY_LOADING', 'Reading the key map…');
    }
    return pemSupport.readPemMap(value);
  }
  if (isAkp(value) && !pemSupport) return akpLoading();
  return readJwk(value, pemSupport?.readAkp);
}

/** `{kid: PEM}`, as Google and Firebase publish their certificates: no `kty`, every value a PEM. */
function isPemMap(value: Record<string, unknown>): value is Record<string, string> {
  const values = Object.values(value);
  return (
    !('kty' in value) &&
    values.length > 0 &&
    values.every((v) => typeof v === 'string' && v.trimStart().startsWith('-----BEGIN '))
  );
}

const isAkp = (entry: unknown) => (entry as { kty?: unknown } | null)?.kty === 'AKP';

function akpLoading(): Result<never> {
  void loadPemSupport();
  return fail('ERR_KEY_LOADING', 'Reading the AKP (ML-DSA) key…');
}
