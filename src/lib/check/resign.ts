/**
 * Building the token again from the header and payload editors: signed with
 * the key given, unsigned for `alg: none`, or encrypted when the header has
 * `enc` (signed first for a nested JWT). Each outcome comes with the sentence
 * the person reads, and a token that could not be signed keeps its old
 * signature, which no longer matches.
 */
import { looksLikeSdJwt } from '../sd-jwt/split';
import type { LabError } from '../errors';
import { isNone, jwsAlgorithm } from '../jws/algorithms';
import { cleanToken } from '../jws/decode';
import { prepareSigningInput, signWith, type PayloadEdit } from '../jws/sign';
import type { KeyResolver } from '../keys/resolve';
import { decodePart } from '../jws/base64url';
import type { OutputForm } from '../jws/json-sign';
import type { SigningInput } from '../jws/sign';
import type { KeyInput } from './types';

/** The editors' text, and what the token was before the edit. */
export interface Edit {
  headerText: string;
  payloadText: string;
  /** The token as it stood: its signature is kept when the edit cannot be signed. */
  tokenText: string;
  /** For a JWE: sign the payload with the inner key first (a nested JWT). */
  signThenEncrypt?: boolean;
  /** A nested JWT's inner header, as it was decoded, to keep its members. */
  innerHeader?: Record<string, unknown>;
  /** How the payload editor's text is read (JSON claims by default) and whether it stays detached. */
  payload?: PayloadEdit;
  /** The form to write a signed token in (the `output-form` select); compact when absent. */
  outputForm?: OutputForm;
  /** For a JSON form: the unprotected header to keep from the token as it was (its first signature's). */
  unprotectedHeader?: Record<string, unknown>;
  /** For a JSON form: how many signatures the token had (only the key box's is made again). */
  signatureCount?: number;
  /** For a JWE JSON serialization: its unprotected members (shared and the recipient's), which the header editor does not hold. */
  jweUnprotected?: Record<string, unknown>;
}

/** What re-signing gave: the new token (if any), the sentence, or what is wrong with the JSON. */
export type Resigned =
  | { ok: true; token: string | undefined; note: string; detachedPayload?: string }
  | { ok: false; error: LabError };

/** Does the header text (if it is JSON) ask for encryption? */
export function asksForEncryption(headerText: string): boolean {
  try {
    return typeof (JSON.parse(headerText) as { enc?: unknown } | null)?.enc === 'string';
  } catch {
    return false;
  }
}

/** Sign (or encrypt) the edited header and payload with the keys given. */
export async function resign(edit: Edit, keys: KeyInput, resolver: KeyResolver): Promise<Resigned> {
  if (asksForEncryption(edit.headerText)) return encrypt(edit, keys, resolver);
  // An SD-JWT's issuer JWT is re-signed; its disclosures (and key-binding JWT) stay after it.
  const compact = cleanToken(edit.tokenText).compact;
  if (!looksLikeSdJwt(compact)) return sign(edit, keys, resolver);
  const tilde = compact.indexOf('~');
  const signed = await sign({ ...edit, tokenText: compact.slice(0, tilde) }, keys, resolver);
  if (!signed.ok || signed.token === undefined) return signed;
  const kb = compact.lastIndexOf('~') < compact.length - 1;
  return {
    ...signed,
    token: signed.token + compact.slice(tilde),
    note: `${signed.note} The disclosures were kept${kb ? ', and the key-binding JWT, whose sd_hash no longer matches' : ''}.`,
  };
}

async function sign(edit: Edit, keys: KeyInput, resolver: KeyResolver): Promise<Resigned> {
  // A JSON JWS whose protected header lacks "alg" (RFC 7520 §4.7) is signed with its unprotected members protected.
  const headerText = withUnprotected(edit.headerText, edit.unprotectedHeader);
  const input = prepareSigningInput(headerText, edit.payloadText, edit.payload);
  if (!input.ok) return input;
  const { alg, header, tokenPrefix, detachedPayload } = input.value;
  // A detached payload goes back to the field it is checked from.
  const detached = detachedPayload === undefined ? {} : { detachedPayload };
  const keep = `${tokenPrefix}.${oldSignature(edit.tokenText)}`;
  const algorithm = jwsAlgorithm(alg);
  if (isNone(alg))
    return {
      ok: true,
      token: `${tokenPrefix}.`,
      note: `"alg": "${alg}": the token is unsigned.`,
      ...detached,
    };
  if (!algorithm || !algorithm.inBrowser)
    return {
      ok: true,
      token: keep,
      note: `Cannot sign with "${alg}" here: the old signature was kept, and no longer matches.`,
      ...detached,
    };
  const selection = await resolver.resolve(keys.text, algorithm, 'sign', {
    secretEncoding: keys.encoding,
    kid: header.kid,
  });
  if (edit.outputForm && edit.outputForm !== 'compact')
    return signJson(edit, edit.outputForm, input.value, keys, resolver, keep);
  const signed = await signWith(input.value, algorithm, selection);
  return signed.ok
    ? { ok: true, token: signed.value, note: `Re-signed with ${alg}.`, ...detached }
    : {
        ok: true,
        token: keep,
        note: `Not re-signed: ${signed.error.message} The old signature was kept, and no longer matches.`,
        ...detached,
      };
}

