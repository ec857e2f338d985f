/**
 * The small set of editing features every editor gets, chosen one by one
 * instead of `basicSetup` to keep CodeMirror's share of the first screen
 * small: undo, select-all, wrapping (tokens never scroll sideways), a label.
 */
import { history, historyKeymap, selectAll } from '@codemirror/commands';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';

/** Undo, standard keys, line wrapping, an accessible label and a placeholder. */
export function basics(options: {
  label: string;
  placeholder?: string;
  readonly?: boolean;
}): Extension {
  return [
    history(),
    // Arrows, Home/End, Enter and deletion are the browser's own in the
    // editable surface; defaultKeymap would pull in @codemirror/language (+13 KB).
    keymap.of([{ key: 'Mod-a', run: selectAll }, ...historyKeymap]),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({
      'aria-label': options.label,
      spellcheck: 'false',
      autocapitalize: 'off',
      autocorrect: 'off',
    }),
    options.placeholder ? placeholderText(options.placeholder) : [],
    options.readonly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : [],
  ];
}
