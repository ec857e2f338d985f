/**
 * The small set of editing features every editor gets, chosen one by one
 * instead of `basicSetup` to keep CodeMirror's share of the first screen
 * small: undo, select-all, wrapping (tokens never scroll sideways), a label.
 */
import { history, historyKeymap, selectAll } from '@codemirror/commands';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';

/**
 * Delete a non-empty selection through CodeMirror. Left to the browser, a
 * select-all made right after focus arrives from another field deletes only
 * what is drawn, and the document keeps the old text.
 */
function deleteSelection(view: EditorView): boolean {
  if (view.state.selection.ranges.every((r) => r.empty)) return false;
  view.dispatch(view.state.replaceSelection(''), {
    userEvent: 'delete.selection',
    scrollIntoView: true,
  });
  return true;
}

/** Undo, standard keys, line wrapping, an accessible label and a placeholder. */
export function basics(options: {
  label: string;
  placeholder?: string;
  readonly?: boolean;
}): Extension {
  return [
    history(),
    // Arrows, Home/End, Enter and single-character deletion are the browser's
    // own in the editable surface; defaultKeymap would pull in
    // @codemirror/language (+13 KB).
    keymap.of([
      { key: 'Mod-a', run: selectAll },
      { key: 'Delete', run: deleteSelection },
      { key: 'Backspace', run: deleteSelection },
      ...historyKeymap,
    ]),
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