/** Sign into a JSON serialization (its code loads on demand), keeping the unprotected header. */
async function signJson(
  edit: Edit,
  form: 'json-flattened' | 'json-general',
  input: SigningInput,
  keys: KeyInput,
  resolver: KeyResolver,
  keep: string,
): Promise<Resigned> {
  const { signJwsJson } = await import('../jws/json-sign');
  // A member now in the protected header leaves the unprotected one: the two must not share names.
  const unprotected = Object.fromEntries(
    Object.entries(edit.unprotectedHeader ?? {}).filter(([name]) => !(name in input.header)),
  );
  const signed = await signJwsJson({
    payload: payloadBytes(input),
    signers: [
      {
        protectedHeader: input.header,
        ...(Object.keys(unprotected).length ? { unprotectedHeader: unprotected } : {}),
        keyText: keys.text,
      },
    ],
    form,
    secretEncoding: keys.encoding,
    resolver,
  });
  if (!signed.ok)
    return {
      ok: true,
      token: keep,
      note: `Not re-signed: ${signed.error.message} The token was written compact with its old signature, which no longer matches.`,
    };
  const others = (edit.signatureCount ?? 1) - 1;
  const dropped =
    others > 0
      ? ` The other ${others === 1 ? 'signature was' : `${others} signatures were`} dropped: they were made with keys the key box does not hold.`
      : '';
  const words = form === 'json-general' ? 'a general' : 'a flattened';
  return {
    ok: true,
    token: signed.value,
    note: `Re-signed with ${input.alg} as ${words} JSON serialization.${dropped}`,
  };
}

/** The payload's bytes from the signing input: base64url, or as it stands under RFC 7797's `b64: false`. */
function payloadBytes(input: SigningInput): Uint8Array {
  const rest = input.signingInput.slice(input.signingInput.indexOf('.') + 1);
  return input.header.b64 === false ? new TextEncoder().encode(rest) : decodePart(rest);
}

async function encrypt(edit: Edit, keys: KeyInput, resolver: KeyResolver): Promise<Resigned> {
  const { encryptJwe } = await import('../jwe/encrypt');
  const sign = { keyText: keys.innerText, resolver, header: edit.innerHeader };
  const built = await encryptJwe({
    headerText: withUnprotected(edit.headerText, edit.jweUnprotected),
    payloadText: edit.payloadText,
    keyText: keys.text,
    secretEncoding: keys.encoding,
    ...(edit.signThenEncrypt ? { sign } : {}),
  });
  if (!built.ok)
    return {
      ok: true,
      token: undefined,
      note: `Not encrypted: ${built.error.message} The token was not changed.`,
    };
  const form = edit.outputForm ?? 'compact';
  if (form === 'compact') return { ok: true, token: built.value.token, note: built.value.note };
  return {
    ok: true,
    token: jweJsonOf(built.value.token, form),
    note: `${built.value.note} Written as a ${form === 'json-general' ? 'general' : 'flattened'} JSON serialization, with every header member protected (no shared or per-recipient header, no "aad").`,
  };
}

/** The edited header, when it lacks `alg`, with the token's other header members under it (they become protected). */
function withUnprotected(headerText: string, unprotected: Record<string, unknown> | undefined) {
  if (!unprotected) return headerText;
  try {
    const header: unknown = JSON.parse(headerText);
    if (header === null || typeof header !== 'object' || Array.isArray(header)) return headerText;
    // Only a header without "alg" is a JSON JWE's protected part: a person's own edits stay as typed.
    if ('alg' in header) return headerText;
    return JSON.stringify({ ...unprotected, ...header });
  } catch {
    return headerText;
  }
}

/**
 * A compact JWE in a JSON form: the same token, member by member (RFC 7516
 * §7.2: a compact JWE is a JSON one whose only header is the protected one).
 */
function jweJsonOf(compact: string, form: 'json-flattened' | 'json-general'): string {
  const [protectedB64, encryptedKey, iv, ciphertext, tag] = compact.split('.') as string[];
  const key = encryptedKey ? { encrypted_key: encryptedKey } : {};
  const json =
    form === 'json-flattened'
      ? { protected: protectedB64, ...key, iv, ciphertext, tag }
      : { protected: protectedB64, recipients: [key], iv, ciphertext, tag };
  return JSON.stringify(json, null, 2);
}

/** The signature part of a compact JWS as typed, or nothing. */
function oldSignature(tokenText: string): string {
  const parts = cleanToken(tokenText).compact.split('.');
  return parts.length === 3 ? parts[2]! : '';
}

/**
 * The editors after a new key for `alg` was made: the header says `alg`, its
 * old `kid` (which named the old key) is gone, and an empty payload gets a claim.
 */
export function editorsForNewKey(
  headerText: string,
  payloadText: string,
  alg: string,
): { headerText: string; payloadText: string } {
  let header: Record<string, unknown> = { typ: 'JWT' };
  try {
    const parsed: unknown = JSON.parse(headerText);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      header = parsed as Record<string, unknown>;
  } catch {
    // Keep the fresh header: there was none to edit.
  }
  const { kid: _kid, ...rest } = header;
  return {
    headerText: JSON.stringify({ ...rest, alg }, null, 2),
    payloadText:
      payloadText.trim() === '' ? JSON.stringify({ sub: 'example' }, null, 2) : payloadText,
  };
}
