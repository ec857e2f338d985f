/**
 * Colours the parts of a compact token (header, payload, signature; the five
 * JWE parts) and the dots between them, recomputed from the document itself.
 */
import type { Extension } from '@codemirror/state';
import { ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';
import { markDecorations, type Mark } from './preview';

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

/** The token-colouring extension. */
export function tokenParts(): Extension {
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = markDecorations(partMarks(view.state.doc.toString()));
      }
      update(update: ViewUpdate) {
        if (update.docChanged)
          this.decorations = markDecorations(partMarks(update.state.doc.toString()));
      }
    },
    { decorations: (v) => v.decorations },
  );
}
