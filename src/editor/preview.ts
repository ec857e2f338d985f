/**
 * Coloured ranges of an editor's text, kept apart from CodeMirror: the same
 * ranges become the editor's mark decorations and colour the static preview
 * that stands in for the editor until it is built (and in the prerendered
 * page, before any script has run). No CodeMirror here: the previews are
 * drawn without it (./mark-decorations.ts turns marks into decorations).
 */
/** A range of the text, `to` exclusive, and the class its mark gives it. */
export interface Mark {
  from: number;
  to: number;
  class: string;
}

/** A piece of one line of the preview: text, and its class when it is marked. */
export interface Run {
  text: string;
  class?: string;
}

/** The text as lines of runs, from marks in document order that do not overlap. */
export function previewLines(text: string, marks: readonly Mark[]): Run[][] {
  const lines: Run[][] = [[]];
  const push = (piece: string, className?: string) => {
    piece.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part)
        lines[lines.length - 1]!.push(
          className ? { text: part, class: className } : { text: part },
        );
    });
  };
  let at = 0;
  for (const mark of marks) {
    push(text.slice(at, mark.from));
    push(text.slice(mark.from, mark.to), mark.class);
    at = mark.to;
  }
  push(text.slice(at));
  return lines;
}

/** The most of a text a preview draws: its first lines, and its first characters. */
export const PREVIEW_LINES = 400;
export const PREVIEW_CHARS = 40_000;

/**
 * The part of `text` a preview draws, and whether any is left out: a payload
 * of 100,000 claims drew 100,000 lines of spans and held the tab for seconds.
 * The editor itself, once it loads, holds the whole text.
 */
export function previewPart(text: string): { text: string; cut: boolean } {
  let end = Math.min(text.length, PREVIEW_CHARS);
  let at = -1;
  for (let n = 0; n < PREVIEW_LINES; n++) {
    at = text.indexOf('\n', at + 1);
    if (at === -1 || at >= end) break;
    if (n === PREVIEW_LINES - 1) end = at;
  }
  return end < text.length ? { text: text.slice(0, end), cut: true } : { text, cut: false };
}
