/**
 * One of the crack's workers (one per core): takes batches of wordlist lines
 * and answers each with the guesses it made and, if one matched, the secret's
 * bytes. The page cuts the file into batches and stops the workers.
 */
import { BatchCracker } from '../lib/crack/batch';
import type { CrackTarget } from '../lib/crack/target';

/** What the page sends. */
export type WordlistRequest =
  | { type: 'init'; target: CrackTarget; rules: boolean }
  | { type: 'batch'; id: number; bytes: Uint8Array };
/** What the worker answers to each batch. */
export interface WordlistAnswer {
  id: number;
  tried: number;
  found?: Uint8Array;
}

let cracker: BatchCracker | undefined;

self.onmessage = (event: MessageEvent<WordlistRequest>) => {
  const message = event.data;
  if (message.type === 'init') {
    cracker = new BatchCracker(message.target, message.rules);
    return;
  }
  const result = cracker ? cracker.run(message.bytes) : { tried: 0 };
  postMessage({ id: message.id, ...result } satisfies WordlistAnswer);
};
