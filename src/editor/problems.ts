/**
 * Problems marked in the text: a wavy underline with the message as hover
 * text. The same message is always also in the page as words (the decode
 * error, the key error, the edit error), so this is a pointer, not the only
 * carrier. @codemirror/lint does more (panels, gutters) at 8 KB gzipped on
 * the first screen; this is all the page needs.
 */
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';

/** A marked range of the document, `to` exclusive. */
export interface Problem {
  from: number;
  to: number;
  /** `info` is the quiet mark of low and informational security findings. */
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** Marks for `problems`, clamped to a document of `length`, in order. */
export function problemDecorations(problems: readonly Problem[], length: number): DecorationSet {
  const ranges = problems
    .map((p) => {
      const from = Math.max(0, Math.min(p.from, length));
      // An error at the very end (a missing '}') marks the last character.
      const start = from === length && length > 0 ? length - 1 : from;
      const to = Math.max(start + 1, Math.min(p.to, length));
      if (start >= length) return undefined;
      return Decoration.mark({
        class: `cm-problem cm-problem-${p.severity}`,
        attributes: { title: p.message },
      }).range(start, Math.min(to, length));
    })
    .filter((r) => r !== undefined)
    .sort((a, b) => a.from - b.from);
  return Decoration.set(ranges, true);
}

/** Replace the problems shown by {@link externalProblems}. */
export const setProblems = StateEffect.define<readonly Problem[]>();

/** Problems pushed in from outside (the token's decode error, the key's error). */
export function externalProblems(): Extension {
  return StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(value, tr) {
      for (const effect of tr.effects)
        if (effect.is(setProblems)) return problemDecorations(effect.value, tr.state.doc.length);
      return tr.docChanged ? value.map(tr.changes) : value;
    },
    provide: (field) => EditorView.decorations.from(field),
  });
}

/** Problems computed from the document itself on every change (JSON syntax). */
export function computedProblems(compute: (text: string) => Problem[]): Extension {
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = this.compute(view);
      }
      update(update: ViewUpdate) {
        if (update.docChanged) this.decorations = this.compute(update.view);
      }
      compute(view: EditorView): DecorationSet {
        const text = view.state.doc.toString();
        return problemDecorations(compute(text), text.length);
      }
    },
    { decorations: (v) => v.decorations },
  );
}
