/**
 * The list the finder builds: capped at {@link MAX_FOUND}, each token placed
 * in the input where it stands as written, and a token found again in another
 * place listed again with `sameAs` pointing at its first place, so the
 * person sees every place (a header and a cookie holding the same token are
 * two facts) without taking them for two tokens.
 */
import {
  MAX_FOUND,
  type FoundContainer,
  type FoundKind,
  type FoundSource,
  type FoundToken,
  type FoundTokens,
} from './types';

/** Where a token was found, before it is listed. */
export interface Place {
  where: string;
  source: FoundSource;
  container: FoundContainer;
  path?: string;
  from?: number;
  to?: number;
  note?: string;
}

/** The finder's list for one input. */
export class Collector {
  readonly #input: string;
  readonly #tokens: FoundToken[] = [];
  #truncated = 0;
  readonly #first = new Map<string, number>();
  /** For each token text, where the last search for it in the input ended. */
  readonly #searched = new Map<string, number>();

  constructor(input: string) {
    this.#input = input;
  }

  /** List a token; `place` is only worked out when the token is listed, not past the cap. */
  add(text: string, kind: FoundKind, alg: string | undefined, place: () => Place): void {
    if (this.#tokens.length >= MAX_FOUND) {
      this.#truncated++;
      return;
    }
    const p = place();
    const token: FoundToken = {
      text,
      kind,
      where: p.where,
      source: p.source,
      container: p.container,
    };
    if (alg !== undefined) token.alg = alg;
    if (p.path !== undefined) token.path = p.path;
    const span =
      p.from !== undefined && p.to !== undefined ? { from: p.from, to: p.to } : this.#locate(text);
    if (span) {
      token.from = span.from;
      token.to = span.to;
      this.#searched.set(text, span.to);
    }
    if (p.note) token.note = p.note;
    const first = this.#first.get(text);
    if (first === undefined) this.#first.set(text, this.#tokens.length);
    else token.sameAs = first;
    this.#tokens.push(token);
  }

  /**
   * Where a token read out of a container (JSON, a decoded URL) stands in the
   * input as written, if it does: the next occurrence after the last one used.
   */
  #locate(text: string): { from: number; to: number } | undefined {
    const from = this.#input.indexOf(text, this.#searched.get(text) ?? 0);
    return from < 0 ? undefined : { from, to: from + text.length };
  }

  /** The list, in the order found. */
  result(): FoundTokens {
    return { tokens: this.#tokens, truncated: this.#truncated };
  }
}
