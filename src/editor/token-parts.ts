/**
 * Colours the parts of a compact token (header, payload, signature; the five
 * JWE parts) and the dots between them, recomputed from the document itself.
 */
import type { Extension } from '@codemirror/state';
import { ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';
import { partMarks } from './colours';
import { markDecorations } from './mark-decorations';

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
