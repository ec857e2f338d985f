/**
 * The Lessons panel's state, built on `lab`: which lesson and step are
 * showing, the demo output, and the secret-cracking worker. Loaded on demand
 * with the panel, so none of the lesson code is on the first screen.
 */
import { LESSONS, lessonContext, type DemoLine, type Lesson, type StepState } from '../lib/lessons';
import type { CrackOutcome } from '../lib/lessons/crack';
import type { CrackMessage, CrackRequest } from '../workers/crack.worker';
import { messageOf } from '../lib';
import { clockNow, lab } from './lab.svelte';

/** Put a step's state in the page through `lab`'s public inputs (the course uses it too). */
export function apply(state: StepState): void {
  if (state.key !== undefined) {
    lab.keyText = state.key;
    lab.secretEncoding = 'utf8';
  }
  if (state.clock !== undefined) {
    // The clock control's input: the moment it names is derived from it.
    lab.clockText = state.clock;
  }
  if (state.leeway !== undefined) lab.leeway = state.leeway;
  if (state.expectedIssuer !== undefined) lab.expectedIssuer = state.expectedIssuer;
  if (state.expectedAudience !== undefined) lab.expectedAudience = state.expectedAudience;
  if (state.expectedNonce !== undefined) lab.expectedNonce = state.expectedNonce;
  if (state.dpop) {
    lab.dpopMethod = state.dpop.method;
    lab.dpopUrl = state.dpop.url;
    lab.dpopAccessToken = state.dpop.accessToken;
  }
  if (state.token !== undefined) lab.setToken(state.token);
}

class LessonsState {
  readonly lessons = LESSONS;
  lesson = $state<Lesson | undefined>(undefined);
  stepIndex = $state(0);
  /** What is happening while a step is being prepared ('' = idle). */
  busy = $state('');
  demo = $state<DemoLine[]>([]);
  error = $state('');
  crackTried = $state(0);
  crackTotal = $state(0);
  crackRunning = $state(false);
  crackOutcome = $state<CrackOutcome | undefined>(undefined);

  #ctx = lessonContext(clockNow());
  #sequence = 0;
  #worker: Worker | undefined;

  step = $derived(this.lesson?.steps[this.stepIndex]);

  /** Start `lesson` from its first step, with a fresh context (fresh keys). */
  async start(lesson: Lesson): Promise<void> {
    this.#ctx = lessonContext(clockNow());
    this.lesson = lesson;
    // A defined starting point: now, no leeway, nothing expected.
    apply({ clock: '', leeway: 0, expectedIssuer: '', expectedAudience: '', expectedNonce: '' });
    await this.go(0);
  }

  /** Leave the current lesson and show the list again. */
  close(): void {
    this.cancelCrack();
    this.lesson = undefined;
    this.demo = [];
    this.error = '';
  }

  /** Show step `index` of the current lesson: apply its state, run its demo. */
  async go(index: number): Promise<void> {
    const lesson = this.lesson;
    const step = lesson?.steps[index];
    if (!lesson || !step) return;
    const sequence = ++this.#sequence;
    this.cancelCrack();
    this.crackOutcome = undefined;
    this.crackTried = 0;
    this.crackTotal = 0;
    this.stepIndex = index;
    this.demo = [];
    this.error = '';
    this.busy = 'Preparing this step (generating keys and tokens)…';
    try {
      const state = await step.setup(this.#ctx);
      if (sequence !== this.#sequence) return;
      apply(state);
      if (step.demo) {
        this.busy = 'Running the demonstration…';
        const lines = await step.demo(this.#ctx);
        if (sequence === this.#sequence) this.demo = lines;
      }
    } catch (cause) {
      if (sequence === this.#sequence)
        this.error = `This step could not be prepared: ${messageOf(cause)}`;
    } finally {
      if (sequence === this.#sequence) this.busy = '';
    }
  }

  /** Crack the current step's token in a Web Worker against the weak-secret list. */
  async crack(): Promise<void> {
    const step = this.step;
    if (!step?.crack || this.crackRunning) return;
    const { token } = await step.crack(this.#ctx);
    this.cancelCrack();
    this.crackOutcome = undefined;
    this.crackTried = 0;
    this.crackRunning = true;
    const worker = new Worker(new URL('../workers/crack.worker.ts', import.meta.url), {
      type: 'module',
    });
    this.#worker = worker;
    worker.onmessage = (event: MessageEvent<CrackMessage>) => {
      if (this.#worker !== worker) return;
      const message = event.data;
      if (message.type === 'progress') {
        this.crackTried = message.tried;
        this.crackTotal = message.total;
        return;
      }
      this.crackOutcome = message.outcome;
      this.crackRunning = false;
      worker.terminate();
      this.#worker = undefined;
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.crackOutcome = {
        status: 'unsupported',
        message: 'The cracking worker could not start.',
      };
      this.crackRunning = false;
      this.#worker = undefined;
    };
    worker.postMessage({ type: 'start', token } satisfies CrackRequest);
  }

  /** Stop a running crack. */
  cancelCrack(): void {
    const worker = this.#worker;
    if (!worker) return;
    worker.postMessage({ type: 'cancel' } satisfies CrackRequest);
    worker.terminate();
    this.#worker = undefined;
    if (this.crackRunning)
      this.crackOutcome = { status: 'cancelled', tried: this.crackTried, total: this.crackTotal };
    this.crackRunning = false;
  }
}

/** The Lessons panel's single state. */
export const lessons = new LessonsState();
