/**
 * Checking every signature of a JWS JSON serialization with jose's
 * `flattenedVerify`, one signature at a time, so that each gets a verdict of
 * its own and the page can say which key verified which signature (jose's
 * `generalVerify` stops at the first that verifies).
 */
import { errors as joseErrors, flattenedVerify, type FlattenedJWS } from 'jose';
import { LabError, messageOf } from '../errors';
import type { KeyResolver } from '../keys/resolve';
import { isSoftKey } from '../keys/types';
import { loadNoble } from '../noble/load';
import type { SecretEncoding } from '../keys/secret';
import { encodePart } from './base64url';
import type { DecodedJwsJson, JwsJsonSignature } from './json-decode';
import { algorithmOf, type SignatureStatus, type SignatureVerdict } from './verify';

/** One signature's verdict. */
export interface JwsJsonSignatureVerdict extends SignatureVerdict {
  /** The signature, from 1. */
  index: number;
  alg: string;
}

/** The verdicts of a JWS JSON serialization: one overall, and one per signature. */
export interface JwsJsonVerdict {
  /** `verified` when the key verifies at least one signature; its message names which. */
  overall: SignatureVerdict;
  signatures: JwsJsonSignatureVerdict[];
}

/** Inputs for {@link verifyJwsJson}. */
export interface JwsJsonVerifyOptions {
  keyText: string;
  secretEncoding: SecretEncoding;
  resolver: KeyResolver;
  /** The payload to check a detached signature over, as the person gave it. */
  detachedPayload?: string;
}

/** Check each signature with the key text: never throws. */
export async function verifyJwsJson(
  token: DecodedJwsJson,
  options: JwsJsonVerifyOptions,
): Promise<JwsJsonVerdict> {
  const signatures: JwsJsonSignatureVerdict[] = [];
  for (const signature of token.signatures)
    signatures.push({
      ...(await verifyOne(token, signature, options)),
      index: signature.index,
      alg: signature.alg,
    });
  return { overall: overallVerdict(token, signatures), signatures };
}

/** Words naming a signature: "signature 2 (ES512, kid "bilbo")". */
export function signatureWords(token: DecodedJwsJson, signature: JwsJsonSignature): string {
  const kid = typeof signature.header.kid === 'string' ? `, kid "${signature.header.kid}"` : '';
  const which =
    token.form === 'json-jws-general' ? `signature ${signature.index}` : 'the signature';
  return `${which} (${signature.alg}${kid})`;
}

async function verifyOne(
  token: DecodedJwsJson,
  signature: JwsJsonSignature,
  options: JwsJsonVerifyOptions,
): Promise<SignatureVerdict> {
  const words = signatureWords(token, signature);
  const checked = algorithmOf(signature.alg);
  if ('verdict' in checked) return prefixed(checked.verdict, words);
  const payload = payloadMember(token, options.detachedPayload);
  if (payload === undefined)
    return {
      status: 'needs-key',
      message: `The payload is detached (the JSON has no "payload"): give it to check ${words}.`,
    };
  const selection = await options.resolver.resolve(options.keyText, checked.algorithm, 'verify', {
    secretEncoding: options.secretEncoding,
    kid: signature.header.kid,
  });
  if (!selection.ok) {
    const status = selection.error.code === 'ERR_KEY_EMPTY' ? 'needs-key' : 'key-error';
    return prefixed({ status, message: selection.error.message, error: selection.error }, words);
  }
  const { candidates, how } = selection.value;
  const jws: FlattenedJWS = {
    payload,
    signature: signature.signatureB64,
    ...(signature.protectedB64 ? { protected: signature.protectedB64 } : {}),
    ...(signature.unprotectedHeader ? { header: signature.unprotectedHeader } : {}),
  };
  let refused: LabError | undefined;
  for (const candidate of candidates) {
    const { key } = candidate;
    try {
      // jose has neither ES256K nor Ed448: those keys check the signing input with @noble/curves.
      if (isSoftKey(key)) {
        const noble = await loadNoble();
        const input = new TextEncoder().encode(`${signature.protectedB64}.${payload}`);
        if (!noble.softVerify(key, signature.signature, input))
          throw new joseErrors.JWSSignatureVerificationFailed();
      } else await flattenedVerify(jws, key, { algorithms: [signature.alg] });
      return {
        status: 'verified',
        message: `${capital(words)} verified with ${candidate.source}.`,
        keySource: how ? `${candidate.source}: ${how}` : candidate.source,
        notes: candidate.notes,
      };
    } catch (cause) {
      if (!(cause instanceof joseErrors.JWSSignatureVerificationFailed))
        refused = new LabError(
          'ERR_SIGNATURE_INVALID',
          `${capital(words)} was refused by jose before its signature was checked: ${messageOf(cause)}.`,
          { part: 'signature', index: signature.index, reason: 'refused', cause },
        );
    }
  }
  const error =
    refused ??
    new LabError(
      'ERR_SIGNATURE_INVALID',
      `${capital(words)} does not match ${candidates.length > 1 ? `any of the ${candidates.length} keys tried` : 'this key'}: the payload or its protected header was changed after signing, or it was signed with another key.`,
      { part: 'signature', index: signature.index, pyjwt: 'InvalidSignatureError' },
    );
  return {
    status: 'invalid',
    message: error.message,
    error,
    keySource: candidates.map((c) => c.source).join('; '),
  };
}

/** The `payload` member to hand jose: as written, or the detached payload the person gave. */
function payloadMember(token: DecodedJwsJson, detached: string | undefined): string | undefined {
  if (token.payloadMember !== undefined) return token.payloadMember;
  if (detached === undefined) return undefined;
  return token.b64 ? encodePart(detached) : detached;
}

/** Rank of statuses for the overall verdict when none verified: the most telling first. */
const RANK: SignatureStatus[] = ['invalid', 'key-error', 'needs-key', 'unsigned', 'malformed'];

function overallVerdict(
  token: DecodedJwsJson,
  verdicts: JwsJsonSignatureVerdict[],
): SignatureVerdict {
  const verified = verdicts.filter((v) => v.status === 'verified');
  const named = (v: JwsJsonSignatureVerdict) =>
    signatureWords(token, token.signatures[v.index - 1]!);
  if (verified.length > 0) {
    const others = verdicts.length - verified.length;
    const which = verified.map((v) => `${named(v)} with ${v.keySource}`).join('; ');
    const rest =
      others === 0
        ? ''
        : ` ${others} other signature${others > 1 ? 's' : ''} not verified by this key.`;
    return {
      status: 'verified',
      message: `Verified: ${which}.${rest}`,
      keySource: verified.map((v) => `${named(v)}: ${v.keySource}`).join('; '),
      notes: verified.flatMap((v) => v.notes ?? []),
    };
  }
  const status = RANK.find((s) => verdicts.some((v) => v.status === s)) ?? 'invalid';
  const first = verdicts.find((v) => v.status === status)!;
  const message =
    verdicts.length === 1
      ? first.message
      : `None of the ${verdicts.length} signatures verifies with this key. ${verdicts.map((v) => v.message).join(' ')}`;
  return { status, message, ...(first.error ? { error: first.error } : {}) };
}

function prefixed(verdict: SignatureVerdict, words: string): SignatureVerdict {
  return { ...verdict, message: `${capital(words)}: ${verdict.message}` };
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
