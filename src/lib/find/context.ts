/**
 * What stands just before a token found in free text, so the list can say
 * more than a line number: a URL's query or fragment parameter, a JSON-like
 * member name, a `name=` or `name:` label, a `Bearer` scheme. Only the same
 * line, and at most 256 characters of it, are looked at.
 */
import type { FoundSource } from './types';
import { percentDecode } from './url';

/** The words for what precedes a token, and the place kind it implies. */
export interface Context {
  phrase: string;
  source?: FoundSource;
}

const LOOK_BACK = 256;
const PARAM = /[?#&;]([A-Za-z0-9_.~%+-]{1,64})=$/;
const MEMBER = /"([^"\\\n]{1,64})"[ \t]*:[ \t]*"$/;
const LABEL = /([A-Za-z0-9_.-]{1,64})[ \t]*([=:])[ \t]*["']?$/;
const SCHEME = /\b(Bearer|DPoP)[ \t]+$/i;
const URL_EDGE = /[\s"'<>()[\]{}`]/;

/** What precedes offset `from` of `text` on its line, if it says something. */
export function contextBefore(text: string, from: number): Context | undefined {
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const look = text.slice(Math.max(lineStart, from - LOOK_BACK), from);
  const param = PARAM.exec(look);
  if (param) {
    let start = param.index;
    while (start > 0 && !URL_EDGE.test(look[start - 1]!)) start--;
    const url = look.slice(start, param.index + 1);
    const part = url.includes('#') ? 'fragment' : url.includes('?') ? 'query' : undefined;
    const name = percentDecode(param[1]!).value;
    if (part)
      return {
        phrase: `the URL ${part}'s ${name}`,
        source: part === 'fragment' ? 'url-fragment' : 'url-query',
      };
  }
  const member = MEMBER.exec(look);
  if (member) return { phrase: `member ${JSON.stringify(member[1])}` };
  const label = LABEL.exec(look);
  if (label) return { phrase: `after "${label[1]}${label[2]}"` };
  const scheme = SCHEME.exec(look);
  if (scheme) return { phrase: `after "${scheme[1]}"` };
  return undefined;
}

/** Line numbers (1-based) of offsets asked for mostly in increasing order, counted once. */
export class LineCounter {
  readonly #text: string;
  #at = 0;
  #line = 1;

  constructor(text: string) {
    this.#text = text;
  }

  /** The line holding offset `at`. */
  lineOf(at: number): number {
    if (at < this.#at) {
      this.#at = 0;
      this.#line = 1;
    }
    for (
      let i = this.#text.indexOf('\n', this.#at);
      i >= 0 && i < at;
      i = this.#text.indexOf('\n', i + 1)
    )
      this.#line++;
    this.#at = at;
    return this.#line;
  }
}
