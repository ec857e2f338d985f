/**
 * The pipeline's finder step: when the pasted text is not itself a token, the
 * token finder (src/lib/find, loaded on demand) looks for tokens inside it (a
 * curl command, a HAR file, a token response …), and the chosen one is
 * decoded as if it had been pasted alone. Positions in what it decodes to are
 * moved to where the token stands in the pasted text, when it stands there as
 * written, so the token editor's marks fall on it.
 */
import { LabError, type Result } from '../errors';
import type { DecodedToken, HeaderCache } from '../jws/decode';
import type { SdJwtParts } from '../sd-jwt/split';
import { decodeTokenText } from './sd-jwt-decode';
import type * as FindModule from '../find';
import type { FoundTokens } from '../find/types';
import type { FoundReport } from './types';

/** What the text decodes to once the finder has looked in it. */
export interface FoundDecoding {
  decoded: Result<DecodedToken>;
  found: FoundReport;
  /** The chosen token's text: what the editors show and a re-sign keeps the signature of. */
  tokenText: string;
  /** The found token's SD-JWT pieces, when it is a presentation. */
  sdJwt?: SdJwtParts | undefined;
}

/** Decode errors after which the text is worth looking into: not an empty or refused one. */
export function worthFinding(decoded: Result<DecodedToken>): boolean {
  return (
    !decoded.ok &&
    decoded.error.code !== 'ERR_TOKEN_EMPTY' &&
    decoded.error.code !== 'ERR_INPUT_TOO_LARGE'
  );
}

/** Run the finder on `text`; undefined when it finds nothing (the decode error stands). */
export function findIn(finder: typeof FindModule, text: string): FoundTokens | undefined {
  const result = finder.findTokens(text);
  return result.ok && result.value.tokens.length > 0 ? result.value : undefined;
}

/** Decode the `chosen` one of the tokens found in `text` (the first when out of range). */
export function decodeFound(
  text: string,
  list: FoundTokens,
  chosen: number,
  headers: HeaderCache,
): FoundDecoding {
  const index = Number.isInteger(chosen) && chosen >= 0 && chosen < list.tokens.length ? chosen : 0;
  const token = list.tokens[index]!;
  // Where it stands as written: its marks and error positions can be shown there.
  const at =
    token.from !== undefined && text.slice(token.from, token.to) === token.text
      ? token.from
      : undefined;
  const plain = decodeTokenText(token.text, headers);
  const decoded = shift(plain.decoded, at);
  const how = token.note ? ` (${token.note})` : '';
  const which =
    list.tokens.length > 1 ? `Token ${index + 1} of ${list.tokens.length}` : 'The token';
  const found: FoundReport = {
    tokens: list.tokens,
    chosen: index,
    truncated: list.truncated,
    note: `${which} was found in ${token.where}${how}, and is decoded as if pasted alone.`,
  };
  if (at !== undefined) found.at = at;
  return { decoded, found, tokenText: token.text, sdJwt: plain.sdJwt };
}

/** Move the positions of a decoding of a token that starts at `at` in the pasted text. */
function shift(decoded: Result<DecodedToken>, at: number | undefined): Result<DecodedToken> {
  if (decoded.ok) {
    if (!at) return decoded;
    const token = decoded.value;
    const segments = token.segments.map((s) => ({ ...s, from: s.from + at, to: s.to + at }));
    return { ok: true, value: { ...token, segments } };
  }
  const e = decoded.error;
  if (e.from === undefined || at === 0) return decoded;
  // Without a place in the text as written, a position would mark the wrong characters.
  const moved =
    at === undefined ? {} : { from: e.from + at, ...(e.to !== undefined ? { to: e.to + at } : {}) };
  const error = new LabError(e.code, e.message, {
    ...(e.part !== undefined ? { part: e.part } : {}),
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
    ...(e.pyjwt !== undefined ? { pyjwt: e.pyjwt } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
    ...moved,
  });
  return { ok: false, error };
}
