/**
 * Building a JWS from header and payload JSON as the person wrote them. The
 * JSON is minified from its own tokens, so numbers beyond double precision,
 * member order and even duplicate members are signed exactly as typed.
 */
import { fail, ok, messageOf, type Result } from '../errors';
import { isNone, subtleParams, type JwsAlgorithm } from './algorithms';
import { encodePart } from './base64url';
import { lineColumn, minifyJson, scanJson } from '../json/scan';
import { fromHex, readB64, type PayloadForm } from './payload';
import type { KeySelection } from '../keys/resolve';
import { isSoftKey } from '../keys/types';
import { loadNoble } from '../noble/load';

// A UTF-16 surrogate with no partner: not a character, so not encodable as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Header and payload text, checked and ready to sign. */
export interface SigningInput {
  header: Record<string, unknown>;
  alg: string;
  /** The text whose UTF-8 bytes are signed: `BASE64URL(header) '.' BASE64URL(payload)`, or RFC 7797's unencoded form. */
  signingInput: string;
  /** What stands before the signature in the token: the signing input, or `header.` when detached. */
  tokenPrefix: string;
  /** The payload as the token's reader must give it when it is detached (`header..signature`). */
  detachedPayload?: string;
}

/** How the payload editor's text is read: as the token it came from was. */
export interface PayloadEdit {
  /** The current token's payload form: JSON for claims (the default), text as typed, hex for bytes. */
  form?: PayloadForm;
  /** Keep the payload out of the token (`header..signature`), as the current token does. */
  detached?: boolean;
}

/** Check the edited header and payload: the header an object with a string `alg`, the payload as its form wants. */
export function prepareSigningInput(
  headerText: string,
  payloadText: string,
  edit: PayloadEdit = {},
): Result<SigningInput> {
  const header = readHeader(headerText);
  if (!header.ok) return header;
  const payload = readPayload(payloadText, edit.form ?? 'claims');
  if (!payload.ok) return payload;
  const b64 = readB64(header.value.header);
  if (!b64.ok) return fail('ERR_JSON_EDIT', b64.error.message, { part: 'header' });
  const encodedHeader = header.value.encoded;
  const bytes = payload.value;
  if (!b64.value.unencoded && !edit.detached) {
    const signingInput = `${encodedHeader}.${encodePart(bytes)}`;
    // An empty payload reads as a detached one (header..signature): it is the empty text.
    const empty = bytes.length === 0 ? { detachedPayload: '' } : {};
    return ok({ ...header.value, signingInput, tokenPrefix: signingInput, ...empty });
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail(
      'ERR_PAYLOAD_HEX',
      'These bytes are not UTF-8 text, and an unencoded or detached payload must be text here: remove "b64": false, or give text.',
      { part: 'payload' },
    );
  }
  const unencoded = b64.value.unencoded;
  const signingInput = `${encodedHeader}.${unencoded ? text : encodePart(bytes)}`;
  // RFC 7797 §5.2: an unencoded payload with a '.' cannot stand in the compact form.
  const detached = edit.detached || text.includes('.');
  return ok({
    ...header.value,
    signingInput,
    tokenPrefix: detached ? `${encodedHeader}.` : signingInput,
    ...(detached ? { detachedPayload: text } : {}),
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** The edited text must not hold half a character: UTF-8 cannot encode it. */
function loneSurrogate(name: 'header' | 'payload', text: string): Result<never> | undefined {
  const lone = LONE_SURROGATE.exec(text);
  if (!lone) return undefined;
  const { line, column } = lineColumn(text, lone.index);
  const unit = lone[0].charCodeAt(0).toString(16).toUpperCase();
  return fail(
    'ERR_JSON_EDIT',
    `The ${name} holds a lone surrogate (U+${unit}) at line ${line}, column ${column}: it is half of a character, and UTF-8 cannot encode it (it would be signed as U+FFFD, not what the editor shows). Remove it, or write the escape \\u${unit.toLowerCase()} if you mean it.`,
    { part: name, from: lone.index, to: lone.index + 1 },
  );
}

/** Edited JSON, checked: valid, and an object when `object` is asked for. */
function readJson(
  name: 'header' | 'payload',
  text: string,
  object: boolean,
): Result<{ value: unknown; minified: string }> {
  const lone = loneSurrogate(name, text);
  if (lone) return lone;
  const scan = scanJson(text);
  if (!scan.ok)
    return fail(
      'ERR_JSON_EDIT',
      `The ${name} is not valid JSON: ${scan.error.message} at line ${scan.error.line}, column ${scan.error.column}.`,
      { part: name, from: scan.error.position, to: scan.error.position + 1 },
    );
  const value: unknown = JSON.parse(text);
  if (object && (value === null || typeof value !== 'object' || Array.isArray(value)))
    return fail('ERR_JSON_EDIT', `The ${name} must be a JSON object { … }.`, { part: name });
  return ok({ value, minified: minifyJson(text) });
}

function readHeader(
  text: string,
): Result<{ header: Record<string, unknown>; alg: string; encoded: string }> {
  const read = readJson('header', text, true);
  if (!read.ok) return read;
  const header = read.value.value as Record<string, unknown>;
  if (typeof header.alg !== 'string')
    return fail(
      'ERR_JSON_EDIT',
      'The header needs "alg" as a string to say how to sign the token.',
      { part: 'header' },
    );
  return ok({ header, alg: header.alg, encoded: encodePart(read.value.minified) });
}

/** The payload's bytes: claims and other JSON minified as typed, text as it is, hex read back. */
function readPayload(text: string, form: PayloadForm): Result<Uint8Array> {
  if (form === 'binary') return fromHex(text);
  if (form === 'text') return loneSurrogate('payload', text) ?? ok(encoder.encode(text));
  const read = readJson('payload', text, form === 'claims');
  return read.ok ? ok(encoder.encode(read.value.minified)) : read;
}

/** Sign with the first candidate key; `alg: none` yields an unsigned token. */
export async function signWith(
  input: SigningInput,
  algorithm: JwsAlgorithm | undefined,
  selection: Result<KeySelection>,
): Promise<Result<string>> {
  if (isNone(input.alg)) return ok(`${input.tokenPrefix}.`);
  if (!algorithm)
    return fail(
      'ERR_ALG_UNKNOWN',
      `Cannot sign with "${input.alg}": not an algorithm this browser can sign with.`,
    );
  if (!selection.ok) return selection;
  const key = selection.value.candidates[0];
  if (!key) return fail('ERR_KEY_EMPTY', 'Paste a key to sign with.');
  try {
    const bytes = new TextEncoder().encode(input.signingInput);
    const signature = isSoftKey(key.key)
      ? (await loadNoble()).softSign(key.key, bytes)
      : new Uint8Array(await crypto.subtle.sign(subtleParams(algorithm), key.key, bytes));
    return ok(`${input.tokenPrefix}.${encodePart(signature)}`);
  } catch (cause) {
    return fail('ERR_SIGN', `Signing with ${algorithm.alg} failed: ${messageOf(cause)}`, { cause });
  }
}
