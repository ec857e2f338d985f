/**
 * One worker's job: every guess from a batch of wordlist lines, optionally
 * mangled by the rules, against one token.
 */
import type { HmacGuesser } from './hmac';
import { guesserFor, type Kernel, type WasmGuesser } from './kernel';
import { forEachLine, MAX_LINE } from './lines';
import { forEachVariant } from './rules';
import type { CrackTarget } from './target';

/** How a batch ended: guesses made, and the secret's bytes if one matched. */
export interface BatchResult {
  tried: number;
  found?: Uint8Array;
}

/** Tries batches against one target; keeps its buffers between batches. */
export class BatchCracker {
  readonly #guesser: HmacGuesser | WasmGuesser;
  readonly #scratch = new Uint8Array(MAX_LINE + 8);

  /** With a `kernel`, HS384 and HS512 guesses run in WebAssembly. */
  constructor(
    target: CrackTarget,
    readonly rules: boolean,
    kernel?: Kernel,
  ) {
    this.#guesser = guesserFor(kernel, target.alg, target.input, target.signature);
  }

  run(batch: Uint8Array): BatchResult {
    const guesser = this.#guesser;
    const scratch = this.#scratch;
    let tried = 0;
    let found: Uint8Array | undefined;
    forEachLine(batch, (from, to) => {
      if (!this.rules) {
        tried++;
        if (guesser.test(batch, from, to)) found = batch.slice(from, to);
      } else
        tried += forEachVariant(batch, from, to, scratch, (length) => {
          if (!guesser.test(scratch, 0, length)) return false;
          found = scratch.slice(0, length);
          return true;
        });
      return found !== undefined;
    });
    return found ? { tried, found } : { tried };
  }
}

/** The secret's bytes as the key editor takes them: text when they are UTF-8, else hex. */
export function secretText(bytes: Uint8Array): { text: string; encoding: 'utf8' | 'hex' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    return {
      text: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''),
      encoding: 'hex',
    };
  }
}
