/**
 * How the simulated server accepts a token: through the page's own engine
 * (decode, key resolution, signature, claims as PyJWT judges them), with the
 * server's key store picking the key by `kid` and pinning its algorithm. A
 * nested JWE is opened first with the server's decryption key.
 */
import { checkClaims } from '../claims/check-claims';
import { decryptJwe } from '../jwe/decrypt';
import { decodeToken, type JsonObject } from '../jws/decode';
import { realVerdict } from '../lessons/tokens';
import type { KeyStore } from './keys';

/** What the server requires of a token's claims (PyJWT's `jwt.decode` arguments). */
export interface ClaimPolicy {
  issuer: string;
  /** Any one of these in `aud` will do (PyJWT's `audience=[...]`); empty = not checked. */
  audiences: readonly string[];
  leeway: number;
  /** PyJWT's `options={"require": [...]}`. */
  require: readonly string[];
}

/** A token the server accepted, or why it refused it, with what it checked in order. */
export type TokenCheck =
  | { ok: true; claims: JsonObject; header: JsonObject; checked: string[]; encrypted: boolean }
  | { ok: false; reason: string; pyjwt: string; checked: string[] };

const refuse = (checked: string[], reason: string, pyjwt: string): TokenCheck => {
  checked.push(`refused: ${reason}`);
  return { ok: false, reason, pyjwt, checked };
};

/** Open `token` (a nested JWE) with `decryptionKey`; the inner token's text or a refusal. */
async function open(
  token: string,
  decryptionKey: string | undefined,
  checked: string[],
): Promise<{ ok: true; inner: string } | { ok: false; check: TokenCheck }> {
  const decoded = decodeToken(token);
  if (!decoded.ok || decoded.value.kind !== 'jwe') return { ok: true, inner: token };
  if (!decryptionKey)
    return {
      ok: false,
      check: refuse(checked, 'this server takes no encrypted tokens', 'DecodeError'),
    };
  const opened = await decryptJwe(decoded.value, decryptionKey, { secretEncoding: 'utf8' });
  if (!opened.ok) return { ok: false, check: refuse(checked, opened.error.message, 'DecodeError') };
  checked.push(`decrypted the JWE (${decoded.value.alg}, ${String(decoded.value.enc)})`);
  return { ok: true, inner: new TextDecoder().decode(opened.value.plaintext) };
}

/** Verify `token` at `now` with `keys` and `policy`, as the server's one gate. */
export async function verifyToken(
  token: string,
  keys: KeyStore,
  policy: ClaimPolicy,
  now: number,
  decryptionKey?: string,
): Promise<TokenCheck> {
  const checked: string[] = [];
  const opened = await open(token, decryptionKey, checked);
  if (!opened.ok) return opened.check;
  const decoded = decodeToken(opened.inner);
  if (!decoded.ok) return refuse(checked, decoded.error.message, 'DecodeError');
  if (decoded.value.kind !== 'jws') return refuse(checked, 'not a signed token', 'DecodeError');
  const { header, payload } = decoded.value;
  const key = keys.verifier(header.kid);
  if (!key)
    return refuse(
      checked,
      `no accepted key has kid ${JSON.stringify(header.kid ?? null)}`,
      'PyJWKClientError',
    );
  checked.push(`kid "${key.kid}"`);
  // The algorithm comes from the key, never from the token (no alg confusion, no "none").
  if (header.alg !== key.alg)
    return refuse(
      checked,
      `alg ${JSON.stringify(header.alg)} is not ${key.alg}, the alg of that key`,
      'InvalidAlgorithmError',
    );
  const verdict = await realVerdict(opened.inner, key.verifying);
  if (verdict.status !== 'verified')
    return refuse(checked, verdict.message, 'InvalidSignatureError');
  checked.push(`signature ${key.alg} ok`);
  const failure = claimFailure(payload, policy, now);
  if (failure) return refuse(checked, failure.message, failure.pyjwt);
  checked.push(`claims ok (exp, iss${policy.audiences.length ? ', aud' : ''})`);
  return { ok: true, claims: payload, header, checked, encrypted: opened.inner !== token };
}

/** The first claim failure as PyJWT orders them, trying each accepted audience. */
export function claimFailure(
  payload: JsonObject,
  policy: ClaimPolicy,
  now: number,
): { message: string; pyjwt: string } | undefined {
  const audiences = policy.audiences.length ? policy.audiences : [''];
  let first: { message: string; pyjwt: string } | undefined;
  for (const audience of audiences) {
    const report = checkClaims(payload, {
      now,
      leeway: policy.leeway,
      expectedIssuer: policy.issuer,
      expectedAudience: audience,
      requiredClaims: policy.require,
    });
    const error = report.firstFailure;
    if (!error) return audiences[0] || payload.aud === undefined ? undefined : audienceNotExpected;
    first ??= {
      message: error.claim ? `${error.claim}: ${error.message}` : error.message,
      pyjwt: error.pyjwt ?? 'InvalidTokenError',
    };
  }
  return first;
}

// PyJWT refuses a token that names an audience when the server passes none (`audience=None`).
const audienceNotExpected = {
  message: 'aud: the token names an audience, and this server expects none',
  pyjwt: 'InvalidAudienceError',
};
