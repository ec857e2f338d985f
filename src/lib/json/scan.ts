/**
 * A JSON reader that sees what `JSON.parse` hides: where a syntax error is,
 * where each member of an object stands, member names that appear twice, and
 * numbers exactly as written; and that scan computed lazily for JSON that has
 * already parsed. The lexer, and the formatting and minifying that work from
 * its tokens, are in json-tokens.ts and exported from here as well.
 */
import { describe, ScanError, tokenize, type JsonToken } from './tokens';

export { formatJson, formatJsonWithin, jsonTokens, minifyJson, type JsonToken } from './tokens';

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
  private readonly tokens: Generator<JsonToken>;
  private current: JsonToken | undefined;
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
  // Loops, not Object.keys and Object.values: no arrays made on every keystroke.
  let n = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) n += countMembers(value[i], depth + 1);
    return n;
  }
  const members = value as Record<string, unknown>;
  for (const name in members) {
    if (!Object.hasOwn(members, name)) continue;
    n += 1 + countMembers(members[name], depth + 1);
  }
  return n;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/**
 * Visit each character (as a UTF-16 code) of JSON text that lies outside its
 * strings, their quotes excluded, in order; `visit` returning false stops.
 */
export function eachOutsideStrings(
  text: string,
  visit: (code: number, at: number) => boolean | void,
): void {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (visit(c, i) === false) return;
  }
}

/** The member names in valid JSON text: a ':' outside a string follows one, and only one. */
function countMemberNames(text: string): number {
  // The loop of eachOutsideStrings, inlined: it runs on every part of every keystroke.
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
