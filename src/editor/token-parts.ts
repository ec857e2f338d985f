/**
 * Colours the parts of a compact token (header, payload, signature; the five
 * JWE parts) and the dots between them, recomputed from the document itself.
 */
import { RangeSetBuilder, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';

const JWS = ['header', 'payload', 'signature'];
const JWE = ['header', 'encrypted_key', 'iv', 'ciphertext', 'tag'];
const marks = new Map<string, Decoration>();
const mark = (part: string) => {
  let m = marks.get(part);
  if (!m) marks.set(part, (m = Decoration.mark({ class: `cm-jwt-${part}` })));
  return m;
};
const dot = Decoration.mark({ class: 'cm-jwt-dot' });

/** Decorations for the parts of the token in `text`. */
export function partDecorations(text: string): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const dots: number[] = [];
  for (let i = text.indexOf('.'); i >= 0 && dots.length < 5; i = text.indexOf('.', i + 1))
    dots.push(i);
  const names = dots.length === 4 ? JWE : JWS;
  let from = 0;
  for (let i = 0; i <= dots.length && i < names.length; i++) {
    const to = dots[i] ?? text.length;
    if (to > from) builder.add(from, to, mark(names[i]!));
    if (dots[i] !== undefined) builder.add(to, to + 1, dot);
    from = to + 1;
  }
  return builder.finish();
}

/** The token-colouring extension. */
export function tokenParts(): Extension {
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = partDecorations(view.state.doc.toString());
      }
      update(update: ViewUpdate) {
        if (update.docChanged) this.decorations = partDecorations(update.state.doc.toString());
      }
    },
    { decorations: (v) => v.decorations },
  );
}
