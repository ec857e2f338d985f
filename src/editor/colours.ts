/**
 * The colours of a token and of JSON, as ranges of the text: the editors'
 * decorations (./token-parts.ts, ./json.ts) and the static previews that
 * stand in for them (CodeEditor.svelte) are both drawn from these. No
 * CodeMirror here, so the previews need none.
 */
import { jsonTokens } from '../lib/json/scan';
import { sizeClass } from '../lib/jws/limits';
import type { Mark } from './preview';

const JWS = ['header', 'payload', 'signature'];
const JWE = ['header', 'encrypted_key', 'iv', 'ciphertext', 'tag'];

/**
 * A compact token standing in a larger text (a header, a curl command, JSON):
 * its header is JSON, so it starts `eyJ` (`{"`), then two more parts, or four.
 */
const TOKEN_IN_TEXT = /eyJ[\w-]*(?:\.[\w-]*){2}(?:(?:\.[\w-]*){2})?/g;
/** At most this many tokens in a text are coloured, as the finder lists at most 100. */
const MAX_COLOURED = 100;

/**
 * The parts of the token in `text` and the dots between them, as coloured
 * ranges. A text that is one token (as typed, broken or not) is coloured by
 * its dots; in a text that holds more, each token in it is coloured in place.
 */
export function partMarks(text: string): Mark[] {
  if (!/\S\s+\S|^\s*[[{]/.test(text)) return byDots(text, 0);
  const marks: Mark[] = [];
  let count = 0;
  for (const match of text.matchAll(TOKEN_IN_TEXT)) {
    marks.push(...byDots(match[0], match.index));
    if (++count === MAX_COLOURED) break;
  }
  return marks;
}

function byDots(text: string, offset: number): Mark[] {
  const marks: Mark[] = [];
  const dots: number[] = [];
  for (let i = text.indexOf('.'); i >= 0 && dots.length < 5; i = text.indexOf('.', i + 1))
    dots.push(i);
  const names = dots.length === 4 ? JWE : JWS;
  let from = 0;
  for (let i = 0; i <= dots.length && i < names.length; i++) {
    const to = dots[i] ?? text.length;
    if (to > from)
      marks.push({ from: offset + from, to: offset + to, class: `cm-jwt-${names[i]!}` });
    if (dots[i] !== undefined)
      marks.push({ from: offset + to, to: offset + to + 1, class: 'cm-jwt-dot' });
    from = to + 1;
  }
  return marks;
}

/** Colours for the JSON in `text`: member names, strings, numbers, literals. */
export function jsonMarks(text: string): Mark[] {
  const marks: Mark[] = [];
  if (sizeClass(text) !== 'normal') return marks; // too large to colour on each keystroke
  let pendingString: { from: number; to: number } | undefined;
  const flush = (isName: boolean) => {
    if (pendingString)
      marks.push({ ...pendingString, class: isName ? 'tok-property' : 'tok-string' });
    pendingString = undefined;
  };
  for (const t of jsonTokens(text)) {
    // A string is a member name when a ':' follows it.
    if (pendingString) flush(t.kind === 'punct' && t.text === ':');
    if (t.kind === 'string') pendingString = { from: t.from, to: t.to };
    else if (t.kind === 'literal')
      marks.push({
        from: t.from,
        to: t.to,
        class: /^[-\d]/.test(t.text) ? 'tok-number' : 'tok-literal',
      });
  }
  flush(false);
  return marks;
}
