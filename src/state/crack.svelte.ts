/**
 * The secret crack of the token in the page: the wordlist (the person's file,
 * streamed, and the bundled list) cut into batches of lines and spread over
 * one Web Worker per core, at most two batches queued per worker so that a
 * file of any size is never held whole. Loaded on demand with its panel.
 */
import { secretText } from '../lib/crack/batch';
import { LineBatcher } from '../lib/crack/lines';
import { crackTarget } from '../lib/crack/target';
import type { CrackEngine, WordlistAnswer, WordlistRequest } from '../workers/wordlist.worker';
import { lab } from './lab.svelte';

export type CrackStatus = 'idle' | 'running' | 'found' | 'not-found' | 'cancelled' | 'error';

/** Batches queued per worker: one running, one waiting, so none idles between them. */
const QUEUED = 2;

interface Slot {
  worker: Worker;
  queued: number;
}

class CrackState {
  wordlist = $state<File | undefined>(undefined);
  bundled = $state(true);
  rules = $state(false);
  status = $state<CrackStatus>('idle');
  tried = $state(0);
  perSecond = $state(0);
  secondsLeft = $state<number | undefined>(undefined);
  secret = $state('');
  message = $state('');
  workers = $state(0);
  /** Which engine the workers guess with (known from their first answer). */
  engine = $state<CrackEngine | undefined>(undefined);

  #run = 0;
  #slots: Slot[] = [];
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  #wake: (() => void) | undefined;

  /** Guess the secret of the token in the page. */
  async start(): Promise<void> {
    this.#stop();
    const run = ++this.#run;
    const parsed = crackTarget(lab.tokenText);
    this.tried = 0;
    this.perSecond = 0;
    this.secondsLeft = undefined;
    this.secret = '';
    this.engine = undefined;
    if (!parsed.ok) {
      this.status = 'error';
      this.message = parsed.message;
      return;
    }
    const file = this.wordlist;
    // The bundled list loads with the first crack, not with the panel (which the first screen shows).
    const bundled = this.bundled
      ? new TextEncoder().encode(
          `${(await import('../lib/findings/weak-secrets')).WEAK_SECRETS.join('\n')}\n`,
        )
      : undefined;
    if (run !== this.#run) return;
    if (!file && !bundled) {
      this.status = 'error';
      this.message = 'Choose a wordlist file or the bundled list.';
      return;
    }
    this.status = 'running';
    this.message = '';
    const count = Math.min(16, Math.max(1, navigator.hardwareConcurrency || 2));
    this.workers = count;
    const started = performance.now();
    const total = (bundled?.length ?? 0) + (file?.size ?? 0);
    let done = 0;
    // Bookkeeping of one run, never shown: no reactivity wanted.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const sizes = new Map<number, number>();
    let nextId = 0;

    const answer = (slot: Slot, data: WordlistAnswer) => {
      if (run !== this.#run) return;
      slot.queued--;
      this.tried += data.tried;
      this.engine = data.engine;
      done += sizes.get(data.id) ?? 0;
      sizes.delete(data.id);
      const seconds = (performance.now() - started) / 1000;
      this.perSecond = seconds > 0 ? Math.round(this.tried / seconds) : 0;
      this.secondsLeft = done > 0 ? ((total - done) * seconds) / done : undefined;
      if (data.found) {
        const { text, encoding } = secretText(data.found);
        this.secret = text;
        this.status = 'found';
        this.#stop();
        lab.keyText = text;
        lab.secretEncoding = encoding;
      }
      this.#wake?.();
    };
    this.#slots = Array.from({ length: count }, () => {
      const worker = new Worker(new URL('../workers/wordlist.worker.ts', import.meta.url), {
        type: 'module',
      });
      const slot: Slot = { worker, queued: 0 };
      worker.onmessage = (event: MessageEvent<WordlistAnswer>) => answer(slot, event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        if (run !== this.#run) return;
        this.#stop();
        this.status = 'error';
        this.message = 'A cracking worker stopped with an error.';
      };
      worker.postMessage({
        type: 'init',
        target: parsed.target,
        rules: this.rules,
      } satisfies WordlistRequest);
      return slot;
    });

    // With rules each line makes up to 648 guesses: smaller batches keep progress coming.
    const batcher = new LineBatcher(this.rules ? 1024 : 64 * 1024);
    const send = async (bytes: Uint8Array) => {
      let slot: Slot | undefined;
      while (run === this.#run && !(slot = this.#slots.find((s) => s.queued < QUEUED)))
        await new Promise<void>((resolve) => (this.#wake = resolve));
      if (!slot || run !== this.#run) return;
      const id = nextId++;
      sizes.set(id, bytes.length);
      slot.queued++;
      // A copy of its own: transferring a view would move (or clone) the whole buffer behind it.
      const copy = bytes.slice();
      slot.worker.postMessage({ type: 'batch', id, bytes: copy } satisfies WordlistRequest, [
        copy.buffer,
      ]);
    };
    try {
      if (bundled) for (const batch of batcher.push(bundled)) await send(batch);
      if (file) {
        const reader = file.stream().getReader();
        this.#reader = reader;
        for (;;) {
          const { done: ended, value } = await reader.read();
          if (ended || run !== this.#run) break;
          for (const batch of batcher.push(value)) await send(batch);
        }
      }
      for (const batch of batcher.end()) await send(batch);
      while (run === this.#run && this.#slots.some((s) => s.queued > 0))
        await new Promise<void>((resolve) => (this.#wake = resolve));
    } catch {
      if (run === this.#run) {
        this.#stop();
        this.status = 'error';
        this.message = 'The wordlist file could not be read.';
      }
      return;
    }
    if (run !== this.#run) return;
    this.#stop();
    this.status = 'not-found';
    this.secondsLeft = 0;
  }

  /** Stop a running crack. */
  cancel(): void {
    if (this.status !== 'running') return;
    this.#stop();
    this.status = 'cancelled';
  }

  #stop(): void {
    this.#run++;
    for (const slot of this.#slots) slot.worker.terminate();
    this.#slots = [];
    void this.#reader?.cancel().catch(() => {});
    this.#reader = undefined;
    this.#wake?.();
    this.#wake = undefined;
  }
}

/** The page's single crack. */
export const crack = new CrackState();
