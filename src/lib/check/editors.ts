/**
 * What the header and payload editors show for a pasted text: the decoded
 * JSON, re-indented unless it is too large, and for a text that does not
 * decode, each part that still does, so an editor never keeps showing an
 * earlier token's header or claims as if they were this one's.
 */
import type { Result } from '../errors';
import { findBase64urlProblem, decodeTextPart } from '../jws/base64url';
import { cleanToken, type DecodedJws, type DecodedToken } from '../jws/decode';
import { sizeClass } from '../jws/limits';
import { formatJsonWithin } from '../json/scan';
import type { EditorTexts } from './types';

/** Re-indenting may make a text 1 M characters or this many times larger, never past 4 M. */
const GROWTH = 4;
const MAX_FORMATTED = 4_000_000;

/**
 * JSON re-indented for the editor, or as written when it is over the size
 * limit or re-indenting would blow it up (deep nesting): work and output stay
 * bounded by the input.
 */
function shown(json: string, notes: string[], part: string): string {
  if (sizeClass(json) !== 'normal') return json;
  const limit = Math.min(MAX_FORMATTED, Math.max(1_000_000, GROWTH * json.length));
  const formatted = formatJsonWithin(json, limit);
  if (formatted !== undefined) return formatted;
  notes.push(
    `The ${part} is shown as written: re-indented, its nesting would make it too large to show.`,
  );
  return json;
}

/** The editors' texts for this decode result of `input`. */
export function editorTexts(input: string, decoded: Result<DecodedToken>): EditorTexts {
  const notes: string[] = [];
  const withNotes = (texts: EditorTexts): EditorTexts =>
    notes.length ? { ...texts, note: [texts.note, ...notes].filter(Boolean).join(' ') } : texts;
  if (decoded.ok) {
    const token = decoded.value;
    return withNotes({
      header: shown(token.headerText, notes, 'header'),
      payload: token.kind === 'jws' ? payloadShown(token, notes) : '',
    });
  }
  const code = decoded.error.code;
  if (code === 'ERR_TOKEN_EMPTY') return { header: '', payload: '' };
  if (code === 'ERR_INPUT_TOO_LARGE')
    return { header: '', payload: '', note: 'Nothing is decoded: the text is too large.' };
  const parts = cleanToken(input).compact.split('.');
  const header = readable(parts[0], notes, 'header');
  // A payload is shown only where the text has the shape of a JWS (a JWE's second part is a key).
  const payload = parts.length === 3 ? readable(parts[1], notes, 'payload') : undefined;
  const decodedParts = [header && 'header', payload && 'payload'].filter(Boolean);
  return withNotes({
    header: header ?? '',
    payload: payload ?? '',
    note:
      decodedParts.length === 0
        ? 'Nothing of this text decodes, so the header and payload are empty.'
        : `Shown as far as this text decodes: the ${decodedParts.join(' and ')} (the token as a whole does not decode).`,
  });
}

/** A JWS payload for its editor: JSON re-indented; text and hex exactly as they are. */
function payloadShown(token: DecodedJws, notes: string[]): string {
  const json = token.payloadForm === 'claims' || token.payloadForm === 'json';
  return json ? shown(token.payloadText, notes, 'payload') : token.payloadText;
}

/** A part's text when it is base64url of UTF-8 text: re-indented if it is JSON. */
function readable(part: string | undefined, notes: string[], name: string): string | undefined {
  if (!part || findBase64urlProblem(part)) return undefined;
  let text: string;
  try {
    text = decodeTextPart(part);
  } catch {
    return undefined;
  }
  try {
    JSON.parse(text);
  } catch {
    return text;
  }
  return shown(text, notes, name);
}

/** Words for what `cleanToken` stripped, for the report's notes. */
export const WRAPPING_WORDS: Record<string, string> = {
  whitespace: 'surrounding white space',
  quotes: 'quotes',
  'authorization-header': 'an "Authorization:" header name',
  bearer: 'a "Bearer " prefix',
};
