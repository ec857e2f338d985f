/**
 * The small set of editing features every editor gets. Chosen one by one
 * instead of `basicSetup`, which would double CodeMirror's share of the first
 * screen: undo, the standard keys, wrapping (tokens never scroll sideways),
 * and bracket matching for the JSON.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';

/** Undo, standard keys, line wrapping, an accessible label and a placeholder. */
export function basics(options: { label: string; placeholder?: string; readonly?: boolean }): Extension {
  return [
    history(),
    keymap.of([...defaultKeymap, ...historyKeymap]),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': options.label, spellcheck: 'false', autocapitalize: 'off', autocorrect: 'off' }),
    options.placeholder ? placeholderText(options.placeholder) : [],
    options.readonly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : [],
  ];
}
