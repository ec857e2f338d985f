/**
 * The attack workbench's state, built on `lab`: the optional inputs, the
 * variants made from the token in the editor with both verdicts, and putting
 * one back in the editor. Loaded on demand with its panel.
 */
import {
  judgeVariants,
  makeVariants,
  recoverRsaKey,
  serverKey,
  type JudgedVariant,
  type RecoveredKey,
} from '../lib/attacks';
import type { LabError } from '../lib';
import { clockNow, lab } from './lab.svelte';

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
  recovered = $state.raw<RecoveredKey | undefined>(undefined);
  recoverError = $state<LabError | undefined>(undefined);

  /** Recover the public key behind the two tokens and make it the workbench's public key. */
  async recover(): Promise<void> {
    const result = await recoverRsaKey(this.recoverOne, this.recoverTwo);
    this.recovered = result.ok ? result.value : undefined;
    this.recoverError = result.ok ? undefined : result.error;
    if (result.ok) this.publicKey = result.value.pem;
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
