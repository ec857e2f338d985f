/**
 * Decoding a JWS in JSON serialization, general (`signatures`, RFC 7515
 * §7.2.1) or flattened (RFC 7515 §7.2.2), as far as it goes without a key:
 * the payload, and for each signature its protected and unprotected header
 * members kept apart, since only the protected ones are signed.
 */
import { fail, ok, type Result } from '../errors';
import { decodePart } from './base64url';
import type { JsonObject } from './decode';
import {
  algOf,
  isObject,
  joinHeaders,
  kindOf,
  readBase64urlMember,
  readEntries,
  readHeaderObject,
  readProtectedHeader,
  type MemberPlace,
} from './json-members';

/** The two JSON forms of a JWS, as the page's `token-form` names them. */
export type JwsJsonForm = 'json-jws-flattened' | 'json-jws-general';

/** One signature of a JWS JSON serialization. */
export interface JwsJsonSignature {
  /** Its place in the token, from 1. */
  index: number;
  /** The `protected` member as written (base64url), `''` when absent. */
  protectedB64: string;
  /** The protected header: signed along with the payload. */
  protectedHeader: JsonObject;
  /** The `header` member: not signed, anyone can change it. */
  unprotectedHeader: JsonObject | undefined;
  /** Both joined: the JOSE header the signature is checked under. */
  header: JsonObject;
  alg: string;
  /** The `signature` member as written. */
  signatureB64: string;
  signature: Uint8Array;
}

/** A decoded JWS JSON serialization. */
export interface DecodedJwsJson {
  kind: 'jws-json';
  form: JwsJsonForm;
  /** The object as pasted, to hand to jose. */
  object: JsonObject;
  /** The `payload` member as written; undefined when detached (RFC 7515 Appendix F). */
  payloadMember: string | undefined;
  /** False when the protected headers say `"b64": false` (RFC 7797): the payload is written as is. */
  b64: boolean;
  /** The payload's bytes, when present. */
  payloadBytes: Uint8Array | undefined;
  /** The payload as UTF-8 text, when it is text. */
  payloadText: string | undefined;
  /** The claims, when the payload is a JSON object. */
  claims: JsonObject | undefined;
  signatures: JwsJsonSignature[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode a JWS JSON serialization (an object with `signatures` or `signature`). */
export function decodeJwsJson(object: JsonObject): Result<DecodedJwsJson> {
  const general = 'signatures' in object;
  if (general && ('signature' in object || 'protected' in object || 'header' in object))
    return fail(
      'ERR_JSON_MEMBER',
      'This object has "signatures" (the general form) and also "signature", "protected" or "header" at the top (the flattened form): it must be one or the other (RFC 7515 §7.2.2).',
      { reason: 'mixed' },
    );
  const entries = general ? readEntries(object, 'signatures') : ok([object]);
  if (!entries.ok) return entries;

  const signatures: JwsJsonSignature[] = [];
  for (const [i, entry] of entries.value.entries()) {
    const sig = readSignature(
      entry,
      general ? { words: `signature ${i + 1}`, index: i + 1 } : { words: 'the token' },
    );
    if (!sig.ok) return sig;
    signatures.push({ ...sig.value, index: i + 1 });
  }

  // RFC 7797 §3: b64 is read from the protected header, and must agree across signatures.
  const b64Values = new Set(signatures.map((s) => s.protectedHeader.b64 !== false));
  if (b64Values.size > 1)
    return fail(
      'ERR_JSON_MEMBER',
      'The signatures disagree on "b64": RFC 7797 §3 requires the same value in every protected header, since they share one payload.',
      { reason: 'b64' },
    );
  const b64 = b64Values.has(true);
  const payload = readPayload(object, b64);
  if (!payload.ok) return payload;
  return ok({
    kind: 'jws-json',
    form: general ? 'json-jws-general' : 'json-jws-flattened',
    object,
    b64,
    signatures,
    ...payload.value,
  });
}

function readSignature(
  entry: JsonObject,
  place: MemberPlace,
): Result<Omit<JwsJsonSignature, 'index'>> {
  const protectedB64 = readBase64urlMember(
    entry,
    'protected',
    {
      ...place,
      words: `${possessive(place)} protected header`,
    },
    true,
  );
  if (!protectedB64.ok) return protectedB64;
  const unprotected = readHeaderObject(entry, 'header', {
    ...place,
    words: `${possessive(place)} unprotected header`,
  });
  if (!unprotected.ok) return unprotected;
  if (protectedB64.value === undefined && unprotected.value === undefined)
    return fail(
      'ERR_JSON_MEMBER',
      `${capitalWords(place)} has neither "protected" nor "header": it needs at least one, to say its "alg" (RFC 7515 §7.2.1).`,
      { ...(place.index ? { index: place.index } : {}), reason: 'missing' },
    );
  let protectedHeader: JsonObject = {};
  if (protectedB64.value !== undefined) {
    const read = readProtectedHeader(protectedB64.value, {
      ...place,
      words: `${possessive(place)} protected header`,
    });
    if (!read.ok) return read;
    protectedHeader = read.value;
  }
  const header = joinHeaders(
    [
      { header: protectedHeader, words: 'the protected header' },
      { header: unprotected.value, words: 'the unprotected header ("header")' },
    ],
    place,
  );
  if (!header.ok) return header;
  const alg = algOf(header.value, place);
  if (!alg.ok) return alg;
  const signatureB64 = readBase64urlMember(entry, 'signature', {
    ...place,
    words: `${possessive(place)} signature value`,
  });
  if (!signatureB64.ok) return signatureB64;
  return ok({
    protectedB64: protectedB64.value ?? '',
    protectedHeader,
    unprotectedHeader: unprotected.value,
    header: header.value,
    alg: alg.value,
    signatureB64: signatureB64.value!,
    signature: decodePart(signatureB64.value!),
  });
}

type Payload = Pick<DecodedJwsJson, 'payloadMember' | 'payloadBytes' | 'payloadText' | 'claims'>;

function readPayload(object: JsonObject, b64: boolean): Result<Payload> {
  if (object.payload === undefined)
    return ok({
      payloadMember: undefined,
      payloadBytes: undefined,
      payloadText: undefined,
      claims: undefined,
    });
  if (!b64) {
    if (typeof object.payload !== 'string')
      return fail('ERR_JSON_MEMBER', `"payload" must be a string, not ${kindOf(object.payload)}.`, {
        reason: 'type',
      });
    return ok(payloadOf(object.payload, new TextEncoder().encode(object.payload)));
  }
  const member = readBase64urlMember(object, 'payload', { words: 'the payload' });
  if (!member.ok) return member;
  return ok(payloadOf(member.value!, decodePart(member.value!)));
}

function payloadOf(member: string, bytes: Uint8Array): Payload {
  let text: string | undefined;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = undefined;
  }
  let value: unknown;
  if (text !== undefined)
    try {
      value = JSON.parse(text);
    } catch {
      // Text that is not JSON: a JWS that is not a JWT, shown as text.
    }
  const claims = isObject(value) ? value : undefined;
  return { payloadMember: member, payloadBytes: bytes, payloadText: text, claims };
}

/** "signature 2's" for an entry of the general form; "the" for the flattened form's members. */
const possessive = (place: MemberPlace): string =>
  place.index === undefined ? 'the' : `${place.words}'s`;

const capitalWords = (place: MemberPlace): string =>
  place.words.charAt(0).toUpperCase() + place.words.slice(1);
