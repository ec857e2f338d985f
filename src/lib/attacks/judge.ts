/**
 * What two verifiers say about each variant: the page's own (the engine's
 * verify, which decides the algorithm from the key) and the deliberately
 * naive one of the attack lab (lessons/naive-verifier.ts). Both are given
 * the key the person gave: the public key, or else the known secret.
 */
import { messageOf } from '../errors';
import { naiveVerify, type NaiveConfig } from '../lessons/naive-verifier';
import { realVerdict } from '../lessons/tokens';
import type { AttackVariant, JudgedVariant, VariantVerdict } from './types';

/** The key the server holds in the workbench: the public key if given, else the secret. */
export const serverKey = (publicKey = '', secret = ''): string =>
  publicKey.trim() ? publicKey : secret;

/** The page's verdict on `token` with `key`. */
export async function pageVerdict(token: string, key: string): Promise<VariantVerdict> {
  const verdict = await realVerdict(token, key);
  return {
    accepted: verdict.status === 'verified',
    status: verdict.status,
    message: verdict.message,
  };
}

/** The naive verifier's verdict; its crashes (a key it cannot import) count as refusals. */
export async function naiveVerdict(variant: AttackVariant, key: string): Promise<VariantVerdict> {
  const config: NaiveConfig = { key };
  // A server that reads kid as a file path has an empty key directory here; one that
  // builds SQL from kid has an empty key table: only the injection can find a key.
  if (variant.kidStore === 'files') config.keyFiles = {};
  if (variant.kidStore === 'sql') config.keyTable = {};
  try {
    const verdict = await naiveVerify(variant.token, config);
    return {
      accepted: verdict.accepted,
      status: verdict.accepted ? 'accepted' : 'refused',
      message: verdict.reason,
    };
  } catch (cause) {
    return { accepted: false, status: 'refused', message: `it failed: ${messageOf(cause)}` };
  }
}

/** Both verdicts for every variant. */
export async function judgeVariants(
  variants: readonly AttackVariant[],
  key: string,
): Promise<JudgedVariant[]> {
  const judged: JudgedVariant[] = [];
  for (const variant of variants)
    judged.push({
      ...variant,
      page: await pageVerdict(variant.token, key),
      naive: await naiveVerdict(variant, key),
    });
  return judged;
}
