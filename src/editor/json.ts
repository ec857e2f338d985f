/**
 * JSON editing: colours from the engine's own tokenizer and problem marks from
 * its scanner, whose messages name the problem the way the rest of the page
 * does. A full Lezer grammar would cost the first screen some 25 KB gzipped
 * for the same colours.
 */
import { RangeSetBuilder, type Extension } from '@codemirror/state';
import {
  Decoration,
  ViewPlugin,
  type DecorationSet,
  type EditorView,
  type ViewUpdate,
} from '@codemirror/view';
import { jsonTokens, scanJson } from '../lib/json';
import { sizeClass } from '../lib/limits';
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

const property = Decoration.mark({ class: 'tok-property' });
const string = Decoration.mark({ class: 'tok-string' });
const number = Decoration.mark({ class: 'tok-number' });
const literal = Decoration.mark({ class: 'tok-literal' });

/** Colour marks for the JSON in `text`: member names, strings, numbers, literals. */
export function jsonDecorations(text: string): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  if (sizeClass(text) !== 'normal') return builder.finish(); // too large to colour on each keystroke
  let pendingString: { from: number; to: number } | undefined;
  const flush = (isName: boolean) => {
    if (pendingString)
      builder.add(pendingString.from, pendingString.to, isName ? property : string);
    pendingString = undefined;
  };
  for (const t of jsonTokens(text)) {
    // A string is a member name when a ':' follows it.
    if (pendingString) flush(t.kind === 'punct' && t.text === ':');
    if (t.kind === 'string') pendingString = { from: t.from, to: t.to };
    else if (t.kind === 'literal')
      builder.add(t.from, t.to, /^[-\d]/.test(t.text) ? number : literal);
  }
  flush(false);
  return builder.finish();
}

/** JSON colouring and linting. */
export function jsonEditing(): Extension {
  const colours = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = jsonDecorations(view.state.doc.toString());
      }
      update(update: ViewUpdate) {
        if (update.docChanged) this.decorations = jsonDecorations(update.state.doc.toString());
      }
    },
    { decorations: (v) => v.decorations },
  );
  return [colours, computedProblems(jsonProblems)];
}
