/**
 * The SD-JWT builder's state (loaded with its panel, on demand): which
 * claims of the payload editor are marked, the decoys and hash, the SD-JWT it
 * issued and which of its disclosures to reveal. What it makes goes into the
 * token box, so the page's own reader judges it like any pasted token.
 */
import { messageOf } from '../lib/errors';
import {
  disclosureTree,
  generateHolderKey,
  issueSdJwt,
  markablePaths,
  presentSdJwt,
  readSourcePayload,
  revealClosure,
  withoutDescendants,
  type IssueHash,
  type SdTree,
} from '../lib/sd-jwt';
import { lab } from './lab.svelte';

/** The holder's key pair: the private half signs key-binding JWTs. */
type HolderKey = Awaited<ReturnType<typeof generateHolderKey>>;

/** How many of its own tokens the builder remembers (the issued one and recent presentations). */
const MADE_KEPT = 20;

export class SdBuild {
  /** Paths of the claims to disclose apart. */
  marks = $state<string[]>([]);
  decoys = $state(0);
  hash = $state<IssueHash>('sha-256');
  /** Bind the credential to a new holder key (`cnf`), so presentations can carry key binding. */
  bindHolder = $state(true);
  /** Disclosure numbers ticked to reveal. */
  reveal = $state<number[]>([]);
  /** Add a key-binding JWT to the presentation. */
  withKb = $state(true);
  note = $state('');
  busy = $state(false);

  /** What was issued last: the token, its disclosures and the payload it came from. */
  issued = $state.raw<
    { sdJwt: string; tree: SdTree; paths: string[]; source: string } | undefined
  >();
  holder = $state.raw<HolderKey | undefined>();
  /** Tokens this builder put in the token box: while one is there, the marks are of its source. */
  #made = $state.raw<string[]>([]);

  /** The payload the marks are of: the editor's, or the source of the SD-JWT made here. */
  sourceText = $derived(
    this.issued && this.#madeHere(lab.tokenText) ? this.issued.source : lab.payloadText,
  );
  source = $derived(readSourcePayload(this.sourceText));
  markable = $derived(this.source.ok ? markablePaths(this.source.value) : undefined);

  #madeHere(token: string): boolean {
    return this.#made.includes(token.trim());
  }

  /** Tick or untick a claim. */
  setMark(path: string, on: boolean): void {
    const others = this.marks.filter((m) => m !== path);
    this.marks = on ? [...others, path] : others;
  }

  /** Issue the SD-JWT from the marked payload with the key box's key; it goes into the token box. */
  async issue(): Promise<void> {
    const source = this.source;
    if (!source.ok) {
      this.note = source.error.message;
      return;
    }
    this.busy = true;
    try {
      const holder = this.bindHolder ? await generateHolderKey() : undefined;
      const issued = await issueSdJwt(
        {
          payload: source.value,
          marks: this.marks,
          decoys: this.decoys,
          hash: this.hash,
          ...(holder ? { holderJwk: holder.publicJwk as Record<string, unknown> } : {}),
        },
        {
          headerText: lab.headerText,
          keyText: lab.keyText,
          secretEncoding: lab.secretEncoding,
          resolver: lab.resolver,
        },
      );
      if (!issued.ok) {
        this.note = issued.error.message;
        return;
      }
      const tree = await disclosureTree(issued.value.sdJwt);
      if (!tree.ok) {
        this.note = tree.error.message;
        return;
      }
      const paths = issued.value.disclosures.map((d) => d.path);
      this.issued = { sdJwt: issued.value.sdJwt, tree: tree.value, paths, source: this.sourceText };
      this.holder = holder;
      this.reveal = tree.value.nodes.map((d) => d.n);
      this.#put(issued.value.sdJwt);
      this.note = `Issued with ${paths.length} disclosure${paths.length === 1 ? '' : 's'} and ${this.decoys} decoy${this.decoys === 1 ? '' : 's'}, hashed with ${this.hash}${holder ? ', bound to a new holder key (its public half is the payload\'s "cnf")' : ''}. Now choose what to reveal.`;
    } catch (cause) {
      this.note = `The SD-JWT could not be issued: ${messageOf(cause)}`;
    } finally {
      this.busy = false;
    }
  }

  /** Tick a disclosure (with those it sits in) or untick it (with what sits in it). */
  setReveal(n: number, on: boolean): void {
    const tree = this.issued?.tree;
    if (!tree) return;
    this.reveal = [
      ...(on ? revealClosure(tree, [...this.reveal, n]) : withoutDescendants(tree, this.reveal, n)),
    ].sort((a, b) => a - b);
  }

  /** Present the ticked disclosures, with a key-binding JWT for the expected audience and nonce. */
  async present(): Promise<void> {
    const issued = this.issued;
    if (!issued) return;
    const holder = this.withKb ? this.holder : undefined;
    if (this.withKb && !holder) {
      this.note =
        'This SD-JWT was issued without a holder key in "cnf", so there is no key to bind a presentation with: issue it again with "bind to a new holder key" ticked.';
      return;
    }
    this.busy = true;
    try {
      const shown = await presentSdJwt(
        issued.tree,
        this.reveal,
        holder
          ? {
              holderKey: holder.privateJwk,
              alg: holder.alg,
              aud: lab.expectedAudience,
              nonce: lab.expectedNonce,
              iat: lab.effectiveNow,
            }
          : undefined,
      );
      if (!shown.ok) {
        this.note = shown.error.message;
        return;
      }
      this.#put(shown.value);
      const n = this.reveal.length;
      this.note = `Presented ${n} of ${issued.tree.nodes.length} disclosures${holder ? `, with a key-binding JWT for "${lab.expectedAudience}" and nonce "${lab.expectedNonce}"` : ''}.`;
    } finally {
      this.busy = false;
    }
  }

  #put(token: string): void {
    this.#made = [...this.#made.slice(-MADE_KEPT + 1), token];
    lab.setToken(token);
  }
}

/** The builder's single state, made when its panel first loads. */
export const sdBuild = new SdBuild();
