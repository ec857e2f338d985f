/**
 * The pipeline's first step: the pasted text decoded as a token, or, when it
 * is not one, the token the finder chose inside it. Cached by text, chosen
 * token and finder, so a keystroke in another input decodes nothing and
 * runs no finder, and choosing another found token does not look again.
 */
import type { Result } from '../errors';
import { decodeToken, HeaderCache, type DecodedToken } from '../jws/decode';
import type * as FindModule from '../find';
import type { FoundTokens } from '../find/types';
import { editorTexts, WRAPPING_WORDS } from './editors';
import { decodeFound, findIn, worthFinding } from './found';
import type { EditorTexts, FoundReport, TokenView } from './types';

type Finder = typeof FindModule | undefined;

/** What one text decodes to, with the editors' texts made when first asked for. */
export class Decoding {
  #editors: EditorTexts | undefined;
  readonly view: TokenView | undefined;

  constructor(
    readonly text: string,
    /** The text as a token, found or not: the decode error stands when nothing was found. */
    readonly plain: Result<DecodedToken>,
    readonly decoded: Result<DecodedToken>,
    readonly notes: string[],
    readonly finder: Finder,
    readonly chosen: number,
    readonly found?: FoundReport,
    /** The token's own text: the found one's, or the pasted text. */
    readonly tokenText: string = text,
  ) {
    const token = decoded.ok ? decoded.value : undefined;
    this.view =
      token?.kind === 'jws'
        ? { form: 'compact-jws', token }
        : token?.kind === 'jwe'
          ? { form: 'compact-jwe', token }
          : undefined;
  }

  /** The text is not a token, and the finder (not loaded yet) should look inside it. */
  get wantsFinder(): boolean {
    return !this.finder && worthFinding(this.plain);
  }

  /** Re-indenting is for the editors: done when they ask, not on every verdict. */
  get editors(): EditorTexts {
    return (this.#editors ??= editorTexts(this.tokenText, this.decoded));
  }
}

/** Decodes text after text, reusing the last answer and the finder's list. */
export class Decoder {
  readonly #headers = new HeaderCache();
  #last: Decoding | undefined;
  #found: { text: string; list: FoundTokens | undefined } | undefined;

  /** What `text` decodes to, with the `chosen` found token when it holds several. */
  decode(text: string, chosen: number, finder: Finder): Decoding {
    const last = this.#last;
    if (
      last?.text === text &&
      (last.finder === finder || !worthFinding(last.plain)) &&
      (last.chosen === chosen || !last.found)
    )
      return last;
    const plain = last?.text === text ? last.plain : decodeToken(text, this.#headers);
    return (this.#last = this.#decode(text, plain, chosen, finder));
  }

  #decode(text: string, plain: Result<DecodedToken>, chosen: number, finder: Finder): Decoding {
    if (finder && worthFinding(plain)) {
      if (this.#found?.text !== text) this.#found = { text, list: findIn(finder, text) };
      const list = this.#found.list;
      if (list) {
        const f = decodeFound(text, list, chosen, this.#headers);
        return new Decoding(text, plain, f.decoded, [], finder, chosen, f.found, f.tokenText);
      }
    }
    const token = plain.ok ? plain.value : undefined;
    const notes = token?.stripped.length
      ? [`Stripped ${token.stripped.map((s) => WRAPPING_WORDS[s]).join(', ')} before decoding.`]
      : [];
    return new Decoding(text, plain, plain, notes, finder, chosen);
  }
}
