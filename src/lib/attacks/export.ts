/** The variants as files to take away: a wordlist of tokens, or JSON with every detail. */
import type { AttackVariant, JudgedVariant } from './types';

/** One token per line, for jwt_tool, ffuf or Burp Intruder. */
export const variantsWordlist = (variants: readonly AttackVariant[]): string =>
  variants.map((v) => `${v.token}\n`).join('');

/** Every variant with its explanation, reference, hosted files and both verdicts. */
export const variantsJson = (variants: readonly (AttackVariant | JudgedVariant)[]): string =>
  `${JSON.stringify({ variants }, null, 2)}\n`;
