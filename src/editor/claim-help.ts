/**
 * Claim and header names explained inside the JSON editors (hover help and
 * completion, in ./claim-help-extensions.ts). Tooltips and
 * @codemirror/autocomplete would cost the first screen ~18 KB gzipped, so
 * they load on demand: a Compartment, empty at first, is reconfigured the
 * first time the pointer enters the editor or it gets focus.
 */
import { Compartment, Prec, type Extension } from '@codemirror/state';
import { EditorView, ViewPlugin, keymap } from '@codemirror/view';

/** Which registry an editor's member names come from. */
export type NameKind = 'header' | 'payload';

/** What the lazy module gets from here instead of importing it (see there why). */
export const helpDeps = {
  EditorView,
  ViewPlugin,
  keymap,
  Prec,
};

/** The type of {@link helpDeps}. */
export type HelpDeps = typeof helpDeps;

/** Hover help and completion for one editor, loaded on first use. */
export function claimHelp(kind: NameKind): Extension {
  const compartment = new Compartment();
  let requested = false;
  const load = (view: EditorView) => {
    if (requested) return false;
    requested = true;
    void import('./claim-help-extensions').then(({ helpExtensions }) =>
      view.dispatch({ effects: compartment.reconfigure(helpExtensions(kind, helpDeps)) }),
    );
    return false;
  };
  return [
    compartment.of([]),
    EditorView.domEventHandlers({
      focus: (_event, view) => load(view),
      mouseover: (_event, view) => load(view),
    }),
  ];
}
