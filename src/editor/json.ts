/**
 * JSON editing: colours from the engine's own tokenizer and problem marks from
 * its scanner, whose messages name the problem the way the rest of the page
 * does. A full Lezer grammar would cost the first screen some 25 KB gzipped
 * for the same colours.
 */
import type { Extension } from '@codemirror/state';
import { ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';
import { jsonTokens, scanJson } from '../lib/json/scan';
import { sizeClass } from '../lib/jws/limits';
import { markDecorations, type Mark } from './preview';
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

/** Colours for the JSON in `text`: member names, strings, numbers, literals. */
export function jsonMarks(text: string): Mark[] {
  const marks: Mark[] = [];
  if (sizeClass(text) !== 'normal') return marks; // too large to colour on each keystroke
  let pendingString: { from: number; to: number } | undefined;
  const flush = (isName: boolean) => {
    if (pendingString)
      marks.push({ ...pendingString, class: isName ? 'tok-property' : 'tok-string' });
    pendingString = undefined;
  };
  for (const t of jsonTokens(text)) {
    // A string is a member name when a ':' follows it.
    if (pendingString) flush(t.kind === 'punct' && t.text === ':');
    if (t.kind === 'string') pendingString = { from: t.from, to: t.to };
    else if (t.kind === 'literal')
      marks.push({
        from: t.from,
        to: t.to,
        class: /^[-\d]/.test(t.text) ? 'tok-number' : 'tok-literal',
      });
  }
  flush(false);
  return marks;
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
