/**
 * RSA public key recovery in Chromium (scripts/bench-crack.mjs prints it):
 * the time to recover a 2048-bit key with e = 3 from two RS256 tokens, and
 * the time of the first step alone for e = 65537 (one s^65537 of 134 million
 * bits), which is why the page does not try the gcd that would follow.
 */
import { recoverRsaKey } from '../src/lib/attacks';
import { rsaServerE3 } from '../src/lib/exercises/servers';

/** Milliseconds of each measured step. */
export interface RecoverRow {
  e3Ms: number;
  ok: boolean;
  power65537Ms: number;
  powerBits: number;
}

/** Recover one key with e = 3, then time one s^65537 of a 2048-bit s. */
export async function runRecover(): Promise<RecoverRow> {
  const server = await rsaServerE3(Math.floor(Date.now() / 1000));
  let start = performance.now();
  const recovered = await recoverRsaKey(server.token, server.secondToken!);
  const e3Ms = performance.now() - start;
  const s = BigInt(
    `0x${Array.from(crypto.getRandomValues(new Uint8Array(256)), (b) => b.toString(16).padStart(2, '0')).join('')}`,
  );
  start = performance.now();
  const power = s ** 65537n;
  const power65537Ms = performance.now() - start;
  return { e3Ms, ok: recovered.ok, power65537Ms, powerBits: power.toString(16).length * 4 };
}
