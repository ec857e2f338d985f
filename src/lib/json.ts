/**
 * A JSON reader that sees what `JSON.parse` hides: where a syntax error is,
 * where each member of an object stands, member names that appear twice, and
 * numbers exactly as written. It also formats and minifies JSON from its own
 * tokens, so numbers beyond double precision and duplicate members survive a
 * round trip through the editors.
 */

/** A member of an object, with its offsets in the text (`to` exclusive). */
export interface JsonMember {
  /** Dotted path of the object holding it: '' for the top level. */
  path: string;
  name: string;
  nameFrom: number;
  nameTo: number;
  valueFrom: number;
  valueTo: number;
}

/** What a successful scan learned besides the value. */
export interface JsonScan {
  members: JsonMember[];
  /** Members whose name already appeared in the same object (the later ones). */
  duplicates: JsonMember[];
}

/** A syntax error, with the offset of the offending character. */
export interface JsonSyntaxError {
  message: string;
  position: number;
  line: number;
  column: number;
}

/** Nesting deeper than this is refused instead of risking the call stack. */
export const MAX_JSON_DEPTH = 512;

/** A lexical token of JSON text, with its offsets. */
export type JsonToken =
  | { kind: 'punct'; text: '{' | '}' | '[' | ']' | ':' | ','; from: number; to: number }
  | { kind: 'string'; text: string; from: number; to: number }
  | { kind: 'literal'; text: string; from: number; to: number };
type Token = JsonToken;

class ScanError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Control characters must be escaped inside JSON strings (RFC 8259 §7).
// eslint-disable-next-line no-control-regex
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the text';
  if (ch === '\n') return 'a line break';
  return `'${ch}'`;
}

function* tokenize(text: string): Generator<Token> {
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

/** Line and column (1-based) of an offset, for messages people can follow. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

class Scanner {
  readonly members: JsonMember[] = [];
  readonly duplicates: JsonMember[] = [];
  private readonly tokens: Generator<Token>;
  private current: Token | undefined;
  /** Offset just past the last token consumed: where a member's value ends. */
  private lastTo = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
    this.advance();
  }

  private advance(): void {
    if (this.current) this.lastTo = this.current.to;
    const r = this.tokens.next();
    this.current = r.done ? undefined : r.value;
  }

  private where(): number {
    return this.current?.from ?? this.text.length;
  }

  private found(): string {
    return this.current ? describe(this.current.text[0]) : describe(undefined);
  }

  private isPunct(p: string): boolean {
    return this.current?.kind === 'punct' && this.current.text === p;
  }

  private expectPunct(p: string, what: string): void {
    if (!this.isPunct(p))
      throw new ScanError(`expected ${what}, found ${this.found()}`, this.where());
    this.advance();
  }

  document(): void {
    this.value('', 0);
    if (this.current)
      throw new ScanError(
        `unexpected ${this.found()} after the end of the JSON value`,
        this.where(),
      );
  }

  private value(path: string, depth: number): void {
    if (depth > MAX_JSON_DEPTH)
      throw new ScanError(`nested deeper than ${MAX_JSON_DEPTH} levels`, this.where());
    const token = this.current;
    if (!token)
      throw new ScanError('expected a value, found the end of the text', this.text.length);
    if (this.isPunct('{')) return this.object(path, depth);
    if (this.isPunct('[')) return this.array(path, depth);
    if (token.kind === 'punct')
      throw new ScanError(`expected a value, found '${token.text}'`, token.from);
    this.advance();
  }

  private object(path: string, depth: number): void {
    this.advance();
    if (this.isPunct('}')) return this.advance();
    const seen = new Set<string>();
    for (;;) {
      const nameToken = this.current;
      if (nameToken?.kind !== 'string')
        throw new ScanError(
          `expected a member name in double quotes, found ${this.found()}`,
          this.where(),
        );
      const name = JSON.parse(nameToken.text) as string;
      this.advance();
      this.expectPunct(':', "':' after the member name");
      const valueFrom = this.where();
      this.value(path ? `${path}.${name}` : name, depth + 1);
      const member: JsonMember = {
        path,
        name,
        nameFrom: nameToken.from,
        nameTo: nameToken.to,
        valueFrom,
        valueTo: this.lastTo,
      };
      this.members.push(member);
      if (seen.has(name)) this.duplicates.push(member);
      seen.add(name);
      if (!this.isPunct(',')) return this.expectPunct('}', "',' or '}'");
      this.advance();
    }
  }

  private array(path: string, depth: number): void {
    this.advance();
    if (this.isPunct(']')) return this.advance();
    for (let index = 0; ; index++) {
      this.value(`${path}[${index}]`, depth + 1);
      if (!this.isPunct(',')) return this.expectPunct(']', "',' or ']'");
      this.advance();
    }
  }
}

