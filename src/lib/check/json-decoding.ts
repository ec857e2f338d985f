/**
 * Reading a pasted `{ … }` as a JWS or JWE JSON serialization (see
 * json-view.ts). Loaded on demand with the token finder: a text that is not
 * a compact token is the only one that needs either.
 */
import { ok, type Result } from '../errors';
import { encodePart } from '../jws/base64url';
import { decodeToken, type DecodedToken } from '../jws/decode';
import { formatJson } from '../json/scan';
import { decodeJoseJson } from '../jws/json-read';
import { looksLikeJoseJson } from '../jws/json-members';
import type { DecodedJwsJson } from '../jws/json-decode';
import type { DecodedJweJson } from '../jwe/json-decode';
import type { JsonDecoding } from './json-view';
import { sdJwtOfJson, type SdJwtJson } from '../sd-jwt/json';

/** Read `text` as a JSON serialization; undefined when it is not written as a JSON object. */
export function decodeJsonText(text: string, detachedPayload?: string): JsonDecoding | undefined {
  if (!looksLikeJoseJson(text)) return undefined;
  const json = decodeJoseJson(text);
  if (!json.ok) return { decoded: json, view: undefined, notes: [] };
  const token = json.value;
  if (token.kind === 'jws-json') return jwsDecoding(token, detachedPayload);
  return jweDecoding(token);
}

function jwsDecoding(token: DecodedJwsJson, detachedPayload: string | undefined): JsonDecoding {
  const sd = sdJwtOfJson(token);
  if (sd)
    return sd.ok ? sdJwtDecoding(token, sd.value) : { decoded: sd, view: undefined, notes: [] };
  const payload = token.payloadMember ?? '';
  // Prefer a signature whose protected header alone makes a token; else the first, with its joined header.
  const candidates = [
    ...token.signatures
      .filter((s) => s.protectedB64 && typeof s.protectedHeader.alg === 'string')
      .map((s) => `${s.protectedB64}.${payload}.${s.signatureB64}`),
    `${encodePart(JSON.stringify(token.signatures[0]!.header))}.${payload}.${token.signatures[0]!.signatureB64}`,
  ];
  const decoded = firstDecoding(candidates, detachedPayload);
  const first = token.signatures[0]!;
  const notes: string[] = [];
  if (!first.protectedB64)
    notes.push(
      'The first signature has no protected header: every member of its header is unsigned.',
    );
  if (token.payloadMember === undefined)
    notes.push(
      'The payload is detached: the JSON has no "payload" member. Give it in the detached payload field to check the signatures over it.',
    );
  return {
    decoded,
    view: {
      form: token.form,
      token,
      ...(decoded.ok && decoded.value.kind === 'jws' ? { shown: decoded.value } : {}),
    },
    editors: {
      header: formatJson(JSON.stringify(first.protectedHeader)),
      payload: payloadEditorText(token.payloadText),
      note: `A ${token.form === 'json-jws-general' ? `general JSON serialization with ${token.signatures.length} signature${token.signatures.length > 1 ? 's' : ''}` : 'flattened JSON serialization'}: the header editor shows the first signature's protected header; the unprotected members are listed with each signature.`,
    },
    notes,
  };
}

/** An SD-JWT in JSON (RFC 9901 §8) is read as the compact SD-JWT it equals. */
function sdJwtDecoding(token: DecodedJwsJson, sd: SdJwtJson): JsonDecoding {
  const decoded = firstDecoding([sd.parts.issuerJwt]);
  if (!decoded.ok || decoded.value.kind !== 'jws') return { decoded, view: undefined, notes: [] };
  const { parts } = sd;
  return {
    decoded,
    view: { form: parts.kbJwt ? 'sd-jwt-kb' : 'sd-jwt', token: decoded.value, parts },
    editors: {
      header: formatJson(JSON.stringify(token.signatures[0]!.protectedHeader)),
      payload: payloadEditorText(token.payloadText),
      note: `An SD-JWT in the JWS JSON serialization (RFC 9901 §8): its disclosures${parts.kbJwt ? ' and key-binding JWT' : ''} come from the first signature's unprotected header, and it is checked as the compact SD-JWT it equals.`,
    },
    notes: sd.notes,
  };
}

function jweDecoding(token: DecodedJweJson): JsonDecoding {
  const o = token.object as Record<string, string | undefined>;
  const rest = `${token.recipients[0]!.encryptedKey ?? ''}.${o.iv ?? ''}.${o.ciphertext}.${o.tag ?? ''}`;
  const decoded = firstDecoding([
    ...(typeof token.protectedHeader.alg === 'string' ? [`${token.protectedB64}.${rest}`] : []),
    `${encodePart(JSON.stringify(token.recipients[0]!.joined))}.${rest}`,
  ]);
  return {
    decoded,
    view: {
      form: 'json-jwe',
      token,
      ...(decoded.ok && decoded.value.kind === 'jwe' ? { shown: decoded.value } : {}),
    },
    editors: {
      header: formatJson(JSON.stringify(token.protectedHeader)),
      payload: '',
      note: `A JWE JSON serialization with ${token.recipients.length} recipient${token.recipients.length > 1 ? 's' : ''}: the header editor shows the protected header; the shared and per-recipient headers are listed apart.`,
    },
    notes: [],
  };
}

/** The first candidate that decodes, its segments dropped: they are not places in the pasted JSON. */
function firstDecoding(candidates: string[], detachedPayload?: string): Result<DecodedToken> {
  let first: Result<DecodedToken> | undefined;
  for (const candidate of candidates) {
    const decoded = decodeToken(candidate, undefined, { detachedPayload });
    if (decoded.ok) return ok({ ...decoded.value, segments: [] });
    first ??= decoded;
  }
  return first!;
}

function payloadEditorText(text: string | undefined): string {
  if (text === undefined) return '';
  try {
    JSON.parse(text);
    return formatJson(text);
  } catch {
    return text;
  }
}
