/**
 * The key in the key box in every useful form: private and public PEM
 * (PKCS#8 / SPKI), private and public JWK, a public JWKS whose `kid` is the
 * RFC 7638 thumbprint unless the key has one, and the thumbprint itself.
 * Public forms never carry a private member. Loaded on demand.
 */
import { nextTask } from '../next-task';
import {
  base64url,
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  type JWK,
} from 'jose';
import { fail, messageOf, ok, type Result } from '../errors';
import { jwsAlgorithm } from '../jws/algorithms';
import { algorithmsFor } from './fit';
import {
  importJwkKey,
  importPemKey,
  importSoftKey,
  jwsImportSpec,
  type ImportSpec,
} from './import-key';
import { publicJwk } from './jwk';
import { loadNoble } from '../noble/load';
import { pemText } from './pem-text';
import { secretBytes, type SecretEncoding } from './secret';
import {
  isSoftCurve,
  type JwkKey,
  type JwksKey,
  type KeyFacts,
  type ParsedKey,
  type PemKey,
} from './types';

/** Everything the export panel shows; a form the key cannot have is absent. */
export interface KeyExports {
  facts?: KeyFacts;
  /** The algorithms the key could serve (fit.ts `algorithmsFor`). */
  algorithms: string[];
  /** RFC 7638 SHA-256 thumbprint of the public half (of the secret, for `oct`). */
  thumbprint?: string;
  privatePem?: string;
  publicPem?: string;
  /** JSON text of the private JWK (or the `oct` JWK of a secret). */
  privateJwk?: string;
  /** JSON text of the public JWK. */
  publicJwk?: string;
  /** JSON text of `{"keys":[…]}` with public halves only. */
  publicJwks?: string;
  /** Things to know: a small RSA key, secrets left out of a public JWKS. */
  warnings: string[];
}

const json = (value: unknown) => JSON.stringify(value, null, 2);
// Members that describe a key rather than make it; kept on exports, dropped for WebCrypto.
const METADATA = ['kid', 'alg', 'use', 'key_ops', 'x5c', 'x5t', 'x5t#S256', 'x5u'] as const;
const CURVE_ALG: Record<string, string> = {
  'P-256': 'ES256',
  'P-384': 'ES384',
  'P-521': 'ES512',
  Ed25519: 'Ed25519',
};

/** The RFC 7638 thumbprint (SHA-256, base64url) of a JWK's public half. */
export function thumbprintOf(jwk: JWK): Promise<string> {
  return calculateJwkThumbprint(jwk.kty === 'oct' ? jwk : publicJwk(jwk), 'sha256');
}

/** Export the recognised key text in every form it has: a value, never a throw. */
export async function exportKey(
  parsed: ParsedKey,
  secretEncoding: SecretEncoding = 'utf8',
): Promise<Result<KeyExports>> {
  try {
    switch (parsed.kind) {
      case 'empty':
        return fail('ERR_KEY_EMPTY', 'There is no key to export: generate one or paste one.');
      case 'ssh':
        return fail(
          'ERR_KEY_EXPORT',
          `This is an OpenSSH public key (${parsed.type}); convert it to PEM first with: ssh-keygen -e -m PKCS8 -f key.pub`,
        );
      case 'secret': {
        const bytes = secretBytes(parsed.text, secretEncoding);
        if (!bytes.ok) return bytes;
        return ok(await secretExports({ kty: 'oct', k: base64url.encode(bytes.value) }));
      }
      case 'pem': {
        if (isSoftCurve(parsed.facts.crv)) return await softExports(parsed);
        const spec = exportSpec(parsed.facts);
        if (!spec.ok) return spec;
        const key = await importPemKey(parsed, spec.value, 'as-is');
        if (!key.ok) return key;
        return ok(
          await asymmetricExports(await exportJWK(key.value), {}, parsed.facts, spec.value),
        );
      }
      case 'jwk':
        if (isSoftCurve(parsed.facts.crv)) return await softExports(parsed);
        // Awaited here, so that WebCrypto's refusal lands in the catch below.
        return await jwkExports(parsed);
      case 'jwks':
        return ok(await jwksExports(parsed));
    }
  } catch (cause) {
    return fail('ERR_KEY_EXPORT', `The browser could not export this key: ${messageOf(cause)}`, {
      cause,
    });
  }
}

/**
 * How to import a key for export: as a signing key of its family, or an
 * X25519 key for key agreement. The choice does not change the key's bytes.
 */
function exportSpec(facts: KeyFacts): Result<ImportSpec> {
  const alg =
    facts.kty === 'RSA' ? 'RS256' : facts.kty === 'AKP' ? facts.keyAlg : CURVE_ALG[facts.crv ?? ''];
  const algorithm = alg === undefined ? undefined : jwsAlgorithm(alg);
  if (algorithm && (facts.kty !== 'AKP' || algorithm.family === 'ML-DSA'))
    return ok({ ...jwsImportSpec(algorithm), extractable: true });
  if (facts.crv === 'X25519')
    return ok({
      params: { name: 'X25519' },
      usages: { public: [], private: ['deriveBits'] },
      extractable: true,
    });
  return fail(
    'ERR_KEY_EXPORT',
    `This browser's WebCrypto has no ${facts.crv ?? facts.keyAlg ?? facts.kty} support, so the key cannot be converted here.`,
  );
}

/**
 * A secp256k1 or Ed448 key, which WebCrypto cannot hold: read and written
 * with @noble/curves and the engine's own DER (noble/der.ts), loaded on demand.
 */
