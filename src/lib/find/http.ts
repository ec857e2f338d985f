/**
 * HTTP headers that carry tokens: `Authorization` (RFC 6750 §2.1 Bearer,
 * RFC 9449 §7.1 DPoP), the `DPoP` proof header (RFC 9449 §4), `Cookie`
 * (RFC 6265 §4.2) and `Set-Cookie` (RFC 6265 §4.1), and headers holding a
 * URL (`Location` of a redirect carrying a fragment).
 */
import type { FoundSource } from './types';
import { percentDecode } from './url';

/** A piece of a header value that may hold a token, and how to describe it. */
export interface HeaderPart {
  /** The place without an article: "Authorization header (Bearer)". */
  phrase: string;
  source: FoundSource;
  value: string;
  /** Offset of `value` in the header value, when it stands there as written. */
  at?: number;
  /** The value is a URL: its query and fragment are read. */
  url?: boolean;
  /** "percent-decoded", when the value was. */
  note?: string;
}

/** Names as the specifications spell them. */
const CANONICAL: Record<string, string> = {
  authorization: 'Authorization',
  'proxy-authorization': 'Proxy-Authorization',
  cookie: 'Cookie',
  'set-cookie': 'Set-Cookie',
  dpop: 'DPoP',
  location: 'Location',
  'content-location': 'Content-Location',
  referer: 'Referer',
};

/** Headers that hold a URL. */
const URL_HEADERS = new Set(['location', 'content-location', 'referer']);

/** Headers recognised on a line of any text, outside an HTTP message too. */
export const TOKEN_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'dpop',
]);

/** One `name=value` cookie, its value unquoted (and percent-decoded, as many frameworks write it). */
export interface Cookie {
  name: string;
  value: string;
  at: number;
  decoded: boolean;
}

/** The cookies of a `Cookie` header value, or the first pair of a `Set-Cookie` value when `set`. */
export function cookies(text: string, set = false): Cookie[] {
  const found: Cookie[] = [];
  let start = 0;
  for (const pair of set ? [text.split(';')[0]!] : text.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) {
      let at = start + eq + 1;
      let raw = pair.slice(eq + 1);
      const lead = raw.length - raw.trimStart().length;
      raw = raw.trim();
      at += lead;
      if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
        raw = raw.slice(1, -1);
        at++;
      }
      const { value, decoded } = percentDecode(raw, false);
      found.push({ name: pair.slice(0, eq).trim(), value, at, decoded });
    }
    start += pair.length + 1;
  }
  return found;
}

/** The parts of one header that may hold tokens. */
export function headerParts(name: string, value: string): HeaderPart[] {
  const key = name.toLowerCase();
  const shown = CANONICAL[key] ?? name;
  if (key === 'authorization' || key === 'proxy-authorization') {
    const scheme = /^([A-Za-z][A-Za-z0-9._~+/-]*)[ \t]+(?=\S)/.exec(value);
    const source: FoundSource = key === 'authorization' ? 'authorization' : 'header';
    return scheme
      ? [
          {
            phrase: `${shown} header (${scheme[1]})`,
            source,
            value: value.slice(scheme[0].length),
            at: scheme[0].length,
          },
        ]
      : [{ phrase: `${shown} header`, source, value, at: 0 }];
  }
  if (key === 'cookie' || key === 'set-cookie') {
    const set = key === 'set-cookie';
    return cookies(value, set).map((c) => ({
      phrase: `${shown} header, cookie ${JSON.stringify(c.name)}`,
      source: set ? 'set-cookie' : 'cookie',
      value: c.value,
      ...(c.decoded ? { note: 'percent-decoded' } : { at: c.at }),
    }));
  }
  if (key === 'dpop') return [{ phrase: 'DPoP header', source: 'dpop', value, at: 0 }];
  return [{ phrase: `${shown} header`, source: 'header', value, at: 0, url: URL_HEADERS.has(key) }];
}

/** A header line `Name: value`: the name, and the value's offsets within the line. */
export function headerLine(line: string): { name: string; from: number; to: number } | undefined {
  const m = /^[ \t]*([A-Za-z0-9!#$%&'*+.^_`|~-]+)[ \t]*:[ \t]*/.exec(line);
  if (!m) return undefined;
  let to = line.length;
  while (to > m[0].length && /[ \t\r]/.test(line[to - 1]!)) to--;
  return { name: m[1]!, from: m[0].length, to };
}

/** An HTTP message's first line: a request line (with its target) or a status line (RFC 9112 §3, §4). */
export interface StartLine {
  kind: 'request' | 'response';
  /** The request target, and its offset in the line. */
  target?: { text: string; at: number };
}

const REQUEST_LINE =
  /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT) (\S+)(?: HTTP\/\d(?:\.\d)?)?[ \t]*$/;

/** The start line `line` is, if it opens an HTTP message. */
export function startLine(line: string): StartLine | undefined {
  if (/^HTTP\/\d(?:\.\d)? \d{3}\b/.test(line)) return { kind: 'response' };
  const request = REQUEST_LINE.exec(line);
  if (!request) return undefined;
  const text = request[1]!;
  return { kind: 'request', target: { text, at: line.indexOf(' ') + 1 } };
}