/** The result of {@link scanJson}. */
export type ScanResult = { ok: true; scan: JsonScan } | { ok: false; error: JsonSyntaxError };

/**
 * Check the syntax of `text` and record its members and duplicates. The value
 * itself comes from `JSON.parse`, which is faster; this finds what it hides.
 */
export function scanJson(text: string): ScanResult {
  try {
    const scanner = new Scanner(text);
    scanner.document();
    return { ok: true, scan: { members: scanner.members, duplicates: scanner.duplicates } };
  } catch (e) {
    if (!(e instanceof ScanError)) throw e;
    return {
      ok: false,
      error: { message: e.message, position: e.position, ...lineColumn(text, e.position) },
    };
  }
}

function countMembers(value: unknown, depth = 0): number {
  if (value === null || typeof value !== 'object' || depth > MAX_JSON_DEPTH) return 0;
  let n = Array.isArray(value) ? 0 : Object.keys(value).length;
  for (const child of Object.values(value)) n += countMembers(child, depth + 1);
  return n;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** The member names in valid JSON text: a ':' outside a string follows one, and only one. */
function countMemberNames(text: string): number {
  let names = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === COLON) names++;
  }
  return names;
}

/**
 * True when `text` (valid JSON that parsed to `value`) names a member twice in
 * one object: `JSON.parse` keeps only the last, so the text then has more
 * member names than the value has members. Much cheaper than a full scan.
 */
export function hasDuplicateMembers(text: string, value: unknown): boolean {
  return countMemberNames(text) !== countMembers(value);
}

/**
 * A {@link JsonScan} of valid JSON computed only when first read; duplicates
 * are known to be none without scanning when the member count says so. A
 * class rather than closures: one is made for every part of every keystroke.
 */
class LazyScan implements JsonScan {
  readonly #text: string;
  readonly #value: unknown;
  #scan: JsonScan | undefined;
  #duplicates: JsonMember[] | undefined;

  constructor(text: string, value: unknown) {
    this.#text = text;
    this.#value = value;
  }

  #full(): JsonScan {
    if (!this.#scan) {
      const result = scanJson(this.#text);
      this.#scan = result.ok ? result.scan : { members: [], duplicates: [] };
    }
    return this.#scan;
  }

  get members(): JsonMember[] {
    return this.#full().members;
  }

  get duplicates(): JsonMember[] {
    this.#duplicates ??= hasDuplicateMembers(this.#text, this.#value)
      ? this.#full().duplicates
      : [];
    return this.#duplicates;
  }
}

/** The scan of valid JSON `text` that parsed to `value`, computed when first read. */
export const lazyScan = (text: string, value: unknown): JsonScan => new LazyScan(text, value);

/**
 * Re-indent JSON from its tokens, keeping every number, string and duplicate
 * member exactly as written. `text` must already have scanned cleanly.
 */
export function formatJson(text: string, indent = 2): string {
  return layout(text, ' '.repeat(indent));
}

/** The shortest form of `text`, again keeping every token as written. */
export function minifyJson(text: string): string {
  return layout(text, null);
}

function layout(text: string, unit: string | null): string {
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
        break;
      }
      case '}':
      case ']':
        depth--;
        out += lineBreak() + t.text;
        break;
      case ',':
        out += ',' + lineBreak();
        break;
      case ':':
        out += unit === null ? ':' : ': ';
        break;
    }
  }
  return out;
}
