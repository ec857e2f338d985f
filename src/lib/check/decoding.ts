/**
 * The pipeline's first step: the pasted text decoded as a token, or, when it
 * is not one, the token the finder chose inside it. Cached by text, chosen
 * token and finder, so a keystroke in another input decodes nothing and
 * runs no finder, and choosing another found token does not look again.
 */
import type { Result } from '../errors';
import { HeaderCache, type DecodedToken } from '../jws/decode';
import type { SdJwtParts } from '../sd-jwt/split';
import { decodeTokenText } from './sd-jwt-decode';
import type * as FindModule from '../find';
import type { FoundTokens } from '../find/types';
import { editorTexts, WRAPPING_WORDS } from './editors';
import { decodeFound, findIn, worthFinding } from './found';
import type * as JsonDecodingModule from './json-decoding';
import type { JsonDecoding } from './json-view';
import { payloadNotes } from './payload-notes';
import type { EditorTexts, FoundReport, TokenView } from './types';

type Finder = typeof FindModule | undefined;
/** The JSON serialization reader, loaded with the finder. */
type Forms = typeof JsonDecodingModule | undefined;

/** How a text came to decode as it did, besides the result itself. */
export interface DecodingFacts {
  /** The text as a token, found or not (default: the result itself). */
  plain?: Result<DecodedToken>;
  /** The SD-JWT pieces of the text as a token (of `plain`). */
  plainSdJwt?: SdJwtParts | undefined;
  finder?: Finder;
  chosen?: number;
  found?: FoundReport;
  /** The token's own text: the found one's (default: the pasted text). */
  tokenText?: string;
  detachedPayload?: string | undefined;
  /** The editors' texts, when known already. */
  editors?: EditorTexts;
  /** The SD-JWT's disclosures and key-binding JWT, when the token is a presentation. */
  sdJwt?: SdJwtParts | undefined;
  /** The form, when the text is not a compact token (a JSON serialization). */
  view?: TokenView;
}

/** What one text decodes to, with the editors' texts made when first asked for. */
export class Decoding {
  #editors: EditorTexts | undefined;
  readonly view: TokenView | undefined;
  readonly plain: Result<DecodedToken>;
  readonly plainSdJwt: SdJwtParts | undefined;
  readonly finder: Finder;
  readonly chosen: number;
  readonly found: FoundReport | undefined;
  readonly tokenText: string;
  readonly detachedPayload: string | undefined;
  readonly sdJwt: SdJwtParts | undefined;

  constructor(
    readonly text: string,
    readonly decoded: Result<DecodedToken>,
    readonly notes: string[],
    facts: DecodingFacts = {},
  ) {
    this.plain = facts.plain ?? decoded;
    this.plainSdJwt = facts.plain ? facts.plainSdJwt : facts.sdJwt;
    this.finder = facts.finder;
    this.chosen = facts.chosen ?? 0;
    this.found = facts.found;
    this.tokenText = facts.tokenText ?? text;
    this.detachedPayload = facts.detachedPayload;
    this.#editors = facts.editors;
    this.sdJwt = facts.sdJwt;
    const token = decoded.ok ? decoded.value : undefined;
    const sd = this.sdJwt;
    this.view =
      facts.view ??
      (token?.kind === 'jws' && sd
        ? { form: sd.kbJwt ? 'sd-jwt-kb' : 'sd-jwt', token, parts: sd }
        : token?.kind === 'jws'
          ? { form: 'compact-jws', token }
          : token?.kind === 'jwe'
            ? { form: 'compact-jwe', token }
            : undefined);
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
  #forms: Forms;
  #lastJson:
    | {
        forms: NonNullable<Forms>;
        text: string;
        detachedPayload: string | undefined;
        json: JsonDecoding | undefined;
      }
    | undefined;

  /** What `text` decodes to, with the `chosen` found token when it holds several. */
  decode(
    text: string,
    chosen: number,
    finder: Finder,
    detachedPayload?: string,
    forms?: Forms,
  ): Decoding {
    const last = this.#last;
    const same = last?.text === text && last.detachedPayload === detachedPayload;
    if (
      same &&
      (last.finder === finder || !worthFinding(last.plain)) &&
      (last.chosen === chosen || !last.found)
    )
      return last;
    this.#forms = forms;
    // A JSON serialization decodes as one; other JSON (a token response) is for the finder.
    const json = this.#json(text, detachedPayload);
    if (json?.view) return (this.#last = jsonDecoding(text, json, { detachedPayload, finder }));
    const plain =
      same && !json
        ? { decoded: last.plain, sdJwt: last.plainSdJwt }
        : json?.decoded
          ? { decoded: json.decoded, sdJwt: undefined }
          : decodeTokenText(text, this.#headers, { detachedPayload });
    return (this.#last = this.#decode(
      text,
      plain.decoded,
      chosen,
      finder,
      detachedPayload,
      plain.sdJwt,
    ));
  }

  /** `text` read as a JSON serialization, once per text, when the reader has loaded. */
  #json(text: string, detachedPayload: string | undefined): JsonDecoding | undefined {
    const forms = this.#forms;
    if (!forms) return undefined;
    const last = this.#lastJson;
    if (last?.forms === forms && last.text === text && last.detachedPayload === detachedPayload)
      return last.json;
    const json = forms.decodeJsonText(text, detachedPayload);
    this.#lastJson = { forms, text, detachedPayload, json };
    return json;
  }

  #decode(
    text: string,
    plain: Result<DecodedToken>,
    chosen: number,
    finder: Finder,
    detachedPayload: string | undefined,
    sdJwt: SdJwtParts | undefined,
  ): Decoding {
    const facts = { plain, finder, chosen, detachedPayload, plainSdJwt: sdJwt };
    if (finder && worthFinding(plain)) {
      if (this.#found?.text !== text) this.#found = { text, list: findIn(finder, text) };
      const list = this.#found.list;
      if (list) {
        const f = decodeFound(text, list, chosen, this.#headers);
        // A JSON serialization found inside the text is read as one.
        const inner = f.found.tokens[f.found.chosen]!.kind.startsWith('json-')
          ? this.#forms?.decodeJsonText(f.tokenText, detachedPayload)
          : undefined;
        if (inner?.view) return jsonDecoding(text, inner, { ...facts, ...f });
        const token = f.decoded.ok ? f.decoded.value : undefined;
        const notes = token?.kind === 'jws' ? payloadNotes(token) : [];
        return new Decoding(text, f.decoded, notes, { ...facts, ...f });
      }
    }
    const token = plain.ok ? plain.value : undefined;
    const notes = token?.stripped.length
      ? [`Stripped ${token.stripped.map((s) => WRAPPING_WORDS[s]).join(', ')} before decoding.`]
      : [];
    if (token?.kind === 'jws') notes.push(...payloadNotes(token));
    return new Decoding(text, plain, notes, { ...facts, sdJwt });
  }
}

/** The decoding of a JSON serialization: its own view and editors. */
function jsonDecoding(text: string, json: JsonDecoding, facts: DecodingFacts): Decoding {
  return new Decoding(text, json.decoded, json.notes, {
    ...facts,
    plain: json.decoded,
    view: json.view!,
    ...(json.editors ? { editors: json.editors } : {}),
  });
}
