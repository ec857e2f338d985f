/**
 * What a crack needs from a token: its HMAC algorithm, the bytes it signed
 * and the signature. Anything else is said in words, not thrown.
 */
import { decodePart } from '../jws/base64url';
import type { HmacAlg } from './hmac';

/** A token whose secret can be guessed. */
export interface CrackTarget {
  alg: HmacAlg;
  /** The signing input: `header.payload` as ASCII bytes. */
  input: Uint8Array;
  signature: Uint8Array;
}

const HMAC_ALGS: readonly string[] = ['HS256', 'HS384', 'HS512'];

/** The target in `token` (a compact JWS), or why it has no secret to guess. */
export function crackTarget(
  token: string,
): { ok: true; target: CrackTarget } | { ok: false; message: string } {
  const parts = token.trim().split('.');
  if (parts.length !== 3)
    return {
      ok: false,
      message: 'Only a signed token in three parts (a compact JWS) can be cracked.',
    };
  let alg: unknown;
  let signature: Uint8Array;
  try {
    alg = (JSON.parse(new TextDecoder().decode(decodePart(parts[0]!))) as { alg?: unknown }).alg;
    signature = decodePart(parts[2]!);
  } catch {
    return {
      ok: false,
      message: 'The header or the signature cannot be read: fix the token first.',
    };
  }
  if (typeof alg !== 'string' || !HMAC_ALGS.includes(alg))
    return {
      ok: false,
      message: `Only HMAC tokens (HS256/384/512) have a secret to guess; this one is "${String(alg)}".`,
    };
  return {
    ok: true,
    target: {
      alg: alg as HmacAlg,
      input: new TextEncoder().encode(`${parts[0]}.${parts[1]}`),
      signature,
    },
  };
}
