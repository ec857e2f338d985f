/**
 * The lab's asynchronous part: checking the signature (and decrypting, the
 * x5c chain, a profile's crypto) off the keystroke, reading a large text a
 * step per task, loading the finder and the profile rules when a text needs
 * them, and ticking the clock. An answer is kept only while it is still for
 * the current inputs, so a late one never overwrites a newer one.
 */
import { untrack } from 'svelte';
import { STEPPED_CHARS, type TokenInput, type Verdicts } from '../lib';
import { nextTask } from '../lib/next-task';
import { clockNow } from './clock';
import type { Lab } from './lab.svelte';
import { showDecoded } from './lab-loading';
import type { LabPrivate } from './lab-private.svelte';

export class LabBackground {
  readonly #lab: Lab;
  readonly #own: LabPrivate;
  /** The token input the lab's report is of (private to the lab). */
  readonly #input: () => TokenInput;
  #verdicts = $state.raw<Verdicts | undefined>(undefined);
  /** The large texts whose steps have all run. */
  #stepped = $state.raw<{ token: string; key: string } | undefined>(undefined);
  #finderLoading = false;
  #profilesLoading = false;
  #stop: (() => void) | undefined;

  constructor(lab: Lab, own: LabPrivate, input: () => TokenInput) {
    this.#lab = lab;
    this.#own = own;
    this.#input = input;
  }

  /** A token or key this large is read a step per task (see `#readInSteps`). */
  #large = $derived.by(
    () => this.#lab.tokenText.length > STEPPED_CHARS || this.#lab.keyText.length > STEPPED_CHARS,
  );
  #steppedNow = $derived.by(
    () => this.#stepped?.token === this.#lab.tokenText && this.#stepped.key === this.#lab.keyText,
  );

  /** A large text whose steps have not all run yet: the report is the reading one meanwhile. */
  get reading(): boolean {
    return this.#large && !this.#steppedNow;
  }

  /** The crypto's last answers (for the report to match against its inputs). */
  get verdicts(): Verdicts | undefined {
    return this.#verdicts;
  }

  /** Begin checking the signature and ticking the clock. */
  start(): void {
    const lab = this.#lab;
    this.#stop = $effect.root(() => {
      $effect(() => {
        const report = lab.report;
        const keys = lab.keys;
        if (
          report.signature.status !== 'checking' &&
          report.jwe?.status !== 'checking' &&
          report.chain?.status !== 'checking' &&
          !report.profile?.checking
        )
          return;
        untrack(() => void lab.checker.verify(report, keys).then((v) => this.#settle(v)));
      });
      $effect(() => {
        return this.reading ? this.#readInSteps() : undefined;
      });
      $effect(() => {
        if (lab.report.wantsProfiles) untrack(() => this.#loadProfiles());
      });
      // Any text that is not a compact token, the page's own JSON re-sign included.
      $effect(() => {
        if (lab.report.wantsFinder) untrack(() => this.loadFinder());
      });
      $effect(() => {
        const timer = setInterval(() => (lab.now = clockNow()), 1000);
        return () => clearInterval(timer);
      });
    });
  }

  /** Stop checking and ticking. */
  stop(): void {
    this.#stop?.();
  }

  /**
   * Run the engine's steps for the large text now in the editors, each in a
   * task of its own, then show the report; returns the cancel for a newer text.
   */
  #readInSteps(): () => void {
    const lab = this.#lab;
    const input = this.#input();
    const keys = lab.keys;
    const { settings, tools } = untrack(() => ({ settings: lab.settings, tools: lab.tools }));
    let cancelled = false;
    void (async () => {
      for (const step of lab.checker.steps(input, settings, keys, tools)) {
        await nextTask();
        if (cancelled) return;
        step();
      }
      await nextTask();
      if (cancelled) return;
      this.#stepped = { token: input.text, key: keys.text };
      // A pasted text fills the editors; the page's own re-sign keeps what the person typed.
      if (input.from !== 'page') {
        const { header, payload } = lab.report.editors;
        lab.headerText = header;
        lab.payloadText = payload;
      }
    })();
    return () => (cancelled = true);
  }

  /** Store verdicts that are still for the current inputs. */
  #settle(verdicts: Verdicts): void {
    const lab = this.#lab;
    if (verdicts.id !== lab.report.verifyId || this.#verdicts === verdicts) return;
    this.#verdicts = verdicts;
    // A pasted JWE fills the payload editor; an edited one keeps what the person typed.
    const view = verdicts.jwe;
    if (this.#own.tokenFrom !== 'page' && view?.payloadText !== undefined) {
      lab.payloadText = view.payloadText;
      if (view.inner) lab.signThenEncrypt = true;
    }
  }

  /** The text is not a token: load the finder to look inside it (once; nothing is fetched but the code). */
  loadFinder(): void {
    if (this.#finderLoading) return;
    this.#finderLoading = true;
    Promise.all([import('../lib/find'), import('../lib/check/json-decoding')])
      .then(([finder, forms]) => {
        this.#lab.useTools({ finder, forms });
        if (this.#own.editorsAwaitFinder) showDecoded(this.#lab, this.#own);
      })
      .catch(() => {
        // Without the finder the text reads as its decode error; the next paste tries again.
        this.#finderLoading = false;
      });
  }

  /** A DPoP proof or an OpenID Connect token is here: load their rules (once). */
  #loadProfiles(): void {
    if (this.#profilesLoading) return;
    this.#profilesLoading = true;
    import('../lib/profiles')
      .then((profiles) => this.#lab.useTools({ profiles }))
      .catch(() => {
        // Without the rules the token reads as any JWT; the next such token tries again.
        this.#profilesLoading = false;
      });
  }
}
