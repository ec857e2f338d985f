/**
 * One of the crack's workers (one per core): takes batches of wordlist lines
 * and answers each with the guesses it made and, if one matched, the secret's
 * bytes. The page cuts the file into batches and stops the workers. HS384 and
 * HS512 guesses run in the WebAssembly kernel, fetched here with the first
 * such token; without it (no WebAssembly, or a CSP that refuses to compile
 * it) they run in JavaScript, several times slower.
 */
import { BatchCracker } from '../lib/crack/batch';
import { loadKernel, type Kernel } from '../lib/crack/kernel';
import type { CrackTarget } from '../lib/crack/target';
// no-inline: a data: URL would be a fetch the CSP's connect-src refuses.
import kernelUrl from '../lib/crack/wasm/sha512.wasm?url&no-inline';

/** Which engine guesses: JavaScript for HS256, and for the rest when the kernel is missing. */
export type CrackEngine = 'webassembly' | 'javascript';

/** What the page sends. */
export type WordlistRequest =
  | { type: 'init'; target: CrackTarget; rules: boolean }
  | { type: 'batch'; id: number; bytes: Uint8Array };
/** What the worker answers to each batch. */
export interface WordlistAnswer {
  id: number;
  tried: number;
  engine: CrackEngine;
  found?: Uint8Array;
}

let kernel: Promise<Kernel | undefined> | undefined;
let ready: Promise<{ cracker: BatchCracker; engine: CrackEngine }> | undefined;

async function prepare(target: CrackTarget, rules: boolean) {
  const k = target.alg === 'HS256' ? undefined : await (kernel ??= loadKernel(kernelUrl));
  return {
    cracker: new BatchCracker(target, rules, k),
    engine: k ? 'webassembly' : ('javascript' as CrackEngine),
  };
}

self.onmessage = async (event: MessageEvent<WordlistRequest>) => {
  const message = event.data;
  if (message.type === 'init') {
    ready = prepare(message.target, message.rules);
    return;
  }
  // Batches that come while the kernel loads wait for it, in the order they came.
  const current = await ready;
  const result = current ? current.cracker.run(message.bytes) : { tried: 0 };
  postMessage({
    id: message.id,
    engine: current?.engine ?? 'javascript',
    ...result,
  } satisfies WordlistAnswer);
};
