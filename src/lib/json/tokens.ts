/**
 * JSON as tokens: the lexer the scanner in json.ts reads, the token stream the
 * editor colours, and formatting and minifying that lay the same tokens out
 * again, so numbers beyond double precision and duplicate members survive a
 * round trip through the editors.
 */

/** A lexical token of JSON text, with its offsets. */
export type JsonToken =
  | { kind: 'punct'; text: '{' | '}' | '[' | ']' | ':' | ','; from: number; to: number }
  | { kind: 'string'; text: string; from: number; to: number }
  | { kind: 'literal'; text: string; from: number; to: number };

/** A syntax error at `position`, thrown while lexing and scanning; scanJson returns it as a value. */
export class ScanError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Control characters must be escaped inside JSON strings (RFC 8259 §7). The loop
// is unrolled (plain characters, then an escape and plain characters again):
// `(?:plain|escape)*` keeps a backtracking entry per character, and overflows
// the regex stack on a string of some megabytes.
const STRING_BODY =
  // eslint-disable-next-line no-control-regex
  /[^"\\\u0000-\u001f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\u0000-\u001f]*)*/y;

/** A character as a message names it: `'x'`, a line break, or the end of the text. */
export function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the text';
  if (ch === '\n') return 'a line break';
  return `'${ch}'`;
}

/** The tokens of `text`; throws a {@link ScanError} at the first lexical error. */
export function* tokenize(text: string): Generator<JsonToken> {
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (WS.has(ch)) {
      i++;
      continue;
    }
    if ('{}[]:,'.includes(ch)) {
      yield { kind: 'punct', text: ch as '{', from: i, to: i + 1 };
      i++;
    } else if (ch === '"') {
      STRING_BODY.lastIndex = i + 1;
      STRING_BODY.exec(text);
      const end = STRING_BODY.lastIndex;
      if (text[end] !== '"') {
        const bad = text[end];
        if (bad === undefined) throw new ScanError('a string is not closed with "', i);
        if (bad === '\\') throw new ScanError('invalid escape sequence in a string', end);
        throw new ScanError(`${describe(bad)} must be escaped inside a string`, end);
      }
      yield { kind: 'string', text: text.slice(i, end + 1), from: i, to: end + 1 };
      i = end + 1;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) throw new ScanError(`invalid number`, i);
      yield { kind: 'literal', text: m[0], from: i, to: i + m[0].length };
      i += m[0].length;
    } else {
      const word = /^(true|false|null)/.exec(text.slice(i, i + 5));
      if (!word) throw new ScanError(`unexpected ${describe(ch)}`, i);
      yield { kind: 'literal', text: word[1]!, from: i, to: i + word[1]!.length };
      i += word[1]!.length;
    }
  }
}

/**
 * The tokens of `text` up to the first lexical error, for highlighting: a
 * half-typed document still colours everything before the mistake.
 */
export function* jsonTokens(text: string): Generator<JsonToken> {
  try {
    yield* tokenize(text);
  } catch (e) {
    if (!(e instanceof ScanError)) throw e;
  }
}

/**
 * Re-indent JSON from its tokens, keeping every number, string and duplicate
 * member exactly as written. `text` must already have scanned cleanly.
 */
export function formatJson(text: string, indent = 2): string {
  return layout(text, ' '.repeat(indent))!;
}

/**
 * `text` re-indented, or undefined as soon as the result would pass
 * `maxChars`: indentation grows with the square of the nesting depth, so a
 * small, deeply nested text can become hundreds of megabytes.
 */
export function formatJsonWithin(text: string, maxChars: number): string | undefined {
  return layout(text, '  ', maxChars);
}

/** The shortest form of `text`, again keeping every token as written. */
export function minifyJson(text: string): string {
  return layout(text, null)!;
}

function layout(text: string, unit: string | null, maxChars = Infinity): string | undefined {
  const tokens = [...tokenize(text)];
  let out = '';
  let depth = 0;
  const lineBreak = () => (unit === null ? '' : '\n' + unit.repeat(depth));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') {
      out += t.text;
      continue;
    }
    switch (t.text) {
      case '{':
      case '[': {
        const after = tokens[i + 1];
        if (after?.kind === 'punct' && (after.text === '}' || after.text === ']')) {
          out += t.text + after.text;
          i++;
          break;
        }
        depth++;
        out += t.text + lineBreak();
        if (out.length > maxChars) return undefined;
        break;
      }
      case '}':
      case ']':
        depth--;
        out += lineBreak() + t.text;
        break;
      case ',':
        out += ',' + lineBreak();
        if (out.length > maxChars) return undefined;
        break;
      case ':':
        out += unit === null ? ':' : ': ';
        break;
    }
  }
  return out;
}
