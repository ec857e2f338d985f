/**
 * Opening a JWE for the page: decrypt it, and when the plaintext is itself a
 * JWT (a nested JWT, RFC 7519 §5.2 `cty: JWT`), decode and verify the inner
 * JWS with its own key, so both layers have their own verdict.
 */
import type { LabError } from '../errors';
import { decodeToken, type DecodedJwe, type DecodedJws, type JsonObject } from '../jws/decode';
import { formatJson, scanJson } from '../json/scan';
import { algorithmOf, verifyWith, type SignatureVerdict } from '../jws/verify';
import type { KeyResolver } from '../keys/resolve';
import type { SecretEncoding } from '../keys/secret';
import { decryptJwe } from './decrypt';
import type { RecipientOutcome } from './json-decrypt';

/** The page's `jwe-status` values. */
export type JweStatus = 'decrypted' | 'needs-key' | 'failed';

/** What the page shows of a JWE: the outer verdict, and the inner JWS when there is one. */
export interface JweView {
  status: JweStatus;
  message: string;
  error?: LabError;
  keySource?: string;
  notes: string[];
  /** The payload editor's text: the innermost claims, or the plaintext as text. */
  payloadText?: string;
  /** The claims to judge, when the innermost payload is a JSON object. */
  claims?: JsonObject;
  /** The nested JWS, decoded and verified with the inner key. */
  inner?: { token: DecodedJws; verdict: SignatureVerdict };
  /** For a JSON serialization: what each recipient tried said. */
  recipients?: RecipientOutcome[];
}

/** Inputs for {@link openJwe}. */
export interface OpenOptions {
  keyText: string;
  innerKeyText: string;
  secretEncoding: SecretEncoding;
  resolver: KeyResolver;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decrypt, then decode and verify a nested JWS: never throws. */
export async function openJwe(token: DecodedJwe, options: OpenOptions): Promise<JweView> {
  const opened = await decryptJwe(token, options.keyText, {
    secretEncoding: options.secretEncoding,
  });
  if (!opened.ok) {
    const status: JweStatus = opened.error.code === 'ERR_KEY_EMPTY' ? 'needs-key' : 'failed';
    return { status, message: opened.error.message, error: opened.error, notes: [] };
  }
  const { plaintext, keySource, notes } = opened.value;
  return viewOfPlaintext(plaintext, { keySource, notes, header: token.header }, options);
}

/** What opened: the key's words, notes so far, and the header (for `cty`). */
export interface Opened {
  keySource: string;
  notes: string[];
  header: JsonObject;
}

/** The page's view of a decrypted plaintext: text, claims, or a nested JWS verified with the inner key. */
export async function viewOfPlaintext(
  plaintext: Uint8Array,
  { keySource, notes, header }: Opened,
  options: OpenOptions,
): Promise<JweView> {
  let text: string;
  try {
    text = utf8.decode(plaintext);
  } catch {
    return {
      status: 'decrypted',
      message: `Decrypted with ${keySource}: ${plaintext.length} bytes that are not UTF-8 text.`,
      keySource,
      notes,
      payloadText: '',
    };
  }
  const base = { status: 'decrypted' as const, keySource, notes };
  const cty = typeof header.cty === 'string' ? header.cty.toUpperCase() : '';
  const nested = decodeToken(text.trim());
  if (nested.ok && nested.value.kind === 'jws') {
    const inner = nested.value;
    const verdict = await verifyInner(inner, options);
    return {
      ...base,
      message: `Decrypted with ${keySource}. The plaintext is a signed JWT (nested JWT${cty === 'JWT' ? ', "cty": "JWT"' : ''}): its signature is checked with the inner key below.`,
      payloadText: formatJson(inner.payloadText),
      claims: inner.payload,
      inner: { token: inner, verdict },
    };
  }
  if (cty === 'JWT')
    notes.push(
      `The header says "cty": "JWT", but the plaintext is not a signed JWT${nested.ok ? '' : `: ${nested.error.message}`}`,
    );
  const json = scanJson(text).ok ? (JSON.parse(text) as unknown) : undefined;
  const claims =
    json !== null && typeof json === 'object' && !Array.isArray(json)
      ? (json as JsonObject)
      : undefined;
  return {
    ...base,
    message: `Decrypted with ${keySource}.`,
    payloadText: json === undefined ? text : formatJson(text),
    ...(claims ? { claims } : {}),
  };
}

async function verifyInner(inner: DecodedJws, options: OpenOptions): Promise<SignatureVerdict> {
  const checked = algorithmOf(inner.alg);
  if ('verdict' in checked) return checked.verdict;
  if (options.innerKeyText.trim() === '')
    return {
      status: 'needs-key',
      message: `The inner JWT is signed with ${inner.alg}: paste the signer's key in the inner key box to verify it.`,
    };
  const selection = await options.resolver.resolve(
    options.innerKeyText,
    checked.algorithm,
    'verify',
    {
      secretEncoding: 'utf8',
      kid: inner.header.kid,
    },
  );
  return verifyWith(inner, checked.algorithm, selection);
}
