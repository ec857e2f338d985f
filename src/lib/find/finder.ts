/**
 * The finder's dispatch: each container hands the strings it holds to the
 * reader that fits them (a header, a URL, JSON, a body, free text), and each
 * reader adds to the place's description, so a token is described from the
 * outside in: "request 3 of the HAR file (…), its Authorization header (Bearer)".
 * The HAR and curl readers (containers.ts) hand their pieces to it.
 */
import { Collector, type Place } from './collect';
import { contextBefore, LineCounter } from './context';
import { headerParts } from './http';
import { joseJsonAlg, jsonPath, jsonPhrase, walkJson, type JsonStep } from './json';
import { scanText, type Budget } from './text';
import type { FoundContainer, FoundSource, FoundTokens } from './types';
import { formParams, looksLikeUrl, urlParts } from './url';

/** How a string came to be read: the place it is in, as far as known. */
export interface Base {
  where: string;
  source: FoundSource;
  container: FoundContainer;
  /** JSONPath, set by JSON and HAR containers. */
  path?: string;
  /** Offset of the string in the input, when it stands there as written. */
  at?: number;
  note?: string;
}

/** A container's part of a {@link Base}: the reader adds the place and its kind. */
export type Within = Omit<Base, 'where' | 'source'>;

/** The shortest text that can hold a token: `{"alg":"x"}` is 15 characters, then `..`. */
const MIN_TOKEN = 17;

/** JSON inside a string inside JSON … is read this many levels deep. */
const MAX_NESTING = 4;

/** `the Authorization header`, or `request 3 of …, its Authorization header` inside an owner. */
export const noun = (owner: string | undefined, phrase: string): string =>
  owner ? `${owner}, its ${phrase}` : `the ${phrase}`;

const notes = (...n: (string | undefined)[]): string | undefined =>
  n.filter(Boolean).join('; ') || undefined;

/** Parse JSON, or undefined when it is not JSON. */
export function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** One input's finder: the list, the rejoining budget and the readers. */
export class Finder {
  readonly input: string;
  readonly #list: Collector;
  readonly #budget: Budget;
  readonly #lines: LineCounter;

  constructor(input: string) {
    this.input = input;
    this.#list = new Collector(input);
    // Rejoining wrapped tokens may read each character about twice, never more.
    this.#budget = { chars: 2 * input.length + 100_000 };
    this.#lines = new LineCounter(input);
  }

  /** The tokens found so far. */
  result(): FoundTokens {
    return this.#list.result();
  }