async function softExports(parsed: JwkKey | PemKey): Promise<Result<KeyExports>> {
  const key = await importSoftKey(parsed, 'as-is');
  if (!key.ok) return key;
  const noble = await loadNoble();
  const full = noble.softJwk(key.value);
  const metadata = parsed.kind === 'jwk' ? pickMetadata(parsed.jwk) : {};
  const pub = { ...publicJwk(full), ...publicMetadata(metadata) };
  const thumbprint = await thumbprintOf(full);
  const { soft: crv, publicKey, privateKey } = key.value;
  const exports: KeyExports = {
    facts: { ...parsed.facts, isPrivate: privateKey !== undefined },
    algorithms: algorithmsFor(parsed.facts),
    thumbprint,
    publicPem: pemText('PUBLIC KEY', noble.spkiOf(crv, publicKey)),
    publicJwk: json(pub),
    publicJwks: json({ keys: [{ ...pub, kid: pub.kid ?? thumbprint }] }),
    warnings: [],
  };
  if (privateKey) {
    exports.privatePem = pemText('PRIVATE KEY', noble.pkcs8Of(crv, privateKey, publicKey));
    exports.privateJwk = json({ ...full, ...metadata });
  }
  return ok(exports);
}

async function secretExports(jwk: JWK, warnings: string[] = []): Promise<KeyExports> {
  const facts: KeyFacts = {
    kty: 'oct',
    bits: base64url.decode(jwk.k!).length * 8,
    isPrivate: true,
  };
  return {
    facts,
    algorithms: algorithmsFor(facts),
    thumbprint: await thumbprintOf(jwk),
    privateJwk: json(jwk),
    warnings: [
      ...warnings,
      'A secret has no public half: share it only with the services that must verify, over a private channel.',
    ],
  };
}

async function jwkExports(parsed: JwkKey): Promise<Result<KeyExports>> {
  const { jwk, facts } = parsed;
  if (jwk.kty === 'oct') return ok(await secretExports(jwk));
  const spec = exportSpec(facts);
  if (!spec.ok) return spec;
  const key = await importJwkKey(jwk, spec.value, 'as-is');
  return ok(await asymmetricExports(await exportJWK(key), pickMetadata(jwk), facts, spec.value));
}

async function asymmetricExports(
  full: JWK,
  metadata: Partial<JWK>,
  facts: KeyFacts,
  spec: ImportSpec,
): Promise<KeyExports> {
  const isPrivate = typeof full.d === 'string' || typeof full.priv === 'string';
  const pub = { ...publicJwk(full), ...publicMetadata(metadata) };
  const thumbprint = await thumbprintOf(full);
  const publicKey = await importJwkKey(full, spec, 'public');
  const exports: KeyExports = {
    facts: { ...facts, isPrivate },
    algorithms: algorithmsFor(facts),
    thumbprint,
    publicPem: await exportSPKI(publicKey),
    publicJwk: json(pub),
    publicJwks: json({ keys: [{ ...pub, kid: pub.kid ?? thumbprint }] }),
    warnings: sizeWarnings(facts),
  };
  if (isPrivate) {
    const privateKey = await importJwkKey(full, spec, 'as-is');
    exports.privatePem = await exportPKCS8(privateKey);
    exports.privateJwk = json({ ...full, ...metadata });
  }
  return exports;
}

/** `key_ops` of a private key name private operations; the public copy gets their public twins. */
function publicMetadata(metadata: Partial<JWK>): Partial<JWK> {
  const { key_ops: ops, ...rest } = metadata;
  if (!ops) return rest;
  const twin: Record<string, string> = { sign: 'verify', decrypt: 'encrypt', unwrapKey: 'wrapKey' };
  // deriveKey/deriveBits need the private half (ECDH): a public key has no operation of its own.
  const kept = ops.map((op) => twin[op] ?? op).filter((op) => !op.startsWith('derive'));
  return { ...rest, key_ops: [...new Set(kept)] };
}

/** Keys of a set exported in one task: 10,000 keys at once held the page for 80 ms. */
const KEYS_PER_TASK = 1000;

async function jwksExports(set: JwksKey): Promise<KeyExports> {
  const keys: JWK[] = [];
  const warnings: string[] = [];
  for (const [i, entry] of set.keys.entries()) {
    if (i > 0 && i % KEYS_PER_TASK === 0) await nextTask();
    if (entry.jwk.kty === 'oct') {
      warnings.push(
        `Left out a symmetric secret${entry.facts.kid ? ` (kid "${entry.facts.kid}")` : ''}: it has no public half.`,
      );
      continue;
    }
    const pub = { ...publicJwk(entry.jwk), ...publicMetadata(pickMetadata(entry.jwk)) };
    keys.push({ ...pub, kid: pub.kid ?? (await thumbprintOf(entry.jwk)) });
    warnings.push(...sizeWarnings(entry.facts));
  }
  if (set.keys.some((k) => k.facts.isPrivate && k.facts.kty !== 'oct'))
    warnings.push(
      'This JWKS holds private keys: the public JWKS below has their public halves only.',
    );
  return {
    algorithms: [...new Set(set.keys.flatMap((k) => algorithmsFor(k.facts)))],
    ...(keys.length ? { publicJwks: json({ keys }) } : {}),
    warnings,
  };
}

function pickMetadata(jwk: JWK): Partial<JWK> {
  const picked: Record<string, unknown> = {};
  for (const m of METADATA) if (m in jwk) picked[m] = (jwk as Record<string, unknown>)[m];
  return picked as Partial<JWK>;
}

/** RFC 7518 §3.3: RSA keys for JWS must have at least 2048 bits. */
export function sizeWarnings(facts: KeyFacts): string[] {
  if (facts.kty === 'RSA' && facts.bits !== undefined && facts.bits < 2048)
    return [
      `This RSA key has ${facts.bits} bits; RFC 7518 §3.3 requires at least 2048, and keys this small can be factored. Make a new 2048-bit (or larger) key.`,
    ];
  return [];
}
