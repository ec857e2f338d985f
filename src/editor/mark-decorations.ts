/** Coloured ranges (./preview.ts) as CodeMirror decorations, for the editors. */
import { RangeSetBuilder } from '@codemirror/state';
import { Decoration, type DecorationSet } from '@codemirror/view';
import type { Mark } from './preview';

const decorations = new Map<string, Decoration>();

/** The marks as CodeMirror mark decorations (one decoration per class, shared). */
export function markDecorations(marks: readonly Mark[]): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const mark of marks) {
    let decoration = decorations.get(mark.class);
    if (!decoration)
      decorations.set(mark.class, (decoration = Decoration.mark({ class: mark.class })));
    builder.add(mark.from, mark.to, decoration);
  }
  return builder.finish();
}
