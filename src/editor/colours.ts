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

/** The parts of the token in `text` and the dots between them, as coloured ranges. */
export function partMarks(text: string): Mark[] {
  const marks: Mark[] = [];
  const dots: number[] = [];
  for (let i = text.indexOf('.'); i >= 0 && dots.length < 5; i = text.indexOf('.', i + 1))
    dots.push(i);
  const names = dots.length === 4 ? JWE : JWS;
  let from = 0;
  for (let i = 0; i <= dots.length && i < names.length; i++) {
    const to = dots[i] ?? text.length;
    if (to > from) marks.push({ from, to, class: `cm-jwt-${names[i]!}` });
    if (dots[i] !== undefined) marks.push({ from: to, to: to + 1, class: 'cm-jwt-dot' });
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