  /** Free text of the input itself, `from` to `to`: described by line. */
  text(from: number, to: number): void {
    scanText(this.input, from, to, this.#budget, (hit) =>
      this.#list.add(hit.text, hit.kind, hit.alg, () => {
        const ctx = contextBefore(this.input, hit.from);
        const first = this.#lines.lineOf(hit.from);
        const last = this.#lines.lineOf(hit.to);
        const line =
          first === last ? `line ${first} of the text` : `lines ${first}–${last} of the text`;
        const place: Place = {
          where: ctx ? `${line}, ${ctx.phrase}` : line,
          source: ctx?.source ?? 'text',
          container: 'text',
          from: hit.from,
          to: hit.to,
        };
        if (hit.note) place.note = hit.note;
        return place;
      }),
    );
  }

  /** A string a container holds: JSON, a URL, or text with tokens in it. */
  value(value: string, base: Base, depth = 0): void {
    // Shorter than the smallest token (a 15-character header and two dots): most strings are.
    if (value.length < MIN_TOKEN) return;
    const trimmed = value.trim();
    if (depth < MAX_NESTING && /^[[{]/.test(trimmed)) {
      const parsed = parseJson(trimmed);
      if (parsed) return this.json(parsed.value, base.where, base, depth + 1, trimmed);
    }
    if (depth < MAX_NESTING && looksLikeUrl(trimmed))
      return this.url(trimmed, base.where, base, depth + 1);
    const lines = value.includes('\n') ? new LineCounter(value) : undefined;
    scanText(value, 0, value.length, this.#budget, (hit) =>
      this.#list.add(hit.text, hit.kind, hit.alg, () => {
        const ctx = contextBefore(value, hit.from);
        const line = lines ? `, line ${lines.lineOf(hit.from)}` : '';
        const place: Place = {
          where: `${base.where}${line}${ctx ? `, ${ctx.phrase}` : ''}`,
          source: ctx?.source ?? base.source,
          container: base.container,
        };
        if (base.path !== undefined) place.path = base.path;
        if (base.at !== undefined) {
          place.from = base.at + hit.from;
          place.to = base.at + hit.to;
        }
        const note = notes(base.note, hit.note);
        if (note) place.note = note;
        return place;
      }),
    );
  }

  /**
   * Parsed JSON: every string read as a value, every JOSE JSON serialization
   * listed whole (`text` is the JSON as written, when `root` is all of it).
   */
  json(root: unknown, owner: string | undefined, base: Within, depth = 0, text?: string): void {
    // The root of JSON inside a container is the container's place itself.
    const within = (at: JsonStep | undefined) =>
      owner ? (at ? `${owner}, ${jsonPhrase(at)}` : owner) : jsonPhrase(at);
    for (const visit of walkJson(root)) {
      // The path names the outermost JSON document: a HAR, or JSON around JSON in a string.
      const path = () => base.path ?? jsonPath(visit.at);
      if ('string' in visit) {
        if (visit.string.length < MIN_TOKEN) continue;
        // Described only when read: describing costs more than scanning most strings.
        const at = visit.at;
        const place: Base = {
          ...base,
          get where() {
            return within(at);
          },
          source: 'json',
          get path() {
            return base.path ?? jsonPath(at);
          },
          at: undefined,
        };
        this.value(visit.string, place, depth);
        continue;
      }
      const whole = visit.at === undefined && text !== undefined;
      this.#list.add(
        whole ? text : JSON.stringify(visit.object),
        visit.jose,
        joseJsonAlg(visit.object),
        () => {
          const place: Place = {
            where: within(visit.at),
            source: 'json',
            container: base.container,
          };
          const p = path();
          if (p !== undefined) place.path = p;
          return place;
        },
      );
    }
  }

  /** A URL: tokens in its path, query and fragment. */
  url(url: string, owner: string | undefined, base: Within, depth = 0): void {
    const parts = urlParts(url);
    const at =
      base.at !== undefined && url === this.input.slice(base.at, base.at + url.length)
        ? base.at
        : undefined;
    this.value(
      parts.path,
      { ...base, where: noun(owner, "URL's path"), source: 'url-path', at },
      MAX_NESTING,
    );
    for (const [part, params] of [
      ['query', parts.query],
      ['fragment', parts.fragment],
    ] as const) {
      for (const p of params) {
        if (p.value.length < MIN_TOKEN) continue;
        const where = noun(owner, `URL ${part}${p.name ? `'s ${p.name}` : ''}`);
        const source = part === 'query' ? 'url-query' : 'url-fragment';
        const note = notes(base.note, p.decoded ? 'percent-decoded' : undefined);
        this.value(
          p.value,
          { ...base, where, source, at: undefined, ...(note ? { note } : {}) },
          depth,
        );
      }
    }
  }

  /** One header, `name: value`; `base.at` is the value's offset in the input. */
  header(name: string, value: string, owner: string | undefined, base: Within, depth = 0): void {
    for (const part of headerParts(name, value)) {
      const where = noun(owner, part.phrase);
      const at = base.at !== undefined && part.at !== undefined ? base.at + part.at : undefined;
      const note = notes(base.note, part.note);
      const inner = { ...base, source: part.source, at, ...(note ? { note } : {}) };
      if (part.url) this.url(part.value.trim(), where, inner, depth + 1);
      else this.value(part.value, { ...inner, where }, depth);
    }
  }

  /** A request or response body: JSON, form fields, or text. */
  body(text: string, owner: string, base: Within, form: boolean, depth = 0): void {
    const trimmed = text.trim();
    const parsed = /^[[{]/.test(trimmed) ? parseJson(trimmed) : undefined;
    if (parsed) return this.json(parsed.value, owner, base, depth + 1, trimmed);
    if (form || /^[^\s=&]+=[^\s]*$/.test(trimmed)) {
      for (const p of formParams(trimmed)) {
        const note = notes(base.note, p.decoded ? 'percent-decoded' : undefined);
        const where = p.name ? `${owner}, field ${JSON.stringify(p.name)}` : owner;
        this.value(
          p.value,
          { ...base, where, source: 'form', at: undefined, ...(note ? { note } : {}) },
          depth,
        );
      }
      return;
    }
    this.value(text, { ...base, where: owner, source: 'text' }, depth);
  }
}
