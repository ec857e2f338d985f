/**
 * JSON editing: colours from the engine's own tokenizer and problem marks from
 * its scanner, whose messages name the problem the way the rest of the page
 * does. A full Lezer grammar would cost the first screen some 25 KB gzipped
 * for the same colours.
 */
import type { Extension } from '@codemirror/state';
import { ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';
import { scanJson } from '../lib/json/scan';
import { sizeClass } from '../lib/jws/limits';
import { jsonMarks } from './colours';
import { markDecorations } from './mark-decorations';
import { computedProblems, type Problem } from './problems';

/** Diagnostics for JSON text: a syntax error, and member names given twice. */
export function jsonProblems(text: string): Problem[] {
  if (text.trim() === '' || sizeClass(text) !== 'normal') return [];
  const scanned = scanJson(text);
  if (!scanned.ok) {
    const from = Math.min(scanned.error.position, text.length);
    return [
      {
        from,
        to: Math.min(from + 1, text.length),
        severity: 'error',
        message: `Invalid JSON: ${scanned.error.message}.`,
      },
    ];
  }
  return scanned.scan.duplicates.map((m) => ({
    from: m.nameFrom,
    to: m.nameTo,
    severity: 'warning',
    message: `"${m.name}" appears more than once: parsers disagree on which value wins.`,
  }));
}

/** JSON colouring and linting. */
export function jsonEditing(): Extension {
  const colours = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = markDecorations(jsonMarks(view.state.doc.toString()));
      }
      update(update: ViewUpdate) {
        if (update.docChanged)
          this.decorations = markDecorations(jsonMarks(update.state.doc.toString()));
      }
    },
    { decorations: (v) => v.decorations },
  );
  return [colours, computedProblems(jsonProblems)];
}
