/**
 * Guessing the secret of an HMAC-signed token from a list of candidates: one
 * captured token is all an attacker needs, offline, at full speed. Pure
 * WebCrypto, so it runs in node, the page or a Web Worker alike.
 */
import { decodePart } from '../jws/base64url';

/** The HMAC algorithms a token may name, with their WebCrypto hash. */
const HASH_OF: Record<string, string> = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' };

/** How far a crack has got. */
export interface CrackProgress {
  tried: number;
  total: number;
}

/** The end of a crack: the secret found, or none after `tried` candidates. */
export type CrackOutcome =
  | { status: 'found'; secret: string; tried: number; total: number }
  | { status: 'not-found'; tried: number; total: number }
  | { status: 'cancelled'; tried: number; total: number }
  | { status: 'unsupported'; message: string };

/** Options: progress reports and a way to stop early. */
export interface CrackOptions {
  onProgress?(progress: CrackProgress): void;
  /** Checked between candidates: true stops the crack. */
  cancelled?(): boolean;
  /** Report progress every this many candidates (default 16). */
  every?: number;
}

const encoder = new TextEncoder();

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Try each candidate as the HMAC secret of `token` (a compact JWS) until one matches. */
export async function crackHmac(
  token: string,
  candidates: readonly string[],
  options: CrackOptions = {},
): Promise<CrackOutcome> {
  const parts = token.trim().split('.');
  if (parts.length !== 3)
    return { status: 'unsupported', message: 'Only a compact JWS (three parts) can be cracked.' };
  let alg: unknown;
  try {
    alg = (JSON.parse(new TextDecoder().decode(decodePart(parts[0]!))) as { alg?: unknown }).alg;
  } catch {
    return { status: 'unsupported', message: 'The header is not readable JSON.' };
  }
  const hash = typeof alg === 'string' ? HASH_OF[alg] : undefined;
  if (!hash)
    return {
      status: 'unsupported',
      message: `Only HMAC tokens (HS256/384/512) have a secret to guess; this one is "${String(alg)}".`,
    };
  const data = encoder.encode(`${parts[0]}.${parts[1]}`);
  const signature = decodePart(parts[2]!);
  const total = candidates.length;
  const every = Math.max(1, options.every ?? 16);
  options.onProgress?.({ tried: 0, total });
  for (let i = 0; i < total; i++) {
    if (options.cancelled?.()) return { status: 'cancelled', tried: i, total };
    const secret = candidates[i]!;
    const bytes = encoder.encode(secret);
    if (bytes.length) {
      const key = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash }, false, [
        'sign',
      ]);
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
      if (sameBytes(mac, signature)) {
        options.onProgress?.({ tried: i + 1, total });
        return { status: 'found', secret, tried: i + 1, total };
      }
    }
    if ((i + 1) % every === 0) options.onProgress?.({ tried: i + 1, total });
  }
  options.onProgress?.({ tried: total, total });
  return { status: 'not-found', tried: total, total };
}
