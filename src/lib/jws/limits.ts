/**
 * How much text the page takes before it changes how it works, as data: a
 * hostile or mistaken paste must be answered with a sentence, never a frozen
 * tab. Measured: decoding a 10 MB token takes about a quarter of a second, but
 * colouring and re-indenting megabytes of JSON on every keystroke does not.
 */

/** One size threshold, in UTF-16 code units (what `string.length` counts). */
export interface SizeLimit {
  /** Above this many characters the limit applies. */
  chars: number;
  /** What the person reads when it does. */
  message: string;
}

/** The page's size limits. */
export const SIZE_LIMITS = {
  /** Above this, JSON is shown as written: not re-indented, coloured or marked. */
  plain: {
    chars: 2_000_000,
    message:
      'This is over 2 MB: it is decoded and checked, but shown as written, without colours, re-indenting or error marks, to keep the page responsive.',
  },
  /** Above this, the text is refused outright ("The token " + message). */
  refused: {
    chars: 16_000_000,
    message:
      'is over 16 MB, far beyond any real token or key, so it was not read. Paste a smaller one.',
  },
} as const satisfies Record<string, SizeLimit>;

/**
 * Above this many characters a text is read in steps, a task each (decode,
 * key, claims, findings, editors), with the verdict "checking" meanwhile: in
 * one task, 100,000 claims held the page for half a second.
 */
export const STEPPED_CHARS = 200_000;

/** How the page treats a text of this length. */
export type SizeClass = 'normal' | 'plain' | 'refused';

/** Which size class `text` falls into. */
export function sizeClass(text: string): SizeClass {
  if (text.length > SIZE_LIMITS.refused.chars) return 'refused';
  if (text.length > SIZE_LIMITS.plain.chars) return 'plain';
  return 'normal';
}
