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
import type { JwsJsonSignature } from '../jws/json-decode';
import type { JwsJsonSignatureMembers, OutputForm } from '../jws/json-sign';
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
  /** For a general JSON JWS: its signatures after the first, as written; kept after the re-made one. */
  otherSignatures?: JwsJsonSignatureMembers[];
  /** For a JSON JWS: its `payload` member as it stood, to say whether the kept signatures still match. */
  payloadMember?: string;
  /** For a compact JWE the page wrote: its header, whose members an edited header without "alg" keeps. */
  jweUnprotected?: Record<string, unknown>;
  /** For a JWE JSON serialization: what the header editor does not hold, kept in the token made again. */
  jweJson?: JweJsonKept;
}

/** What a JWE JSON serialization holds besides its protected header, as decoded. */
export interface JweJsonKept {
  /** The shared unprotected header. */
  unprotected?: Record<string, unknown>;
  /** The header of the recipient the key opened (or the first). */
  recipientHeader?: Record<string, unknown>;
  /** The `aad` member as written (base64url). */
  aad?: string;
  /** How many recipients the token had: only the key box's is encrypted to again. */
  recipientCount: number;
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
  if (edit.outputForm && edit.outputForm !== 'compact') {
    // Its code loads on demand, with the JSON signer.
    const { signJson } = await import('./resign-json');
    return signJson(edit, edit.outputForm, input.value, keys, resolver, keep);
  }
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

/** A decoded signature as the JSON serialization wrote it: what re-signing keeps of the others. */
export function signatureMembers(signature: JwsJsonSignature): JwsJsonSignatureMembers {
  return {
    ...(signature.protectedB64 ? { protected: signature.protectedB64 } : {}),
    ...(signature.unprotectedHeader ? { header: signature.unprotectedHeader } : {}),
    signature: signature.signatureB64,
  };
}

async function encrypt(edit: Edit, keys: KeyInput, resolver: KeyResolver): Promise<Resigned> {
  const { encryptJwe } = await import('../jwe/encrypt');
  const sign = { keyText: keys.innerText, resolver, header: edit.innerHeader };
  const form = edit.outputForm ?? 'compact';
  const kept = edit.jweJson;
  // Compact has one header: a JSON JWE's unprotected members go into it, as before.
  const unprotected = kept ? { ...kept.unprotected, ...kept.recipientHeader } : edit.jweUnprotected;
  const built = await encryptJwe({
    headerText:
      form === 'compact' || !kept ? withUnprotected(edit.headerText, unprotected) : edit.headerText,
    payloadText: edit.payloadText,
    keyText: keys.text,
    secretEncoding: keys.encoding,
    ...(edit.signThenEncrypt ? { sign } : {}),
    ...(form === 'compact'
      ? {}
      : {
          json: {
            form,
            ...(kept?.unprotected ? { unprotected: kept.unprotected } : {}),
            ...(kept?.recipientHeader ? { recipientHeader: kept.recipientHeader } : {}),
            ...(kept?.aad !== undefined ? { aad: decodePart(kept.aad) } : {}),
          },
        }),
  });
  if (!built.ok)
    return {
      ok: true,
      token: undefined,
      note: `Not encrypted: ${built.error.message} The token was not changed.`,
    };
  if (form === 'compact') return { ok: true, token: built.value.token, note: built.value.note };
  const words = form === 'json-general' ? 'general' : 'flattened';
  const held = [
    kept?.unprotected && 'shared unprotected header',
    kept?.recipientHeader && "recipient's header",
    kept?.aad !== undefined && '"aad"',
  ].filter(Boolean);
  const others = (kept?.recipientCount ?? 1) - 1;
  const dropped =
    others > 0
      ? ` The other ${others === 1 ? 'recipient was' : `${others} recipients were`} dropped: encrypting to them needs their keys, which the key box does not hold.`
      : '';
  return {
    ok: true,
    token: built.value.token,
    note: `${built.value.note} Written as a ${words} JSON serialization${held.length ? `, its ${held.join(', ')} kept` : ''}.${dropped}`,
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
