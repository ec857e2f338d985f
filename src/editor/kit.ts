/**
 * The editor library (CodeMirror) and the features built on it, in one chunk
 * that loads when a person first focuses or types into an editor
 * (CodeEditor.svelte). Until then each editor is a static, editable preview
 * of its text in its colours: a first visit does not fetch the ~50 KB
 * gzipped of an editor it may never use.
 */
import { Annotation, EditorSelection, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basics } from './basics';
import { externalProblems, setProblems, type Problem } from './problems';

export { claimHelp } from './claim-help';
export { jsonEditing } from './json';
export { tokenParts } from './token-parts';

/** Marks changes that came from outside, so they are not echoed back. */
const external = Annotation.define<boolean>();

/** What an editor is made from. */
export interface EditorOptions {
  parent: HTMLElement;
  doc: string;
  /** Anchor and head, as text offsets. */
  selection?: readonly [number, number];
  label: string;
  placeholder?: string;
  readonly: boolean;
  extensions: Extension;
  /** Every edit the person makes, with the whole new text. */
  onchange?: (text: string) => void;
}

/** A built editor, as CodeEditor.svelte drives it. */
export interface Editor {
  view: EditorView;
  /** Put text from outside in, only when it differs (typing is never interrupted). */
  setText(text: string): void;
  setProblems(problems: readonly Problem[]): void;
}

/** Build an editor in `options.parent`. */
export function createEditor(options: EditorOptions): Editor {
  const { placeholder, onchange } = options;
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc,
      ...(options.selection ? { selection: EditorSelection.single(...options.selection) } : {}),
      extensions: [
        basics({
          label: options.label,
          readonly: options.readonly,
          ...(placeholder ? { placeholder } : {}),
        }),
        options.extensions,
        externalProblems(),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !update.transactions.every((t) => t.annotation(external)))
            onchange?.(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    setText(text) {
      const current = view.state.doc.toString();
      if (text !== current)
        view.dispatch({
          changes: { from: 0, to: current.length, insert: text },
          annotations: external.of(true),
        });
    },
    setProblems: (problems) => view.dispatch({ effects: setProblems.of(problems) }),
  };
}
