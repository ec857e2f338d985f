/**
 * The attack workbench's state, built on `lab`: the optional inputs, the
 * variants made from the token in the editor with both verdicts, and putting
 * one back in the editor. Loaded on demand with its panel.
 */
import {
  judgeVariants,
  makeVariants,
  serverKey,
  type JudgedVariant,
  type RecoveredKey,
  type RecoverProgress,
} from '../lib/attacks';
import type { ErrorCode, LabError } from '../lib';
import type { RecoverAnswer, RecoverRequest } from '../workers/recover.worker';
import { clockNow, lab } from './lab.svelte';

/** Where recovering a public key from two tokens is. */
export type RecoverStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

class AttackBench {
  publicKey = $state('');
  url = $state('');
  secret = $state('');
  busy = $state(false);
  error = $state<LabError | undefined>(undefined);
  notes = $state.raw<string[]>([]);
  variants = $state.raw<JudgedVariant[]>([]);
  /** The token the variants were made from, and the key they were judged with. */
  madeFrom = $state('');
  #judgedWith = '';
  #run = 0;

  /** Make and judge every variant of the token in the editor. */
  async run(): Promise<void> {
    const run = ++this.#run;
    const token = lab.tokenText;
    // Without a key of its own, the workbench judges with the key editor's, as the page does.
    const key = serverKey(this.publicKey, this.secret) || lab.keyText;
    this.busy = true;
    this.error = undefined;
    try {
      const made = await makeVariants({
        token,
        publicKey: this.publicKey,
        url: this.url,
        secret: this.secret,
        now: clockNow(),
      });
      if (run !== this.#run) return;
      if (!made.ok) {
        this.error = made.error;
        this.variants = [];
        this.notes = [];
        return;
      }
      const judged = await judgeVariants(made.value.variants, key);
      if (run !== this.#run) return;
      this.variants = judged;
      this.notes = made.value.notes;
      this.madeFrom = token;
      this.#judgedWith = key;
    } finally {
      if (run === this.#run) this.busy = false;
    }
  }

  /** Two RS256 tokens of one key, for recovering its public key. */
  recoverOne = $state('');
  recoverTwo = $state('');
  recoverStatus = $state<RecoverStatus>('idle');
  recovered = $state.raw<RecoveredKey | undefined>(undefined);
  /** The engine's failure (code and message), or the worker's. */
  recoverError = $state.raw<{ code?: ErrorCode; message: string } | undefined>(undefined);
  recoverProgress = $state.raw<RecoverProgress | undefined>(undefined);
  /** Seconds since recovery started, ticking while it runs. */
  recoverSeconds = $state(0);
  /** The gcd's time left, from its pace so far (bits fall at a nearly steady rate). */
  recoverSecondsLeft = $state<number | undefined>(undefined);
  #recoverWorker: Worker | undefined;
  #recoverTimer: ReturnType<typeof setInterval> | undefined;

  /**
   * Recover the public key behind the two tokens in a worker (e = 65537 takes
   * a minute or more) and make it the workbench's public key.
   */
  recover(): void {
    this.#stopRecover();
    this.recovered = undefined;
    this.recoverError = undefined;
    this.recoverProgress = undefined;
    this.recoverSecondsLeft = undefined;
    this.recoverSeconds = 0;
    this.recoverStatus = 'running';
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let gcdStart: { seconds: number; bits: number } | undefined;
    this.#recoverTimer = setInterval(() => (this.recoverSeconds = seconds()), 1000);
    const worker = new Worker(new URL('../workers/recover.worker.ts', import.meta.url), {
      type: 'module',
    });
    this.#recoverWorker = worker;
    worker.onmessage = (event: MessageEvent<RecoverAnswer>) => {
      if (this.#recoverWorker !== worker) return;
      const answer = event.data;
      if (answer.type === 'progress') {
        this.recoverProgress = answer;
        if (answer.phase !== 'gcd') gcdStart = undefined;
        else if (!gcdStart) gcdStart = { seconds: seconds(), bits: answer.bitsLeft };
        else if (answer.bitsLeft < gcdStart.bits)
          this.recoverSecondsLeft =
            ((seconds() - gcdStart.seconds) * answer.bitsLeft) / (gcdStart.bits - answer.bitsLeft);
        return;
      }
      this.#stopRecover();
      this.recoverSeconds = seconds();
      if (answer.type === 'done') {
        this.recovered = answer.key;
        this.publicKey = answer.key.pem;
        this.recoverStatus = 'done';
      } else {
        this.recoverError = { code: answer.code, message: answer.message };
        this.recoverStatus = 'failed';
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (this.#recoverWorker !== worker) return;
      this.#stopRecover();
      this.recoverError = {
        message: 'The recovery worker stopped with an error (the numbers may not fit its memory).',
      };
      this.recoverStatus = 'failed';
    };
    worker.postMessage({ one: this.recoverOne, two: this.recoverTwo } satisfies RecoverRequest);
  }

  /** Stop a running recovery: its worker is ended, as a gcd never pauses to listen. */
  cancelRecover(): void {
    if (this.recoverStatus !== 'running') return;
    this.#stopRecover();
    this.recoverStatus = 'cancelled';
  }

  #stopRecover(): void {
    this.#recoverWorker?.terminate();
    this.#recoverWorker = undefined;
    clearInterval(this.#recoverTimer);
    this.#recoverTimer = undefined;
  }

  /** Put a variant in the token editor, with the key it was judged with in the key editor. */
  use(variant: JudgedVariant): void {
    lab.keyText = this.#judgedWith;
    lab.secretEncoding = 'utf8';
    lab.setToken(variant.token);
  }
}

/** The one workbench of the page. */
export const attacks = new AttackBench();
